/**
 * An Aho–Corasick automaton over folded text, compiled once (in the background or at
 * build time) into flat typed arrays that are cheap to ship to a tab and to scan with.
 *
 * Characters are mapped to small class ids (the alphabet of the patterns); a page
 * character that appears in no pattern has class 0 and resets the automaton, so the
 * scan costs one table lookup per character however many patterns there are.
 */
import { base64ByteLength } from './base64';
import { decodeNarrow, decodeNarrowInto, encodeNarrow, narrowCount, type Width } from './narrow';
import { FLAG_DASH, FLAG_IGNORABLE, FLAG_SPACE, FLAG_WORD, flagTable, foldTable } from './chars';
import { instantiateScan, type WasmScan } from './scan-wasm';

export interface AutomatonData {
  /** Folded characters used by the patterns; class id = index + 1. */
  alphabet: string;
  /** Per state, the first edge; edges of a state are sorted by class. Length states + 1. */
  edgeStart: Uint32Array;
  edgeClass: Uint16Array;
  edgeTarget: Uint32Array;
  /** Failure link per state (0 = root). */
  fail: Uint32Array;
  /** Pattern group ending exactly at a state, or -1. */
  outGroup: Int32Array;
  /** Nearest proper suffix state with output, or 0. */
  dictLink: Uint32Array;
  /** Folded length of each group's text. */
  groupLength: Uint16Array;
  /**
   * Full DFA transitions (failure links resolved) for the shallow states reached by
   * Latin-script characters — where the automaton spends almost all of its time on
   * English text — over the Latin classes 1..latin (the alphabet is sorted, so those are
   * the low class ids). denseRow[s] is the row offset of state s, or -1; dense holds the
   * rows. Computed once when compiling, not in every tab.
   */
  latin: number;
  denseRow: Int32Array;
  dense: Uint32Array;
}

/**
 * Builds the automaton for a list of distinct folded strings; string i becomes group i.
 */
export function buildAutomaton(patterns: readonly string[]): AutomatonData {
  const alphabetSet = new Set<number>();
  for (const p of patterns) for (let i = 0; i < p.length; i++) alphabetSet.add(p.charCodeAt(i));
  const alphabetCodes = [...alphabetSet].sort((a, b) => a - b);
  const classOf = new Map<number, number>();
  alphabetCodes.forEach((c, i) => classOf.set(c, i + 1));

  // Trie with Map edges; node 0 is the root.
  const edges: Map<number, number>[] = [new Map()];
  const outGroup: number[] = [-1];
  patterns.forEach((p, g) => {
    if (p.length === 0) throw new Error(`pattern ${g} is empty`);
    let s = 0;
    for (let i = 0; i < p.length; i++) {
      const c = classOf.get(p.charCodeAt(i))!;
      let t = edges[s]!.get(c);
      if (t === undefined) {
        t = edges.length;
        edges.push(new Map());
        outGroup.push(-1);
        edges[s]!.set(c, t);
      }
      s = t;
    }
    if (outGroup[s] !== -1) throw new Error(`patterns ${outGroup[s]} and ${g} are identical`);
    outGroup[s] = g;
  });

  const n = edges.length;
  const fail = new Uint32Array(n);
  const dictLink = new Uint32Array(n);
  // Children are visited in class order, the order their edges are stored in: the states
  // then get ids in edge order, so the target of edge e is state e + 1, and the stored
  // form need not carry targets (see SerializedAutomaton).
  const byClass = (m: Map<number, number>) => [...m].sort((a, b) => a[0] - b[0]);
  const queue: number[] = [];
  for (const [, t] of byClass(edges[0]!)) queue.push(t);
  for (let qi = 0; qi < queue.length; qi++) {
    const s = queue[qi]!;
    for (const [c, t] of byClass(edges[s]!)) {
      let f = fail[s]!;
      while (f !== 0 && !edges[f]!.has(c)) f = fail[f]!;
      const ft = edges[f]!.get(c);
      fail[t] = ft !== undefined && ft !== t ? ft : 0;
      dictLink[t] = outGroup[fail[t]!]! >= 0 ? fail[t]! : dictLink[fail[t]!]!;
      queue.push(t);
    }
  }

  // Number the states breadth first: shallow states (where scanning spends its time)
  // get small ids, which keeps the scanner's dense rows small and its memory local.
  const order = [0, ...queue];
  const newId = new Uint32Array(n);
  order.forEach((old, i) => (newId[old] = i));
  let edgeCount = 0;
  for (const e of edges) edgeCount += e.size;
  const edgeStart = new Uint32Array(n + 1);
  const edgeClass = new Uint16Array(edgeCount);
  const edgeTarget = new Uint32Array(edgeCount);
  const failOut = new Uint32Array(n);
  const dictOut = new Uint32Array(n);
  const outOut = new Int32Array(n);
  let k = 0;
  for (let ns = 0; ns < n; ns++) {
    const old = order[ns]!;
    edgeStart[ns] = k;
    for (const [c, t] of byClass(edges[old]!)) {
      edgeClass[k] = c;
      edgeTarget[k] = newId[t]!;
      k++;
    }
    failOut[ns] = newId[fail[old]!]!;
    dictOut[ns] = newId[dictLink[old]!]!;
    outOut[ns] = outGroup[old]!;
  }
  edgeStart[n] = k;

  const base = {
    alphabet: String.fromCharCode(...alphabetCodes),
    edgeStart,
    edgeClass,
    edgeTarget,
    fail: failOut,
    outGroup: outOut,
    dictLink: dictOut,
    groupLength: Uint16Array.from(patterns.map((p) => p.length)),
  };
  return { ...base, ...buildDense(base, DENSE_DEPTH) };
}

/**
 * How a Scanner runs its automaton pass: in WebAssembly where the browser allows it
 * ('auto'), always in JavaScript ('js'), or (tests in Node, which lacks the string
 * builtins) in WebAssembly reading strings through a JavaScript import ('polyfill').
 */
export type ScanEngine = 'auto' | 'js' | 'polyfill';

/** The per-tab scanner: class table and dense root transitions built from AutomatonData. */
export class Scanner {
  readonly data: AutomatonData;
  /** Whether the automaton pass runs in WebAssembly. */
  readonly wasm: boolean;
  private readonly cls: Uint16Array;
  private readonly rootNext: Uint32Array;
  private readonly spaceClass: number;
  private readonly flags: Uint8Array;
  /** Non-zero where a state or one of its suffixes ends a pattern: one test per character. */
  private readonly hasOut: Uint8Array;
  private readonly latin: number;
  private readonly denseRow: Int32Array;
  private readonly dense: Uint32Array;
  private readonly wasmScan: WasmScan | null;
  /** Occurrences stateAfter's pass finds and drops. */
  private readonly scratch: number[] = [];
  private readonly fold: Uint16Array;

  /**
   * From the automaton, or straight from its serialized form (which a WebAssembly
   * scanner decodes into its own memory, without an intermediate copy).
   */
  constructor(source: AutomatonData | SerializedAutomaton, engine: ScanEngine = 'auto') {
    const fold = (this.fold = foldTable());
    this.spaceClass = source.alphabet.indexOf(' ') + 1;
    const wasm = engine === 'js' ? null : instantiateScan(source, fold, flagTable(), engine === 'polyfill' ? 'polyfill' : 'builtin');
    this.wasmScan = wasm;
    this.wasm = wasm !== null;
    if (wasm) {
      // The tables live in the instance's memory; the JavaScript paths read the same views.
      this.data = wasm.data;
      this.cls = wasm.cls;
      this.flags = wasm.flags;
      this.rootNext = wasm.rootNext;
      this.hasOut = wasm.outCount;
    } else {
      const data = isSerializedAutomaton(source) ? deserializeAutomaton(source) : source;
      this.data = data;
      this.flags = flagTable();
      const byFolded = new Uint16Array(0x10000);
      for (let i = 0; i < data.alphabet.length; i++) byFolded[data.alphabet.charCodeAt(i)] = i + 1;
      const cls = new Uint16Array(0x10000);
      for (let c = 0; c < 0x10000; c++) cls[c] = byFolded[fold[c]!]!;
      // Ignorable characters must never take part in a transition.
      for (let c = 0; c < 0x10000; c++) if (this.flags[c]! & FLAG_IGNORABLE) cls[c] = 0;
      this.cls = cls;
      this.rootNext = new Uint32Array(data.alphabet.length + 1);
      for (let e = data.edgeStart[0]!; e < data.edgeStart[1]!; e++) this.rootNext[data.edgeClass[e]!] = data.edgeTarget[e]!;
      const n = data.fail.length;
      this.hasOut = new Uint8Array(n);
      for (let s = 1; s < n; s++) if (data.outGroup[s]! >= 0 || data.dictLink[s] !== 0) this.hasOut[s] = 1;
    }
    ({ latin: this.latin, denseRow: this.denseRow, dense: this.dense } = this.data);
  }

  /**
   * Scans text[from, to) and appends (group, end, start) triples to `out` for every
   * pattern occurrence, end being the exclusive offset in `text` and start as startOf
   * gives it. Overlapping occurrences are all reported; choosing among them is the
   * caller's job.
   */
  scan(text: string, from: number, to: number, out: number[]): void {
    if (this.wasmScan) this.wasmScan.scan(text, from, to, out);
    else this.scanJs(text, from, to, out);
  }

  /**
   * The same pass in JavaScript: the fallback, and the reference for the WebAssembly one.
   * Returns the state it ends in.
   */
  scanJs(text: string, from: number, to: number, out: number[]): number {
    const { cls, rootNext, flags, spaceClass, hasOut, latin, denseRow, dense } = this;
    const { edgeStart, edgeClass, edgeTarget, fail, outGroup, dictLink, groupLength } = this.data;
    let s = 0;
    let prevSpace = false;
    for (let i = from; i < to; i++) {
      const ch = text.charCodeAt(i);
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
      const row = s < denseRow.length ? denseRow[s]! : -1;
      if (c <= latin && row >= 0) s = dense[row + c]!;
      else for (;;) {
        if (s === 0) {
          s = rootNext[c]!;
          break;
        }
        let t = 0;
        for (let e = edgeStart[s]!, end = edgeStart[s + 1]!; e < end; e++) {
          const ec = edgeClass[e]!;
          if (ec >= c) {
            if (ec === c) t = edgeTarget[e]!;
            break;
          }
        }
        if (t !== 0) {
          s = t;
          break;
        }
        s = fail[s]!;
      }
      if (hasOut[s] !== 0) {
        if (outGroup[s]! >= 0) out.push(outGroup[s]!, i + 1, this.startOf(text, i + 1, groupLength[outGroup[s]!]!));
        for (let o = dictLink[s]!; o !== 0; o = dictLink[o]!) out.push(outGroup[o]!, i + 1, this.startOf(text, i + 1, groupLength[outGroup[o]!]!));
      }
    }
    return s;
  }

  /**
   * Whether the pass may be split just past the character `ch`: no alias contains it,
   * it is neither a word character, a space, a dash nor ignorable, and it is not among
   * `avoid` (folded characters of neighbour words). The pass restarts there and no
   * occurrence or version suffix spans it.
   */
  splitsAfter(ch: number, avoid: ReadonlySet<number>): boolean {
    return this.cls[ch] === 0 && this.inert(ch, avoid);
  }

  /**
   * A character that no rule reads: not a word character (Han and kana are not), space,
   * dash, dot or ignorable, not in a neighbour word (`avoid`, folded), not half of a
   * surrogate pair. It may occur in aliases.
   */
  inert(ch: number, avoid: ReadonlySet<number>): boolean {
    // "." takes part in version suffixes ("Qwen2.5") even when no alias has it.
    return ch !== 0x2e && (ch < 0xd800 || ch > 0xdfff) && !(this.flags[ch]! & (FLAG_WORD | FLAG_SPACE | FLAG_DASH | FLAG_IGNORABLE)) && !avoid.has(this.fold[ch]!);
  }

  /**
   * The automaton's state after text[from, to), read from the root; -1 when the window
   * holds an ignorable character or a run of spaces (which the pass skips, so the
   * window would stand for less text than it looks).
   */
  stateAfter(text: string, from: number, to: number): number {
    const { cls, flags, spaceClass } = this;
    let prevSpace = false;
    for (let i = from; i < to; i++) {
      const ch = text.charCodeAt(i);
      if (flags[ch]! & FLAG_IGNORABLE) return -1;
      const space = cls[ch] !== 0 && cls[ch] === spaceClass;
      if (space && prevSpace) return -1;
      prevSpace = space;
    }
    const out = this.scratch;
    const s = this.scanJs(text, from, to, out);
    out.length = 0;
    return s;
  }

  /**
   * The start offset of an occurrence that ends at `end` and spans `length` folded
   * characters, undoing the skipped ignorables and collapsed spaces.
   */
  startOf(text: string, end: number, length: number): number {
    const { cls, flags, spaceClass } = this;
    let j = end;
    let n = length;
    while (n > 0 && j > 0) {
      j--;
      const ch = text.charCodeAt(j);
      if (flags[ch]! & FLAG_IGNORABLE) continue;
      if (spaceClass !== 0 && cls[ch] === spaceClass && this.prevCountedIsSpace(text, j)) continue;
      n--;
    }
    return j;
  }

  private prevCountedIsSpace(text: string, j: number): boolean {
    for (let k = j - 1; k >= 0; k--) {
      const ch = text.charCodeAt(k);
      if (this.flags[ch]! & FLAG_IGNORABLE) continue;
      return this.cls[ch] === this.spaceClass;
    }
    return false;
  }
}

/** Depth of the states given full DFA rows for Latin characters (memory grows with it). */
const DENSE_DEPTH = 3;

/** Sparse goto on flat arrays: the target of state s on class c, or 0. */
function edgeOf(a: Pick<AutomatonData, 'edgeStart' | 'edgeClass' | 'edgeTarget'>, s: number, c: number): number {
  for (let e = a.edgeStart[s]!, end = a.edgeStart[s + 1]!; e < end; e++) if (a.edgeClass[e] === c) return a.edgeTarget[e]!;
  return 0;
}

/** Dense rows for the states within `maxDepth` of the root reached by Latin classes (see AutomatonData). */
function buildDense(a: Omit<AutomatonData, 'latin' | 'denseRow' | 'dense'>, maxDepth: number): Pick<AutomatonData, 'latin' | 'denseRow' | 'dense'> {
  const { alphabet, fail } = a;
  let latin = 0;
  while (latin < alphabet.length && alphabet.charCodeAt(latin) < 0x250) latin++;
  const width = latin + 1;
  // States are numbered breadth first, so every state at depth ≤ maxDepth has an id below
  // the first deeper state: the row index covers only those.
  let limit = 1;
  for (let depth = 0, level = [0]; depth < maxDepth && level.length; depth++) {
    const next: number[] = [];
    for (const s of level) for (let e = a.edgeStart[s]!; e < a.edgeStart[s + 1]!; e++) next.push(a.edgeTarget[e]!);
    limit += next.length;
    level = next;
  }
  const denseRow = new Int32Array(Math.min(fail.length, limit)).fill(-1);
  const states: number[] = [0];
  denseRow[0] = 0;
  for (let depth = 0, level = [0]; depth < maxDepth; depth++) {
    const next: number[] = [];
    for (const s of level) {
      for (let c = 1; c <= latin; c++) {
        const t = edgeOf(a, s, c);
        if (t !== 0 && denseRow[t] === -1) {
          denseRow[t] = states.length * width;
          states.push(t);
          next.push(t);
        }
      }
    }
    level = next;
  }
  const dense = new Uint32Array(states.length * width);
  states.forEach((s, row) => {
    for (let c = 1; c <= latin; c++) {
      let t = s;
      let to = edgeOf(a, t, c);
      while (to === 0 && t !== 0) {
        t = fail[t]!;
        to = edgeOf(a, t, c);
      }
      dense[row * width + c] = to;
    }
  });
  return { latin, denseRow, dense };
}

/**
 * What the stored form carries: the arrays a tab cannot derive in one linear pass. The rest
 * is derived on load (expandAutomaton): edge starts from child counts, edge targets
 * (state e + 1 for edge e, breadth-first numbering in edge order), the output group per
 * state from each group's final state, and dictionary links from the failure links. The
 * stored matcher was half the size (real knowledge base: 851 → 433 KB), and every page
 * reads it from extension storage before it can paint (about 50 ms per MB here).
 *
 * Each array is stored in the narrowest width that holds its values (engine/narrow.ts;
 * `widths` says which): below 65,536 states, state numbers take 2 bytes, child counts and
 * group lengths 1 (real knowledge base, with the patterns stored narrow too: 433 → 258 KB).
 * Dense rows are stored plus one (0 = none).
 */
const FIELDS = ['childCount', 'edgeClass', 'fail', 'groupState', 'groupLength', 'denseRow', 'dense'] as const;
export type StoredField = (typeof FIELDS)[number];
/** In-memory types. */
const CTORS: Record<StoredField, Uint16ArrayConstructor | Uint32ArrayConstructor | Int32ArrayConstructor> = {
  childCount: Uint16Array,
  edgeClass: Uint16Array,
  fail: Uint32Array,
  groupState: Uint32Array,
  groupLength: Uint16Array,
  denseRow: Int32Array,
  dense: Uint32Array,
};
/** Added before storing: dense rows are -1 for none. */
const BIAS: Partial<Record<StoredField, number>> = { denseRow: 1 };
export const SERIALIZED_AUTOMATON_FIELDS = FIELDS;

export type SerializedAutomaton = { alphabet: string; latin: number; widths: Record<StoredField, Width> } & Record<StoredField, string>;

/** How many values a stored field holds; throws when its bytes are not a whole number of them. */
export function storedCount(s: SerializedAutomaton, field: StoredField): number {
  return narrowCount(base64ByteLength(s[field]), s.widths[field]);
}

/** Decodes a stored field into `target` (its in-memory type, sized storedCount). */
export function decodeStoredField(s: SerializedAutomaton, field: StoredField, target: Uint16Array | Uint32Array | Int32Array): void {
  decodeNarrowInto(target, s[field], s.widths[field], BIAS[field] ?? 0);
}

/** Whether an automaton is still in its stored form (base64 strings). */
export const isSerializedAutomaton = (a: AutomatonData | SerializedAutomaton): a is SerializedAutomaton => typeof a.fail === 'string';

/** The stored-only arrays of an automaton (the rest is derived from them). */
export interface StoredArrays {
  childCount: Uint16Array;
  edgeClass: Uint16Array;
  fail: Uint32Array;
  groupState: Uint32Array;
}

/** What expandAutomaton reads: the stored arrays, and the stored ones it checks. */
export type ExpandInput = StoredArrays & Pick<AutomatonData, 'alphabet' | 'latin' | 'groupLength' | 'denseRow' | 'dense'>;

/** The arrays expandAutomaton fills (sized: states + 1, edges, states, states). */
export type DerivedArrays = Pick<AutomatonData, 'edgeStart' | 'edgeTarget' | 'outGroup' | 'dictLink'>;

/** The stored-only arrays of an automaton; throws if it was not numbered as buildAutomaton numbers states. */
export function storedArrays(a: AutomatonData): StoredArrays {
  const states = a.fail.length;
  const childCount = new Uint16Array(states);
  for (let s = 0; s < states; s++) childCount[s] = a.edgeStart[s + 1]! - a.edgeStart[s]!;
  for (let e = 0; e < a.edgeTarget.length; e++) if (a.edgeTarget[e] !== e + 1) throw new Error('automaton: states are not numbered in edge order');
  const groupState = new Uint32Array(a.groupLength.length);
  for (let s = 0; s < states; s++) if (a.outGroup[s]! >= 0) groupState[a.outGroup[s]!] = s;
  return { childCount, edgeClass: a.edgeClass, fail: a.fail, groupState };
}

/**
 * Derives edge starts, edge targets, output groups and dictionary links into `out`.
 * Throws on data no compiler wrote (counts that disagree, an index out of range, a
 * failure link that does not point to an earlier state, which could make a scan loop
 * forever): a corrupt stored value must not be scanned with.
 */
export function expandAutomaton(stored: ExpandInput, out: DerivedArrays): void {
  const { childCount, edgeClass, fail, groupState, denseRow, dense } = stored;
  const alphabetLength = stored.alphabet.length;
  const states = fail.length;
  const edges = edgeClass.length;
  checkAutomatonCounts({
    states,
    childCounts: childCount.length,
    edges,
    groups: groupState.length,
    groupLengths: stored.groupLength.length,
    latin: stored.latin,
    alphabetLength,
    denseRows: denseRow.length,
  });
  const width = stored.latin + 1;
  for (let s = 0; s < denseRow.length; s++) {
    const row = denseRow[s]!;
    if (row !== -1 && (row < 0 || row % width !== 0 || row + width > dense.length)) throw new Error(expandError(1, s));
  }
  for (let i = 0; i < dense.length; i++) if (dense[i]! >= states) throw new Error(expandError(2, i));
  const { edgeStart, edgeTarget, outGroup, dictLink } = out;
  let e = 0;
  for (let s = 0; s < states; s++) {
    edgeStart[s] = e;
    e += childCount[s]!;
  }
  edgeStart[states] = e;
  if (e !== edges) throw new Error(expandError(3, e));
  for (let i = 0; i < edges; i++) {
    edgeTarget[i] = i + 1;
    const c = edgeClass[i]!;
    if (c < 1 || c > alphabetLength) throw new Error(expandError(4, i));
  }
  outGroup.fill(-1);
  for (let g = 0; g < groupState.length; g++) {
    const s = groupState[g]!;
    if (s < 1 || s >= states || outGroup[s] !== -1) throw new Error(expandError(5, g));
    outGroup[s] = g;
  }
  dictLink[0] = 0;
  if (fail[0] !== 0) throw new Error(expandError(6, 0));
  for (let s = 1; s < states; s++) {
    const f = fail[s]!;
    if (f >= s) throw new Error(expandError(7, s));
    dictLink[s] = outGroup[f]! >= 0 ? f : dictLink[f]!;
  }
}

/** The sizes of a stored automaton's arrays, checked before anything is derived from them. */
export interface AutomatonCounts {
  states: number;
  childCounts: number;
  edges: number;
  groups: number;
  groupLengths: number;
  latin: number;
  alphabetLength: number;
  denseRows: number;
}

/** Throws when the arrays' sizes disagree (the checks of each value follow in expandAutomaton or the WebAssembly `expand`). */
export function checkAutomatonCounts(c: AutomatonCounts): void {
  if (c.childCounts !== c.states || c.states < 1 || c.edges !== c.states - 1) throw new Error('automaton: state and edge counts disagree');
  // Every group ends at a state of its own, never the root: at most one per edge.
  if (c.groups !== c.groupLengths || c.groups > c.edges) throw new Error('automaton: group counts disagree');
  if (!(c.latin >= 0 && c.latin <= c.alphabetLength) || c.denseRows > c.states) throw new Error('automaton: dense rows out of range');
}

/**
 * What a failed check of expandAutomaton (or the WebAssembly `expand`, which returns the
 * same numbers) says, with the index it failed at.
 */
export function expandError(check: number, at: number): string {
  switch (check) {
    case 1:
      return `automaton: state ${at} has no dense row`;
    case 2:
      return 'automaton: a dense transition leads nowhere';
    case 3:
      return 'automaton: child counts do not add up to the edges';
    case 4:
      return `automaton: edge ${at} has an unknown class`;
    case 5:
      return `automaton: group ${at} has no state of its own`;
    case 6:
      return 'automaton: the root has a failure link';
    case 7:
      return `automaton: state ${at} fails forward`;
    default:
      return `automaton: check ${check} failed at ${at}`;
  }
}

/** Typed arrays as base64 so the automaton survives JSON (extension storage, messages). */
export function serializeAutomaton(a: AutomatonData): SerializedAutomaton {
  const arrays: Record<StoredField, ArrayLike<number>> = { ...storedArrays(a), groupLength: a.groupLength, denseRow: a.denseRow, dense: a.dense };
  const out = { alphabet: a.alphabet, latin: a.latin, widths: {} } as SerializedAutomaton;
  for (const f of FIELDS) {
    const { width, base64 } = encodeNarrow(arrays[f], BIAS[f] ?? 0);
    out[f] = base64;
    out.widths[f] = width;
  }
  return out;
}

export function deserializeAutomaton(s: SerializedAutomaton): AutomatonData {
  const got = {} as Record<StoredField, Uint16Array | Uint32Array | Int32Array>;
  for (const f of FIELDS) got[f] = decodeNarrow<Uint16Array | Uint32Array | Int32Array>(CTORS[f], s[f], s.widths[f], BIAS[f] ?? 0);
  const stored = got as unknown as StoredArrays & Pick<AutomatonData, 'groupLength' | 'denseRow' | 'dense'>;
  const states = stored.fail.length;
  const derived: DerivedArrays = {
    edgeStart: new Uint32Array(states + 1),
    edgeTarget: new Uint32Array(stored.edgeClass.length),
    outGroup: new Int32Array(states),
    dictLink: new Uint32Array(states),
  };
  expandAutomaton({ ...stored, alphabet: s.alphabet, latin: s.latin }, derived);
  return {
    alphabet: s.alphabet,
    latin: s.latin,
    edgeClass: stored.edgeClass,
    fail: stored.fail,
    groupLength: stored.groupLength,
    denseRow: stored.denseRow,
    dense: stored.dense,
    ...derived,
  };
}
