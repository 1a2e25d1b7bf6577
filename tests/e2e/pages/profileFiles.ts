import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from 'playwright-core';

/** Every file below `dir`, whatever Chromium keeps there (LevelDB logs and tables, blobs, SQLite). */
export async function allFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await allFiles(p)));
    else if (entry.isFile()) out.push(p);
  }
  return out;
}

/** Which of `needles` occur in any file, as UTF-8 or as UTF-16LE (V8 serialises CJK strings two-byte). */
export async function findInFiles(files: string[], needles: string[]): Promise<Map<string, string[]>> {
  const hits = new Map<string, string[]>();
  const encoded = needles.map((n) => ({ n, forms: [Buffer.from(n, 'utf8'), Buffer.from(n, 'utf16le')] }));
  for (const f of files) {
    let bytes: Buffer;
    try {
      bytes = await readFile(f);
    } catch {
      continue; // a lock file that vanished
    }
    for (const { n, forms } of encoded) {
      if (forms.some((form) => bytes.includes(form))) hits.set(n, [...(hits.get(n) ?? []), f]);
    }
  }
  return hits;
}

/** A positive control: a plain value written to IndexedDB, which the same search must find. */
export async function writePlainControl(page: Page, value: string): Promise<void> {
  await page.evaluate(
    (v) =>
      new Promise<void>((resolve, reject) => {
        const req = indexedDB.open('plain-control', 1);
        req.onupgradeneeded = () => req.result.createObjectStore('x');
        req.onsuccess = () => {
          const tx = req.result.transaction('x', 'readwrite');
          tx.objectStore('x').put({ value: v }, 1);
          tx.oncomplete = () => resolve();
          tx.onerror = () => reject(tx.error);
        };
        req.onerror = () => reject(req.error);
      }),
    value,
  );
}
