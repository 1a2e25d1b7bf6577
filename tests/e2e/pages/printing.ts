import { execFileSync } from 'node:child_process';
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import type { Page } from 'playwright-core';
import type { Level } from '../../../shared/ledger/classification';
import type { PrintDocument } from '../../../shared/print/document';
import type { Refusal } from '../../../shared/result';

/**
 * Page object for printing: puts the print harness (tests/e2e/fixtures/printHarness.ts, the
 * renderer's print code) into the app's page, prints a document to PDF through window.api, and
 * reads the PDF back with poppler (pdfinfo, pdftotext, pdftoppm).
 */
const root = fileURLToPath(new URL('../../..', import.meta.url));

/** esbuild, as scripts/build.mjs uses it, plus Vite's `?raw` for the stylesheet. */
export async function bundlePrintHarness(): Promise<string> {
  const out = await build({
    entryPoints: [path.join(root, 'tests/e2e/fixtures/printHarness.ts')],
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'browser',
    target: 'es2022',
    absWorkingDir: root,
    logLevel: 'warning',
    define: { 'process.env.NODE_ENV': '"production"' },
    plugins: [
      {
        name: 'raw',
        setup(b) {
          b.onResolve({ filter: /\?raw$/ }, (args) => ({ path: path.join(args.resolveDir, args.path.replace(/\?raw$/, '')), namespace: 'raw' }));
          b.onLoad({ filter: /.*/, namespace: 'raw' }, async (args) => ({ contents: await readFile(args.path, 'utf8'), loader: 'text' as const }));
        },
      },
    ],
  });
  const file = out.outputFiles[0];
  if (!file) throw new Error('print harness: esbuild produced nothing');
  return file.text;
}

export type HarnessResult =
  | { ok: true; pdf: string; pages: number; levels: Level[]; docLevel: Level }
  | { ok: false; error: Refusal };

export async function printToPdfInApp(page: Page, harness: string, doc: PrintDocument, printoutId?: string): Promise<HarnessResult> {
  if (!(await page.evaluate(() => '__printHarness' in window))) await page.evaluate(harness);
  return page.evaluate(
    ([d, id]) => (window as unknown as { __printHarness: { printPdf(doc: unknown, id?: string): Promise<HarnessResult> } }).__printHarness.printPdf(d, id),
    [doc, printoutId] as const,
  );
}

/** A PDF on disk with what poppler says about it. */
export class PdfFile {
  private constructor(
    readonly dir: string,
    readonly file: string,
  ) {}

  /** Written under test-results/print/<name>/ (git-ignored), so the pages can be looked at after a run. */
  static async write(base64: string, name: string): Promise<PdfFile> {
    const dir = path.join(root, 'test-results', 'print', name);
    await rm(dir, { recursive: true, force: true });
    await mkdir(dir, { recursive: true });
    const file = path.join(dir, `${name}.pdf`);
    await writeFile(file, Buffer.from(base64, 'base64'));
    return new PdfFile(dir, file);
  }

  info(): Record<string, string> {
    const out = execFileSync('pdfinfo', [this.file], { encoding: 'utf8' });
    return Object.fromEntries(out.split('\n').filter((l) => l.includes(':')).map((l) => [l.slice(0, l.indexOf(':')).trim(), l.slice(l.indexOf(':') + 1).trim()]));
  }

  pageCount(): number {
    return Number(this.info().Pages);
  }

  /** One page's text in reading layout (`pdftotext -layout`), 1-based. */
  pageText(n: number): string {
    return execFileSync('pdftotext', ['-layout', '-enc', 'UTF-8', '-f', String(n), '-l', String(n), this.file, '-'], { encoding: 'utf8' });
  }

  /** One page's lines that have any text on them. */
  pageLines(n: number): string[] {
    return this.pageText(n).split('\n').map((l) => l.trim()).filter((l) => l !== '');
  }

  /** PNG pictures of the pages at `dpi` (pdftoppm), for a person to look at. */
  async pictures(dpi = 60): Promise<string[]> {
    execFileSync('pdftoppm', ['-png', '-r', String(dpi), this.file, path.join(this.dir, 'page')]);
    return (await readdir(this.dir)).filter((f) => f.startsWith('page') && f.endsWith('.png')).sort().map((f) => path.join(this.dir, f));
  }
}
