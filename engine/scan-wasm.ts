/**
 * The automaton pass in WebAssembly (engine/scan.wat): one module per page context,
 * one instance and memory per Scanner. The automaton's arrays are copied into the
 * instance's memory, and the Scanner then uses views of that memory, so a tab holds
 * one copy of its tables, shared by the WebAssembly pass and the JavaScript code
 * (startOf, the fallback scan) alike.
 *
 * Page text is read through the JS String Builtins (`wasm:js-string`, Chromium 130+,
 * Firefox 134+). Where the browser lacks them, or WebAssembly is not allowed, there is
 * no instance and the Scanner scans in JavaScript.
 */
import { checkAutomatonCounts, decodeStoredField, expandError, isSerializedAutomaton, storedCount, type AutomatonData, type SerializedAutomaton, type StoredField } from './automaton';
import { fromBase64 } from './base64';
import { SCAN_WASM_BASE64 } from './generated/scan-wasm';

interface ScanExports {
  init(
    cls: number, flags: number, root: number, denseRow: number, denseRowLen: number, dense: number,
    edgeStart: number, edgeClass: number, edgeTarget: number, fail: number, outGroup: number,
    dictLink: number, outCount: number, out: number, latin: number, space: number, groupLength: number, ring: number,
  ): void;
  expand(states: number, groups: number, alphabetLen: number, denseLen: number): number;
  build(alphabet: string, alphabetLen: number, fold: number, byFolded: number, states: number, outTriples: number): number;
  scan(text: string, from: number, to: number, state: number, prevSpace: number): number;
  resume: WebAssembly.Global;
  /** Where `expand`'s failed check failed. */
  at: WebAssembly.Global;
  state: WebAssembly.Global;
  prevSpace: WebAssembly.Global;
}

/** How a Scanner reads page strings in WebAssembly: the browser's builtins, or (tests) a JavaScript import. */
export type StringAccess = 'builtin' | 'polyfill';

export interface WasmScan {
  /** The automaton, its arrays as views of the instance's memory. */
  data: AutomatonData;
  cls: Uint16Array;
  flags: Uint8Array;
  rootNext: Uint32Array;
  /** Per state, how many occurrences end there (0: none). */
  outCount: Uint8Array;
  memory: WebAssembly.Memory;
  /** Appends (group, end, start) triples for text[from, to), like Scanner.scan. */
  scan(text: string, from: number, to: number, out: number[]): void;
}

/**
 * Triples the output buffer holds; a scan that fills it is resumed where it stopped. As
 * many as fit the 128 KiB that `build` needs as scratch space anyway.
 */
const OUT_TRIPLES = Math.floor(0x20000 / 12);
/** Offsets of the last characters read, kept for the starts of occurrences: the longest pattern the module takes. */
const RING = 1024;

const modules = new Map<StringAccess, WebAssembly.Module | null>();

function scanModule(strings: StringAccess): WebAssembly.Module | null {
  if (modules.has(strings)) return modules.get(strings)!;
  let mod: WebAssembly.Module | null = null;
  try {
    const bytes = fromBase64(SCAN_WASM_BASE64);
    // The compile option is ignored where builtins are unknown; instantiation then fails.
    const Module = WebAssembly.Module as unknown as new (bytes: BufferSource, options?: { builtins: string[] }) => WebAssembly.Module;
    mod = strings === 'builtin' ? new Module(bytes, { builtins: ['js-string'] }) : new Module(bytes);
  } catch {
    // No WebAssembly, or a content security policy that forbids it.
  }
  modules.set(strings, mod);
  return mod;
}

/**
 * Compiles the scan module ahead of the matcher data (the content script does it while
 * it waits for extension storage). Only where the page allows WebAssembly: a refused
 * compilation would be reported to the page.
 */
export function prepareScanModule(): void {
  scanModule('builtin');
}

const polyfill = { charCodeAt: (s: string, i: number) => s.charCodeAt(i) };

type TypedCtor<T> = { new (buffer: ArrayBuffer, offset: number, length: number): T; BYTES_PER_ELEMENT: number };

/**
 * An instance with the automaton (decoded or still in base64) laid out in its memory,
 * or null when WebAssembly (or the string builtins) cannot be used here. `fold` and
 * `flags` are engine/chars.ts's tables.
 */
export function instantiateScan(
  data: AutomatonData | SerializedAutomaton,
  fold: Uint16Array,
  flags: Uint8Array,
  strings: StringAccess = 'builtin',
): WasmScan | null {
  const mod = scanModule(strings);
  if (!mod) return null;

  const serialized = isSerializedAutomaton(data) ? data : undefined;
  const count = (f: StoredField): number => (serialized ? storedCount(serialized, f) : (data as unknown as Record<string, ArrayLike<number>>)[f]!.length);
  const states = count('fail');
  const edges = count('edgeClass');
  const alphabetLen = data.alphabet.length;
  let top = 0;
  const place = (bytes: number) => {
    const at = top;
    top += (bytes + 7) & ~7;
    return at;
  };
  const at = {
    cls: place(0x10000 * 2),
    flags: place(0x10000),
    root: place((alphabetLen + 1) * 4),
    denseRow: place(count('denseRow') * 4),
    dense: place(count('dense') * 4),
    edgeStart: place((states + 1) * 4),
    edgeClass: place(edges * 2),
    edgeTarget: place(edges * 4),
    fail: place(states * 4),
    outGroup: place(states * 4),
    dictLink: place(states * 4),
    groupLength: place(count('groupLength') * 2),
    outCount: place(states),
    ring: place(RING * 4),
    // `build` needs a zeroed scratch table of 128 KiB once: the output buffer's space.
    out: place(0x20000),
  };
  const memory = new WebAssembly.Memory({ initial: Math.ceil(top / 0x10000) });
  let exports: ScanExports;
  try {
    const imports: WebAssembly.Imports = strings === 'polyfill' ? { env: { memory }, 'wasm:js-string': polyfill } : { env: { memory } };
    exports = new WebAssembly.Instance(mod, imports).exports as unknown as ScanExports;
  } catch {
    return null;
  }
  const buf = memory.buffer;
  const copy = <T extends Uint8Array | Uint16Array | Uint32Array | Int32Array>(Ctor: TypedCtor<T>, offset: number, from: ArrayBufferView): T => {
    new Uint8Array(buf, offset, from.byteLength).set(new Uint8Array(from.buffer, from.byteOffset, from.byteLength));
    return new Ctor(buf, offset, from.byteLength / Ctor.BYTES_PER_ELEMENT);
  };
  /** A stored field, decoded (or copied) into its place in memory. */
  const field = <T extends Uint16Array | Uint32Array | Int32Array>(Ctor: TypedCtor<T>, f: StoredField): T => {
    if (!serialized) return copy(Ctor, at[f as keyof typeof at], (data as AutomatonData)[f as keyof AutomatonData] as ArrayBufferView);
    const view = new Ctor(buf, at[f as keyof typeof at], count(f));
    decodeStoredField(serialized, f, view);
    return view;
  };
  const stored = {
    denseRow: field(Int32Array, 'denseRow'),
    dense: field(Uint32Array, 'dense'),
    edgeClass: field(Uint16Array, 'edgeClass'),
    fail: field(Uint32Array, 'fail'),
    groupLength: field(Uint16Array, 'groupLength'),
  };
  const flagView = copy(Uint8Array, at.flags, flags);
  // The fold table goes where the class table will be: `build` maps it in place.
  copy(Uint16Array, at.cls, fold);
  const space = data.alphabet.indexOf(' ') + 1;
  exports.init(
    at.cls, at.flags, at.root, at.denseRow, stored.denseRow.length, at.dense, at.edgeStart, at.edgeClass,
    at.edgeTarget, at.fail, at.outGroup, at.dictLink, at.outCount, at.out, data.latin, space, at.groupLength, at.ring,
  );
  const derived = {
    edgeStart: new Uint32Array(buf, at.edgeStart, states + 1),
    edgeTarget: new Uint32Array(buf, at.edgeTarget, edges),
    outGroup: new Int32Array(buf, at.outGroup, states),
    dictLink: new Uint32Array(buf, at.dictLink, states),
  };
  if (serialized) {
    // The stored form leaves out what one pass derives (engine/automaton.ts): `expand`
    // derives it in place, with expandAutomaton's checks (a cold JavaScript pass took
    // 4.8 ms in the content script for the real knowledge base). Throws on corrupt data.
    const groups = count('groupState');
    checkAutomatonCounts({
      states,
      childCounts: count('childCount'),
      edges,
      groups,
      groupLengths: stored.groupLength.length,
      latin: data.latin,
      alphabetLength: alphabetLen,
      denseRows: stored.denseRow.length,
    });
    // Where `expand` reads them from: tables it writes only after reading them.
    decodeStoredField(serialized, 'childCount', new Uint16Array(buf, at.dictLink, states));
    decodeStoredField(serialized, 'groupState', new Uint32Array(buf, at.edgeTarget, groups));
    const failed = exports.expand(states, groups, alphabetLen, stored.dense.length);
    if (failed) throw new Error(expandError(failed, exports.at.value as number));
  } else {
    const full = data as AutomatonData;
    for (const f of ['edgeStart', 'edgeTarget', 'outGroup', 'dictLink'] as const) derived[f].set(full[f]);
  }
  const view: AutomatonData = { alphabet: data.alphabet, latin: data.latin, ...stored, ...derived };
  // A pattern longer than the ring (never a real alias) would get a wrong start: scan in JavaScript.
  for (let g = 0; g < stored.groupLength.length; g++) if (stored.groupLength[g]! > RING) return null;
  const most = exports.build(data.alphabet, alphabetLen, at.cls, at.out, states, OUT_TRIPLES);
  // A dictionary where one character can end 255 or more patterns (never a real one)
  // would overrun the count: scan it in JavaScript.
  if (most >= 255) return null;

  const out = new Int32Array(buf, at.out, OUT_TRIPLES * 3);
  const outLimit = OUT_TRIPLES - most;
  return {
    data: view,
    cls: new Uint16Array(buf, at.cls, 0x10000),
    flags: flagView,
    rootNext: new Uint32Array(buf, at.root, alphabetLen + 1),
    outCount: new Uint8Array(buf, at.outCount, states),
    memory,
    scan(text, from, to, sink) {
      let state = 0;
      let prevSpace = 0;
      for (;;) {
        const triples = exports.scan(text, from, to, state, prevSpace);
        const n = triples * 3;
        for (let k = 0; k < n; k++) sink.push(out[k]!);
        // A scan stops early only with more than outLimit triples; reading the globals costs
        // a call into the engine each (measurable over the hundreds of batches of a big page).
        if (triples <= outLimit) return;
        const resume = exports.resume.value as number;
        if (resume < 0) return;
        from = resume;
        state = exports.state.value as number;
        prevSpace = exports.prevSpace.value as number;
      }
    },
  };
}
