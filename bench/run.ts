/**
 * Side-by-side benchmark in headless Chromium: ours (PageScanner + Matcher +
 * Highlighter), mark.js, a combined RegExp and a bare TreeWalker floor, on the same
 * pages and the same term lists. `npm run bench` (about 7–9 minutes on 2 cores).
 *
 * Flags:
 *   --quick                 3 runs per case, shorter mark.js budget (writes bench/out/)
 *   --pages=qq,generated-5mb  only these pages (writes bench/out/)
 *   --sizes=real,1000       only these dictionaries (writes bench/out/)
 *   --engines=ours,regex    only these engines (writes bench/out/)
 *   --runs=N                runs per fast case (default 5)
 *   --mark-budget=S         seconds of mark.js per page at 1,000 aliases (default 20)
 *   --write                 write bench/results.json and BENCHMARKS.md even for a partial run
 *   --wait-quiet[=MIN]      first wait (up to MIN minutes, default 10) until the 1-minute load
 *                           average is below 0.8, and again (up to 2 minutes) before each page
 *                           and dictionary: other processes on a 2-core machine skew timings
 *
 * The load average is recorded with every case; cases measured under load are noisy.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { GENERATED, markJsSource, openBenchBrowser, SHARED_PAGES, sharedPages, type BenchBrowser, type PageSource } from './browser';
import { ARTICLE_ALIASES, articleEntities, loadRealKb, makeDictionary, regexSource, ROOT, uncachedRegexSource, type Dictionary } from './dictionaries';
import { generateArticle } from './generate';
import { checkTargets, renderMarkdown, SETTLE_MS, type BenchCase, type BenchResults, type MemoryRow } from './report';
import { median, r1 } from './stats';

// ---- options ----------------------------------------------------------------

const argv = process.argv.slice(2);
const flag = (name: string) => argv.includes(`--${name}`);
const value = (name: string) => argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
const list = (name: string) => value(name)?.split(',').map((s) => s.trim()).filter(Boolean);

const QUICK = flag('quick');
const RUNS = Number(value('runs') ?? (QUICK ? 3 : 5));
const MARK_BUDGET_MS = Number(value('mark-budget') ?? (QUICK ? 6 : 20)) * 1000;
/** mark.js above 1,000 aliases only when its estimate is at most this (the issue allows skipping above a minute). */
const MARK_LIMIT_MS = 60_000;
/** …and, to keep the whole run near 10 minutes, only when the estimate is this small. */
const MARK_RUN_LIMIT_MS = QUICK ? 5_000 : 15_000;
const ALL_SIZES = ['real', '1000', '5000', '20000'];
const SIZES = list('sizes') ?? ALL_SIZES;
const PAGE_FILTER = list('pages');
const ENGINES = list('engines') ?? ['ours', 'regex', 'floor', 'markjs'];
const PARTIAL = QUICK || !!PAGE_FILTER || !!list('sizes') || !!list('engines') || !!value('runs');
const WRITE_MAIN = !PARTIAL || flag('write');

const started = Date.now();
const log = (msg: string) => console.log(`[${((Date.now() - started) / 1000).toFixed(0).padStart(4)}s] ${msg}`);

// ---- main -------------------------------------------------------------------

const load = () => Math.round(os.loadavg()[0]! * 100) / 100;

const WAIT_QUIET = argv.some((a) => a.startsWith('--wait-quiet'));
let waitedS = 0;

async function waitQuiet(minutes: number): Promise<void> {
  const deadline = Date.now() + minutes * 60_000;
  const t = Date.now();
  while (load() >= 0.8 && Date.now() < deadline) {
    log(`waiting for a quiet machine (load average ${load()})…`);
    await new Promise((r) => setTimeout(r, 15_000));
  }
  waitedS += (Date.now() - t) / 1000;
}

/** With --wait-quiet: before each group of cases, wait up to 2 minutes for the machine to calm down. */
const calm = () => (WAIT_QUIET ? waitQuiet(2) : Promise.resolve());

async function main(): Promise<void> {
  const notes: string[] = [];
  if (WAIT_QUIET) await waitQuiet(Number(value('wait-quiet') ?? 10));
  const loadAtStart = load();
  if (loadAtStart > 1) log(`WARNING: load average ${loadAtStart} on ${os.cpus().length} cores: other processes will skew the timings`);
  const real = await loadRealKb();
  log(`knowledge base: ${real.entities.length} entities, ${real.aliases} aliases${real.fallback ? ` — FALLBACK: the pack is invalid right now (${real.problems.length} problem(s)); using the entities that parse` : ''}`);
  if (real.fallback) {
    notes.push(`The built-in pack was invalid during this run (${real.problems.length} problem(s), e.g. "${real.problems[0]}"); the real dictionary is the ${real.entities.length} entities that parse.`);
    for (const p of real.problems.slice(0, 5)) log(`  pack problem: ${p}`);
  }

  const dicts: Dictionary[] = SIZES.map((s) => makeDictionary(real, s === 'real' ? 'real' : Number(s)));
  for (const d of dicts) log(`dictionary ${d.name}: ${d.aliases} aliases (${d.realAliases} real, ${d.syntheticAliases} synthetic), ${d.terms.length} distinct terms, compiled in ${r1(d.compileMs)} ms`);

  const gen = generateArticle(articleEntities(real));
  const sources: PageSource[] = [...sharedPages(SHARED_PAGES), { name: GENERATED, html: gen.html, bytes: gen.bytes, origin: `bench/generate.ts (seed 5, the aliases of the ${ARTICLE_ALIASES.toLocaleString('en-US')}-alias dictionary)` }];
  if (sources.length === 1) notes.push('The shared pages (/work/shared/pages) are not present: only the generated article was measured.');
  const pages = sources.filter((s) => !PAGE_FILTER || PAGE_FILTER.includes(s.name));
  log(`pages: ${pages.map((p) => `${p.name} (${(p.bytes / 1e6).toFixed(2)} MB)`).join(', ')}`);

  // Read before the engines are bundled: what is measured is the code at this moment.
  const code = codeVersion();
  const bb = await openBenchBrowser(sources);
  log(`browser: Chromium ${bb.version}`);
  const mark = markJsSource();
  const cases: BenchCase[] = [];
  const pageInfo: BenchResults['pages'] = [];

  try {
    // Warm the browser (first navigation is slower).
    await bb.load(pages[0]!.name);

    for (const p of pages) {
      const { loadMs } = await bb.load(p.name);
      const info = await bb.facts();
      pageInfo.push({ name: p.name, bytes: p.bytes, origin: p.origin, elements: info.elements, textNodes: info.textNodes, chars: info.chars, load: load() });
      log(`${p.name}: ${info.elements} elements, ${info.textNodes} text nodes, ${info.chars} characters (load ${loadMs} ms)`);

      // Every run goes round all engines and dictionaries of the page, so that drift of the
      // machine over the page's minutes affects every case alike: the targets compare ours
      // with the floor and with itself at another dictionary size, not only with the regex.
      const floorRuns: Run[] = [];
      const oursRuns = dicts.map(() => [] as Awaited<ReturnType<typeof runOurs>>[]);
      const oursJsRuns = dicts.map(() => [] as Awaited<ReturnType<typeof runOurs>>[]);
      const regexRuns = dicts.map(() => [] as Run[]);
      for (let i = 0; i < RUNS; i++) {
        await calm();
        if (ENGINES.includes('floor')) floorRuns.push(await runFloor(bb, p.name));
        for (const [k, d] of dicts.entries()) {
          if (ENGINES.includes('ours')) oursRuns[k]!.push(await runOurs(bb, p.name, d));
          if (ENGINES.includes('ours-js')) oursJsRuns[k]!.push(await runOurs(bb, p.name, d, false, 'js'));
          if (ENGINES.includes('regex')) regexRuns[k]!.push(await runRegex(bb, p.name, d));
        }
      }
      if (floorRuns.length) {
        const c = summarize(p.name, null, 'floor', floorRuns);
        cases.push(c);
        log(`  floor: ${c.ms} ms`);
      }

      for (const [k, d] of dicts.entries()) {
        if (oursRuns[k]!.length) {
          const c = summarize(p.name, d, 'ours', oursRuns[k]!);
          // Three more runs scrolled to the middle of the page: the viewport-first pass. Their
          // median, like every other time here (one run made the verdict a coin toss on this
          // machine: a run of 137 ms where six more of the same case took 6-10).
          const scrolledRuns = [];
          for (let i = 0; i < 3; i++) scrolledRuns.push(await runOurs(bb, p.name, d, true));
          const firsts = scrolledRuns.map((x) => x.firstPaintMs);
          c.firstViewportScrolledMs = firsts.some((x) => x === null) ? null : r1(median(firsts as number[]));
          c.firstViewportScrolledRuns = firsts.map((x) => (x === null ? null : r1(x)));
          c.scrolledMs = r1(median(scrolledRuns.map((x) => x.ms)));
          c.longTaskMs = Math.max(Number(c.longTaskMs ?? 0), ...scrolledRuns.map((x) => r1(x.longTaskMs)));
          cases.push(c);
          log(`  ${d.name.padStart(5)} ours:  ${c.ms} ms (busy ${c.busyMs}, first paint ${c.firstPaintMs}, longest slice ${c.longestSliceMs}, painted ${c.paintedMs}) ranges ${c.ranges}`);
        }
        if (oursJsRuns[k]!.length) {
          const c = summarize(p.name, d, 'ours-js', oursJsRuns[k]!);
          cases.push(c);
          log(`  ${d.name.padStart(5)} ours (JavaScript scan): ${c.ms} ms (busy ${c.busyMs}, setup ${c.setupMs}) ranges ${c.ranges}`);
        }
        if (regexRuns[k]!.length) {
          const c = summarize(p.name, d, 'regex', regexRuns[k]!);
          // For reference: the last run's RegExp source once more in this renderer process (V8's cache warm).
          c.cachedMs = r1((await runRegex(bb, p.name, d, true)).ms);
          cases.push(c);
          log(`  ${d.name.padStart(5)} regex: ${c.ms} ms (setup ${c.setupMs}, painted ${c.paintedMs}, with V8's RegExp cache ${c.cachedMs}) ranges ${c.ranges}`);
        }
      }

      if (ENGINES.includes('markjs')) await calm();
      if (ENGINES.includes('markjs')) await runMarkAll(bb, p.name, dicts, mark, cases, notes);
    }

    await calm();
    log('matcher memory');
    const memory: MemoryRow[] = [];
    for (const d of dicts) memory.push(await measureMemory(bb, d));
    for (const m of memory) log(`  ${m.dictionary}: typed arrays + tables ${(m.matcherBytes / 1024).toFixed(0)} KiB, heap delta ${(m.heapDeltaBytes / 1024).toFixed(0)} KiB (regex ${(m.regexHeapDeltaBytes / 1024).toFixed(0)} KiB); parseMatcherData ${m.parseMs} ms + new Matcher ${m.constructMs} ms`);

    const cpus = os.cpus();
    const results: BenchResults = {
      browser: `Chromium ${bb.version} (headless)`,
      machine: {
        cpu: cpus[0]?.model.trim() ?? 'unknown',
        cores: cpus.length,
        memoryGB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
        os: `${os.type()} ${os.release()} ${os.arch()}`,
        node: process.version,
      },
      date: new Date().toISOString(),
      options: { runs: RUNS, quick: QUICK, markBudgetMs: MARK_BUDGET_MS, sizes: SIZES, pages: pages.map((p) => p.name), engines: ENGINES },
      loadAverage: { start: loadAtStart, end: load(), max: Math.max(loadAtStart, load(), ...pageInfo.map((p) => p.load)) },
      code,
      kb: { entities: real.entities.length, aliases: real.aliases, fallback: real.fallback, problems: real.problems.length },
      dictionaries: dicts.map((d) => ({ name: d.name, aliases: d.aliases, realAliases: d.realAliases, syntheticAliases: d.syntheticAliases, terms: d.terms.length, groups: d.groups, compileMs: r1(d.compileMs), regexSourceChars: regexSource(d.terms).length })),
      pages: pageInfo,
      cases,
      memory,
      targets: [],
      notes,
      durationS: 0,
    };
    results.targets = checkTargets(results);
    results.durationS = Math.round((Date.now() - started) / 1000 - waitedS);
    results.waitedForQuietS = Math.round(waitedS);

    console.log('\nTargets:');
    for (const t of results.targets) {
      console.log(`  ${t.pass === null ? 'N/A ' : t.pass ? 'PASS' : 'FAIL'}  ${t.name}`);
      for (const d of t.details.filter((x) => x.pass === false)) console.log(`          ✗ ${d.text}`);
    }
    for (const n of notes) console.log(`Note: ${n}`);

    const outDir = WRITE_MAIN ? path.join(ROOT, 'bench') : path.join(ROOT, 'bench/out');
    mkdirSync(outDir, { recursive: true });
    const jsonPath = path.join(outDir, WRITE_MAIN ? 'results.json' : 'results-partial.json');
    writeFileSync(jsonPath, `${JSON.stringify(results, null, 2)}\n`);
    const mdPath = WRITE_MAIN ? path.join(ROOT, 'BENCHMARKS.md') : path.join(outDir, 'BENCHMARKS-partial.md');
    // The interface section (bench/ui.ts, between its markers) stays: a run of this script
    // alone rewrites only the engines' part.
    const previous = existsSync(mdPath) ? readFileSync(mdPath, 'utf8') : '';
    const ui = /<!-- ui:start -->[\s\S]*<!-- ui:end -->/.exec(previous)?.[0];
    writeFileSync(mdPath, ui ? `${renderMarkdown(results).trimEnd()}\n\n${ui}\n` : renderMarkdown(results));
    log(`wrote ${path.relative(ROOT, jsonPath)} and ${path.relative(ROOT, mdPath)} (${results.durationS} s)`);
    if (!WRITE_MAIN) log('partial run (flags): bench/results.json and BENCHMARKS.md were left alone; add --write to overwrite them');
  } finally {
    await bb.close();
  }
}

/** The commit measured, and whether the engine or content script had uncommitted changes (read-only git). */
function codeVersion(): { commit: string; uncommitted: string[] } {
  try {
    const commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT, encoding: 'utf8' }).trim();
    const status = execFileSync('git', ['status', '--porcelain', '--', 'engine', 'content', 'kb'], { cwd: ROOT, encoding: 'utf8' });
    return { commit, uncommitted: status.split('\n').map((l) => l.slice(3).trim()).filter(Boolean) };
  } catch {
    return { commit: 'unknown', uncommitted: [] };
  }
}

// ---- engines ----------------------------------------------------------------

/** The longest long task from `since` until SETTLE_MS (or `settleMs`) after now. */
function longestTask(bb: BenchBrowser, since: number, settleMs = SETTLE_MS): Promise<number> {
  return bb.page.evaluate(([s, w]) => window.__bench.longestTask(s, w), [since, settleMs] as const);
}

interface Run {
  ms: number;
  ranges: number;
  longTaskMs: number;
  [k: string]: number | null | boolean | undefined;
}

async function runFloor(bb: BenchBrowser, page: string): Promise<Run> {
  await bb.load(page);
  const r = await bb.page.evaluate(() => window.__bench.floor());
  const longTaskMs = await longestTask(bb, r.since);
  return { ms: r.ms, ranges: 0, nodes: r.nodes, chars: r.chars, paintedMs: r.paintedMs, longTaskMs };
}

async function runOurs(bb: BenchBrowser, page: string, d: Dictionary, scroll = false, engine: 'auto' | 'js' = 'auto'): Promise<Run & { firstPaintMs: number | null }> {
  await bb.load(page);
  await bb.page.evaluate((data) => window.__bench.setData(data), d.data);
  const r = await bb.page.evaluate(([s, e]) => window.__bench.ours({ scroll: s, engine: e }), [scroll, engine] as const);
  if (engine === 'auto' && !r.wasm) throw new Error('ours did not run its automaton pass in WebAssembly');
  const longTaskMs = await longestTask(bb, r.since);
  const { since: _since, ...rest } = r;
  return { ...rest, longTaskMs };
}

/** Per dictionary, the RegExp source of its last run. */
const lastRegexSource = new Map<string, string>();

/** The regex engine with a RegExp source never used before (or, with `again`, the dictionary's previous source: V8's cache warm). */
async function runRegex(bb: BenchBrowser, page: string, d: Dictionary, again = false): Promise<Run> {
  await bb.load(page);
  if (!again || !lastRegexSource.has(d.name)) lastRegexSource.set(d.name, uncachedRegexSource(d.terms));
  const source = lastRegexSource.get(d.name)!;
  const setupMs = await bb.page.evaluate((src) => window.__bench.setRegex(src), source);
  const r = await bb.page.evaluate(() => window.__bench.regex());
  const longTaskMs = await longestTask(bb, r.since);
  return { ms: r.ms, ranges: r.ranges, setupMs, paintedMs: r.paintedMs, longTaskMs };
}

async function runMarkOnce(bb: BenchBrowser, page: string, terms: string[], budgetMs: number, markSource: string) {
  await bb.load(page);
  await bb.page.evaluate(markSource);
  const r = await bb.page.evaluate(([t, b]) => window.__bench.markjs(t as string[], b as number), [terms, budgetMs] as const);
  const longTaskMs = await longestTask(bb, r.since, 30);
  return { ...r, longTaskMs };
}

/**
 * mark.js at 1,000 aliases on every page (time-boxed, extrapolated when cut short),
 * then at other sizes only when its estimate from the 1,000 run is small enough.
 */
async function runMarkAll(bb: BenchBrowser, page: string, dicts: Dictionary[], mark: string, cases: BenchCase[], notes: string[]): Promise<void> {
  const base = dicts.find((d) => d.name === '1000') ?? dicts.slice().sort((a, b) => a.aliases - b.aliases)[0]!;
  const order = [base, ...dicts.filter((d) => d !== base)];
  let perTerm = 0;
  for (const d of order) {
    if (d !== base) {
      const estimate = perTerm * d.terms.length;
      if (estimate > MARK_LIMIT_MS || estimate > MARK_RUN_LIMIT_MS) {
        const why = estimate > MARK_LIMIT_MS ? `estimated ${Math.round(estimate / 1000)} s > 60 s` : `estimated ${Math.round(estimate / 1000)} s; skipped to keep the run near 10 minutes`;
        cases.push({ page, dictionary: d.name, aliases: d.aliases, engine: 'markjs', ms: null, ranges: null, skipped: why, estimatedMs: Math.round(estimate) });
        log(`  ${d.name.padStart(5)} mark.js: skipped (${why})`);
        continue;
      }
    }
    const budget = d === base ? MARK_BUDGET_MS : MARK_RUN_LIMIT_MS * 1.5;
    const first = await runMarkOnce(bb, page, d.terms, budget, mark);
    const runs = [first];
    // Repeat only cheap complete runs.
    if (!first.partial && first.ms < 2000) for (let i = 1; i < 3; i++) runs.push(await runMarkOnce(bb, page, d.terms, budget, mark));
    if (d === base) perTerm = first.ms / d.terms.length;
    const c: BenchCase = {
      page,
      dictionary: d.name,
      aliases: d.aliases,
      engine: 'markjs',
      ms: r1(median(runs.map((r) => r.ms))),
      ranges: first.partial ? null : median(runs.map((r) => r.ranges ?? 0)),
      runs: runs.map((r) => r1(r.ms)),
      longTaskMs: r1(median(runs.map((r) => r.longTaskMs))),
      marks: first.marks,
      terms: d.terms.length,
    };
    if (first.partial) {
      c.extrapolated = true;
      c.measuredMs = r1(first.measuredMs);
      c.termsDone = first.termsDone;
      c.matchesSoFar = first.matchesSoFar;
      notes.push(`mark.js on ${page} at ${d.aliases} aliases was stopped after ${(first.measuredMs / 1000).toFixed(0)} s (${first.termsDone} of ${d.terms.length} terms); its time is extrapolated linearly.`);
    }
    cases.push(c);
    log(`  ${d.name.padStart(5)} mark.js: ${c.ms} ms${first.partial ? ` (extrapolated from ${first.termsDone}/${d.terms.length} terms in ${r1(first.measuredMs)} ms)` : ''} ranges ${c.ranges ?? '?'}`);
  }
}

function summarize(page: string, d: Dictionary | null, engine: BenchCase['engine'], runs: Run[]): BenchCase {
  const c: BenchCase = {
    load: load(),
    page,
    dictionary: d?.name ?? null,
    aliases: d?.aliases ?? 0,
    engine,
    ms: r1(median(runs.map((r) => r.ms))),
    ranges: median(runs.map((r) => r.ranges)),
    runs: runs.map((r) => r1(r.ms)),
    minMs: r1(Math.min(...runs.map((r) => r.ms))),
    // The target is about any task, so the worst run counts, not the median.
    longTaskMs: r1(Math.max(...runs.map((r) => r.longTaskMs))),
  };
  const keys = new Set(runs.flatMap((r) => Object.keys(r)));
  for (const k of keys) {
    if (k in c || k === 'since') continue;
    const xs = runs.map((r) => r[k]).filter((x): x is number => typeof x === 'number');
    if (xs.length) c[k] = r1(median(xs));
  }
  if (d) c.terms = d.terms.length;
  return c;
}

// ---- memory -----------------------------------------------------------------

async function heapUsed(bb: BenchBrowser): Promise<{ used: number; backing: number }> {
  await bb.cdp.send('HeapProfiler.collectGarbage');
  await bb.cdp.send('HeapProfiler.collectGarbage');
  const u = (await bb.cdp.send('Runtime.getHeapUsage')) as { usedSize: number; backingStorageSize?: number };
  return { used: u.usedSize, backing: u.backingStorageSize ?? 0 };
}

async function measureMemory(bb: BenchBrowser, d: Dictionary): Promise<MemoryRow> {
  const deltas: { used: number; backing: number; ms: number }[] = [];
  const regexDeltas: number[] = [];
  let bytes: Awaited<ReturnType<typeof window.__bench.matcherBytes>> | undefined;
  const parseMs: number[] = [];
  for (let i = 0; i < 3; i++) {
    await bb.load('blank');
    await bb.page.evaluate((data) => window.__bench.setData(data), d.data);
    parseMs.push(await bb.page.evaluate(() => window.__bench.parseData()));
  }
  for (let i = 0; i < 3; i++) {
    const src = uncachedRegexSource(d.terms);
    await bb.load('blank');
    await bb.page.evaluate((data) => window.__bench.setData(data), d.data);
    await bb.page.evaluate((s) => s.length, src); // the source string crosses over once before measuring
    const before = await heapUsed(bb);
    const ms = await bb.page.evaluate(() => window.__bench.buildMatcher());
    const after = await heapUsed(bb);
    deltas.push({ used: after.used - before.used, backing: after.backing - before.backing, ms });
    bytes = await bb.page.evaluate(() => window.__bench.matcherBytes());
    await bb.page.evaluate(() => window.__bench.drop());
    const b2 = await heapUsed(bb);
    await bb.page.evaluate((s) => window.__bench.buildRegex(s), src);
    const a2 = await heapUsed(bb);
    regexDeltas.push(a2.used + a2.backing - (b2.used + b2.backing));
  }
  const used = median(deltas.map((x) => x.used));
  const backing = median(deltas.map((x) => x.backing));
  return {
    dictionary: d.name,
    aliases: d.aliases,
    states: bytes!.states,
    alphabet: bytes!.alphabet,
    matcherBytes: bytes!.totalBytes,
    automatonBytes: bytes!.automatonBytes,
    classTableBytes: bytes!.classTableBytes,
    tables: bytes!.tables,
    sharedTableBytes: bytes!.sharedTableBytes,
    wasmMemoryBytes: bytes!.wasmMemoryBytes,
    heapDeltaBytes: used + backing,
    heapUsedDeltaBytes: used,
    backingStoreDeltaBytes: backing,
    constructMs: r1(median(deltas.map((x) => x.ms))),
    parseMs: r1(median(parseMs)),
    regexHeapDeltaBytes: median(regexDeltas),
  };
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
