/**
 * Ours in two checkouts, in turns: the engines bundle of each tree (bench/page/engines.ts
 * and what it imports) injected into alternate fresh loads of the same page in one
 * browser, the order swapped every round. Runs of the benchmark minutes apart differ by
 * up to 15% with no change at all (bench/ANALYSIS.md), so only loads taken in turns
 * compare two versions of the engine.
 *
 *   npx tsx bench/engine-ab.ts DIR_A DIR_B [--pages=generated-5mb] [--size=1000] [--rounds=10]
 *
 * DIR_A, DIR_B: roots of checkouts (for an older commit, `git worktree add`; `.` is this
 * one). The matcher data is compiled by this tree, so both must read the same format.
 * --size: a dictionary as in bench/run.ts (1000, 5000, 20000 or real).
 */
import path from 'node:path';
import { engineBundle, GENERATED, openBenchBrowser, sharedPages, type PageSource } from './browser';
import { articleEntities, loadRealKb, makeDictionary } from './dictionaries';
import { generateArticle } from './generate';
import { median, r1 } from './stats';

const argv = process.argv.slice(2);
const value = (name: string) => argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
const dirs = argv.filter((a) => !a.startsWith('--'));
if (dirs.length !== 2) {
  console.error('usage: npx tsx bench/engine-ab.ts DIR_A DIR_B [--pages=generated-5mb] [--size=1000] [--rounds=10]');
  process.exit(2);
}
const PAGES = (value('pages') ?? GENERATED).split(',');
const SIZE = value('size') ?? '1000';
const ROUNDS = Number(value('rounds') ?? 10);

const real = await loadRealKb();
const dict = makeDictionary(real, SIZE === 'real' ? 'real' : Number(SIZE));
const sources: PageSource[] = [...sharedPages(PAGES.filter((p) => p !== GENERATED))];
if (PAGES.includes(GENERATED)) {
  const gen = generateArticle(articleEntities(real));
  sources.push({ name: GENERATED, html: gen.html, bytes: gen.bytes, origin: 'bench/generate.ts' });
}
const missing = PAGES.filter((p) => !sources.some((s) => s.name === p));
if (missing.length) console.log(`not found (skipped): ${missing.join(', ')}`);

const bundles = await Promise.all(dirs.map((d) => engineBundle(path.resolve(d))));
const bb = await openBenchBrowser(sources);
console.log(`Chromium ${bb.version}; ${dict.aliases} aliases; A = ${dirs[0]}, B = ${dirs[1]}; ${ROUNDS} rounds`);

interface Run {
  ms: number;
  busyMs: number;
  ranges: number;
}
const runOnce = async (page: string, side: 0 | 1): Promise<Run> => {
  await bb.load(page, bundles[side]);
  await bb.page.evaluate((data) => window.__bench.setData(data), dict.data);
  const r = await bb.page.evaluate(() => window.__bench.ours());
  return { ms: r.ms, busyMs: r.busyMs, ranges: r.ranges };
};

try {
  for (const page of sources.map((s) => s.name)) {
    const runs: [Run[], Run[]] = [[], []];
    for (let round = 0; round < ROUNDS; round++) {
      const order: (0 | 1)[] = round % 2 ? [1, 0] : [0, 1];
      for (const side of order) runs[side].push(await runOnce(page, side));
    }
    const [a, b] = runs;
    if (median(a.map((r) => r.ranges)) !== median(b.map((r) => r.ranges))) console.log(`  ${page}: the two find different ranges (${median(a.map((r) => r.ranges))} / ${median(b.map((r) => r.ranges))})`);
    const line = (name: string, rs: Run[]) =>
      `  ${name}: median ${r1(median(rs.map((r) => r.ms)))} ms (busy ${r1(median(rs.map((r) => r.busyMs)))}), min ${r1(Math.min(...rs.map((r) => r.ms)))}; ${rs.map((r) => r1(r.ms)).join(' ')}`;
    const diffs = a.map((r, i) => b[i]!.ms - r.ms);
    console.log(`${page}:`);
    console.log(line('A', a));
    console.log(line('B', b));
    console.log(`  B - A per round: median ${r1(median(diffs))} ms; B / A of medians ${(median(b.map((r) => r.ms)) / median(a.map((r) => r.ms))).toFixed(3)}`);
  }
} finally {
  await bb.close();
}
