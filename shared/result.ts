/** Expected refusals are values, not exceptions (STYLE.md). */
export type Result<T, E = Refusal> = { ok: true; value: T } | { ok: false; error: E };

/** A refusal with a stable code for tests and a message key for the UI. */
export interface Refusal {
  code: string;
  /** Extra values the UI interpolates into the Chinese message. */
  params?: Record<string, string | number>;
}

export const ok = <T>(value: T): Result<T, never> => ({ ok: true, value });
export const refuse = (code: string, params?: Record<string, string | number>): Result<never> => ({
  ok: false,
  error: params ? { code, params } : { code },
});

export function assertNever(x: never): never {
  throw new Error(`unhandled case: ${JSON.stringify(x)}`);
}
