/**
 * Character-level normalization shared by the compiler and the matcher.
 *
 * Folding is one UTF-16 code unit to one code unit, so an offset in folded text
 * is the same offset in the page's text: NFKC (full-width → half-width, compatibility
 * forms), lower case, every dash and hyphen → space, curly quotes → straight,
 * every space (NBSP, ideographic space, …) → " ", traditional → simplified Chinese.
 * Characters whose normalization is longer than one unit ("ﬁ", "İ") fold to themselves.
 *
 * Two rules are not one-to-one and are applied by whoever walks the text:
 * - ignorable characters (zero-width spaces and joiners, soft hyphen, the middle
 *   dots of names like 书生·浦语) are skipped;
 * - a run of spaces counts as one space.
 */
import { FOLD_PAIRS, WORD_RANGES } from './generated/fold-data';

export const FLAG_WORD = 1;
export const FLAG_IGNORABLE = 2;
export const FLAG_SPACE = 4;
export const FLAG_DASH = 8;

/**
 * Zero-width characters, soft hyphen, middle dots, and the variation selectors
 * (U+FE00–FE0F: "⚡️" is ⚡ + U+FE0F; as a combining mark it would count as a word
 * character and hide the name that follows the emoji).
 */
export const IGNORABLE_CHARS =
  '\u200B\u200C\u200D\u2060\uFEFF\u00AD\u00B7\u0387\u2027\u30FB\uFF65' +
  '\uFE00\uFE01\uFE02\uFE03\uFE04\uFE05\uFE06\uFE07\uFE08\uFE09\uFE0A\uFE0B\uFE0C\uFE0D\uFE0E\uFE0F';
/**
 * Hyphens and dashes (Unicode's Dash property, less the wave and swung dashes, which
 * mark ranges, and with the forms NFKC turns into one): each matches an alias's hyphen
 * or space ("ChatGLM2–6B" is "ChatGLM2-6B"). scripts/gen-fold-data.ts folds them to a space.
 */
export const DASH_CHARS =
  '-\u058A\u05BE\u1400\u1806\u2010\u2011\u2012\u2013\u2014\u2015\u207B\u208B\u2212' +
  '\u2E17\u2E1A\u2E3A\u2E3B\u2E40\u2E5D\u30A0\uFE31\uFE32\uFE58\uFE63\uFF0D';

/** A separator no alias contains: written between blocks so no match crosses them. */
export const BLOCK_SEPARATOR = '\u0003';

let fold: Uint16Array | undefined;
let flags: Uint8Array | undefined;

/** The folding table: FOLD[c] is the folded code unit of c. Built once per context (~0.3 ms). */
export function foldTable(): Uint16Array {
  if (fold) return fold;
  const t = new Uint16Array(0x10000);
  for (let c = 0; c < 0x10000; c++) t[c] = c;
  for (let i = 0; i < FOLD_PAIRS.length; i += 2) t[FOLD_PAIRS.charCodeAt(i)] = FOLD_PAIRS.charCodeAt(i + 1);
  for (let i = 0; i < IGNORABLE_CHARS.length; i++) t[IGNORABLE_CHARS.charCodeAt(i)] = IGNORABLE_CHARS.charCodeAt(i);
  return (fold = t);
}

/** Per code unit: FLAG_WORD | FLAG_IGNORABLE | FLAG_SPACE | FLAG_DASH. */
export function flagTable(): Uint8Array {
  if (flags) return flags;
  const t = new Uint8Array(0x10000);
  for (let i = 0; i < WORD_RANGES.length; i += 2) t.fill(FLAG_WORD, WORD_RANGES[i], WORD_RANGES[i + 1]);
  const f = foldTable();
  // A character is a word character when both it and its folded form are: boundaries are
  // judged on what the automaton and the compiled aliases see ("ʼ" folds to "'"), and a
  // superscript or circled number, which folds to a digit, still marks up a name ("Baidu¹").
  const word = t.slice();
  for (let c = 0; c < 0x10000; c++) {
    const d = f[c]!;
    if (d === 0x20) t[c] = FLAG_SPACE;
    else if (d !== c) t[c] = word[c]! & word[d]!;
  }
  for (let i = 0; i < DASH_CHARS.length; i++) {
    const c = DASH_CHARS.charCodeAt(i);
    t[c] = (t[c]! & ~FLAG_SPACE) | FLAG_DASH;
  }
  for (let i = 0; i < IGNORABLE_CHARS.length; i++) t[IGNORABLE_CHARS.charCodeAt(i)] = FLAG_IGNORABLE;
  return (flags = t);
}

export function isWordChar(code: number): boolean {
  return (flagTable()[code]! & FLAG_WORD) !== 0;
}

/**
 * The canonical folded form of an alias or any short text: folded per character,
 * ignorables dropped, space runs collapsed, trimmed. Used to compile aliases and to
 * compare them; page text is never rewritten this way (offsets must survive).
 */
export function foldText(text: string): string {
  const f = foldTable();
  const fl = flagTable();
  let out = '';
  let lastSpace = true;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (fl[c]! & FLAG_IGNORABLE) continue;
    const folded = f[c]!;
    if (folded === 0x20) {
      if (!lastSpace) out += ' ';
      lastSpace = true;
      continue;
    }
    out += String.fromCharCode(folded);
    lastSpace = false;
  }
  return out.endsWith(' ') ? out.slice(0, -1) : out;
}

/**
 * The alias with only case preserved: same length as foldText(alias), each
 * character upper-cased where the alias has an upper-case letter. Case-sensitive
 * aliases compare the page text's case against it.
 */
export function casePattern(text: string): string {
  const fl = flagTable();
  let out = '';
  let lastSpace = true;
  const f = foldTable();
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (fl[c]! & FLAG_IGNORABLE) continue;
    if (f[c] === 0x20) {
      if (!lastSpace) out += ' ';
      lastSpace = true;
      continue;
    }
    const ch = text[i]!;
    out += isUpper(ch) ? 'U' : 'l';
    lastSpace = false;
  }
  return out.endsWith(' ') ? out.slice(0, -1) : out;
}

export function isUpper(ch: string): boolean {
  return ch !== ch.toLowerCase();
}

/**
 * isUpper of the character at text[i], with no string made for ASCII (the case check runs
 * per occurrence of a case-sensitive alias; a lower-cased copy is a string each).
 */
export function isUpperAt(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  if (c < 0x80) return c >= 0x41 && c <= 0x5a;
  return isUpper(text[i]!);
}

/** True when the text contains a Han character (a Chinese alias). */
export function hasHan(text: string): boolean {
  return /\p{Script=Han}/u.test(text);
}

/** An ASCII digit (a code unit). */
export const isDigit = (c: number) => c >= 0x30 && c <= 0x39;

/** An ASCII letter, either case (a code unit). */
export const isAsciiLetter = (c: number) => (c | 0x20) >= 0x61 && (c | 0x20) <= 0x7a;
