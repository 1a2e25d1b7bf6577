import type { MainLog } from '../../../electron/main/log';

/** A log that keeps its lines so a test can assert what was recorded. */
export function memoryLog() {
  const lines: { level: 'info' | 'warn' | 'error'; message: string; detail?: Record<string, unknown> }[] = [];
  const log: MainLog = {
    info: (message, detail) => lines.push({ level: 'info', message, detail }),
    warn: (message, detail) => lines.push({ level: 'warn', message, detail }),
    error: (message, detail) => lines.push({ level: 'error', message, detail }),
  };
  return { log, lines, warnings: () => lines.filter((l) => l.level === 'warn') };
}

/** Records `on(name, listener)` registrations and lets a test emit them. */
export class FakeEmitter {
  readonly listeners = new Map<string, ((...args: never[]) => unknown)[]>();
  on(name: string, listener: (...args: never[]) => unknown) {
    const list = this.listeners.get(name) ?? [];
    list.push(listener);
    this.listeners.set(name, list);
    return this;
  }
  emit(name: string, ...args: unknown[]) {
    for (const l of this.listeners.get(name) ?? []) (l as (...a: unknown[]) => unknown)(...args);
  }
  has(name: string) {
    return (this.listeners.get(name)?.length ?? 0) > 0;
  }
}

/** An Electron-style event whose preventDefault a test can observe. */
export function fakeEvent<T extends object>(extra: T = {} as T) {
  return { defaultPrevented: false, preventDefault() { this.defaultPrevented = true; }, ...extra };
}
