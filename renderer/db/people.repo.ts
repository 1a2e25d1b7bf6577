import { authorize } from '../../shared/auth/permissions';
import { levelRank } from '../../shared/ledger/classification';
import { isClosed } from '../../shared/ledger/carrier';
import { clearanceCap, validatePerson, type Person, type PersonInput } from '../../shared/ledger/people';
import { ok, refuse, type Result } from '../../shared/result';
import { asRow, carriersTable, loadPeople, peopleTable, StaleError, withVault, type VaultSource } from './ledgerAccess';
import type { Vault } from './ledgerStore';

/**
 * 人员名录: everyone who can hold a carrier, with or without an account. Kept by the clerk; read by
 * everyone who reads the ledger. People are never deleted: someone who leaves is marked 离岗, and
 * only once they hold nothing any more (清退 first).
 */
export class PeopleRepo {
  constructor(private readonly source: VaultSource) {}

  list(): Promise<Result<Person[]>> {
    return withVault(this.source, async (v) => {
      const allowed = mayRead(v);
      if (!allowed.ok) return allowed;
      const people = await loadPeople(v);
      // One collator for the whole sort (localeCompare with a locale looks one up per comparison).
      const zh = new Intl.Collator('zh-CN');
      return ok(people.sort((a, b) => zh.compare(a.department, b.department) || zh.compare(a.name, b.name)));
    });
  }

  create(input: PersonInput): Promise<Result<Person>> {
    return withVault(this.source, async (v) => {
      const allowed = authorize(v.session.roles, 'person.manage');
      if (!allowed.ok) return allowed;
      const valid = validatePerson(input);
      if (!valid.ok) return valid;
      const people = await loadPeople(v);
      const taken = usernameTaken(people, valid.value.username, null);
      if (!taken.ok) return taken;
      const at = v.now().toISOString();
      const person: Person = { id: crypto.randomUUID(), ...valid.value, createdAt: at, updatedAt: at };
      const row = await peopleTable.toRow(v.cipher, person);
      await v.commit([v.db.people], async () => {
        await v.db.people.add({ id: person.id, status: person.status, clearance: person.clearance, ct: row.ct });
      }, [{ action: 'person.created', detail: { personId: person.id, after: describe(person) } }]);
      return ok(person);
    });
  }

  /**
   * Changes a person's entry. Refused when it would leave them holding what they may no longer
   * hold: a lower category than a carrier in their hands, or 离岗 with carriers not yet returned.
   */
  update(id: string, input: PersonInput): Promise<Result<Person>> {
    return withVault(this.source, async (v) => {
      const allowed = authorize(v.session.roles, 'person.manage');
      if (!allowed.ok) return allowed;
      const valid = validatePerson(input);
      if (!valid.ok) return valid;
      const before = await v.db.people.get(id);
      if (!before) return refuse('PERSON_NOT_FOUND');
      const old = await peopleTable.fromRow(v.cipher, asRow(before));
      const people = await loadPeople(v);
      const taken = usernameTaken(people, valid.value.username, id);
      if (!taken.ok) return taken;
      const held = await heldBy(v, id);
      if (valid.value.status === 'left' && held.length > 0) return refuse('PERSON_HOLDS_CARRIERS', { person: old.name, count: held.length });
      const cap = levelRank(clearanceCap(valid.value.clearance));
      const above = held.filter((level) => levelRank(level) > cap).length;
      if (above > 0) return refuse('PERSON_HOLDS_ABOVE_CLEARANCE', { person: old.name, count: above });
      const person: Person = { id, ...valid.value, createdAt: old.createdAt, updatedAt: v.now().toISOString() };
      const row = await peopleTable.toRow(v.cipher, person);
      await v.commit([v.db.people], async () => {
        const current = await v.db.people.get(id);
        if (!current || !sameBytes(current.ct, before.ct)) throw new StaleError('people');
        await v.db.people.put({ id, status: person.status, clearance: person.clearance, ct: row.ct });
      }, [{ action: 'person.updated', detail: { personId: id, before: describe(old), after: describe(person) } }]);
      return ok(person);
    });
  }
}

function mayRead(v: Vault): Result<void> {
  const read = authorize(v.session.roles, 'carrier.read');
  return read.ok ? read : authorize(v.session.roles, 'person.manage');
}

function usernameTaken(people: Person[], username: string | undefined, self: string | null): Result<void> {
  if (!username) return ok(undefined);
  const other = people.find((p) => p.username === username && p.id !== self);
  return other ? refuse('PERSON_USERNAME_TAKEN', { username, person: other.name }) : ok(undefined);
}

/** Levels of the open carriers this person holds right now. */
async function heldBy(v: Vault, personId: string) {
  const rows = await v.db.carriers.where('custodianId').equals(personId).toArray();
  const docs = await Promise.all(rows.map((r) => carriersTable.fromRow(v.cipher, asRow(r))));
  return docs.filter((d) => !isClosed(d.state.status)).map((d) => d.state.level);
}

function describe(p: Person): Record<string, unknown> {
  return { name: p.name, department: p.department, post: p.post, clearance: p.clearance, status: p.status, separationEndsOn: p.separationEndsOn ?? null, username: p.username ?? null };
}

export function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
