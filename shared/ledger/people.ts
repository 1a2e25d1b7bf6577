import { assertNever, ok, refuse, type Result } from '../result';
import { normalizeUsername, USERNAME_PATTERN } from '../setup';
import { isIsoDate, levelRank, type Level } from './classification';

/**
 * 涉密人员类别: 核心 / 重要 / 一般涉密人员, which caps the highest level a person may hold
 * (绝密 / 机密 / 秘密). `none` is a person without a classified post (非涉密人员): they may hold
 * work secrets and non-secret items only.
 */
export const CLEARANCES = ['core', 'important', 'general', 'none'] as const;
export type Clearance = (typeof CLEARANCES)[number];

export function isClearance(x: unknown): x is Clearance {
  return typeof x === 'string' && (CLEARANCES as readonly string[]).includes(x);
}

/** The highest level the category allows. */
export function clearanceCap(c: Clearance): Level {
  switch (c) {
    case 'core':
      return 'top_secret';
    case 'important':
      return 'secret';
    case 'general':
      return 'confidential';
    case 'none':
      return 'internal';
    default:
      return assertNever(c);
  }
}

export function mayHold(c: Clearance, level: Level): boolean {
  return levelRank(level) <= levelRank(clearanceCap(c));
}

/** 在岗 / 离岗 (with the end of the 脱密期, the separation period, when it applies). */
export type PersonStatus = 'active' | 'left';

/**
 * A person in the 人员名录: anyone who can hold a carrier, with or without an account. `username`
 * links the person to a login account, so that they can confirm a hand-over in their own session.
 */
export interface Person {
  id: string;
  name: string;
  department: string;
  post: string;
  clearance: Clearance;
  status: PersonStatus;
  /** 脱密期 end date (YYYY-MM-DD) once the person has left a classified post. */
  separationEndsOn?: string;
  username?: string;
  createdAt: string;
  updatedAt: string;
}

export interface PersonInput {
  name: string;
  department: string;
  post: string;
  clearance: Clearance;
  status: PersonStatus;
  separationEndsOn?: string;
  username?: string;
}

/** Checks and normalizes what the directory form sends; the first problem names its field. */
export function validatePerson(input: PersonInput): Result<PersonInput> {
  const name = input.name.trim();
  const department = input.department.trim();
  const post = input.post.trim();
  // `rule` says which rule the field broke (required / tooLong with its max / a format), so the form can say it next to the field.
  const bad = (field: string, rule: string, max?: number) => refuse('PERSON_INVALID_FIELD', max === undefined ? { field, rule } : { field, rule, max });
  if (name.length < 1) return bad('name', 'required');
  if (name.length > 30) return bad('name', 'tooLong', 30);
  if (department.length < 1) return bad('department', 'required');
  if (department.length > 60) return bad('department', 'tooLong', 60);
  if (post.length > 60) return bad('post', 'tooLong', 60);
  if (!isClearance(input.clearance)) return refuse('PERSON_INVALID_FIELD', { field: 'clearance' });
  if (input.status !== 'active' && input.status !== 'left') return refuse('PERSON_INVALID_FIELD', { field: 'status' });
  const sep = input.separationEndsOn?.trim() || undefined;
  if (sep !== undefined && !isIsoDate(sep)) return bad('separationEndsOn', 'date');
  // A separation period follows leaving a classified post: an active person has none running.
  if (sep !== undefined && input.status === 'active') return bad('separationEndsOn', 'activeNoSeparation');
  const username = input.username?.trim() ? normalizeUsername(input.username) : undefined;
  if (username !== undefined && !USERNAME_PATTERN.test(username)) return bad('username', 'username');
  return ok({
    name,
    department,
    post,
    clearance: input.clearance,
    status: input.status,
    ...(sep ? { separationEndsOn: sep } : {}),
    ...(username ? { username } : {}),
  });
}

/**
 * May this person take a carrier of this level into their custody? Refused for people who have
 * left (离岗) and for people whose category is below the level.
 */
export function checkMayReceive(person: Person | undefined, level: Level): Result<Person> {
  if (!person) return refuse('PERSON_NOT_FOUND');
  if (person.status !== 'active') return refuse('PERSON_NOT_ACTIVE', { person: person.name });
  if (!mayHold(person.clearance, level)) {
    return refuse('CLEARANCE_TOO_LOW', { person: person.name, clearance: person.clearance, level });
  }
  return ok(person);
}

/** Is the person still within their 脱密期 on this day? */
export function inSeparationPeriod(person: Person, today: string): boolean {
  return person.status === 'left' && person.separationEndsOn !== undefined && today <= person.separationEndsOn;
}
