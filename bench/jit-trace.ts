/**
 * When does V8 deliver optimized code for ours during one scan? A content script runs
 * once per page, so its JavaScript is cold: this prints, per function of the engine, when
 * it was marked for optimization, when its Maglev and TurboFan code was ready (ms after
 * the scan started, as seen from here) and how long the background compile took, plus
 * every deoptimization. Used for bench/ANALYSIS.md ("Cold code").
 *
 *   npx tsx bench/jit-trace.ts [--page=generated-5mb] [--size=1000] [--runs=2]
 *
 * V8's --trace-opt/--trace-deopt print only from a renderer whose output reaches the
 * browser's, hence --single-process (which also puts the browser's threads in the same
 * process: absolute times are slower than in `npm run bench`). Playwright passes the
 * browser's output on only to its debug log (DEBUG=pw:browser, on stderr): it is read there,
 * and Chromium runs under `stdbuf -oL` so that each line arrives when it is printed.
 */
import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

// Set before anything loads playwright-core, which reads DEBUG when it loads.
process.env.DEBUG = 'pw:browser';
const { chromiumPath } = await import('../tests/browser/harness');
const { articleEntities, loadRealKb, makeDictionary } = await import('./dictionaries');
const { generateArticle } = await import('./generate');

const wrapper = path.join(mkdtempSync(path.join(tmpdir(), 'cnai-jit-')), 'chromium');
writeFileSync(wrapper, `#!/bin/sh\nexec stdbuf -oL -eL ${chromiumPath()} "$@"\n`);
chmodSync(wrapper, 0o755);
process.env.CHROMIUM_PATH = wrapper;
let sink: ((line: string) => void) | undefined;
const stderrWrite = process.stderr.write.bind(process.stderr);
process.stderr.write = ((chunk: string | Uint8Array, ...rest: unknown[]) => {
  const text = String(chunk);
  if (text.includes('pw:browser')) {
    for (const line of text.split('\n')) sink?.(line);
    return true;
  }
  return (stderrWrite as (...a: unknown[]) => boolean)(chunk, ...rest);
}) as typeof process.stderr.write;
const { GENERATED, openBenchBrowser, sharedPages } = await import('./browser');

const argv = process.argv.slice(2);
const value = (name: string) => argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
const PAGE = value('page') ?? GENERATED;
const SIZE = value('size') ?? '1000';
const RUNS = Number(value('runs') ?? 2);

interface Fn {
  marked?: number;
  /** Every time optimized code was ready: ms after the scan started, and the compile's own ms. */
  maglev: [number, number][];
  turbofan: [number, number][];
  deopts: string[];
}

const real = await loadRealKb();
const dict = makeDictionary(real, SIZE === 'real' ? 'real' : Number(SIZE));
const sources = PAGE === GENERATED ? [{ name: GENERATED, html: generateArticle(articleEntities(real)).html, bytes: 0, origin: 'generated' }] : sharedPages([PAGE]);
const bb = await openBenchBrowser(sources, { jsFlags: '--trace-opt --trace-deopt', extraArgs: ['--single-process', '--no-zygote'] });

const name = (line: string) => /<JSFunction (\S*)/.exec(line)?.[1] || '(anonymous)';
const round = (x: number | undefined) => (x === undefined ? '' : x.toFixed(0));
/** "at (compile ms)" for each time code was ready. */
const ready = (xs: [number, number][]) => xs.map(([at, ms]) => `${round(at)} (${round(ms)})`).join(', ');

try {
  for (let run = 0; run < RUNS; run++) {
    await bb.load(PAGE);
    await bb.page.evaluate((data) => window.__bench.setData(data), dict.data);
    const fns = new Map<string, Fn>();
    const fn = (n: string) => fns.get(n) ?? fns.set(n, { maglev: [], turbofan: [], deopts: [] }).get(n)!;
    const t0 = performance.now();
    sink = (line) => {
      const at = performance.now() - t0;
      if (line.includes('[marking')) {
        const f = fn(name(line));
        f.marked ??= at;
      } else if (line.includes('[completed compiling')) {
        const f = fn(name(line));
        const took = /took [\d.]+, ([\d.]+),/.exec(line);
        const ms = took ? Number(took[1]) : Number.NaN;
        if (line.includes('TURBOFAN')) f.turbofan.push([at, ms]);
        else if (line.includes('MAGLEV')) f.maglev.push([at, ms]);
      } else if (line.includes('[bailout')) {
        fn(name(line)).deopts.push(`${Math.round(at)} ms: ${/reason: ([^)]*)\)/.exec(line)?.[1] ?? '?'}`);
      }
    };
    const r = await bb.page.evaluate(() => window.__bench.ours({}));
    // Late compiles still report after the scan.
    await new Promise((resolve) => setTimeout(resolve, 1000));
    sink = undefined;
    console.log(`\n${PAGE}, ${dict.name} aliases, run ${run + 1}: ours ${r.ms.toFixed(1)} ms (busy ${r.busyMs.toFixed(1)}), ${r.ranges} mentions; times in ms after the scan started`);
    console.log(`${'function'.padEnd(22)} ${'marked'.padStart(6)}  ${'maglev ready (compile ms)'.padEnd(26)} ${'turbofan ready (compile ms)'.padEnd(28)} deopts`);
    const rows = [...fns].filter(([, f]) => f.marked !== undefined && f.marked < r.ms).sort((a, b) => (a[1].marked ?? 0) - (b[1].marked ?? 0));
    for (const [n, f] of rows) {
      console.log(`${n.slice(0, 22).padEnd(22)} ${round(f.marked).padStart(6)}  ${ready(f.maglev).padEnd(26)} ${ready(f.turbofan).padEnd(28)} ${f.deopts.join('; ')}`);
    }
  }
} finally {
  await bb.close();
}
