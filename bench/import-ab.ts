/**
 * Imports of 10,000 clippings in two builds of the extension, in turns: one browser per
 * build, both open at once, each import into an empty database, the order of the two
 * swapped every round. Import times drift by a third within an hour on this machine
 * (the disk), so only runs taken in turns compare two builds; blocks of runs one after
 * the other once showed a gain that the turns showed to be a loss (README, performance).
 * Times as bench/ui.ts takes them: from the chosen file to the library's report.
 *
 *   npx tsx bench/import-ab.ts DIR_A DIR_B [--rounds=5] [--formats=csv,w3c,backup]
 *
 * DIR_A, DIR_B: built extensions (`.output/chrome-mv3`; for an older commit, build it in a
 * git worktree). The files imported are exported once by build A.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { generateClippings } from '../tests/fixtures/generate-clippings';
import { launchWithExtension, putRecords, type ExtensionBrowser } from '../tests/browser/harness';
import { IMPORT_PROBE, importIntoEmpty } from './library-import';
import { median } from './stats';

const argv = process.argv.slice(2);
const dirs = argv.filter((a) => !a.startsWith('--'));
const ROUNDS = Number(argv.find((a) => a.startsWith('--rounds='))?.slice(9) ?? 5);
const FORMATS = (argv.find((a) => a.startsWith('--formats='))?.slice(10) ?? 'csv,w3c,backup').split(',');
const N = 10_000;
const EXPORTS: Record<string, string> = { csv: 'CSV (Readwise import)', w3c: 'W3C Web Annotation (JSON-LD)', backup: 'JSON backup (everything you own)' };

interface Side {
  name: string;
  browser: ExtensionBrowser;
  lib: Page;
}

async function open(name: string, dir: string): Promise<Side> {
  const browser = await launchWithExtension({ extensionDir: path.resolve(dir) });
  await browser.context.addInitScript({ content: IMPORT_PROBE });
  const lib = await browser.openExtensionPage('library.html');
  await putRecords(lib, 'clippings', generateClippings(N));
  await lib.goto(`${lib.url().split('#')[0]}#/data`);
  await lib.waitForSelector('.data-view');
  return { name, browser, lib };
}

async function exportFile(lib: Page, format: string, dir: string): Promise<string> {
  await lib.getByLabel(EXPORTS[format]!).check();
  const [download] = await Promise.all([lib.waitForEvent('download', { timeout: 60_000 }), lib.getByRole('button', { name: 'Export', exact: true }).click()]);
  const file = path.join(dir, download.suggestedFilename());
  await download.saveAs(file);
  return file;
}

async function main(): Promise<void> {
  if (dirs.length !== 2) throw new Error('Usage: npx tsx bench/import-ab.ts DIR_A DIR_B [--rounds=5] [--formats=csv,w3c,backup]');
  const a = await open('A', dirs[0]!);
  const b = await open('B', dirs[1]!);
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'cnai-import-ab-'));
  try {
    const files = new Map<string, string>();
    for (const f of FORMATS) files.set(f, await exportFile(a.lib, f, tmp));
    const times = new Map<string, Record<string, number[]>>();
    for (let round = 0; round < ROUNDS; round++) {
      for (const f of FORMATS) {
        const t = times.get(f) ?? { A: [], B: [] };
        times.set(f, t);
        for (const side of round % 2 ? [b, a] : [a, b]) t[side.name]!.push(Math.round(await importIntoEmpty(side.lib, files.get(f)!, N)));
      }
      console.log(`[import-ab] round ${round + 1} of ${ROUNDS}`);
    }
    console.log(`A: ${dirs[0]}\nB: ${dirs[1]}\nmedian ms of ${ROUNDS} (every run, in order)`);
    for (const [f, t] of times) console.log(`${f.padEnd(7)} A ${median(t.A!)} (${t.A!.join(' ')})   B ${median(t.B!)} (${t.B!.join(' ')})   B/A ${(median(t.B!) / median(t.A!)).toFixed(2)}`);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
    await a.browser.close();
    await b.browser.close();
  }
}

await main();
