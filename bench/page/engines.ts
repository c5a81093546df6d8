/**
 * Runs inside the benchmark page (bundled by esbuild into an IIFE that defines
 * `window.__bench`). Every engine works on the live document:
 *
 * - ours:   Matcher + PageScanner + Highlighter, exactly as the content script runs them;
 * - regex:  one combined RegExp per text node, StaticRanges in one Highlight;
 * - floor:  a TreeWalker pass reading every visible text node, nothing else;
 * - markjs: mark.js (loaded separately as window.Mark) with its array API.
 */
import { P_NEEDS_CONTEXT, P_VERSIONED, type MatcherData } from '../../engine/compile';
import { foldTable, flagTable } from '../../engine/chars';
import { insideAddress, Matcher } from '../../engine/matcher';
import type { ScanEngine } from '../../engine/automaton';
import { parseMatcherData } from '../../engine/matcher-schema';
import { ENTITY_KINDS } from '../../kb/schema';
import { Highlighter, kindHighlightName } from '../../content/highlighter';
import { PageScanner } from '../../content/scanner';
import { nodeIndexAt, TextWalker } from '../../content/walker';
import { forEachVisibleText, withSeparators } from './visible-text';
import { RuleRegexes } from '../rules';

interface LongTask {
  start: number;
  duration: number;
}

declare global {
  interface Window {
    __bench: typeof api;
    __longtasks?: LongTask[];
    Mark?: new (ctx: Element) => { mark(terms: string[], opts: Record<string, unknown>): void };
  }
}

const state: {
  data?: MatcherData;
  re?: RegExp;
  scanner?: PageScanner;
  keep?: unknown;
  rules?: RuleRegexes;
} = {};

const paths = new WeakMap<Node, string>();

/** Child-index path of a node from documentElement, e.g. "1/3/0" (memoized per node). */
function pathOf(node: Node): string {
  if (node === document.documentElement) return '';
  const known = paths.get(node);
  if (known !== undefined) return known;
  let i = 0;
  for (let s = node.previousSibling; s; s = s.previousSibling) i++;
  const parent = node.parentNode;
  const p = parent && parent !== document.documentElement ? `${pathOf(parent)}/${i}` : String(i);
  paths.set(node, p);
  return p;
}

/** Resolves after the next rendered frame (rAF, then a task after that frame's rendering steps). */
function nextFrame(): Promise<void> {
  return new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
}

function longestTaskSince(t: number): number {
  let max = 0;
  for (const e of window.__longtasks ?? []) if (e.start + e.duration >= t && e.duration > max) max = e.duration;
  return max;
}

const api = {
  /** Stores the matcher data (outside any timing). */
  setData(data: MatcherData): void {
    state.data = data;
  },

  /** Compiles the combined regex (outside the scan timing, reported as setup). */
  setRegex(source: string, flags = 'gi'): number {
    const t = performance.now();
    state.re = new RegExp(source, flags);
    return performance.now() - t;
  },

  /** Finishes layout (as on a page the reader sees), so that no engine pays for it, and returns the document's height. */
  layout() {
    void document.body?.offsetHeight;
    return document.documentElement.scrollHeight;
  },

  /**
   * Page facts. Walks the page with the floor's code: call it only on a load that measures
   * nothing. Counts with `length`, never `data`: every string Blink hands to a script stays
   * in its string cache with a weak handle, so reading `data` here would leave the next full
   * collection the work of clearing 100,000 dead handles.
   */
  info() {
    let nodes = 0;
    let chars = 0;
    forEachVisibleText(document.documentElement, (t) => {
      nodes++;
      chars += t.length;
    });
    return { elements: document.getElementsByTagName('*').length, textNodes: nodes, chars };
  },

  /**
   * The engine as the content script runs it, until every range is registered.
   * `layoutReadyAfter`: the scanner is told the layout is not ready for that many asks
   * (ScannerOptions.layoutReady), as the content script is before the page's first frame
   * after parsing: the scan starts at the top and looks at the viewport between slices.
   */
  async ours(opts: { scroll?: boolean; engine?: ScanEngine; layoutReadyAfter?: number } = {}) {
    const data = state.data;
    if (!data) throw new Error('setData first');
    if (opts.scroll) {
      window.scrollTo(0, Math.max(0, (document.documentElement.scrollHeight - innerHeight) / 2));
      void document.body?.offsetHeight;
    }
    // Time spent handed back to the browser (scheduler.yield) is measured separately.
    const sched = (globalThis as { scheduler?: { yield?: () => Promise<void> } }).scheduler;
    const origYield = sched?.yield;
    let yieldedMs = 0;
    let yields = 0;
    if (sched && origYield) {
      sched.yield = () => {
        const t = performance.now();
        yields++;
        return origYield.call(sched).then(() => {
          yieldedMs += performance.now() - t;
        });
      };
    }
    try {
      // The content script makes its highlighter when it sets up, before the matcher data
      // arrives (content/main.ts): not part of the scan.
      const highlighter = new Highlighter();
      const t0 = performance.now();
      const matcher = new Matcher(data, opts.engine);
      const t1 = performance.now();
      let asks = 0;
      const layoutReady = opts.layoutReadyAfter === undefined ? undefined : () => asks++ >= opts.layoutReadyAfter!;
      const scanner = new PageScanner(document, matcher, highlighter, { layoutReady });
      await scanner.start();
      const t2 = performance.now();
      if (sched && origYield) sched.yield = origYield;
      await nextFrame();
      const t3 = performance.now();
      state.scanner = scanner;
      let ranges = 0;
      for (const k of ENTITY_KINDS) ranges += highlighter.size(kindHighlightName(k));
      return {
        setupMs: t1 - t0,
        wasm: matcher.wasm,
        ms: t2 - t1,
        ranges,
        firstPaintMs: scanner.stats.firstPaint !== undefined ? scanner.stats.firstPaint - t1 : null,
        longestSliceMs: scanner.stats.longestSliceMs,
        lateViewport: scanner.stats.lateViewport ?? false,
        batches: scanner.stats.batches,
        characters: scanner.stats.characters,
        read: scanner.stats.read,
        stretches: scanner.stats.stretches,
        stretchesReadByNode: scanner.stats.stretchesReadByNode,
        yieldedMs,
        yields,
        busyMs: t2 - t1 - yieldedMs,
        paintedMs: t3 - t1,
        since: t0,
      };
    } finally {
      if (sched && origYield) sched.yield = origYield;
    }
  },

  /** The "smart naive" approach: one combined RegExp over each visible text node. */
  async regex() {
    const re = state.re;
    if (!re) throw new Error('setRegex first');
    const since = performance.now();
    const t0 = performance.now();
    const h = new Highlight();
    CSS.highlights.set('bench-regex', h);
    let ranges = 0;
    forEachVisibleText(document.documentElement, (t) => {
      const s = t.data;
      re.lastIndex = 0;
      let m: RegExpExecArray | null;
      while ((m = re.exec(s))) {
        h.add(new StaticRange({ startContainer: t, startOffset: m.index, endContainer: t, endOffset: m.index + m[0].length }));
        ranges++;
      }
    });
    const ms = performance.now() - t0;
    await nextFrame();
    return { ms, ranges, paintedMs: performance.now() - t0, since };
  },

  /** The floor: read every visible text node and do nothing else. */
  async floor() {
    const since = performance.now();
    const t0 = performance.now();
    let nodes = 0;
    let chars = 0;
    forEachVisibleText(document.documentElement, (t) => {
      nodes++;
      chars += t.data.length;
    });
    const ms = performance.now() - t0;
    await nextFrame();
    return { ms, ranges: 0, nodes, chars, paintedMs: performance.now() - t0, since };
  },

  /**
   * mark.js with its array API, in batches of at most `maxBatch` terms, yielding between
   * batches. A first batch of `firstBatch` terms calibrates the cost per term; if the whole list
   * would exceed `budgetMs`, batches shrink to ~2 s and the run stops at the budget with
   * an extrapolated estimate.
   */
  async markjs(terms: string[], budgetMs: number, maxBatch = 500, firstBatch = 10) {
    const Mark = window.Mark;
    if (!Mark) throw new Error('mark.js is not loaded');
    const inst = new Mark(document.body);
    const options = { accuracy: 'exactly', separateWordSearch: false, acrossElements: true, diacritics: false };
    let total = 0;
    let done = 0;
    const since = performance.now();
    const t0 = performance.now();
    let perTerm = 0;
    let fits = false;
    while (done < terms.length) {
      const elapsed = performance.now() - t0;
      if (!fits && done > 0 && elapsed >= budgetMs) break;
      let size: number;
      if (done === 0) size = firstBatch;
      else if (fits || perTerm * (terms.length - done) <= budgetMs - elapsed) {
        fits = true;
        size = maxBatch;
      } else size = Math.max(1, Math.min(maxBatch, Math.floor(2000 / Math.max(perTerm, 0.01)), Math.ceil((budgetMs - elapsed) / Math.max(perTerm, 0.01))));
      const batch = terms.slice(done, done + size);
      await new Promise<void>((resolve, reject) => {
        try {
          inst.mark(batch, { ...options, done: (n: number) => ((total += n), resolve()) });
        } catch (e) {
          reject(e);
        }
      });
      done += batch.length;
      perTerm = (performance.now() - t0) / done;
      await new Promise((r) => setTimeout(r, 0));
    }
    const ms = performance.now() - t0;
    const partial = done < terms.length;
    return {
      ms: partial ? (ms * terms.length) / done : ms,
      measuredMs: ms,
      partial,
      termsDone: done,
      terms: terms.length,
      ranges: partial ? null : total,
      matchesSoFar: total,
      marks: document.querySelectorAll('mark[data-markjs]').length,
      since,
    };
  },

  /**
   * The longest long task (PerformanceObserver 'longtask') overlapping [since, now], after
   * waiting `settleMs`: what an engine leaves behind counts too (ours' highlight window
   * measures positions in the frames after the scan, and garbage collection follows).
   */
  async longestTask(since: number, settleMs = 30): Promise<number> {
    await new Promise((r) => setTimeout(r, settleMs));
    return longestTaskSince(since);
  },

  // ---- memory -------------------------------------------------------------

  /** What the content script does with the stored data before `new Matcher`: the zod shape check (cold). */
  parseData(): number {
    const t = performance.now();
    const ok = parseMatcherData(state.data);
    if (!ok) throw new Error('matcher data does not pass parseMatcherData');
    return performance.now() - t;
  },

  /** Builds a matcher and keeps it alive (heap delta is measured around this call). */
  buildMatcher(): number {
    if (!state.data) throw new Error('setData first');
    const t = performance.now();
    state.keep = new Matcher(state.data);
    return performance.now() - t;
  },

  /** Builds the combined regex, runs it once over the page so V8 compiles it, keeps it alive. */
  buildRegex(source: string): number {
    const t = performance.now();
    const re = new RegExp(source, 'gi');
    re.test(document.body?.textContent?.slice(0, 20_000) ?? '');
    state.keep = re;
    return performance.now() - t;
  },

  drop(): void {
    state.keep = undefined;
  },

  /**
   * Bytes of the matcher's typed arrays: the automaton's (decoded from the compiled data),
   * the tables the scanner builds (class table, root and dense transition rows, …), and the
   * fold and flag tables shared by every matcher in the page. Found by walking the objects'
   * own fields, so new tables are counted without changes here.
   */
  matcherBytes() {
    const m = state.keep as Matcher | undefined;
    if (!(m instanceof Matcher)) throw new Error('buildMatcher first');
    const shared = new Set<ArrayBufferLike>([flagTable().buffer, foldTable().buffer]);
    const seen = new Set<ArrayBufferLike>();
    const scanner = (m as unknown as { scanner: Record<string, unknown> & { data: Record<string, unknown> } }).scanner;
    const automaton: Record<string, number> = {};
    const tables: Record<string, number> = {};
    // With the WebAssembly scan, the tables are views of one WebAssembly.Memory: count
    // each view, and the rest of the memory (output buffer, root row, output counts).
    const memory = (scanner.wasmScan as { memory?: WebAssembly.Memory } | null)?.memory?.buffer;
    const seenViews = new Set<unknown>();
    let inMemory = 0;
    const collect = (obj: Record<string, unknown>, into: Record<string, number>) => {
      for (const [k, v] of Object.entries(obj)) {
        if (!ArrayBuffer.isView(v) || shared.has(v.buffer)) continue;
        if (v.buffer === memory) {
          if (seenViews.has(v)) continue;
          seenViews.add(v);
          inMemory += v.byteLength;
          into[k] = v.byteLength;
          continue;
        }
        if (seen.has(v.buffer)) continue;
        seen.add(v.buffer);
        into[k] = v.buffer.byteLength;
      }
    };
    collect(scanner.data, automaton);
    collect(scanner, tables);
    collect(m as unknown as Record<string, unknown>, tables);
    if (memory) tables['WebAssembly memory, other'] = memory.byteLength - inMemory;
    const sum = (o: Record<string, number>) => Object.values(o).reduce((a, b) => a + b, 0);
    const sharedBytes = flagTable().buffer.byteLength + foldTable().buffer.byteLength;
    const states = (scanner.data.fail as Uint32Array).length;
    const alphabet = (scanner.data.alphabet as string).length;
    return {
      states,
      alphabet,
      wasmMemoryBytes: memory?.byteLength ?? 0,
      automatonBytes: sum(automaton),
      automaton,
      classTableBytes: sum(tables),
      tables,
      sharedTableBytes: sharedBytes,
      totalBytes: sum(automaton) + sum(tables) + sharedBytes,
    };
  },

  // ---- correctness --------------------------------------------------------

  /** Ours' active mentions: node paths, offsets, text, entity. */
  oursMentions() {
    const s = state.scanner;
    if (!s) throw new Error('run ours first');
    return s.activeMentions().map((r) => ({
      startPath: pathOf(r.range.startContainer),
      start: r.range.startOffset,
      endPath: pathOf(r.range.endContainer),
      end: r.range.endOffset,
      text: r.nodes.length === 1 ? (r.nodes[0]!.data.slice(r.range.startOffset, r.range.endOffset)) : spanText(r.range),
      entity: s.matcher.ids[r.active]!,
      patterns: r.patterns,
      nodes: r.nodes.length,
      nodeLength: (r.range.startContainer as Text).data.length,
    }));
  },


  /**
   * The rule regexes (bench/rules.ts) as an independent matcher: over the same block
   * text as ours (mode "block", collected with content/walker's TextWalker) or over each
   * text node alone (mode "node", as the regex engine walks). A plain alternation finds
   * candidate starts; at each, every pattern with that first character is tried with its
   * sticky rule regex; leftmost-longest selection and page-level context gating as
   * documented in engine/matcher.ts and engine/context.ts.
   */
  oracle(texts: string[], mode: 'block' | 'node') {
    const data = state.data;
    if (!data) throw new Error('setData first');
    const rules = (state.rules ??= new RuleRegexes(data, texts));
    const { fold, shadow, ignorable } = rules;
    const stage1 = new RegExp(rules.stage1, 'g');
    const lazy = (make: (i: number) => string, flags: string) => {
      const cache = new Map<number, RegExp>();
      return (i: number) => {
        let re = cache.get(i);
        if (!re) cache.set(i, (re = new RegExp(make(i), flags)));
        return re;
      };
    };
    const groupRe = lazy((g) => rules.groupSource(g), 'y');
    const ruleRe = lazy((p) => rules.ruleSource(p, false), 'y');
    const ruleReIgn = lazy((p) => rules.ruleSource(p, true), 'y');
    const buf = new Uint16Array(8192);
    /** The text mapped code unit by code unit through a table (same length). */
    const mapString = (text: string, t: Uint16Array): string => {
      let out = '';
      for (let i = 0; i < text.length; i += buf.length) {
        const n = Math.min(buf.length, text.length - i);
        for (let j = 0; j < n; j++) buf[j] = t[text.charCodeAt(i + j)]!;
        out += String.fromCharCode.apply(null, buf.subarray(0, n) as unknown as number[]);
      }
      return out;
    };
    interface Found {
      start: number;
      end: number;
      extended: boolean;
      aliasEnd: number;
      patterns: number[];
      nodes: Text[];
      starts: number[];
      text: string;
      entity: number;
    }
    const found: Found[] = [];
    const run = (text: string, nodes: Text[], starts: number[]) => {
      let hasIgn = false;
      for (let i = 0; i < text.length && !hasIgn; i++) if (ignorable[text.charCodeAt(i)]) hasIgn = true;
      // Candidate starts on the folded text; ignorables (skipped by the automaton) are removed
      // first, with a map back to offsets in `text`.
      let folded = mapString(text, fold);
      let toText: Int32Array | undefined;
      let toFolded: Int32Array | undefined;
      if (hasIgn) {
        toText = new Int32Array(text.length + 1);
        toFolded = new Int32Array(text.length + 1);
        let kept = '';
        let n = 0;
        for (let i = 0; i < folded.length; i++) {
          toFolded[i] = n;
          if (ignorable[text.charCodeAt(i)]) continue;
          kept += folded[i];
          toText[n++] = i;
        }
        toText[n] = toFolded[folded.length] = folded.length;
        folded = kept;
      }
      let shadowed: string | undefined;
      stage1.lastIndex = 0;
      // The candidates that start at folded offset fs, each with its patterns.
      const candidatesAt = (fs: number): Found[] => {
        const s = toText ? toText[fs]! : fs;
        const cands: Found[] = [];
        for (const g of rules.byFirst.get(folded.charCodeAt(fs)) ?? []) {
          const gr = groupRe(g);
          gr.lastIndex = fs;
          if (!gr.test(folded)) continue;
          shadowed ??= mapString(text, shadow);
          for (const p of rules.groups[g]!) {
            const r = (hasIgn ? ruleReIgn : ruleRe)(p);
            r.lastIndex = s;
            const mm = r.exec(shadowed);
            if (!mm) continue;
            const aliasEnd = s + mm[1]!.length;
            // Web and e-mail addresses written in the text: the engine's own check (unit-tested
            // in tests/unit/engine/audit.test.ts), here over the block's text only.
            if (insideAddress(text, s, aliasEnd)) continue;
            const extended = mm[2] !== undefined;
            const end = s + mm[0].length;
            let c = cands.find((x) => x.end === end && x.extended === extended && x.aliasEnd === aliasEnd);
            if (!c) cands.push((c = { start: s, end, extended, aliasEnd, patterns: [], nodes, starts, text: text.slice(s, end), entity: -1 }));
            c.patterns.push(p);
          }
        }
        return cands;
      };
      // Longer first, explicit before version-extended, then the longer alias.
      const order = (a: Found, b: Found) => b.end - a.end || Number(a.extended) - Number(b.extended) || b.aliasEnd - a.aliasEnd;
      const versioned = (f: Found) => (rules.patterns[f.patterns[0]!]!.f & P_VERSIONED) !== 0;
      let m: RegExpExecArray | null;
      while ((m = stage1.exec(folded))) {
        const fs = m.index;
        const cands = candidatesAt(fs);
        if (!cands.length) {
          stage1.lastIndex = fs + 1;
          continue;
        }
        // Leftmost-longest.
        let best = cands.length === 1 ? cands[0]! : cands.sort(order)[0]!;
        if (versioned(best)) {
          // A model name: another model name that starts inside its alias and reaches past
          // it names it (the alias reaching furthest, then the longer, then an explicit
          // one), over both spans.
          const inner: Found[] = [];
          const aliasEndFolded = toFolded ? toFolded[best.aliasEnd]! : best.aliasEnd;
          for (let q = fs; q < aliasEndFolded; q++) inner.push(...(q === fs ? cands : candidatesAt(q)).filter((b) => b !== best && b.aliasEnd > best.aliasEnd && versioned(b)));
          const named = inner.sort((a, b) => b.aliasEnd - a.aliasEnd || b.end - a.end || Number(a.extended) - Number(b.extended))[0];
          if (named) {
            const end = Math.max(best.end, named.end);
            best = { ...named, start: best.start, end, extended: named.end < best.end || named.extended, text: text.slice(best.start, end) };
          }
        }
        found.push(best);
        stage1.lastIndex = toFolded ? toFolded[best.end]! : best.end;
      }
    };
    if (mode === 'block') {
      const w = new TextWalker(document.documentElement, {});
      while (!w.done) {
        const b = w.next(16_000);
        if (!b) continue;
        const joined = withSeparators(b);
        run(joined.text, b.nodes, joined.starts);
      }
    } else {
      forEachVisibleText(document.documentElement, (t) => run(t.data, [t], [0]));
    }
    for (const f of found) f.patterns.sort((a, b) => a - b);
    // Context: entities mentioned through an alias without a context requirement are present.
    const presence = new Int32Array(data.ids.length);
    const pats = rules.patterns;
    for (const f of found) {
      const free = f.patterns.find((p) => !(pats[p]!.f & P_NEEDS_CONTEXT));
      if (free !== undefined) presence[(f.entity = pats[free]!.e)]!++;
    }
    for (const f of found) {
      if (f.entity >= 0) continue;
      for (const p of f.patterns) {
        const pat = pats[p]!;
        if (presence[pat.e]! > 0 || pat.c?.some((c) => presence[c]! > 0)) {
          f.entity = pat.e;
          break;
        }
      }
    }
    return found
      .filter((f) => f.entity >= 0)
      .map((f) => {
        const si = nodeIndexAt(f.starts, f.start);
        const ei = nodeIndexAt(f.starts, f.end - 1);
        return {
          startPath: pathOf(f.nodes[si]!),
          start: f.start - f.starts[si]!,
          endPath: pathOf(f.nodes[ei]!),
          end: f.end - f.starts[ei]!,
          text: f.text,
          entity: data.ids[f.entity]!,
          patterns: f.patterns,
          nodes: ei - si + 1,
          nodeLength: f.nodes[si]!.data.length,
        };
      });
  },

  marksText(): string[] {
    return [...document.querySelectorAll('mark[data-markjs]')].map((m) => m.textContent ?? '');
  },
};

function nodeAt(path: string): Node | null {
  let n: Node | null = document.documentElement;
  if (!path) return n;
  for (const part of path.split('/')) {
    n = n?.childNodes[Number(part)] ?? null;
  }
  return n;
}

function spanText(r: AbstractRange): string {
  const range = document.createRange();
  range.setStart(r.startContainer, r.startOffset);
  range.setEnd(r.endContainer, r.endOffset);
  return range.toString();
}

window.__bench = api;
