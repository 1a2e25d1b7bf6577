import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, '../..');

const OPERATIONS = [
  'unlockToFirstPageMs',
  'titleSearchMs',
  'filterChangeMs',
  'importCsvMs',
  'bundleExportMs',
  'bundleVerifyImportMs',
  'deltaBundleMs',
  'backupMs',
  'restoreMs',
  'peakRendererMB',
  'exportReadRowsMs',
  'exportDecryptRowsMs',
];

/** Keeps the benchmark harness (npm run bench, docs/performance.md) from rotting; asserts no timing. */
describe('npm run bench', () => {
  it('runs the harness on a small ledger and writes every key of the JSON', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'bench-smoke-'));
    try {
      const file = path.join(dir, 'bench.json');
      await run('npm', ['run', '--silent', 'bench', '--', '--carriers', '200', '--events', '1000', '--runs', '1', '--json', file], { cwd: root, timeout: 170_000 });
      const out = JSON.parse(await readFile(file, 'utf8')) as Record<string, unknown>;
      expect(out.carriers).toBe(200);
      expect(out.events).toBe(1000);
      const missing = (out.missing as { key: string; why: string }[]).map((m) => m.key);
      for (const key of OPERATIONS) {
        for (const k of [key, `plain_${key}`, `ratio_${key}`]) expect(out, k).toHaveProperty(k);
        // Every operation runs on the encrypted store; on plain Dexie each one that it can do
        // (backup and restore need the store: listed as missing, with the reason).
        expect(typeof out[key], key).toBe('number');
        if (missing.includes(`plain_${key}`)) expect(out[`plain_${key}`], key).toBeNull();
        else expect(typeof out[`plain_${key}`], `plain_${key}`).toBe('number');
      }
      expect(missing.sort()).toEqual(['plain_backupMs', 'plain_restoreMs']);
      for (const key of ['unlockToFirstPageMs', 'bundleExportMs', 'bundleVerifyImportMs', 'deltaBundleMs', 'importCsvMs', 'backupMs', 'restoreMs']) {
        expect(out[key] as number, key).toBeGreaterThan(0);
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 180_000);

  it('measures only the sides and operations asked for (--sides, --ops)', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'bench-smoke-'));
    try {
      const file = path.join(dir, 'bench.json');
      await run('npm', ['run', '--silent', 'bench', '--', '--carriers', '100', '--events', '500', '--runs', '1', '--sides', 'enc', '--ops', 'deltaBundleMs,exportReadRowsMs', '--json', file], { cwd: root, timeout: 170_000 });
      const out = JSON.parse(await readFile(file, 'utf8')) as Record<string, unknown>;
      expect(out.sides).toEqual(['enc']);
      expect(out.deltaBundleMs as number).toBeGreaterThan(0);
      expect(out.exportReadRowsMs as number).toBeGreaterThan(0);
      for (const key of OPERATIONS.filter((k) => k !== 'deltaBundleMs' && k !== 'exportReadRowsMs')) expect(out[key], key).toBeNull();
      for (const key of OPERATIONS) expect(out[`plain_${key}`], `plain_${key}`).toBeNull();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 180_000);
});
