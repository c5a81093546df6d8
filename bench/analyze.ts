/**
 * Where does ours' time go? Times each stage of the content-script engine on fresh
 * pages (median of N loads) and writes bench/out/analysis.json. Used for bench/ANALYSIS.md.
 *
 *   npx tsx bench/analyze.ts [--pages=qq,wikipedia-2] [--sizes=1000,20000] [--runs=3] [--profile] [--experiments]
 *
 * Stages (each on a fresh page): floor; TextWalker alone; TextWalker + a per-node
 * WeakSet; TextWalker + Matcher.find; ours without slicing; ours; then in one page the
 * breakdown of find (automaton pass cold/warm, rules and selection). --profile adds a
 * CPU profile of ours; --experiments adds E1 (highlights registered once at the end),
 * E2/E3 (a streaming walk+automaton prototype and the automaton's work per character)
 * and E4 (what `new Matcher` spends its time on).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';
import { GENERATED, openBenchBrowser, SHARED_PAGES, sharedPages, type BenchBrowser } from './browser';
import { articleEntities, loadRealKb, makeDictionary, ROOT } from './dictionaries';
import { generateArticle } from './generate';
import { median, r1 } from './stats';

const argv = process.argv.slice(2);
const value = (name: string) => argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
const RUNS = Number(value('runs') ?? 3);
const PAGES = value('pages')?.split(',');
const SIZES = value('sizes')?.split(',') ?? ['1000', 'real', '20000'];
const PROFILE = argv.includes('--profile');
const EXPERIMENTS = argv.includes('--experiments');

async function analysisBundle(): Promise<string> {
  const out = await build({ entryPoints: [path.join(ROOT, 'bench/page/analyze.ts')], bundle: true, format: 'iife', target: 'chrome120', write: false, logLevel: 'silent' });
  return out.outputFiles[0]!.text;
}

let loads = 0;

async function fresh(bb: BenchBrowser, page: string, bundle: string, data: unknown): Promise<void> {
  await bb.load(page);
  await bb.page.evaluate(`${bundle}\n//# analysis ${++loads}`);
  await bb.page.evaluate((d) => window.__an.setData(d as never), data);
}

async function profileOurs(bb: BenchBrowser): Promise<{ fn: string; ms: number }[]> {
  await bb.cdp.send('Profiler.enable');
  await bb.cdp.send('Profiler.setSamplingInterval', { interval: 50 });
  await bb.cdp.send('Profiler.start');
  await bb.page.evaluate(() => window.__an.ours({ sliceMs: 1e9 }));
  const { profile } = (await bb.cdp.send('Profiler.stop')) as { profile: { nodes: { id: number; callFrame: { functionName: string; lineNumber: number } }[]; samples: number[]; timeDeltas: number[] } };
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<string, number>();
  profile.samples.forEach((id, i) => {
    const n = byId.get(id)!;
    const key = n.callFrame.functionName || '(anonymous)';
    self.set(key, (self.get(key) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
  });
  return [...self].filter(([k]) => k !== '(idle)' && k !== '(program)').sort((a, b) => b[1] - a[1]).slice(0, 15).map(([fn, ms]) => ({ fn, ms: r1(ms) }));
}

async function main(): Promise<void> {
  const real = await loadRealKb();
  const gen = generateArticle(articleEntities(real));
  const sources = [...sharedPages(SHARED_PAGES), { name: GENERATED, html: gen.html, bytes: gen.bytes, origin: 'generated' }].filter((s) => !PAGES || PAGES.includes(s.name));
  const dicts = SIZES.map((s) => makeDictionary(real, s === 'real' ? 'real' : Number(s)));
  const bb = await openBenchBrowser(sources);
  const bundle = await analysisBundle();
  const rows: Record<string, unknown>[] = [];
  try {
    await bb.load(sources[0]!.name);
    for (const p of sources) {
      for (const d of dicts) {
        const acc: Record<string, number[]> = {};
        const add = (k: string, v: number) => (acc[k] ??= []).push(v);
        for (let i = 0; i < RUNS; i++) {
          await fresh(bb, p.name, bundle, d.data);
          add('floor', await bb.page.evaluate(() => window.__an.floor()));
          await fresh(bb, p.name, bundle, d.data);
          add('walker', await bb.page.evaluate(() => window.__an.walker()));
          await fresh(bb, p.name, bundle, d.data);
          add('walkerWeakSet', await bb.page.evaluate(() => window.__an.walkerWeakSet()));
          await fresh(bb, p.name, bundle, d.data);
          add('walkAndFind', (await bb.page.evaluate(() => window.__an.walkAndFind())).ms);
          await fresh(bb, p.name, bundle, d.data);
          add('oursNoSlices', (await bb.page.evaluate(() => window.__an.ours({ sliceMs: 1e9 }))).ms);
          await fresh(bb, p.name, bundle, d.data);
          add('ours', (await bb.page.evaluate(() => window.__an.ours())).ms);
          await fresh(bb, p.name, bundle, d.data);
          for (const [k, v] of Object.entries(await bb.page.evaluate(() => window.__an.stages()))) add(k, v);
        }
        const row: Record<string, unknown> = { page: p.name, dictionary: d.name, aliases: d.aliases };
        for (const [k, v] of Object.entries(acc)) row[k] = r1(median(v));
        if (EXPERIMENTS) {
          const e: Record<string, number[]> = {};
          const put = (prefix: string, o: Record<string, unknown>) => {
            for (const [k, v] of Object.entries(o)) if (typeof v === 'number') (e[`${prefix}.${k}`] ??= []).push(v);
          };
          for (let i = 0; i < RUNS; i++) {
            await fresh(bb, p.name, bundle, d.data);
            put('E1.painted', (await bb.page.evaluate(() => window.__an.oursPainted())) as Record<string, unknown>);
            await fresh(bb, p.name, bundle, d.data);
            put('E1.deferred', (await bb.page.evaluate(() => window.__an.oursDeferred())) as Record<string, unknown>);
            await fresh(bb, p.name, bundle, d.data);
            put('E2', (await bb.page.evaluate(() => window.__an.stream())) as Record<string, unknown>);
            await fresh(bb, p.name, bundle, d.data);
            put('E6.cold', (await bb.page.evaluate(() => window.__an.streamSkipCold())) as Record<string, unknown>);
            await fresh(bb, p.name, bundle, d.data);
            put('E4', (await bb.page.evaluate(() => window.__an.setupParts())) as Record<string, unknown>);
          }
          for (const [k, v] of Object.entries(e)) row[k] = r1(median(v));
          const chars = row['E2.chars'] as number;
          if (chars) {
            row['E3.edgeStepsPerChar'] = Math.round(((row['E2.edgeSteps'] as number) / chars) * 1000) / 1000;
            row['E3.failStepsPerChar'] = Math.round(((row['E2.failSteps'] as number) / chars) * 1000) / 1000;
            row['E3.nonRootShare'] = Math.round(((row['E2.inState'] as number) / chars) * 1000) / 1000;
          }
        }
        if (PROFILE) {
          await fresh(bb, p.name, bundle, d.data);
          row.profileNoSlices = await profileOurs(bb);
        }
        rows.push(row);
        console.log(JSON.stringify(row));
      }
    }
  } finally {
    await bb.close();
  }
  mkdirSync(path.join(ROOT, 'bench/out'), { recursive: true });
  writeFileSync(path.join(ROOT, 'bench/out/analysis.json'), `${JSON.stringify(rows, null, 2)}\n`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
