import { authorize } from '../../shared/auth/permissions';
import type { CarrierState } from '../../shared/ledger/carrier';
import type { CarrierEvent } from '../../shared/ledger/events';
import { numberInPattern, type ImportRow } from '../../shared/ledger/import';
import { counterKey, registryNumber } from '../../shared/ledger/registry';
import { transition } from '../../shared/ledger/transition';
import { ok, refuse, type Result } from '../../shared/result';
import { CarriersRepo, eventDoc, eventRowOf } from './carriers.repo';
import { asRow, carrierRow, countersTable, ledgerContext, loadPeople, normalizeRegistryNumber, StaleError, withVault, type CarrierEventDoc, type VaultSource } from './ledgerAccess';
import { sameBytes } from './people.repo';
import type { CarrierEventRow, CarrierRow, CounterRow, SettingRow } from './schema';

/**
 * Where each imported row's dedup key is kept: `settings` rows keyed by the blinded key (keyed
 * HMAC of the row's normalised content, shared/ledger/import.ts importKey), holding the carrier's id
 * sealed. A lookup is one primary-key read; on disk it shows only how many rows were ever imported.
 */
const IMPORT_KEY_PREFIX = 'ledger.import:';

export type ImportPhase = 'checking' | 'encrypting' | 'writing';
export interface ImportProgress {
  phase: ImportPhase;
  done: number;
  total: number;
}

export interface ImportOutcome {
  importId: string;
  imported: number;
  /** Rows already in the ledger (the same row imported before, or its registry number taken). */
  duplicates: number;
  /** Rows given a registry number here (the file had none for them). */
  numbered: number;
}

/** Rows encrypted per step before the progress bar moves (and the page gets to paint). */
const ENCRYPT_BATCH = 500;
/** Rows checked per step: their blind indexes computed together, then one read for the batch. */
const CHECK_BATCH = 2000;

/**
 * 导入台账: registers the valid rows of an old ledger all-or-nothing. Everything is read, checked and
 * encrypted first (with progress); then one transaction writes every carrier, its registration
 * event, the counters and the dedup keys, with one audit entry summarising the import. A failure
 * anywhere (a row refused by the rules, the disk, a change meanwhile) writes nothing.
 */
export class CarrierImportRepo {
  constructor(private readonly source: VaultSource) {}

  import(rows: readonly ImportRow[], onProgress: (p: ImportProgress) => void = () => undefined): Promise<Result<ImportOutcome>> {
    return withVault(this.source, async (v) => {
      const allowed = authorize(v.session.roles, 'ledger.import');
      if (!allowed.ok) return allowed;
      const pattern = await new CarriersRepo(this.source).registryPattern();
      if (!pattern.ok) return pattern;
      const people = await loadPeople(v);
      const ctx = ledgerContext(v, people);

      // 1. Which rows are already in the ledger, or twice in the file. The blind indexes of a batch
      //    are computed together and looked up with one read each (the dedup keys by primary key,
      //    the registry numbers on their index); the rows are then decided one by one, in order.
      const fresh: { row: ImportRow; keyToken: string }[] = [];
      const seenKeys = new Set<string>();
      const seenNumbers = new Set<string>();
      let duplicates = 0;
      for (let at = 0; at < rows.length; at += CHECK_BATCH) {
        onProgress({ phase: 'checking', done: at, total: rows.length });
        const batch = rows.slice(at, at + CHECK_BATCH);
        const numbers = batch.map((row) => normalizeRegistryNumber(row.registryNumber));
        const [keyTokens, numberTokens] = await Promise.all([
          Promise.all(batch.map((row) => v.cipher.blind('carrier.import', row.key))),
          Promise.all(numbers.map((n) => (n ? v.cipher.blind('carrier.registry', n) : Promise.resolve('')))),
        ]);
        const wanted = [...new Set(numberTokens.filter((t) => t !== ''))];
        const [storedKeys, takenTokens] = await Promise.all([
          v.db.settings.bulkGet(keyTokens.map((t) => IMPORT_KEY_PREFIX + t)),
          wanted.length > 0 ? v.db.carriers.where('regToken').anyOf(wanted).keys() : Promise.resolve([]),
        ]);
        const taken = new Set(takenTokens.map(String));
        for (const [j, row] of batch.entries()) {
          const keyToken = keyTokens[j] ?? '';
          const number = numbers[j];
          if (seenKeys.has(keyToken) || storedKeys[j]) {
            duplicates++;
            continue;
          }
          if (number) {
            if (seenNumbers.has(number)) return refuse('IMPORT_NUMBER_TWICE', { line: row.line, number: row.registryNumber });
            if (taken.has(numberTokens[j] ?? '')) {
              duplicates++;
              continue;
            }
            seenNumbers.add(number);
          }
          seenKeys.add(keyToken);
          fresh.push({ row, keyToken });
        }
      }

      // 2. Registry numbers: rows keep the number on their label; the counters move past any such
      //    number their pattern would give, and rows without one draw the next numbers.
      const now = v.now();
      const unitCode = v.session.unit.code;
      const counters = new Map<string, { next: number }>();
      const counterOf = async (key: string) => {
        let c = counters.get(key);
        if (!c) {
          const stored = await v.db.counters.get(await v.cipher.blind('counter', key));
          c = { next: stored ? (await countersTable.fromRow(v.cipher, asRow(stored))).next : 1 };
          counters.set(key, c);
        }
        return c;
      };
      for (const { row } of fresh) {
        if (!row.registryNumber) continue;
        const hit = numberInPattern(pattern.value, { level: row.input.record.level, kind: row.input.record.details.kind, unitCode }, row.registryNumber);
        if (hit) {
          const c = await counterOf(hit.key);
          c.next = Math.max(c.next, hit.seq + 1);
        }
      }
      const numbers: string[] = [];
      let numbered = 0;
      for (const { row } of fresh) {
        if (row.registryNumber) {
          numbers.push(row.registryNumber);
          continue;
        }
        const vars = { year: now.getFullYear(), level: row.input.record.level, kind: row.input.record.details.kind, unitCode };
        const c = await counterOf(counterKey(pattern.value, vars));
        numbers.push(registryNumber(pattern.value, vars, c.next++));
        numbered++;
      }
      const counterBefore = new Map<string, Uint8Array | undefined>();
      const counterRows: CounterRow[] = [];
      for (const [key, c] of counters) {
        const id = await v.cipher.blind('counter', key);
        counterBefore.set(id, (await v.db.counters.get(id))?.ct);
        counterRows.push((await countersTable.toRow(v.cipher, { id, key, next: c.next })) as unknown as CounterRow);
      }

      // 3. The rules decide each registration, then everything is encrypted in batches.
      const importId = crypto.randomUUID();
      const states: CarrierState[] = [];
      const docs: CarrierEventDoc[] = [];
      for (const [i, { row }] of fresh.entries()) {
        const event: CarrierEvent = {
          type: 'registered',
          carrierId: crypto.randomUUID(),
          registryNumber: numbers[i] ?? '',
          kind: row.input.record.details.kind,
          record: row.input.record,
          custodianId: row.input.custodianId,
          place: row.input.place,
        };
        const next = transition(null, event, ctx);
        if (!next.ok) return refuse('IMPORT_ROW_REFUSED', { line: row.line, code: next.error.code });
        states.push(next.value);
        docs.push(eventDoc(v, next.value, event, ctx.at));
      }
      const carrierRows: CarrierRow[] = [];
      const eventRows: CarrierEventRow[] = [];
      const keyRows: SettingRow[] = [];
      for (let at = 0; at < fresh.length; at += ENCRYPT_BATCH) {
        onProgress({ phase: 'encrypting', done: at, total: fresh.length });
        const batch = await Promise.all(
          fresh.slice(at, at + ENCRYPT_BATCH).map(async (item, j) => {
            const state = states[at + j] as CarrierState;
            const doc = docs[at + j] as CarrierEventDoc;
            const key = IMPORT_KEY_PREFIX + item.keyToken;
            const [c, e, ct] = await Promise.all([carrierRow(v.cipher, state), eventRowOf(v, doc), v.cipher.seal('settings', key, { carrierId: state.id, importId })]);
            return { c, e, k: { key, ct } };
          }),
        );
        for (const { c, e, k } of batch) {
          carrierRows.push(c);
          eventRows.push(e);
          keyRows.push(k);
        }
      }
      onProgress({ phase: 'writing', done: fresh.length, total: fresh.length });

      // 4. One transaction: all of it or nothing.
      if (fresh.length > 0) {
        await v.commit([v.db.carriers, v.db.carrierEvents, v.db.counters, v.db.settings], async () => {
          for (const [id, before] of counterBefore) {
            const current = await v.db.counters.get(id);
            if ((current === undefined) !== (before === undefined) || (current && before && !sameBytes(current.ct, before))) throw new StaleError('counters');
          }
          // All requests at once: IndexedDB works through them while the next table's are still being made.
          await Promise.all([
            v.db.counters.bulkPut(counterRows),
            v.db.carriers.bulkAdd(carrierRows),
            v.db.carrierEvents.bulkAdd(eventRows),
            v.db.settings.bulkAdd(keyRows),
          ]);
        }, [{ action: 'ledger.imported', detail: importDetail(importId, states, duplicates, numbered) }]);
      }
      return ok({ importId, imported: fresh.length, duplicates, numbered });
    });
  }
}

/*
 * One audit entry for the whole import: how many, which registry numbers (first and last), by
 * level; no titles or other content (the 安全审计员 reads it). Each carrier's own registration
 * event keeps everything.
 */
function importDetail(importId: string, states: readonly CarrierState[], duplicates: number, numbered: number): Record<string, unknown> {
  const byLevel: Record<string, number> = {};
  for (const s of states) byLevel[s.level] = (byLevel[s.level] ?? 0) + 1;
  return {
    importId,
    imported: states.length,
    duplicates,
    numbered,
    byLevel,
    firstRegistryNumber: states[0]?.registryNumber ?? null,
    lastRegistryNumber: states[states.length - 1]?.registryNumber ?? null,
  };
}
