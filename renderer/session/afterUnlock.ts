/**
 * Work the session starts each time it becomes unlocked (sign-in or unlock), after the first screen
 * is drawn and without holding it up: each task runs on its own, a failure is logged and forgotten
 * (the task's own store records what it did; the next unlock tries again).
 */
export interface UnlockSource {
  getState(): { phase: string };
  subscribe(listener: () => void): () => void;
}

export type UnlockTask = () => Promise<unknown>;

/** Returns the unsubscribe function. `defer` (default: a macrotask) lets the screen render first. */
export function runAfterUnlock(session: UnlockSource, tasks: readonly UnlockTask[], defer: (run: () => void) => void = (run) => setTimeout(run, 0)): () => void {
  let previous = session.getState().phase;
  return session.subscribe(() => {
    const phase = session.getState().phase;
    const entered = phase === 'unlocked' && previous !== 'unlocked';
    previous = phase;
    if (!entered) return;
    defer(() => {
      for (const task of tasks) {
        task().catch((e: unknown) => console.error('after-unlock task failed', e));
      }
    });
  });
}
