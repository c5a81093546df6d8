/**
 * The matcher's patterns and automaton groups, packed into typed arrays.
 *
 * Every page load reads the matcher data back from extension storage and builds a
 * matcher from it. As plain objects, 20,000 aliases meant 20,000 pattern objects and as
 * many group arrays per tab, freshly allocated right before the scan, whose garbage
 * collection then landed inside the scan (bench/ANALYSIS.md, "What grows with the
 * dictionary"). Packed, they are a few base64 strings that decode into five typed
 * arrays; only the rare patterns with extras (context, letter case, neighbour words)
 * keep an object.
 */
import { fromBase64, toBase64 } from './base64';
import { decodeNarrow, encodeNarrow, type Width } from './narrow';

export const P_CASE_SENSITIVE = 1;
export const P_VERSIONED = 2;
export const P_NEEDS_CONTEXT = 4;
export const P_WORD_START = 8;
export const P_WORD_END = 16;
/** The pattern has words that must not precede or follow it (nb/na in its extras). */
export const P_NEIGHBOURS = 32;
/** With a version suffix after it, the pattern needs no context (alias `freeWithVersion`). */
export const P_FREE_WITH_VERSION = 64;
/** The pattern does not count while the page says one of its veto words (`u` in its extras: alias `unlessPageSays`). */
export const P_UNLESS = 128;

/** The rare parts of a pattern, present only for some aliases. */
export interface PatternExtras {
  /** Context entity indices (the pattern's own entity is always accepted). */
  c?: number[];
  /** Case pattern ("U"/"l" per folded character) for case-sensitive aliases. */
  k?: string;
  /** Folded words that must not directly precede / follow the alias. */
  nb?: string[];
  na?: string[];
  /** Folded longer words that end (start) with an nb (na) word and do not block the alias there. */
  xb?: string[];
  xa?: string[];
  /** Veto words (alias `unlessPageSays`), as ordinals of marker patterns: marker u is pattern `markerStart + u`. */
  u?: number[];
}

/** A pattern's extras as stored: each neighbour word list by its index in PackedPatterns.words. */
export interface PackedExtras extends Omit<PatternExtras, NeighbourField> {
  nb?: number;
  na?: number;
  xb?: number;
  xa?: number;
}
const NEIGHBOUR_FIELDS = ['nb', 'na', 'xb', 'xa'] as const;
type NeighbourField = (typeof NEIGHBOUR_FIELDS)[number];

/** One pattern, unpacked (the compiler's and the tests' view). */
export interface MatcherPattern extends PatternExtras {
  /** Entity index. */
  e: number;
  /** P_* flags. */
  f: number;
}

/** Patterns and groups as they travel in MatcherData (JSON-safe). */
export interface PackedPatterns {
  count: number;
  /** Entity index per pattern (base64, `widths.entity` bytes a value: engine/narrow.ts). */
  entity: string;
  /** P_* flags per pattern: base64 of a Uint8Array. */
  flags: string;
  /** [pattern index, extras] for the patterns that have any, in index order. */
  extras: [number, PackedExtras][];
  /**
   * The neighbour word lists, each once: many aliases share one (a list of surnames), and
   * every tab reads this data back and builds a table from it.
   */
  words: string[][];
  /** Patterns of group g are items[start[g], start[g + 1]) (base64, narrow like `entity`). */
  groupStart: string;
  groupItems: string;
  widths: Record<NarrowPatternField, Width>;
  /**
   * Patterns from this index on are markers: veto words, found like aliases but never a
   * mention themselves (engine/context.ts). Absent when there are none.
   */
  markerStart?: number;
}

export const NARROW_PATTERN_FIELDS = ['entity', 'groupStart', 'groupItems'] as const;
type NarrowPatternField = (typeof NARROW_PATTERN_FIELDS)[number];

/** Decodes a narrow field into a full-width array (throws when its bytes are not whole values). */
const decodeField = (packed: PackedPatterns, f: NarrowPatternField): Int32Array => decodeNarrow(Int32Array, packed[f], packed.widths[f]);

export function packPatterns(patterns: readonly MatcherPattern[], groups: readonly (readonly number[])[], markerStart = patterns.length): PackedPatterns {
  const entity = new Int32Array(patterns.length);
  const flags = new Uint8Array(patterns.length);
  const extras: [number, PackedExtras][] = [];
  const words: string[][] = [];
  const listIndex = new Map<string, number>();
  const intern = (list: string[]) => {
    const key = JSON.stringify(list);
    let i = listIndex.get(key);
    if (i === undefined) listIndex.set(key, (i = words.push(list) - 1));
    return i;
  };
  patterns.forEach((p, i) => {
    entity[i] = p.e;
    flags[i] = p.f;
    const x: PackedExtras = {};
    if (p.c) x.c = p.c;
    if (p.k !== undefined) x.k = p.k;
    for (const f of NEIGHBOUR_FIELDS) if (p[f]) x[f] = intern(p[f]);
    if (p.u) x.u = p.u;
    if (Object.keys(x).length) extras.push([i, x]);
  });
  const start = new Int32Array(groups.length + 1);
  groups.forEach((g, i) => (start[i + 1] = start[i]! + g.length));
  const items = new Int32Array(start[groups.length]!);
  groups.forEach((g, i) => items.set(g, start[i]!));
  const narrow = { entity: encodeNarrow(entity), groupStart: encodeNarrow(start), groupItems: encodeNarrow(items) };
  return {
    count: patterns.length,
    entity: narrow.entity.base64,
    flags: toBase64(flags),
    extras,
    words,
    groupStart: narrow.groupStart.base64,
    groupItems: narrow.groupItems.base64,
    widths: { entity: narrow.entity.width, groupStart: narrow.groupStart.width, groupItems: narrow.groupItems.width },
    ...(markerStart < patterns.length ? { markerStart } : {}),
  };
}

export class PatternTable {
  readonly count: number;
  readonly entity: Int32Array;
  readonly flags: Uint8Array;
  readonly groupStart: Int32Array;
  readonly groupItems: Int32Array;
  /**
   * The patterns that need context, in index order: found here, in the check every table
   * makes of every pattern anyway, so that the context gate's index never loops over
   * the whole dictionary (20,000 patterns) during a page's scan.
   */
  readonly contextPatterns: Int32Array;
  /** The patterns with veto words (alias `unlessPageSays`), in index order. */
  readonly vetoablePatterns: number[] = [];
  /** Patterns from here on are markers (veto words); `count` when there are none. */
  readonly markerStart: number;
  private readonly extras = new Map<number, PatternExtras>();
  /** The characters of every neighbour word (folded), and the words, each once (many aliases share a list). */
  readonly neighbourChars = new Set<number>();
  readonly neighbourWords: string[] = [];

  /** Throws when an index is out of range (corrupt data must not be scanned with). */
  constructor(packed: PackedPatterns, entityCount: number) {
    this.count = packed.count;
    this.entity = decodeField(packed, 'entity');
    this.flags = fromBase64(packed.flags);
    this.groupStart = decodeField(packed, 'groupStart');
    this.groupItems = decodeField(packed, 'groupItems');
    const n = this.count;
    this.markerStart = packed.markerStart ?? n;
    if (!(Number.isInteger(this.markerStart) && this.markerStart >= 0 && this.markerStart <= n)) throw new Error('matcher data: markers start out of range');
    if (this.entity.length !== n || this.flags.length !== n) throw new Error('matcher data: pattern arrays of the wrong length');
    const context: number[] = [];
    for (let i = 0; i < n; i++) {
      if (!(this.entity[i]! >= 0 && this.entity[i]! < entityCount)) throw new Error(`matcher data: pattern ${i} has no entity`);
      if (this.flags[i]! & P_NEEDS_CONTEXT) context.push(i);
    }
    this.contextPatterns = Int32Array.from(context);
    const items = this.groupItems;
    for (let i = 0; i < items.length; i++) if (!(items[i]! >= 0 && items[i]! < n)) throw new Error(`matcher data: group item ${i} is not a pattern`);
    const gs = this.groupStart;
    if (gs[0] !== 0 || gs[gs.length - 1] !== items.length) throw new Error('matcher data: groups do not cover their items');
    for (let g = 1; g < gs.length; g++) if (gs[g]! < gs[g - 1]!) throw new Error(`matcher data: group ${g - 1} has a negative size`);
    const lists = packed.words;
    const list = (p: number, i: number | undefined) => {
      if (i === undefined) return undefined;
      if (!(i >= 0 && i < lists.length)) throw new Error(`matcher data: pattern ${p} has an unknown word list`);
      return lists[i];
    };
    for (const [p, x] of packed.extras) {
      if (!(p >= 0 && p < n)) throw new Error(`matcher data: extras for pattern ${p}, which does not exist`);
      if (x.c?.some((e) => !(e >= 0 && e < entityCount))) throw new Error(`matcher data: pattern ${p} has an unknown context entity`);
      if (x.u?.some((u) => !(Number.isInteger(u) && u >= 0 && u < n - this.markerStart))) throw new Error(`matcher data: pattern ${p} has an unknown veto word`);
      // One shape for every pattern's extras: the rules read them per pattern hit, and a
      // shape their optimized code has not seen yet throws that code away ("wrong map").
      this.extras.set(p, { c: x.c, k: x.k, nb: list(p, x.nb), na: list(p, x.na), xb: list(p, x.xb), xa: list(p, x.xa), u: x.u });
      if (x.u) this.vetoablePatterns.push(p);
    }
    // A word may be in several lists ("Li" after Wan and among the surnames).
    const words = new Set<string>();
    for (const ws of lists) {
      for (const w of ws) {
        if (words.has(w)) continue;
        words.add(w);
        this.neighbourWords.push(w);
        for (let i = 0; i < w.length; i++) this.neighbourChars.add(w.charCodeAt(i));
      }
    }
  }

  get groupCount(): number {
    return this.groupStart.length - 1;
  }

  /** The rare fields of pattern p (undefined for most). */
  extra(p: number): PatternExtras | undefined {
    return this.extras.get(p);
  }

  /** Pattern p as an object (tests, the benchmark's reference engines). */
  pattern(p: number): MatcherPattern {
    const out: MatcherPattern = { e: this.entity[p]!, f: this.flags[p]! };
    const x = this.extras.get(p);
    if (x?.c) out.c = x.c;
    if (x?.k !== undefined) out.k = x.k;
    if (x?.nb) out.nb = x.nb;
    if (x?.na) out.na = x.na;
    if (x?.xb) out.xb = x.xb;
    if (x?.xa) out.xa = x.xa;
    if (x?.u) out.u = x.u;
    return out;
  }

  /** Whether pattern p is a marker (a veto word), never a mention itself. */
  isMarker(p: number): boolean {
    return p >= this.markerStart;
  }

  /** The patterns of group g. */
  group(g: number): number[] {
    return Array.from(this.groupItems.subarray(this.groupStart[g]!, this.groupStart[g + 1]!));
  }
}

/** Patterns and groups as plain objects (tests and the benchmark's reference engines). */
export function unpackPatterns(packed: PackedPatterns, entityCount: number): { patterns: MatcherPattern[]; groups: number[][] } {
  const t = new PatternTable(packed, entityCount);
  return {
    patterns: Array.from({ length: t.count }, (_, p) => t.pattern(p)),
    groups: Array.from({ length: t.groupCount }, (_, g) => t.group(g)),
  };
}
