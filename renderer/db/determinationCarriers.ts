import { applicationEvent, carrierEffect, carrierTermsAfter, floorOver } from '../../shared/determination/carrierLevel';
import type { DeterminationRecord, DeterminationState } from '../../shared/determination/records';
import { isClosed, type CarrierState } from '../../shared/ledger/carrier';
import { ok, type Result } from '../../shared/result';
import { prepareCarrierEvent, type PreparedCarrierEvent } from './carriers.repo';
import { asRow, carriersTable, ledgerContext, loadPeople } from './ledgerAccess';
import type { Vault } from './ledgerStore';

/** A carrier the decision covers but does not change, and why (its audit entry says so). */
export interface SkippedCarrier {
  carrierId: string;
  /** 'missing': not in this ledger; otherwise the closed status (destroyed, dispatched, returned to issuer). */
  reason: string;
}

export interface CarrierApplications {
  prepared: PreparedCarrierEvent[];
  skipped: SkippedCarrier[];
}

/**
 * A decided determination record applied to the ledger: every carrier it covers — and the copies
 * made from them, which keep their original's level, period and scope — gets a
 * `determinationApplied` event, checked by the ledger's own rules and encrypted here, to be written
 * in the same transaction as the record. Destroyed (or otherwise closed) carriers are not changed.
 * A refusal of the ledger's rules refuses the decision: nothing is half-applied.
 *
 * `statesCovering(ids)` gives the stored determinations covering any of the carriers; `after`
 * replaces its own stored state, so the carrier's terms are those of the highest live one *after*
 * the decision.
 */
export async function prepareCarrierApplications(
  v: Vault,
  before: DeterminationState | null,
  record: DeterminationRecord,
  after: DeterminationState,
  statesCovering: (carrierIds: readonly string[]) => Promise<DeterminationState[]>,
): Promise<Result<CarrierApplications>> {
  const effect = carrierEffect(before, record);
  if (!effect) return ok({ prepared: [], skipped: [] });
  const { carriers, skipped } = await reach(v, effect.carrierIds);
  if (carriers.length === 0) return ok({ prepared: [], skipped });

  const allIds = [...new Set(carriers.flatMap((c) => c.covering))];
  const states = [...(await statesCovering(allIds)).filter((s) => s.id !== after.id), after];
  const ctx0 = ledgerContext(v, await loadPeople(v));
  const prepared: PreparedCarrierEvent[] = [];
  for (const { state, covering } of carriers) {
    if (isClosed(state.status)) {
      skipped.push({ carrierId: state.id, reason: state.status });
      continue;
    }
    const target = carrierTermsAfter(covering, states);
    const event = applicationEvent(state, effect, target, record.type === 'autoDeclassified');
    const floor = floorOver(covering, states);
    const ctx = { ...ctx0, determinationFloor: () => (floor ? { determinationId: floor.determinationId, level: floor.level } : undefined) };
    const p = await prepareCarrierEvent(v, state, event, ctx);
    if (!p.ok) return p;
    prepared.push(p.value);
  }
  return ok({ prepared, skipped });
}

/**
 * The carriers covered, and their copies (and copies of copies), each with the ids whose
 * determinations bind it: itself and the originals it descends from.
 */
async function reach(v: Vault, ids: readonly string[]): Promise<{ carriers: { state: CarrierState; covering: string[] }[]; skipped: SkippedCarrier[] }> {
  const found = new Map<string, { state: CarrierState; covering: string[] }>();
  const skipped: SkippedCarrier[] = [];
  let queue = ids.map((id) => ({ id, covering: [id] }));
  while (queue.length > 0) {
    const next: typeof queue = [];
    for (const { id, covering } of queue) {
      const known = found.get(id);
      if (known) {
        known.covering = [...new Set([...known.covering, ...covering])];
        continue;
      }
      const row = await v.db.carriers.get(id);
      if (!row) {
        if (!skipped.some((s) => s.carrierId === id)) skipped.push({ carrierId: id, reason: 'missing' });
        continue;
      }
      const state = (await carriersTable.fromRow(v.cipher, asRow(row))).state;
      found.set(id, { state, covering });
      for (const copyId of state.copyIds) next.push({ id: copyId, covering: [...covering, copyId] });
    }
    queue = next;
  }
  return { carriers: [...found.values()], skipped };
}
