/**
 * Where ours' time goes on one page, cold, as the benchmark runs it: the CDP sampling
 * profiler around `__bench.ours()`, self time summed per function over several fresh
 * page loads. `npx tsx bench/profile.ts --page=generated-5mb --size=1000 [--runs=3] [--top=30]`
 */
import { GENERATED, openBenchBrowser, sharedPages, type PageSource } from './browser';
import { articleEntities, loadRealKb, makeDictionary } from './dictionaries';
import { generateArticle } from './generate';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples?: number[];
  timeDeltas?: number[];
}

const argv = process.argv.slice(2);
const value = (name: string) => argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
const PAGE = value('page') ?? GENERATED;
const SIZE = value('size') ?? 'real';
const RUNS = Number(value('runs') ?? 3);
const TOP = Number(value('top') ?? 30);

async function main(): Promise<void> {
  const real = await loadRealKb();
  const dict = makeDictionary(real, SIZE === 'real' ? 'real' : Number(SIZE));
  const sources: PageSource[] =
    PAGE === GENERATED ? [{ name: GENERATED, html: generateArticle(articleEntities(real)).html, bytes: 0, origin: 'generated' }] : sharedPages([PAGE]);
  if (!sources.length) throw new Error(`page ${PAGE} not found`);
  const bb = await openBenchBrowser(sources);
  const self = new Map<string, number>();
  let total = 0;
  try {
    await bb.load(PAGE);
    await bb.cdp.send('Profiler.enable');
    await bb.cdp.send('Profiler.setSamplingInterval', { interval: 50 });
    for (let i = 0; i < RUNS; i++) {
      await bb.load(PAGE);
      await bb.page.evaluate((data) => window.__bench.setData(data), dict.data);
      await bb.cdp.send('Profiler.start');
      const r = await bb.page.evaluate(() => window.__bench.ours());
      const { profile } = (await bb.cdp.send('Profiler.stop')) as { profile: Profile };
      console.log(`run ${i + 1}: ${r.ms.toFixed(1)} ms (busy ${r.busyMs.toFixed(1)}), ${r.ranges} ranges`);
      const byId = new Map(profile.nodes.map((n) => [n.id, n]));
      const samples = profile.samples ?? [];
      const deltas = profile.timeDeltas ?? [];
      for (let s = 0; s < samples.length; s++) {
        const n = byId.get(samples[s]!)!;
        const f = n.callFrame;
        const key = `${f.functionName || '(anonymous)'} ${f.url ? `:${f.lineNumber + 1}` : ''}`;
        const ms = (deltas[s + 1] ?? 0) / 1000;
        self.set(key, (self.get(key) ?? 0) + ms);
        if (f.functionName !== '(idle)' && f.functionName !== '(program)') total += ms;
      }
    }
  } finally {
    await bb.close();
  }
  const rows = [...self].sort((a, b) => b[1] - a[1]).slice(0, TOP);
  console.log(`\nself time per run (ms), ${PAGE}, ${SIZE} aliases; total JS+GC ${(total / RUNS).toFixed(1)} ms`);
  for (const [k, ms] of rows) console.log(`${(ms / RUNS).toFixed(1).padStart(8)}  ${k}`);
}

await main();
