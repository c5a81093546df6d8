/**
 * Finds entity mentions in a text: one automaton pass, then the rules that make a
 * pattern occurrence a mention — word boundaries for Latin-script aliases, letter
 * case for case-sensitive ones, version suffixes for model families — and finally
 * leftmost-longest selection so mentions never overlap.
 *
 * Context requirements are page-level and live in ContextGate (./context).
 */
import { Scanner, type ScanEngine } from './automaton';
import { FLAG_DASH, FLAG_IGNORABLE, FLAG_SPACE, FLAG_WORD, flagTable, foldTable, isAsciiLetter, isDigit, isUpperAt } from './chars';
import { P_CASE_SENSITIVE, P_NEEDS_CONTEXT, P_NEIGHBOURS, P_VERSIONED, P_WORD_END, P_WORD_START, type MatcherData } from './compile';
import { PatternTable, type PatternExtras } from './patterns';
import type { EntityKind } from '../kb/kinds';
import { emptyKeepingStore } from './reuse';

/** The character tables, bound once: the rules below run per pattern hit, often before V8 inlines a getter. */
const FOLD = foldTable();

export interface Mention {
  start: number;
  end: number;
  /**
   * Candidate patterns for this span, in pack order (more than one only for shared
   * aliases). A one-pattern list is shared by every mention of that pattern: never mutate it.
   */
  patterns: readonly number[];
  /** True when the mention came from a version suffix after a family alias. */
  extended: boolean;
  /** End of the alias itself (before a version suffix): the longer alias is the more specific. */
  aliasEnd: number;
}

/** `vouches` as a per-entity table; throws on an index out of range. */
function vouchTable(vouches: MatcherData['vouches'], entityCount: number): (readonly number[] | undefined)[] {
  const table: (readonly number[] | undefined)[] = new Array(entityCount).fill(undefined);
  const inRange = (e: number) => e >= 0 && e < entityCount;
  for (const [e, list] of vouches) {
    if (!inRange(e) || !list.every(inRange)) throw new Error(`matcher data: entity ${e} vouches for an unknown entity`);
    table[e] = list;
  }
  return table;
}

export class Matcher {
  readonly ids: readonly string[];
  readonly kinds: readonly EntityKind[];
  readonly patterns: PatternTable;
  /** Per entity, the entities its unambiguous mentions vouch for as context (engine/context.ts), or undefined. */
  readonly vouches: readonly (readonly number[] | undefined)[];
  private readonly scanner: Scanner;
  private readonly flags = flagTable();
  private readonly raw: number[] = [];
  private readonly indexById = new Map<string, number>();
  /** The longest pattern, in folded characters (how far back splitPoint reads the automaton's state). */
  private readonly longestPattern: number;
  /** One-pattern candidate lists, one per pattern, made on first use (most mentions have one). */
  private readonly single: (readonly number[] | undefined)[];

  /**
   * `engine` picks how the automaton pass runs (WebAssembly where allowed, by default).
   * Throws when the data is corrupt (an index out of range).
   */
  constructor(data: MatcherData, engine: ScanEngine = 'auto') {
    this.ids = data.ids;
    this.kinds = data.kinds;
    this.patterns = new PatternTable(data.patterns, data.ids.length);
    this.vouches = vouchTable(data.vouches, data.ids.length);
    // Sized up front: filling a growing array at scattered indices could turn it into a dictionary.
    this.single = new Array(this.patterns.count);
    this.scanner = new Scanner(data.automaton, engine);
    if (this.patterns.groupCount !== this.scanner.data.groupLength.length) throw new Error('matcher data: the automaton and the pattern groups disagree');
    data.ids.forEach((id, i) => this.indexById.set(id, i));
    let longest = 0;
    for (const n of this.scanner.data.groupLength) if (n > longest) longest = n;
    this.longestPattern = longest;
  }

  /**
   * Where a long block may be split for scanning in parts: the first offset in
   * (from, to] at which find() over the parts on either side finds exactly what it finds
   * over the whole (a property test holds it to that), or -1. Three kinds:
   * - just past a character that no alias, version suffix or neighbour word contains and
   *   that no boundary rule reads across (in Chinese prose: 。、；：！？);
   * - just past a single space where the automaton is at its root (no occurrence spans
   *   it), no version suffix starts at the space, and no neighbour word ends before it (or
   *   before a period before it) or starts after it, nor a quantity word after it (in any
   *   prose);
   * - just past a character that no rule reads (Scanner.inert: Han, kana, most
   *   punctuation) where the automaton is at its root (Chinese without split punctuation).
   */
  splitPoint(text: string, from: number, to: number): number {
    const flags = this.flags;
    const scanner = this.scanner;
    const window = this.longestPattern + 2;
    const avoid = this.patterns.neighbourChars;
    for (let p = from + 1; p <= to; p++) {
      const before = text.charCodeAt(p - 1);
      if (scanner.splitsAfter(before, avoid)) return p;
      if (p === to) continue;
      if (flags[before]! & FLAG_SPACE) {
        if (p < 2 || (flags[text.charCodeAt(p)]! | flags[text.charCodeAt(p - 2)]!) & (FLAG_SPACE | FLAG_IGNORABLE)) continue;
        if (scanner.stateAfter(text, Math.max(0, p - window), p) !== 0) continue;
        if (versionSuffixEnd(text, p - 1, text.length, flags) !== p - 1) continue;
        if (this.neighbourAround(text, p - 1)) continue;
        // The number before it may be a count ("Baichuan 2 million"): a rule reads across.
        if (quantityFollows(text, p - 1, text.length, flags)) continue;
        return p;
      }
      // Running text with no space or split punctuation (Chinese without 。): just past a
      // character no rule reads, where the automaton is at its root. No occurrence ends or
      // is under way there, so the rules read across the point only from an occurrence
      // starting there, and what they read (the character before it) is no word
      // character and in no neighbour word, as at the start of a text.
      if (scanner.inert(before, avoid) && scanner.stateAfter(text, Math.max(0, p - window), p) === 0) return p;
    }
    return -1;
  }

  /**
   * Whether a neighbour word (of any pattern) ends just before `space`, or before a period
   * just before it (a word before an alias may have one: "Mr. Yi", wordBefore), or starts
   * just after it.
   */
  private neighbourAround(text: string, space: number): boolean {
    const words = this.patterns.neighbourWords;
    const period = space > 0 && FOLD[text.charCodeAt(space - 1)] === 0x2e;
    for (let i = 0; i < words.length; i++) {
      const w = words[i]!;
      if (space - w.length >= 0 && foldedEquals(text, space - w.length, w)) return true;
      if (period && space - 1 - w.length >= 0 && foldedEquals(text, space - 1 - w.length, w)) return true;
      if (space + 1 + w.length <= text.length && foldedEquals(text, space + 1, w)) return true;
    }
    return false;
  }

  /** Whether the automaton pass runs in WebAssembly. */
  get wasm(): boolean {
    return this.scanner.wasm;
  }

  entityIndex(id: string): number | undefined {
    return this.indexById.get(id);
  }

  /**
   * Mentions in text[from, to), sorted by start, not overlapping. `cuts` (ascending) are
   * block boundaries: the text on either side is scanned and judged as if it ended there.
   */
  find(text: string, from = 0, to = text.length, cuts?: readonly number[]): Mention[] {
    const raw = this.raw;
    emptyKeepingStore(raw);
    const candidates: Mention[] = [];
    let a = from;
    // The block around each stretch: the address check reads its whole block (the same
    // whether a long block is scanned whole or in parts), and never the next block.
    let blockStart = 0;
    let blockEnd = text.length;
    if (cuts) {
      for (let i = 0; i < cuts.length; i++) {
        const b = cuts[i]!;
        if (b <= a) {
          blockStart = b;
          continue;
        }
        if (b >= to) {
          blockEnd = b;
          break;
        }
        this.collect(text, a, b, candidates, blockStart, b);
        a = blockStart = b;
      }
    }
    this.collect(text, a, to, candidates, blockStart, blockEnd);
    return selectLongest(candidates, this.patterns.flags);
  }

  /** Appends the candidates of text[from, to) (one block, or a part of the block text[blockStart, blockEnd)). */
  private collect(text: string, from: number, to: number, candidates: Mention[], blockStart: number, blockEnd: number): void {
    const raw = this.raw;
    const base = raw.length;
    this.scanner.scan(text, from, to, raw);
    if (raw.length === base) return;
    const { flags, groupStart, groupItems } = this.patterns;
    for (let r = base; r < raw.length; r += 3) {
      const g = raw[r]!;
      const end = raw[r + 1]!;
      const start = raw[r + 2]!;
      if (insideAddress(text, start, end, blockStart, blockEnd)) continue;
      let plain: Mention | undefined;
      let extendedTo = -1;
      let extendedPatterns: readonly number[] | undefined;
      for (let i = groupStart[g]!, gEnd = groupStart[g + 1]!; i < gEnd; i++) {
        const p = groupItems[i]!;
        const f = flags[p]!;
        if (f & P_WORD_START && start > from && this.isWordAt(text, start - 1)) continue;
        const x = f & (P_CASE_SENSITIVE | P_NEIGHBOURS) ? this.patterns.extra(p) : undefined;
        if (f & P_CASE_SENSITIVE && !this.caseMatches(text, start, end, x?.k ?? '')) continue;
        if (x?.nb && this.blockedBefore(text, start, from, x)) continue;
        if (f & P_VERSIONED) {
          const ext = versionSuffixEnd(text, end, to, this.flags);
          // A word the alias must not be followed by is no version of it either (Rivian's "R1S").
          if (ext > end && !(ext < to && (this.isWordAt(text, ext) || continuesNumber(text, ext, to))) && !(x && this.blockedAfter(text, end, to, x))) {
            extendedTo = ext;
            extendedPatterns = extendedPatterns ? [...extendedPatterns, p] : this.only(p);
            continue;
          }
        }
        if (f & P_WORD_END && end < to && (this.isWordAt(text, end) || continuesNumber(text, end, to) || this.countBefore(text, start, end, to) || unitFollows(text, end))) continue;
        if (x?.na && this.blockedAfter(text, end, to, x)) continue;
        if (plain) plain.patterns = [...plain.patterns, p];
        else plain = { start, end, patterns: this.only(p), extended: false, aliasEnd: end };
      }
      if (plain) candidates.push(plain);
      if (extendedPatterns) candidates.push({ start, end: extendedTo, patterns: extendedPatterns, extended: true, aliasEnd: end });
    }
  }

  /** The shared one-pattern list of p (every mention keeps its list: one array per pattern, not per mention). */
  private only(p: number): readonly number[] {
    return (this.single[p] ??= [p]);
  }

  /** Whether a pattern needs its context on the page. */
  needsContext(p: number): boolean {
    return (this.patterns.flags[p]! & P_NEEDS_CONTEXT) !== 0;
  }

  // Loops rather than `some` with a closure: these run per pattern hit (a closure each).
  private anyWordBefore(text: string, start: number, from: number, words: readonly string[]): boolean {
    for (let i = 0; i < words.length; i++) if (this.wordBefore(text, start, from, words[i]!)) return true;
    return false;
  }

  private anyWordAfter(text: string, end: number, to: number, words: readonly string[]): boolean {
    for (let i = 0; i < words.length; i++) if (this.wordAfter(text, end, to, words[i]!)) return true;
    return false;
  }

  /** Whether a notPrecededBy word precedes the alias, and no exceptPrecededBy word that holds it. */
  private blockedBefore(text: string, start: number, from: number, x: PatternExtras): boolean {
    return x.nb !== undefined && this.anyWordBefore(text, start, from, x.nb) && !(x.xb && this.anyWordBefore(text, start, from, x.xb));
  }

  /** Whether a notFollowedBy word follows the alias, and no exceptFollowedBy word that holds it. */
  private blockedAfter(text: string, end: number, to: number, x: PatternExtras): boolean {
    return x.na !== undefined && this.anyWordAfter(text, end, to, x.na) && !(x.xa && this.anyWordAfter(text, end, to, x.xa));
  }

  /**
   * Whether the folded word `w` ends just before `start` (spaces, one dash or nothing
   * between, as a page's source may break a line there), or with a period after it
   * ("Mr. Yi", "Dr. Yi").
   */
  private wordBefore(text: string, start: number, from: number, w: string): boolean {
    let j = start;
    if (j > from && this.flags[text.charCodeAt(j - 1)]! & FLAG_DASH) j--;
    else while (j > from && this.flags[text.charCodeAt(j - 1)]! & FLAG_SPACE) j--;
    if (j > from && FOLD[text.charCodeAt(j - 1)] === 0x2e && this.endsWord(text, j - 1, from, w)) return true;
    return this.endsWord(text, j, from, w);
  }

  /**
   * Whether the folded word `w` ends at j and starts a word (a word that starts with
   * punctuation starts one wherever it is).
   */
  private endsWord(text: string, j: number, from: number, w: string): boolean {
    const i = j - w.length;
    if (i < from) return false;
    if (!foldedEquals(text, i, w)) return false;
    return i === from || !this.isWordAt(text, i - 1) || !this.isWordAt(text, i);
  }

  /**
   * Whether the folded word `w` starts just after `end` (spaces, one dash or nothing
   * between) and ends a word there (a word that ends with punctuation, "方（", ends one
   * wherever it is).
   */
  private wordAfter(text: string, end: number, to: number, w: string): boolean {
    let i = end;
    if (i < to && this.flags[text.charCodeAt(i)]! & FLAG_DASH) i++;
    else while (i < to && this.flags[text.charCodeAt(i)]! & FLAG_SPACE) i++;
    const j = i + w.length;
    if (j > to) return false;
    if (!foldedEquals(text, i, w)) return false;
    return j === to || !this.isWordAt(text, j) || !this.isWordAt(text, j - 1);
  }

  /**
   * Whether the alias text[start, end) ends in a number written apart from the rest of it
   * (after a space, or the whole alias: "Baichuan 2", "360") that a quantity word follows:
   * a count ("Baichuan 2 million users"), not the name. "Qwen2.5 billion" keeps its name.
   */
  private countBefore(text: string, start: number, end: number, to: number): boolean {
    const fold = FOLD;
    if (!isDigit(fold[text.charCodeAt(end - 1)]!)) return false;
    let i = end - 1;
    while (i > start && (isDigit(fold[text.charCodeAt(i - 1)]!) || fold[text.charCodeAt(i - 1)] === 0x2e || this.flags[text.charCodeAt(i - 1)]! & FLAG_IGNORABLE)) i--;
    return (i === start || (this.flags[text.charCodeAt(i - 1)]! & FLAG_SPACE) !== 0) && quantityFollows(text, end, to, this.flags);
  }

  private isWordAt(text: string, i: number): boolean {
    return (this.flags[text.charCodeAt(i)]! & FLAG_WORD) !== 0;
  }

  private caseMatches(text: string, start: number, end: number, pattern: string): boolean {
    let k = 0;
    let prevSpace = false;
    for (let i = start; i < end && k < pattern.length; i++) {
      const ch = text.charCodeAt(i);
      const fl = this.flags[ch]!;
      if (fl & FLAG_IGNORABLE) continue;
      const space = (fl & (FLAG_SPACE | FLAG_DASH)) !== 0;
      if (space && prevSpace) continue;
      prevSpace = space;
      const want = pattern[k++];
      if (want === ' ') continue;
      if (isUpperAt(text, i) !== (want === 'U')) return false;
    }
    return true;
  }
}

/**
 * Leftmost-longest selection: sort by start, longer first, explicit aliases before
 * version-extended ones, then the longer (more specific) alias; keep each candidate
 * that does not overlap the last kept. A kept model name may take a more specific
 * name that overlaps it (namedModel).
 */
function selectLongest(candidates: Mention[], flags: Uint8Array): Mention[] {
  if (candidates.length < 2) return candidates;
  // Insertion sort: candidates arrive in end order, so they are almost sorted by start
  // (only overlapping ones move), and it needs no comparator call per step.
  for (let i = 1; i < candidates.length; i++) {
    const c = candidates[i]!;
    let j = i - 1;
    while (j >= 0 && before(c, candidates[j]!)) {
      candidates[j + 1] = candidates[j]!;
      j--;
    }
    candidates[j + 1] = c;
  }
  // Kept in place (no second array per batch).
  let kept = 0;
  let lastEnd = -1;
  for (let i = 0; i < candidates.length; i++) {
    const c = candidates[i]!;
    if (c.start >= lastEnd) {
      if (flags[c.patterns[0]!]! & P_VERSIONED && i + 1 < candidates.length && candidates[i + 1]!.start < c.aliasEnd) namedModel(candidates, i, flags);
      candidates[kept++] = c;
      lastEnd = c.end;
    }
  }
  candidates.length = kept;
  return candidates;
}

/**
 * A model name (a versioned alias) that another model name overlaps, starting inside
 * its alias and reaching past it, is read as that more specific name over both spans:
 * "智谱GLM-4" is GLM-4 (智谱GLM + a version), "Baidu ERNIE 4.0" ERNIE 4.0, "Qwen2.5-Max"
 * Qwen2.5 (Qwen + a version), "Tongyi Qwen-VL" Qwen-VL, "百度文心一格" 文心一格, not the
 * family that the leftmost match names. Among the candidates after `i` (sorted) the one
 * whose alias reaches furthest (then the longer, then an explicit one) gives c its
 * patterns; c keeps its start and takes the longer end.
 */
function namedModel(candidates: Mention[], i: number, flags: Uint8Array): void {
  const c = candidates[i]!;
  let best: Mention | undefined;
  for (let j = i + 1; j < candidates.length; j++) {
    const b = candidates[j]!;
    if (b.start >= c.aliasEnd) break;
    if (b.aliasEnd <= c.aliasEnd || !(flags[b.patterns[0]!]! & P_VERSIONED)) continue;
    if (!best || b.aliasEnd > best.aliasEnd || (b.aliasEnd === best.aliasEnd && (b.end !== best.end ? b.end > best.end : !b.extended && best.extended))) best = b;
  }
  if (!best) return;
  c.extended = best.end < c.end || best.extended;
  if (best.end > c.end) c.end = best.end;
  c.patterns = best.patterns;
  c.aliasEnd = best.aliasEnd;
}

/** Selection order: by start, longer first, explicit before version-extended, then the longer alias. */
function before(a: Mention, b: Mention): boolean {
  if (a.start !== b.start) return a.start < b.start;
  if (a.end !== b.end) return a.end > b.end;
  if (a.extended !== b.extended) return !a.extended;
  return a.aliasEnd > b.aliasEnd;
}

/** Whether text folded from i on starts with the folded word `w` (compared in place: no string per check). */
function foldedEquals(text: string, i: number, w: string): boolean {
  const f = FOLD;
  for (let k = 0; k < w.length; k++) if (f[text.charCodeAt(i + k)] !== w.charCodeAt(k)) return false;
  return true;
}


/**
 * The code unit at i, a full-width form read as its ASCII one ("２．５" is "2.5"): what a
 * version suffix is read on. Only those: a superscript or circled number folds to a digit
 * too, but after a name it is a footnote mark ("Qwen¹"), not a version.
 */
function narrowAt(text: string, i: number): number {
  const c = text.charCodeAt(i);
  return c >= 0xff01 && c <= 0xff5e ? c - 0xfee0 : c;
}

/** The end of the digits from k on. */
function digitsEnd(text: string, k: number, to: number): number {
  while (k < to && isDigit(narrowAt(text, k))) k++;
  return k;
}

/** The end of any ".digits" parts from k on ("2" + ".5.1"). */
function decimalsEnd(text: string, k: number, to: number): number {
  while (k + 1 < to && narrowAt(text, k) === 0x2e && isDigit(narrowAt(text, k + 1))) k = digitsEnd(text, k + 1, to);
  return k;
}

/** text[from, to) with full-width forms read as ASCII (short stretches: a version, a word after a hyphen). */
function narrowSlice(text: string, from: number, to: number): string {
  let s = '';
  for (let i = from; i < to; i++) s += String.fromCharCode(narrowAt(text, i));
  return s;
}

/** Characters that can be part of a web address written out in text (printable ASCII but space and "<>\\^`{|}). */
const isAddressChar = (c: number) => c > 0x20 && c < 0x7f && c !== 0x22 && c !== 0x3c && c !== 0x3e && c !== 0x5c && c !== 0x5e && c !== 0x60 && c !== 0x7b && c !== 0x7c && c !== 0x7d;
/** Next to a name, the characters that may make it part of an address. */
const isAddressNeighbour = (c: number) => c === 0x2e || c === 0x2f || c === 0x40 || c === 0x3a || c === 0x3f || c === 0x3d || c === 0x26 || c === 0x25 || c === 0x23;
/** ":", "/", "?" or "@": every form of ADDRESS but "www." has one. */
const isAddressMark = (c: number) => c === 0x3a || c === 0x2f || c === 0x3f || c === 0x40;
/** "-" or "_", which join a name to the rest of a word in an address. */
const isJoiner = (c: number) => c === 0x2d || c === 0x5f;
/**
 * What makes a run of address characters a web address or an e-mail address: a scheme,
 * "www.", a domain followed by a path (the part after the dot starts with a letter, so
 * "Qwen2.5/Qwen3" is not one), a query parameter, or user@domain.
 */
const ADDRESS = /:\/\/|(?:^|[^A-Za-z0-9.])www\.|[A-Za-z0-9]\.[A-Za-z][A-Za-z0-9-]*\/|\?[A-Za-z0-9_]+=|[A-Za-z0-9._%+-]@[A-Za-z0-9-]+\.[A-Za-z]/i;
/** How far around a name the address check looks, each way. */
const ADDRESS_REACH = 256;

/**
 * Whether text[start, end) is inside a web or e-mail address written out in the text
 * ("www.baidu.com", "someone@deepseek.com"): not a mention. Looked at only when a
 * neighbouring character is one an address has around a name, and over the whole block
 * text[lo, hi) (not the part being scanned), so a scan in parts judges as a whole one; an
 * address that ends a block ("…reuters.com/") says nothing of a name that starts the next.
 * A name that is itself an address ("yiyan.baidu.com") is kept; a version's full stop
 * ("Qwen2.5") does not make one.
 */
export function insideAddress(text: string, start: number, end: number, lo = 0, hi = text.length): boolean {
  if (!((start > lo && isAddressNeighbour(text.charCodeAt(start - 1))) || (end < hi && isAddressNeighbour(text.charCodeAt(end))) || joinedToAddress(text, start, end, lo, hi))) return false;
  // An address itself: a slash, or a full stop before a letter (not a version's "2.5").
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x2f || (c === 0x2e && i + 1 < end && isAsciiLetter(text.charCodeAt(i + 1)))) return false;
  }
  let a = start;
  while (a > lo && start - a < ADDRESS_REACH && isAddressChar(text.charCodeAt(a - 1))) a--;
  let b = end;
  while (b < hi && b - end < ADDRESS_REACH && isAddressChar(text.charCodeAt(b))) b++;
  // Every form of ADDRESS has ":", "/", "?", "@" or "www.": without one (a name at the end
  // of a sentence, "…Baidu."), no string and no regular expression.
  return mayBeAddress(text, a, b) && ADDRESS.test(text.slice(a, b));
}

/**
 * A name joined by "-" or "_" to a word of an address: "V3" at the end of
 * github.com/deepseek-ai/DeepSeek-V3, once the whole name was refused. Reads from the
 * joining character away from the name, over address characters, for a "/", "@", ":" or
 * "?" (one form of ADDRESS needs one; "www." comes with a full stop, a neighbour already).
 */
function joinedToAddress(text: string, start: number, end: number, lo: number, hi: number): boolean {
  return (start > lo && isJoiner(text.charCodeAt(start - 1)) && reachesAddressMark(text, start - 1, -1, lo, hi)) || (end < hi && isJoiner(text.charCodeAt(end)) && reachesAddressMark(text, end, 1, lo, hi));
}

/** Whether, from `from` in direction `step`, an address mark comes before the run of address characters ends (within lo, hi and ADDRESS_REACH). */
function reachesAddressMark(text: string, from: number, step: 1 | -1, lo: number, hi: number): boolean {
  for (let i = from, n = 0; i >= lo && i < hi && n < ADDRESS_REACH; i += step, n++) {
    const c = text.charCodeAt(i);
    if (isAddressMark(c)) return true;
    if (!isAddressChar(c)) return false;
  }
  return false;
}

/** Whether text[a, b) has a character or a "www." that one of ADDRESS's forms needs. */
function mayBeAddress(text: string, a: number, b: number): boolean {
  for (let i = a; i < b; i++) {
    const c = text.charCodeAt(i);
    if (isAddressMark(c)) return true;
    if (c === 0x2e && i - a >= 3 && (text.charCodeAt(i - 1) | 0x20) === 0x77 && (text.charCodeAt(i - 2) | 0x20) === 0x77 && (text.charCodeAt(i - 3) | 0x20) === 0x77) return true;
  }
  return false;
}

/**
 * Whether an alias ending at `end` with a digit is followed by ".digit": the number goes
 * on ("DeepSeek-R1.5", "MiniMax-M1.5"), so the alias names another version than the
 * page's, however its "." is no word character. Or by a thousands group (an ASCII comma
 * and three digits): "360" in "360,000" is a number.
 */
function continuesNumber(text: string, end: number, to: number): boolean {
  if (end + 1 >= to) return false;
  const f = FOLD;
  if (!isDigit(f[text.charCodeAt(end - 1)]!)) return false;
  if (f[text.charCodeAt(end)] === 0x2e) return isDigit(f[text.charCodeAt(end + 1)]!);
  return text.charCodeAt(end) === 0x2c && end + 3 < to && isDigit(f[text.charCodeAt(end + 1)]!) && isDigit(f[text.charCodeAt(end + 2)]!) && isDigit(f[text.charCodeAt(end + 3)]!) && !(end + 4 < to && isDigit(f[text.charCodeAt(end + 4)]!));
}

/**
 * Chinese units, counters and date words (folded: simplified): a bare number written
 * before one is a quantity, not a version (豆包1.5元, 豆包2个, 星火1号, 文心2023年).
 * Not 百, 千 (百度, 千问 may follow a name's number in a list).
 */
export const CHINESE_UNITS: ReadonlySet<number> = new Set([...'元块角斤克吨个只件条张台部辆倍万亿岁年月日号次天%'].map((c) => c.charCodeAt(0)));

/** Whether an alias ending at `end` in a digit is followed by a Chinese unit: a price or a count (豆包1.5元, 360元), not the name. */
function unitFollows(text: string, end: number): boolean {
  return isDigit(FOLD[text.charCodeAt(end - 1)]!) && CHINESE_UNITS.has(FOLD[text.charCodeAt(end)]!);
}

/**
 * Words that make a number written apart before them a quantity: an alias that ends in
 * such a number is no mention before one ("Baichuan 2 million users"), nor is such a
 * number a version ("Qwen 2.5 billion tokens" mentions Qwen, not Qwen2.5).
 */
export const QUANTITY_WORDS: readonly string[] = ['hundred', 'thousand', 'million', 'billion', 'trillion', 'percent'];

/** Whether spaces and then one of QUANTITY_WORDS (a whole word, any letter case) follow from k on. */
function quantityFollows(text: string, k: number, to: number, flags: Uint8Array): boolean {
  if (!(k < to && flags[text.charCodeAt(k)]! & FLAG_SPACE)) return false;
  while (k < to && flags[text.charCodeAt(k)]! & FLAG_SPACE) k++;
  for (let w = 0; w < QUANTITY_WORDS.length; w++) {
    const word = QUANTITY_WORDS[w]!;
    const e = k + word.length;
    if (e <= to && foldedEquals(text, k, word) && (e === to || !(flags[text.charCodeAt(e)]! & FLAG_WORD))) return true;
  }
  return false;
}

/**
 * Words that follow a model name after a hyphen to make an English compound
 * ("Qwen2.5-based", "DeepSeek-R1-style", "Kimi K2-powered"): never a part of the name.
 */
export const COMPOUND_WORDS: ReadonlySet<string> = new Set([
  'based', 'powered', 'driven', 'backed', 'like', 'style', 'styled', 'level', 'class', 'grade', 'scale', 'sized', 'size', 'type',
  'generated', 'made', 'built', 'trained', 'tuned', 'enabled', 'assisted', 'compatible', 'specific', 'related', 'equivalent',
  'inspired', 'native', 'ready', 'friendly', 'only', 'derived', 'distilled', 'optimized', 'optimised', 'focused', 'centric',
  'led', 'owned', 'hosted', 'integrated', 'supported', 'esque', 'ish',
]);

const COMPOUND_WORD_MAX = Math.max(...[...COMPOUND_WORDS].map((w) => w.length));

/** Whether text[from, to) is one of COMPOUND_WORDS (any letter case or width; no string made for a longer token). */
function isCompoundWord(text: string, from: number, to: number): boolean {
  return to - from <= COMPOUND_WORD_MAX && COMPOUND_WORDS.has(narrowSlice(text, from, to).toLowerCase());
}
const isAlnum = (c: number) => isDigit(c) || isAsciiLetter(c);

/**
 * Whether a mention of `text` ends in a version suffix that names a version unmistakably,
 * as a `freeWithVersion` alias needs: a decimal ("Kling 2.1", 豆包1.6, "Yi-1.5-34B"), letters then
 * digits ("Vidu Q1", "BGE-M3"), a leading zero ("Hailuo 02") or a parameter count
 * ("MiMo-7B"). Not a bare number, which may be a score, a count or a part of something
 * else ("Yi 6-2", "Wan 2 goals", 星火1号, 豆包2个, "Wan 5G").
 */
export function namesVersion(text: string, m: Pick<Mention, 'extended' | 'aliasEnd' | 'end'>): boolean {
  return m.extended && STRONG_VERSION.test(narrowSlice(text, m.aliasEnd, m.end));
}
const STRONG_VERSION = /^[\s\u00a0\-\u2010-\u2015]?(?:\d+\.\d|[A-Za-z]{1,2}\d|0\d|\d+[Bb](?![A-Za-z]))/;

/**
 * The end of a version suffix directly after a family alias ending at `i`, or `i`
 * when there is none. A suffix is an optional space or hyphen, then a version token
 * ("2", "2.5", "3.1", "4o", "V3", "R1", "K2"), then any hyphen-joined tokens
 * ("-72B", "-Instruct", "-VL"): "Qwen2.5-72B-Instruct", "DeepSeek-V3", "Kimi K2";
 * not an English compound word ("-based", "-powered": COMPOUND_WORDS). After an alias
 * that ends in a number, letters written straight on are a token too ("GLM-4.5V").
 */
export function versionSuffixEnd(text: string, i: number, to: number, flags: Uint8Array): number {
  let j = i;
  const spaced = j < to && (flags[text.charCodeAt(j)]! & FLAG_SPACE) !== 0;
  if (j < to && flags[text.charCodeAt(j)]! & (FLAG_SPACE | FLAG_DASH)) j++;
  const tokenStart = j;
  // Version token: digits[.digits]*[letters]  |  one or two letters + digits[.digits]*
  let k = j;
  // Written straight on (no space or hyphen) after a name that ends in a number.
  const onNumber = j === i && i > 0 && isDigit(FOLD[text.charCodeAt(i - 1)]!);
  if (k < to && isDigit(narrowAt(text, k))) {
    // Digits there are another number ("Qwen2" in "Qwen20").
    if (onNumber) return i;
    k = digitsEnd(text, k, to);
    // After a space, a number of three or more digits is a year or a count, not a version;
    // so is a bare two-digit one ("Doubao 15 million users", "Qwen 20 languages"), where
    // "Qwen 2", "ERNIE 4.0" and "Qwen 72B" are versions.
    if (spaced && k - tokenStart > 2) return i;
    const bareTwo = spaced && k - tokenStart === 2;
    k = decimalsEnd(text, k, to);
    const letters = k;
    while (k < to && isAsciiLetter(narrowAt(text, k))) k++;
    if (bareTwo && k === tokenStart + 2) return i;
    // A bare number after a space and before "million" is a count ("Baichuan 2 million users").
    if (spaced && k === letters && quantityFollows(text, k, to, flags)) return i;
    // So is a bare number before a Chinese unit, counter or date word: a price, a count or
    // a year (豆包1.5元, 豆包2个, 星火1号, 文心2023年), not a version.
    if (k === letters && k < to && CHINESE_UNITS.has(FOLD[text.charCodeAt(k)]!)) return i;
    // Nor is a multiplier: a lone "x" after a space ("ERNIE 10x faster"), or written straight
    // on with no digit after it ("Qwen2.5x the speed").
    if (k === letters + 1 && (narrowAt(text, letters) | 0x20) === 0x78 && (spaced || !(k < to && isDigit(narrowAt(text, k))))) return i;
  } else if (onNumber && k < to && isAsciiLetter(narrowAt(text, k))) {
    // Letters written straight after a name that ends in a number: a variant of that
    // version ("GLM-4.5V", "Qwen2.5VL", "DeepSeek-R1T"), then digits if any; but a lone
    // "x" is a multiplier ("ERNIE 4.5x cheaper"), and the name no mention there.
    while (k < to && isAsciiLetter(narrowAt(text, k))) k++;
    if (k === j + 1 && (narrowAt(text, j) | 0x20) === 0x78 && !(k < to && isDigit(narrowAt(text, k)))) return i;
    k = decimalsEnd(text, digitsEnd(text, k, to), to);
  } else {
    let letters = 0;
    while (k < to && letters < 2 && isAsciiLetter(narrowAt(text, k))) {
      k++;
      letters++;
    }
    if (letters === 0 || !(k < to && isDigit(narrowAt(text, k)))) return i;
    k = decimalsEnd(text, digitsEnd(text, k, to), to);
  }
  if (k === tokenStart) return i;
  // Hyphen-joined tokens.
  for (;;) {
    if (!(k + 1 < to && flags[text.charCodeAt(k)]! & FLAG_DASH && isAlnum(narrowAt(text, k + 1)))) break;
    let m = k + 1;
    while (m < to && (isAlnum(narrowAt(text, m)) || (narrowAt(text, m) === 0x2e && m + 1 < to && isAlnum(narrowAt(text, m + 1))))) m++;
    if (isCompoundWord(text, k + 1, m)) break;
    k = m;
  }
  return k;
}
