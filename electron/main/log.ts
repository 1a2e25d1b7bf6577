import type { IpcLog } from './ipcDispatch';

/** The main process's log: one line per event, to a file under the profile and to the console. */
export interface MainLog extends IpcLog {
  info(message: string, detail?: Record<string, unknown>): void;
  warn(message: string, detail?: Record<string, unknown>): void;
  error(message: string, detail?: Record<string, unknown>): void;
}

export interface LogSinks {
  /** Appends one line (without the newline) to the log file. */
  append(line: string): void;
  /** Echo for a developer's terminal. */
  echo(line: string): void;
  now(): Date;
}

export function formatLogLine(at: Date, level: string, message: string, detail?: Record<string, unknown>): string {
  let tail = '';
  if (detail !== undefined) {
    try {
      tail = ` ${JSON.stringify(detail)}`;
    } catch {
      tail = ' [detail not serialisable]';
    }
  }
  // One event per line: a newline inside a message must not forge a second entry.
  return `${at.toISOString()} ${level.toUpperCase()} ${message}${tail}`.replace(/[\r\n]+/g, ' ');
}

export function createMainLog(sinks: LogSinks): MainLog {
  const write = (level: string, message: string, detail?: Record<string, unknown>) => {
    const line = formatLogLine(sinks.now(), level, message, detail);
    try {
      sinks.append(line);
    } catch (err) {
      // A full or read-only disk must not take the app down; the console still gets the line.
      sinks.echo(`${line} (log file not writable: ${String(err)})`);
      return;
    }
    sinks.echo(line);
  };
  return {
    info: (m, d) => write('info', m, d),
    warn: (m, d) => write('warn', m, d),
    error: (m, d) => write('error', m, d),
  };
}

/** The file-system calls the log file needs; node:fs in the app, a temp dir in tests. */
export interface LogFs {
  mkdirSync(dir: string, opts: { recursive: true }): unknown;
  statSync(file: string, opts: { throwIfNoEntry: false }): { size: number } | undefined;
  renameSync(from: string, to: string): void;
  appendFileSync(file: string, data: string): void;
}

/**
 * Opens `<dir>/main.log` for appending. At start a log past `maxBytes` is moved to `main.log.1`
 * (replacing the previous one), so the file cannot grow without bound on a machine nobody cleans.
 */
export function openLogFile(dir: string, fs: LogFs, join: (...parts: string[]) => string, maxBytes = 5 * 1024 * 1024) {
  fs.mkdirSync(dir, { recursive: true });
  const file = join(dir, 'main.log');
  const size = fs.statSync(file, { throwIfNoEntry: false })?.size ?? 0;
  if (size > maxBytes) fs.renameSync(file, `${file}.1`);
  return { file, append: (line: string) => fs.appendFileSync(file, `${line}\n`) };
}
