/**
 * In-page breakdown of ours (bundled by bench/analyze.ts): each stage timed on its own,
 * so that the cost of walking, matching, range bookkeeping and yielding can be told apart.
 */
import type { MatcherData } from '../../engine/compile';
import { Scanner, deserializeAutomaton, type AutomatonData } from '../../engine/automaton';
import { FLAG_IGNORABLE, FLAG_WORD, flagTable, foldTable } from '../../engine/chars';
import { Matcher } from '../../engine/matcher';
import { Highlighter } from '../../content/highlighter';
import { PageScanner } from '../../content/scanner';
import { isBlock, isSkipped, TextWalker, type TextBatch } from '../../content/walker';
import { forEachVisibleText } from './visible-text';

declare global {
  interface Window {
    __an: typeof api;
  }
}

let data: MatcherData | undefined;

function floorWalk(): number {
  let chars = 0;
  forEachVisibleText(document.documentElement, (t) => {
    chars += t.data.length;
  });
  return chars;
}

const an = {
  setData(d: MatcherData) {
    data = d;
  },

  /** Every stage once, cold, in this order, on the current page. */
  stages() {
    const out: Record<string, number> = {};
    let t = performance.now();
    const chars = floorWalk();
    out.floorMs = performance.now() - t;

    // The walker as the scanner uses it (16,000-character batches), with and without the WeakSet.
    t = performance.now();
    const batches: TextBatch[] = [];
    const w1 = new TextWalker(document.documentElement, {});
    while (!w1.done) {
      const b = w1.next(16_000);
      if (b) batches.push(b);
    }
    out.walkerMs = performance.now() - t;
    out.batches = batches.length;
    out.batchChars = batches.reduce((s, b) => s + b.text.length, 0);
    out.floorChars = chars;

    t = performance.now();
    const done = new WeakSet<Text>();
    const w2 = new TextWalker(document.documentElement, {});
    while (!w2.done) {
      const b = w2.next(16_000);
      if (b) for (const node of b.nodes) if (!done.has(node)) done.add(node);
    }
    out.walkerWeakSetMs = performance.now() - t;

    t = performance.now();
    const matcher = new Matcher(data!);
    out.newMatcherMs = performance.now() - t;

    // Automaton pass alone, then the full find (rules + selection), cold then warm.
    const scanner = (matcher as unknown as { scanner: Scanner }).scanner;
    const raw: number[] = [];
    t = performance.now();
    let occurrences = 0;
    for (const b of batches) {
      raw.length = 0;
      scanner.scan(b.text, 0, b.text.length, raw);
      occurrences += raw.length / 3;
    }
    out.scanColdMs = performance.now() - t;
    out.occurrences = occurrences;
    // The same pass again, twice: what the pass costs once V8 has tiered its code up.
    for (const k of ['scanSecondMs', 'scanThirdMs']) {
      t = performance.now();
      for (const b of batches) {
        raw.length = 0;
        scanner.scan(b.text, 0, b.text.length, raw);
      }
      out[k] = performance.now() - t;
    }
    t = performance.now();
    let mentions = 0;
    for (const b of batches) mentions += matcher.find(b.text, 0, b.text.length, b.cuts).length;
    out.findMs = performance.now() - t;
    out.mentions = mentions;
    t = performance.now();
    for (const b of batches) matcher.find(b.text, 0, b.text.length, b.cuts);
    out.findWarmMs = performance.now() - t;
    t = performance.now();
    for (let i = 0; i < 3; i++) for (const b of batches) matcher.find(b.text, 0, b.text.length, b.cuts);
    out.findHotMs = (performance.now() - t) / 3;

    // A second, fresh Scanner over the same automaton: is the cold cost in the code or in the data?
    const s2 = new Scanner(deserializeAutomaton(data!.automaton));
    t = performance.now();
    for (const b of batches) {
      raw.length = 0;
      s2.scan(b.text, 0, b.text.length, raw);
    }
    out.scanWarmMs = performance.now() - t;

    // StaticRange + Highlight.add, the per-mention DOM cost (one range per 25th text node).
    const h = new Highlight();
    t = performance.now();
    let ranges = 0;
    for (const b of batches) {
      for (let i = 0; i < b.nodes.length; i += 25) {
        const node = b.nodes[i]!;
        if (node.data.length < 2) continue;
        h.add(new StaticRange({ startContainer: node, startOffset: 0, endContainer: node, endOffset: 1 }));
        ranges++;
      }
    }
    out.rangesCreated = ranges;
    out.staticRangeAddMs = performance.now() - t;
    return out;
  },

  /** Single stages, each meant for a fresh page (the first DOM walk also creates the JS wrappers of every node). */
  floor() {
    const t = performance.now();
    floorWalk();
    return performance.now() - t;
  },

  walker() {
    const t = performance.now();
    const w = new TextWalker(document.documentElement, {});
    while (!w.done) w.next(16_000);
    return performance.now() - t;
  },

  /** The walker plus a WeakSet lookup and insertion per text node (what a per-node "scanned" set costs). */
  walkerWeakSet() {
    const t = performance.now();
    const done = new WeakSet<Text>();
    const w = new TextWalker(document.documentElement, {});
    while (!w.done) {
      const b = w.next(16_000);
      if (b) for (const node of b.nodes) if (!done.has(node)) done.add(node);
    }
    return performance.now() - t;
  },

  /** ours as in the content script, with optional scanner options (e.g. no slicing). */
  async ours(opts: { sliceMs?: number; batchChars?: number } = {}) {
    const matcher = new Matcher(data!);
    const highlighter = new Highlighter();
    const t = performance.now();
    const s = new PageScanner(document, matcher, highlighter, opts);
    await s.start();
    return { ms: performance.now() - t, longestSliceMs: s.stats.longestSliceMs, batches: s.stats.batches };
  },

  /** ours split into its parts, run twice in the same page (cold, then warm code). */
  async oursTwice() {
    const res = [];
    for (let i = 0; i < 2; i++) {
      CSS.highlights.clear();
      let t = performance.now();
      const matcher = new Matcher(data!);
      const newMatcher = performance.now() - t;
      t = performance.now();
      const highlighter = new Highlighter();
      const newHighlighter = performance.now() - t;
      t = performance.now();
      const s = new PageScanner(document, matcher, highlighter, { sliceMs: 1e9 });
      const newScanner = performance.now() - t;
      t = performance.now();
      await s.start();
      const start = performance.now() - t;
      s.stop();
      res.push({ newMatcher, newHighlighter, newScanner, start });
    }
    return res;
  },

  /** Only the walker+matcher part of ours (no records, no gate, no ranges), one task, cold. */
  walkAndFind() {
    const matcher = new Matcher(data!);
    const t = performance.now();
    const w = new TextWalker(document.documentElement, {});
    let mentions = 0;
    while (!w.done) {
      const b = w.next(16_000);
      if (b) mentions += matcher.find(b.text, 0, b.text.length, b.cuts).length;
    }
    return { ms: performance.now() - t, mentions };
  },
};

/**
 * E2/E3: the automaton fed text node by text node from a native TreeWalker pass (no joined
 * block strings), its state carried across inline elements and reset at block elements.
 * Counts the automaton's work per character. (A prototype for measuring: block ends are
 * approximated by resetting when a block element starts.)
 */
function streamScan(scanner: Scanner, count: boolean, binary = false, skipWords = false) {
  const sc = scanner as unknown as { cls: Uint16Array; rootNext: Uint32Array; flags: Uint8Array; spaceClass: number; data: AutomatonData };
  const { cls, rootNext, flags, spaceClass } = sc;
  const { edgeStart, edgeClass, edgeTarget, fail, outGroup, dictLink } = sc.data;
  let s = 0;
  let prevSpace = false;
  let occurrences = 0;
  let chars = 0;
  let inState = 0;
  let edgeSteps = 0;
  let failSteps = 0;
  const w = document.createTreeWalker(document.documentElement, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT);
  let n = w.nextNode();
  while (n) {
    if (n.nodeType === 1) {
      const el = n as Element;
      if (isSkipped(el)) {
        s = 0;
        let next = w.nextSibling();
        while (!next && w.parentNode()) next = w.nextSibling();
        n = next;
        continue;
      }
      if (isBlock(el)) s = 0;
    } else if (n.nodeType === 3) {
      const text = (n as Text).data;
      chars += text.length;
      let prevWord = false;
      for (let i = 0; i < text.length; i++) {
        const ch = text.charCodeAt(i);
        if (skipWords) {
          // E6: every alias starting with a word character requires a non-word character
          // before it, so at the root no occurrence can start inside a word: skip it.
          const word = (flags[ch]! & FLAG_WORD) !== 0;
          if (s === 0 && word && prevWord) continue;
          prevWord = word;
        }
        const c = cls[ch]!;
        if (c === 0) {
          if (flags[ch]! & FLAG_IGNORABLE) continue;
          s = 0;
          prevSpace = false;
          continue;
        }
        if (c === spaceClass) {
          if (prevSpace) continue;
          prevSpace = true;
        } else prevSpace = false;
        if (count && s !== 0) inState++;
        for (;;) {
          if (s === 0) {
            s = rootNext[c]!;
            break;
          }
          let t = 0;
          let lo = edgeStart[s]!;
          let hi = edgeStart[s + 1]!;
          if (binary && hi - lo > 4) {
            // E5: binary search over the state's sorted edges.
            while (lo < hi) {
              if (count) edgeSteps++;
              const mid = (lo + hi) >> 1;
              const ec = edgeClass[mid]!;
              if (ec === c) {
                t = edgeTarget[mid]!;
                break;
              }
              if (ec < c) lo = mid + 1;
              else hi = mid;
            }
          } else {
            for (let e = lo; e < hi; e++) {
              if (count) edgeSteps++;
              const ec = edgeClass[e]!;
              if (ec >= c) {
                if (ec === c) t = edgeTarget[e]!;
                break;
              }
            }
          }
          if (t !== 0) {
            s = t;
            break;
          }
          if (count) failSteps++;
          s = fail[s]!;
        }
        if (s !== 0) {
          if (outGroup[s]! >= 0) occurrences++;
          for (let o = dictLink[s]!; o !== 0; o = dictLink[o]!) occurrences++;
        }
      }
    }
    n = w.nextNode();
  }
  return { occurrences, chars, inState, edgeSteps, failSteps };
}

const experiments = {
  /** E2: streaming walk + automaton, cold (first call on a fresh page), then warm. */
  stream() {
    const scanner = new Scanner(deserializeAutomaton(data!.automaton));
    let t = performance.now();
    const cold = streamScan(scanner, false);
    const coldMs = performance.now() - t;
    t = performance.now();
    streamScan(scanner, false);
    const warmMs = performance.now() - t;
    const counts = streamScan(scanner, true);
    // Warm minimum of 3 (robust to other processes), linear edge scan vs binary search (E5).
    const best = (binary: boolean) => {
      let min = Infinity;
      for (let i = 0; i < 3; i++) {
        const t0 = performance.now();
        streamScan(scanner, false, binary);
        min = Math.min(min, performance.now() - t0);
      }
      return min;
    };
    let floorWarmMinMs = Infinity;
    for (let i = 0; i < 3; i++) {
      const t0 = performance.now();
      floorWalk();
      floorWarmMinMs = Math.min(floorWarmMinMs, performance.now() - t0);
    }
    const warmMinMs = best(false);
    const binaryWarmMinMs = best(true);
    let skipWordsWarmMinMs = Infinity;
    for (let i = 0; i < 3; i++) {
      const t0 = performance.now();
      streamScan(scanner, false, false, true);
      skipWordsWarmMinMs = Math.min(skipWordsWarmMinMs, performance.now() - t0);
    }
    const skip = streamScan(scanner, true, false, true);
    const binarySteps = streamScan(scanner, true, true).edgeSteps;
    return { coldMs, warmMs, floorWarmMinMs, warmMinMs, binaryWarmMinMs, binaryEdgeSteps: binarySteps, skipWordsWarmMinMs, skipWordsEdgeSteps: skip.edgeSteps, skipWordsOccurrences: skip.occurrences, ...counts, occurrences: cold.occurrences };
  },

  /** Warm comparison in one page: minimum of 5 alternating runs of each stage (after the cold first round). */
  async warmCompare() {
    const mins: Record<string, number> = {};
    const first: Record<string, number> = {};
    const note = (k: string, ms: number) => {
      first[k] ??= ms;
      mins[k] = Math.min(mins[k] ?? Infinity, ms);
    };
    for (let round = 0; round < 6; round++) {
      let t = performance.now();
      floorWalk();
      note('floor', performance.now() - t);
      t = performance.now();
      const w = new TextWalker(document.documentElement, {});
      while (!w.done) w.next(16_000);
      note('walker', performance.now() - t);
      note('walkAndFind', an.walkAndFind().ms);
      CSS.highlights.clear();
      const matcher = new Matcher(data!);
      const highlighter = new Highlighter();
      t = performance.now();
      const sc = new PageScanner(document, matcher, highlighter, { sliceMs: 1e9 });
      await sc.start();
      note('oursNoSlices', performance.now() - t);
      sc.stop();
    }
    return { first, mins };
  },

  /** E6 cold: the streaming prototype with word skipping, first call on a fresh page. */
  streamSkipCold() {
    const scanner = new Scanner(deserializeAutomaton(data!.automaton));
    const t = performance.now();
    const r = streamScan(scanner, false, false, true);
    return { ms: performance.now() - t, occurrences: r.occurrences };
  },

  /** E1: ours with its highlights unregistered during the initial pass, registered once at the end. */
  async oursDeferred() {
    const matcher = new Matcher(data!);
    const highlighter = new Highlighter();
    const saved = [...CSS.highlights];
    CSS.highlights.clear();
    const t = performance.now();
    const s = new PageScanner(document, matcher, highlighter, {});
    await s.start();
    for (const [name, h] of saved) CSS.highlights.set(name, h);
    const ms = performance.now() - t;
    await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
    return { ms, paintedMs: performance.now() - t, longestSliceMs: s.stats.longestSliceMs };
  },

  /** The same run with highlights registered all along (the content script's behaviour), for comparison. */
  async oursPainted() {
    const matcher = new Matcher(data!);
    const highlighter = new Highlighter();
    const t = performance.now();
    const s = new PageScanner(document, matcher, highlighter, {});
    await s.start();
    const ms = performance.now() - t;
    await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
    return { ms, paintedMs: performance.now() - t, longestSliceMs: s.stats.longestSliceMs };
  },

  /** E4: what `new Matcher(data)` spends its time on, cold (fresh page). */
  setupParts() {
    const out: Record<string, number | boolean> = {};
    let t = performance.now();
    foldTable();
    out.foldTableMs = performance.now() - t;
    t = performance.now();
    flagTable();
    out.flagTableMs = performance.now() - t;
    t = performance.now();
    const automaton = deserializeAutomaton(data!.automaton);
    out.decodeBase64Ms = performance.now() - t;
    t = performance.now();
    new Scanner(automaton);
    out.scannerTablesMs = performance.now() - t;
    t = performance.now();
    new Matcher(data!);
    out.secondMatcherMs = performance.now() - t;
    const native = (Uint8Array as unknown as { fromBase64?: (s: string) => Uint8Array }).fromBase64;
    out.nativeFromBase64 = typeof native === 'function';
    if (native) {
      t = performance.now();
      for (const [k, v] of Object.entries(data!.automaton)) if (k !== 'alphabet' && typeof v === 'string') native(v);
      out.nativeDecodeMs = performance.now() - t;
    }
    return out;
  },
};

const api = { ...an, ...experiments };
window.__an = api;
