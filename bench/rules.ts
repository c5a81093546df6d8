/**
 * Regular expressions that implement ours' matching rules, for the correctness test
 * (tests/browser/engines.test.ts): the same folding (case, width, traditional →
 * simplified, dashes and spaces), ignorable characters, space runs, word boundaries,
 * letter case, version suffixes and notPrecededBy / notFollowedBy words, built from the
 * compiled MatcherData so that they follow the engine's patterns and flags. The
 * character tables (engine/chars) are shared data; the matching is done by RegExp.
 *
 * The text is searched in two views of the same length: `folded` (each code unit
 * folded, as the automaton sees it), where an alternation of the folded alias texts
 * finds candidate starts; and `shadow`, where the full rule regexes run. The shadow keeps
 * every code unit that occurs in some rule class and replaces any other word character by
 * one representative word character and any other character by one non-word character:
 * membership in every class the rules use is preserved, so matches are the same as on the
 * original text while the word class stays small.
 *
 * Per pattern: PRE (ALIAS) TAIL, where
 *   PRE   = (?<![word]) for aliases starting with a word character, and one negative
 *           lookbehind per notPrecededBy word;
 *   ALIAS = one character class per folded character (every code unit that folds to it,
 *           restricted to upper or lower case for case-sensitive aliases), a space being
 *           a run of space-like characters; ignorables allowed between characters in
 *           texts that contain any;
 *   TAIL  = versioned: (?:(?=(VERSION))\2(?![word]) | POST), else POST, where POST is
 *           (?![word]) for aliases ending with a word character (and, for one ending
 *           with a digit, no "." + digit or thousands group after it, and for one ending with a number
 *           written apart, no quantity word: QUANTITY_WORDS) plus one negative lookahead
 *           per notFollowedBy word; VERSION's hyphen-joined tokens stop before an English
 *           compound word ("-based": COMPOUND_WORDS), and a spaced bare number is no
 *           version before a quantity word.
 * Regexes are code-unit based (no u flag), like the engine.
 */
import { decodeStoredField, storedCount } from '../engine/automaton';
import { flagTable, foldTable, foldText, FLAG_DASH, FLAG_IGNORABLE, FLAG_SPACE, FLAG_WORD, isUpper, isWordChar } from '../engine/chars';
import { aliasSpellings, P_CASE_SENSITIVE, P_VERSIONED, P_WORD_END, P_WORD_START, type CompilableEntity, type MatcherData } from '../engine/compile';
import { CHINESE_UNITS, COMPOUND_WORDS, QUANTITY_WORDS } from '../engine/matcher';
import { unpackPatterns, type MatcherPattern } from '../engine/patterns';

const hex = (u: number) => `\\u${u.toString(16).padStart(4, '0')}`;

/** A character class of code units. */
function classOf(units: Iterable<number>): string {
  const sorted = [...new Set(units)].sort((a, b) => a - b);
  if (!sorted.length) return '[^\\s\\S]';
  let out = '';
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j]! + 1) j++;
    out += j > i ? `${hex(sorted[i]!)}-${hex(sorted[j]!)}` : hex(sorted[i]!);
    i = j + 1;
  }
  return `[${out}]`;
}

/** Folded texts of the automaton groups, in group order (recomputed as compileMatcher does). Node only. */
export function groupTexts(entities: readonly CompilableEntity[], data: MatcherData): string[] {
  const seen = new Set<string>();
  const texts: string[] = [];
  for (const e of entities) {
    for (const a of e.aliases) {
      const written = foldText(a.text);
      if (!written) continue;
      for (const f of aliasSpellings(written, a.caseSensitive)) {
        if (seen.has(f)) continue;
        seen.add(f);
        texts.push(f);
      }
    }
  }
  // Then the veto words (markers), in the order aliases first list them.
  const markers = new Set<string>();
  for (const e of entities)
    for (const a of e.aliases)
      for (const w of a.unlessPageSays ?? []) {
        const written = foldText(w);
        if (written) for (const f of aliasSpellings(written)) markers.add(f);
      }
  for (const f of markers) {
    if (seen.has(f)) continue;
    seen.add(f);
    texts.push(f);
  }
  const lengths = new Uint16Array(storedCount(data.automaton, 'groupLength'));
  decodeStoredField(data.automaton, 'groupLength', lengths);
  const groups = lengths.length;
  if (texts.length !== groups || texts.some((t, g) => t.length !== lengths[g])) {
    throw new Error(`bench/rules.ts no longer reproduces compileMatcher's groups (${texts.length} texts, ${groups} groups): update it`);
  }
  return texts;
}

// What a version suffix is read on: ASCII, or its full-width form (engine/matcher narrowAt).
const D = '[0-9\\uff10-\\uff19]';
const L = '[A-Za-z\\uff21-\\uff3a\\uff41-\\uff5a]';
const AN = '[0-9A-Za-z\\uff10-\\uff19\\uff21-\\uff3a\\uff41-\\uff5a]';
const DOT = '[.\\uff0e]';
const X = '[xX\\uff38\\uff58]';
const NUMBER = `${D}+(?:${DOT}${D}+)*`;
const VERSION_TOKEN = `(?:${NUMBER}${L}*|${L}{1,2}${NUMBER})`;

export class RuleRegexes {
  readonly fold = foldTable();
  /** Same-length view of the text where the rule regexes run. */
  readonly shadow = new Uint16Array(0x10000);
  readonly ignorable = new Uint8Array(0x10000);
  /** Candidate starts over folded text (ignorables removed): every alias, longest first. */
  readonly stage1: string;
  /** Folded first character → group indices. */
  readonly byFirst = new Map<number, number[]>();
  private readonly preStart = new Int32Array(0x10001);
  private readonly preList: Uint16Array;
  private readonly W: string;
  private readonly SEP: string;
  private readonly SPACE: string;
  private readonly DASH: string;
  private readonly IGN: string;
  private readonly S: string;
  /** ".", in any form that folds to it. */
  private readonly DOT: string;
  /** A digit, in any form that folds to one. */
  private readonly DIGIT: string;
  /** "." then a digit, in any form that folds to them. */
  private readonly DOT_DIGIT: string;
  /** A Chinese unit, counter or date word, in any form that folds to one (CHINESE_UNITS). */
  private readonly UNIT: string;
  /** A hyphen-joined token that is an English compound word, not a version part. */
  private readonly COMPOUND: string;
  private readonly classCache = new Map<string, string>();
  private readonly groupOf: Int32Array;
  /** The compiled patterns and groups, unpacked. */
  readonly patterns: MatcherPattern[];
  readonly groups: number[][];

  constructor(
    data: MatcherData,
    private readonly texts: readonly string[],
  ) {
    ({ patterns: this.patterns, groups: this.groups } = unpackPatterns(data.patterns, data.ids.length));
    const fold = this.fold;
    const flags = flagTable();
    // Preimages of the fold: every non-ignorable code unit by the unit it folds to.
    const count = new Int32Array(0x10001);
    for (let u = 0; u < 0x10000; u++) if (!(flags[u]! & FLAG_IGNORABLE)) count[fold[u]! + 1]!++;
    for (let c = 0; c < 0x10000; c++) count[c + 1]! += count[c]!;
    this.preStart.set(count);
    this.preList = new Uint16Array(count[0x10000]!);
    const fill = this.preStart.slice(0, 0x10000);
    for (let u = 0; u < 0x10000; u++) if (!(flags[u]! & FLAG_IGNORABLE)) this.preList[fill[fold[u]!]!++] = u;

    const space: number[] = [];
    const dash: number[] = [];
    const ign: number[] = [];
    for (let u = 0; u < 0x10000; u++) {
      const f = flags[u]!;
      if (f & FLAG_SPACE) space.push(u);
      if (f & FLAG_DASH) dash.push(u);
      if (f & FLAG_IGNORABLE) {
        ign.push(u);
        this.ignorable[u] = 1;
      }
    }
    // Code units some rule class contains, besides the word class: they keep their identity.
    const kept = new Uint8Array(0x10000);
    for (const u of [...space, ...dash, ...ign, ...this.pre(0x20), 0x2e]) kept[u] = 1;
    for (let c = 0x30; c <= 0x39; c++) for (const u of this.pre(c)) kept[u] = 1;
    for (const u of this.pre(0x2e)) kept[u] = 1;
    for (let c = 0x41; c <= 0x5a; c++) kept[c] = kept[c + 0x20] = 1;
    // Full-width letters: a version suffix reads them as ASCII.
    for (let c = 0xff21; c <= 0xff3a; c++) kept[c] = kept[c + 0x20] = 1;
    const keepFolded = (t: string) => {
      for (let i = 0; i < t.length; i++) for (const u of this.pre(t.charCodeAt(i))) kept[u] = 1;
    };
    texts.forEach(keepFolded);
    QUANTITY_WORDS.forEach(keepFolded);
    keepFolded(String.fromCharCode(...CHINESE_UNITS));
    for (const p of this.patterns) [...(p.nb ?? []), ...(p.na ?? []), ...(p.xb ?? []), ...(p.xa ?? [])].forEach(keepFolded);
    const isWord = (u: number) => (flags[u]! & FLAG_WORD) !== 0;
    let repWord = -1;
    let repOther = -1;
    for (let u = 1; u < 0x10000 && (repWord < 0 || repOther < 0); u++) {
      if (kept[u] || (u >= 0xd800 && u <= 0xdfff)) continue;
      if (isWord(u) && repWord < 0) repWord = u;
      if (!isWord(u) && repOther < 0) repOther = u;
    }
    const word: number[] = [repWord];
    for (let u = 0; u < 0x10000; u++) {
      this.shadow[u] = kept[u] ? u : isWord(u) ? repWord : repOther;
      if (kept[u] && isWord(u)) word.push(u);
    }
    this.W = classOf(word);
    this.SEP = classOf([...space, ...dash]);
    this.SPACE = classOf(space);
    this.DASH = classOf(dash);
    this.IGN = classOf(ign);
    this.S = classOf(this.pre(0x20));
    const digits: number[] = [];
    for (let c = 0x30; c <= 0x39; c++) digits.push(...this.pre(c));
    this.DOT = classOf(this.pre(0x2e));
    this.DIGIT = classOf(digits);
    this.DOT_DIGIT = `${this.DOT}${this.DIGIT}`;
    this.UNIT = classOf([...CHINESE_UNITS].flatMap((c) => [...this.pre(c)]));
    const wide = (ch: string) => String.fromCharCode(ch.charCodeAt(0) + 0xfee0);
    const anyCase = (w: string) => [...w].map((ch) => `[${ch.toLowerCase()}${ch.toUpperCase()}${wide(ch.toLowerCase())}${wide(ch.toUpperCase())}]`).join('');
    this.COMPOUND = `(?!(?:${[...COMPOUND_WORDS].map(anyCase).join('|')})(?!${AN}|${DOT}${AN}))`;

    this.groupOf = new Int32Array(this.patterns.length).fill(-1);
    this.groups.forEach((g, gi) => g.forEach((p) => (this.groupOf[p] = gi)));
    texts.forEach((t, g) => {
      let list = this.byFirst.get(t.charCodeAt(0));
      if (!list) this.byFirst.set(t.charCodeAt(0), (list = []));
      list.push(g);
    });
    const byLength = texts.map((_, g) => g).sort((a, b) => texts[b]!.length - texts[a]!.length);
    this.stage1 = byLength.map((g) => this.groupSource(g)).join('|');
  }

  private pre(c: number): Uint16Array {
    return this.preList.subarray(this.preStart[c]!, this.preStart[c + 1]!);
  }

  private charClass(c: number, kase?: 'U' | 'l'): string {
    const key = `${c}:${kase ?? ''}`;
    let cls = this.classCache.get(key);
    if (cls === undefined) {
      let units = [...this.pre(c)];
      if (kase) units = units.filter((u) => isUpper(String.fromCharCode(u)) === (kase === 'U'));
      this.classCache.set(key, (cls = classOf(units)));
    }
    return cls;
  }

  /** A group's folded text over folded text without ignorables: where the automaton would report it, before any rule. */
  groupSource(g: number): string {
    return [...this.texts[g]!].map((ch) => (ch === ' ' ? ' +' : hex(ch.charCodeAt(0)))).join('');
  }

  /** A pattern's full rule regex over shadow text (sticky): group 1 is the alias, group 2 a version suffix. */
  ruleSource(p: number, withIgn: boolean): string {
    const pat = this.patterns[p]!;
    const text = this.texts[this.groupOf[p]!]!;
    const { W, SEP, SPACE, DASH, IGN, S } = this;
    const wordPart = (w: string) => [...w].map((ch) => this.charClass(ch.charCodeAt(0))).join('');
    const k = pat.f & P_CASE_SENSITIVE ? pat.k : undefined;
    const pieces: string[] = [];
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 0x20) pieces.push(withIgn ? `${S}(?:${IGN}*${S})*` : `${S}+`);
      else pieces.push(this.charClass(c, k ? (k[i] === 'U' ? 'U' : 'l') : undefined));
    }
    const alias = pieces.join(withIgn ? `${IGN}*` : '');
    let prefix = pat.f & P_WORD_START ? `(?<!${W})` : '';
    const gap = `(?:${SPACE}+|${DASH})?`;
    // A neighbour word that starts (ends) with a non-word character needs no boundary there.
    const wordy = (ch: string | undefined) => ch !== undefined && isWordChar(ch.charCodeAt(0));
    // A word before: ends there (a period and a gap may follow it).
    const before = (w: string) => `${wordy(w[0]) ? `(?<!${W})` : ''}${wordPart(w)}${this.DOT}?${gap}`;
    // Blocked by a notPrecededBy word unless an exceptPrecededBy word (which holds it) is there.
    const notBefore = (pat.nb ?? []).map((w) => `(?<!${before(w)})`).join('');
    prefix += pat.xb?.length && notBefore ? `(?:${pat.xb.map((x) => `(?<=${before(x)})`).join('|')}|${notBefore})` : notBefore;
    const endsInDigit = /[0-9]$/.test(text);
    let post = pat.f & P_WORD_END ? `(?!${W})` : '';
    // Nor a Chinese unit after a name ending in a digit (豆包1.5元: a price).
    // Nor a thousands group ("360,000").
    if (pat.f & P_WORD_END && endsInDigit) post += `(?!${this.DOT_DIGIT})(?!${this.UNIT})(?!,${this.DIGIT}{3}(?!${this.DIGIT}))`;
    // A number written apart (after a space, or the whole alias) before "million" is a count.
    // A folded space may be a hyphen on the page ("GLM-5.1"), which binds the number: the
    // page's character before the number decides.
    const quantity = `${SPACE}+(?:${QUANTITY_WORDS.map(wordPart).join('|')})(?!${W})`;
    if (pat.f & P_WORD_END && /^[0-9.]*[0-9]$/.test(text)) post += `(?!${quantity})`;
    else if (pat.f & P_WORD_END && / [0-9.]*[0-9]$/.test(text)) post += `(?:(?<!${SPACE}(?:${this.DIGIT}|${this.DOT}|${IGN})*)|(?!${quantity}))`;
    const after = (w: string) => `${gap}${wordPart(w)}${wordy(w[w.length - 1]) ? `(?!${W})` : ''}`;
    const notAfter = (pat.na ?? []).map((w) => `(?!${after(w)})`).join('');
    // Blocked by a notFollowedBy word unless an exceptFollowedBy word (which holds it) is there.
    const naRule = pat.xa?.length && notAfter ? `(?:${pat.xa.map((x) => `(?=${after(x)})`).join('|')}|${notAfter})` : notAfter;
    post += naRule;
    // After an alias ending in a number, letters written straight on (then digits) come first;
    // not a lone "x" (a multiplier).
    const letterToken = endsInDigit ? `(?!${X}(?!${AN}))${L}+(?:${NUMBER})?|` : '';
    // Digits straight after an alias ending in one are another number ("Qwen2" in "Qwen20").
    const separator = `(?:${SPACE}(?!${D}{3})(?!${D}{2}(?!${D}|${DOT}${D}|${L}))(?!${NUMBER}${X}(?!${L}))(?!${NUMBER}${quantity})|${DASH})`;
    // A number with a lone "x" written straight on is a multiplier ("Qwen2.5x the speed").
    const multiplier = `(?!${NUMBER}${X}(?!${AN}))`;
    const version = `(?:${letterToken}${endsInDigit ? `(?:${separator}|(?!${D}))` : `${separator}?${multiplier}`}(?!${NUMBER}${this.UNIT})${VERSION_TOKEN})(?:${DASH}${this.COMPOUND}${AN}(?:${AN}|${DOT}(?=${AN}))*)*`;
    // A version suffix is taken only where no notFollowedBy word blocks the alias (Rivian's "R1S").
    const tail = pat.f & P_VERSIONED ? `(?:${naRule}(?=(${version}))\\2(?!${W})(?!,${this.DIGIT}{3}(?!${this.DIGIT}))|${post})` : post;
    return `${prefix}(${alias})${tail}`;
  }
}
