/** Result types, the issue's targets, and the Markdown report (BENCHMARKS.md). */

/** 'ours-js' (opt-in, --engines=…,ours-js) is ours with the automaton pass in JavaScript instead of WebAssembly. */
export type EngineName = 'ours' | 'ours-js' | 'markjs' | 'regex' | 'floor';

export interface BenchCase {
  page: string;
  /** "real", "1000", … or null for the dictionary-independent floor. */
  dictionary: string | null;
  aliases: number;
  engine: EngineName;
  /** Median over runs (mark.js: extrapolated when `extrapolated`), or null when skipped. */
  ms: number | null;
  ranges: number | null;
  [extra: string]: unknown;
}

export interface MemoryRow {
  dictionary: string;
  aliases: number;
  states: number;
  alphabet: number;
  /** Typed arrays of the automaton + the scanner's own tables + shared fold/flag tables. */
  matcherBytes: number;
  automatonBytes: number;
  /** Tables the scanner builds per matcher (class table, root / dense transition rows, …), by field. */
  classTableBytes: number;
  tables: Record<string, number>;
  sharedTableBytes: number;
  /** The WebAssembly.Memory holding automaton and tables (0 when the scan ran in JavaScript); outside the JS heap. */
  wasmMemoryBytes?: number;
  /** CDP: (usedSize + backingStorageSize) after − before `new Matcher(data)`, after forced GCs. */
  heapDeltaBytes: number;
  heapUsedDeltaBytes: number;
  backingStoreDeltaBytes: number;
  constructMs: number;
  /** parseMatcherData (the zod shape check the content script runs on the stored data), cold. */
  parseMs: number;
  /** The same for the combined RegExp, compiled by one run over 20,000 characters of page text. */
  regexHeapDeltaBytes: number;
}

export interface TargetDetail {
  text: string;
  pass: boolean | null;
}

export interface Target {
  name: string;
  pass: boolean | null;
  details: TargetDetail[];
}

export interface BenchResults {
  browser: string;
  machine: { cpu: string; cores: number; memoryGB: number; os: string; node: string };
  date: string;
  options: Record<string, unknown>;
  code: { commit: string; uncommitted: string[] };
  kb: { entities: number; aliases: number; fallback: boolean; problems: number };
  dictionaries: { name: string; aliases: number; realAliases: number; syntheticAliases: number; terms: number; groups: number; compileMs: number; regexSourceChars: number }[];
  pages: { name: string; bytes: number; origin: string; elements: number; textNodes: number; chars: number; load: number }[];
  loadAverage: { start: number; end: number; max: number };
  cases: BenchCase[];
  memory: MemoryRow[];
  targets: Target[];
  notes: string[];
  /** Run time, not counting waits for a quiet machine. */
  durationS: number;
  waitedForQuietS?: number;
}

const find = (r: BenchResults, page: string, engine: EngineName, dictionary: string | null) =>
  r.cases.find((c) => c.page === page && c.engine === engine && (engine === 'floor' || c.dictionary === dictionary));

const x = (a: number, b: number) => `${(a / b).toFixed(a / b < 10 ? 2 : 0)}×`;
const label = (d: string | null) => (d === 'real' ? 'real KB' : `${d} aliases`);

function target(name: string, details: TargetDetail[]): Target {
  const known = details.filter((d) => d.pass !== null);
  return { name, pass: known.length ? known.every((d) => d.pass) : null, details };
}

/**
 * How long after an engine finished its long tasks are still counted (the frames in which
 * ours' highlight window measures positions, and the garbage collection after a big page).
 */
export const SETTLE_MS = 1000;
const SETTLE_LABEL = `${SETTLE_MS / 1000} s`;

export function checkTargets(r: BenchResults): Target[] {
  const ours = r.cases.filter((c) => c.engine === 'ours' && typeof c.ms === 'number');
  const pages = [...new Set(r.cases.map((c) => c.page))];

  const t1: TargetDetail[] = ours.map((c) => {
    const f = find(r, c.page, 'floor', null);
    if (!f?.ms) return { text: `${c.page}, ${label(c.dictionary)}: no floor`, pass: null };
    const ok = c.ms! <= 2 * f.ms;
    return { text: `${c.page}, ${label(c.dictionary)}: ours ${c.ms} ms vs floor ${f.ms} ms (${x(c.ms!, f.ms)})`, pass: ok };
  });

  const t2: TargetDetail[] = [];
  for (const c of ours) {
    const g = find(r, c.page, 'regex', c.dictionary);
    if (!g?.ms) continue;
    const need = c.dictionary === '20000' ? 5 : 1;
    const ok = need === 1 ? c.ms! < g.ms : g.ms >= need * c.ms!;
    t2.push({ text: `${c.page}, ${label(c.dictionary)}: ours ${c.ms} ms vs regex ${g.ms} ms (regex/ours ${x(g.ms, c.ms!)}${need > 1 ? `, need ≥5×` : ''})`, pass: ok });
  }

  const t3: TargetDetail[] = [];
  for (const p of pages) {
    const a = find(r, p, 'ours', '1000');
    const b = find(r, p, 'ours', '20000');
    if (!a?.ms || !b?.ms) continue;
    t3.push({ text: `${p}: ours ${b.ms} ms at 20,000 vs ${a.ms} ms at 1,000 (${x(b.ms, a.ms)})`, pass: b.ms <= 1.3 * a.ms });
  }

  const t4: TargetDetail[] = [];
  for (const p of pages) {
    const a = find(r, p, 'ours', '1000');
    const m = find(r, p, 'markjs', '1000');
    if (!a?.ms || !m?.ms) continue;
    t4.push({ text: `${p}: mark.js ${m.ms} ms${m.extrapolated ? ' (extrapolated)' : ''} vs ours ${a.ms} ms (${x(m.ms, a.ms)})`, pass: m.ms >= 100 * a.ms });
  }

  const t5: TargetDetail[] = ours.map((c) => {
    const top = typeof c.firstPaintMs === 'number' ? c.firstPaintMs : null;
    const scrolled = typeof c.firstViewportScrolledMs === 'number' ? c.firstViewportScrolledMs : null;
    if (top === null && scrolled === null) return { text: `${c.page}, ${label(c.dictionary)}: no first paint`, pass: null };
    const worst = Math.max(top ?? 0, scrolled ?? 0);
    return { text: `${c.page}, ${label(c.dictionary)}: first highlights after ${top ?? '–'} ms at the top, ${scrolled ?? '–'} ms scrolled`, pass: worst <= 100 };
  });

  const t6: TargetDetail[] = ours.map((c) => ({
    text: `${c.page}, ${label(c.dictionary)}: longest task ${c.longTaskMs ?? '–'} ms (0 = none over 50 ms; worst of all runs, up to ${SETTLE_LABEL} after the scan)`,
    pass: typeof c.longTaskMs === 'number' ? c.longTaskMs <= 50 : null,
  }));

  return [
    target('viewport first: mentions on screen highlighted within 100 ms of the scan starting', t5),
    target('no main-thread task caused by the extension over 50 ms', t6),
    target('ours within 2× of the floor on every page and dictionary size', t1),
    target('ours faster than the combined regex at every size, and ≥5× faster at 20,000 aliases', t2),
    target('ours at 20,000 aliases ≤ 1.3× ours at 1,000', t3),
    target('ours ≥100× faster than mark.js at 1,000 aliases', t4),
  ];
}

// ---- Markdown -----------------------------------------------------------------

const n = (v: unknown, digits = 1): string => (typeof v === 'number' && Number.isFinite(v) ? (Math.round(v * 10 ** digits) / 10 ** digits).toLocaleString('en-US') : '–');
const kib = (b: number) => `${(b / 1024).toLocaleString('en-US', { maximumFractionDigits: 0 })} KiB`;

export function renderMarkdown(r: BenchResults): string {
  const out: string[] = [];
  const date = r.date.slice(0, 10);
  out.push('# Benchmarks: highlighting Chinese AI names on real pages');
  out.push('');
  out.push(`Generated by \`npm run bench\` (bench/run.ts) on ${date} in ${Math.round(r.durationS / 60)} min${r.waitedForQuietS ? ` (plus ${Math.round(r.waitedForQuietS / 60)} min waiting for other processes to finish)` : ''}. Raw numbers: [bench/results.json](bench/results.json).`);
  out.push('');
  out.push(`- **Machine:** ${r.machine.cpu}, ${r.machine.cores} cores, ${r.machine.memoryGB} GB RAM, ${r.machine.os}`);
  out.push(`- **Browser:** ${r.browser}, driven by playwright-core; Node ${r.machine.node}`);
  out.push(`- **Code measured:** commit ${r.code.commit}${r.code.uncommitted.length ? ` plus uncommitted changes in ${r.code.uncommitted.join(', ')}` : ''}`);
  out.push(`- **Knowledge base:** ${r.kb.entities} entities, ${r.kb.aliases} aliases${r.kb.fallback ? ` (**fallback**: the pack had ${r.kb.problems} problem(s) during the run; only the entities that parse were used)` : ''}`);
  out.push(`- **Runs:** median of ${r.options.runs} runs per case (a fresh page load for every run; each run goes round the floor and every dictionary of ours and the regex on a page, so drift of the machine affects them alike); mark.js is time-boxed (see notes)`);
  out.push(`- **Machine load:** 1-minute load average ${r.loadAverage.start} at the start, ${r.loadAverage.end} at the end, at most ${r.loadAverage.max} between pages${r.loadAverage.max > 1 ? ' — **other processes were running; timings are noisier than usual**' : ''}`);
  out.push('');
  out.push('## How to read this');
  out.push('');
  out.push(
    'Each engine runs in headless Chromium on a fresh load of the same page (page scripts stripped, layout done) with the same term list. ' +
      '**ours** is the content script engine (Matcher + PageScanner + Highlighter bundled with esbuild and injected into the page); its time runs from the construction of the scanner (`new PageScanner`, then `start()`; the highlighter is made before, as the content script makes it at set-up) until every range is registered, ' +
      'so it includes the pauses where it yields to the page between slices (and whatever the browser renders then). **busy** is that time minus the yields: the engine\'s own work. ' +
      'Matcher construction (decoding the compiled automaton, building the scanner\'s tables), which the content script does once per page, is **not** in `ms`: it is the **setup** column (and `new Matcher` under memory). ' +
      '**regex** is one case-insensitive RegExp alternation of all aliases (escaped, longest first) run over each visible text node, creating StaticRanges in one Highlight; it has no word-boundary, case, context or version rules, so its range count includes substrings of words. ' +
      'V8 compiles a RegExp on its first use and caches it by source within a renderer process; every run here uses a fresh source (as on a site visited for the first time), and "regex cached" shows a repeat with the cache warm. Likewise the injected engines bundle is a fresh script on every load. ' +
      '**floor** only walks and reads every visible text node: no engine can be faster. Nothing reads the page before the engine under test on its load (the page facts are counted on a load of their own), so every engine, the floor included, runs its code for the first time and creates the script wrappers of the nodes it touches, as a content script does in its own isolated world; until 2026-12-06 a count of the page ran the floor\'s own walk first on every load, which made the floor a warm second pass. **mark.js** wraps matches in `<mark>` elements (DOM changes), with `accuracy: "exactly"`, so it never matches Chinese names inside Chinese text. ' +
      '**painted** is the time until the first frame after the engine finished, i.e. including the browser\'s work to paint the new highlights (for regex this happens after its timed loop). ' +
      'The **first paint** columns are when ours registered its first slice of highlights, at the top of the page and after scrolling to the middle (viewport-first pass; median of three more loads). ' +
      'Ratios above 1 in "regex ÷ ours" mean ours is faster. Synthetic dictionaries keep the real aliases (a seeded sample for 1,000, which is below the real size) and pad with made-up Latin and Chinese names that rarely occur on pages, so more aliases mostly means more automaton states, not more ranges. The generated article is written with the aliases of the 1,000 dictionary, which all the others contain, so every dictionary finds the same mentions there.',
  );
  out.push('');

  out.push('## Targets');
  out.push('');
  for (const t of r.targets) {
    out.push(`- **${t.pass === null ? 'N/A' : t.pass ? 'PASS' : 'FAIL'}** — ${t.name}`);
    for (const d of t.details.filter((d) => d.pass === false)) out.push(`  - ✗ ${d.text}`);
  }
  out.push('');
  out.push('Findings on the misses and what would fix them: [bench/ANALYSIS.md](bench/ANALYSIS.md).');
  out.push('');

  out.push('## Results per page (times in ms, medians)');
  for (const p of r.pages) {
    const floor = find(r, p.name, 'floor', null);
    out.push('');
    out.push(`### ${p.name}`);
    out.push('');
    out.push(`${(p.bytes / 1e6).toFixed(2)} MB of HTML, ${p.elements.toLocaleString('en-US')} elements, ${p.textNodes.toLocaleString('en-US')} text nodes, ${p.chars.toLocaleString('en-US')} characters of visible text. Floor: **${n(floor?.ms)} ms** (longest task ${n(floor?.longTaskMs)} ms).`);
    out.push('');
    out.push('| Dictionary | ours | ours busy | ours setup | first paint top / scrolled | longest slice / task | ours painted | regex | regex cached | regex painted | mark.js | ours ÷ floor | regex ÷ ours | ranges ours / regex / mark.js |');
    out.push('|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
    const dictNames = [...new Set(r.cases.filter((c) => c.page === p.name && c.dictionary).map((c) => c.dictionary!))];
    const order = ['1000', 'real', '5000', '20000'];
    const rank = (d: string) => (order.includes(d) ? order.indexOf(d) : order.length);
    dictNames.sort((a, b) => rank(a) - rank(b));
    for (const d of dictNames) {
      const o = find(r, p.name, 'ours', d);
      const g = find(r, p.name, 'regex', d);
      const m = find(r, p.name, 'markjs', d);
      const aliases = (o ?? g ?? m)?.aliases ?? 0;
      const markCell = !m ? '–' : m.ms === null ? `skipped (${String(m.skipped ?? '')})` : `${m.extrapolated ? '≈' : ''}${n(m.ms, 0)}${m.extrapolated ? '*' : ''}`;
      out.push(
        `| ${d === 'real' ? 'real KB' : d} (${aliases.toLocaleString('en-US')}) | **${n(o?.ms)}** | ${n(o?.busyMs)} | ${n(o?.setupMs)} | ${n(o?.firstPaintMs)} / ${n(o?.firstViewportScrolledMs)} | ${n(o?.longestSliceMs)} / ${n(o?.longTaskMs)} | ${n(o?.paintedMs)} | **${n(g?.ms)}** | ${n(g?.cachedMs)} | ${n(g?.paintedMs)} | ${markCell} | ${o?.ms && floor?.ms ? x(o.ms, floor.ms) : '–'} | ${o?.ms && g?.ms ? x(g.ms, o.ms) : '–'} | ${o?.ranges ?? '–'} / ${g?.ranges ?? '–'} / ${m ? (m.ranges ?? (m.matchesSoFar !== undefined ? `≥${m.matchesSoFar}` : '–')) : '–'} |`,
      );
    }
  }
  out.push('');
  out.push(`"Longest task" is the longest PerformanceObserver \`longtask\` entry from the start of a run until ${SETTLE_LABEL} after it finished (the frames after the scan, where the highlight window measures positions and garbage collection follows, count too), the worst over all runs of the case including the scrolled one (0 = none over 50 ms); the other columns are medians. \`*\` = mark.js was stopped at its time budget and its time extrapolated linearly from the terms it finished.`);
  out.push('');

  out.push('## Matcher memory');
  out.push('');
  out.push('| Dictionary | aliases | states | alphabet | automaton arrays | scanner tables (class table, flags, root row, output buffer) | shared fold/flag tables | total typed arrays (of which WebAssembly memory) | JS heap delta (used + backing) | combined regex heap delta | `parseMatcherData` ms | `new Matcher` ms |');
  out.push('|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
  for (const m of r.memory) {
    out.push(
      `| ${m.dictionary === 'real' ? 'real KB' : m.dictionary} | ${m.aliases.toLocaleString('en-US')} | ${m.states.toLocaleString('en-US')} | ${m.alphabet.toLocaleString('en-US')} | ${kib(m.automatonBytes)} | ${kib(m.classTableBytes)} | ${kib(m.sharedTableBytes)} | ${kib(m.matcherBytes)}${m.wasmMemoryBytes ? ` (${kib(m.wasmMemoryBytes)})` : ''} | ${kib(m.heapDeltaBytes)} (${kib(m.heapUsedDeltaBytes)} + ${kib(m.backingStoreDeltaBytes)}) | ${kib(m.regexHeapDeltaBytes)} | ${n(m.parseMs)} | ${n(m.constructMs)} |`,
    );
  }
  out.push('');
  out.push('The heap delta is measured with CDP `HeapProfiler.collectGarbage` and `Runtime.getHeapUsage` (usedSize + backingStorageSize) around `new Matcher(data)` on a blank page, median of 3 fresh pages; it includes the shared fold and flag tables, which are built on first use, but not the WebAssembly memory (outside the JS heap), which holds the automaton and the scanner tables: the total column counts it. The last two columns are what the content script spends on every page before scanning: the shape check of the stored matcher data and the matcher construction (both cold, on a blank page).');
  out.push('');

  out.push('## Dictionaries');
  out.push('');
  out.push('| Dictionary | aliases | real | synthetic | distinct terms (regex, mark.js) | automaton groups | regex source (chars) | compile in Node (ms) |');
  out.push('|---|---:|---:|---:|---:|---:|---:|---:|');
  for (const d of r.dictionaries) {
    out.push(`| ${d.name} | ${d.aliases.toLocaleString('en-US')} | ${d.realAliases.toLocaleString('en-US')} | ${d.syntheticAliases.toLocaleString('en-US')} | ${d.terms.toLocaleString('en-US')} | ${d.groups.toLocaleString('en-US')} | ${d.regexSourceChars.toLocaleString('en-US')} | ${n(d.compileMs)} |`);
  }
  out.push('');
  if (r.notes.length) {
    out.push('## Notes');
    out.push('');
    for (const note of r.notes) out.push(`- ${note}`);
    out.push('');
  }
  out.push('Reproduce: `npm run bench` (all pages and sizes), or `npm run bench -- --quick --pages=qq,generated-5mb --sizes=real,20000` while iterating (partial runs write to bench/out/).');
  out.push('');
  return out.join('\n');
}
