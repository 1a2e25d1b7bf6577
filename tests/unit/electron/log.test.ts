import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createMainLog, formatLogLine, openLogFile } from '../../../electron/main/log';

const at = new Date('2026-05-06T07:08:09.000Z');

describe('main log', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
  });

  it('writes one timestamped line per event, with its detail as JSON', () => {
    expect(formatLogLine(at, 'warn', 'shell: refused request', { url: 'https://example.com/' })).toBe(
      '2026-05-06T07:08:09.000Z WARN shell: refused request {"url":"https://example.com/"}',
    );
  });

  it('cannot be made to forge a second entry with a newline', () => {
    expect(formatLogLine(at, 'info', 'a\n2026-01-01T00:00:00.000Z ERROR forged')).not.toContain('\n');
  });

  it('still echoes to the console when the log file cannot be written', () => {
    const echoed: string[] = [];
    const log = createMainLog({ append: () => { throw new Error('ENOSPC'); }, echo: (l) => echoed.push(l), now: () => at });
    expect(() => log.error('disk full')).not.toThrow();
    expect(echoed[0]).toContain('ERROR disk full');
    expect(echoed[0]).toContain('ENOSPC');
  });

  it('appends to <dir>/main.log, creating the folder', () => {
    const dir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'ledger-log-')), 'logs');
    dirs.push(path.dirname(dir));
    const file = openLogFile(dir, fs, path.join);
    const log = createMainLog({ append: file.append, echo: () => {}, now: () => at });
    log.info('one');
    log.warn('two', { n: 2 });
    expect(fs.readFileSync(path.join(dir, 'main.log'), 'utf8')).toBe('2026-05-06T07:08:09.000Z INFO one\n2026-05-06T07:08:09.000Z WARN two {"n":2}\n');
  });

  it('moves a log past its size limit aside at start, so it cannot grow without bound', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ledger-log-'));
    dirs.push(dir);
    fs.writeFileSync(path.join(dir, 'main.log'), 'x'.repeat(100));
    openLogFile(dir, fs, path.join, 50).append('fresh');
    expect(fs.readFileSync(path.join(dir, 'main.log.1'), 'utf8')).toHaveLength(100);
    expect(fs.readFileSync(path.join(dir, 'main.log'), 'utf8')).toBe('fresh\n');
  });
});
