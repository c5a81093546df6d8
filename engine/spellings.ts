/**
 * The spellings an alias is compiled to besides its own: other spacings where Chinese
 * meets Latin or a name meets its version, and Taiwan's words for mainland terms. Pure:
 * the compiler and the knowledge-base checks both use it.
 */
import { hasHan, isAsciiLetter, isDigit } from './chars';
import { mixes } from './mixes';
import { regionalVariants } from './regional';

/**
 * The folded texts one alias is compiled to: as written, then its other spacings and its
 * spellings with Taiwan's words. A case-sensitive alias keeps its one spelling: its case
 * pattern is per character.
 */
export function aliasSpellings(written: string, caseSensitive?: boolean): string[] {
  if (caseSensitive) return [written];
  const spaced = [written, ...spacingVariants(written)];
  return [...spaced, ...spaced.flatMap(regionalVariants)];
}

// Han starts at U+2E80: the regular expression only for code units that may be Han (most are ASCII).
const isHan = (c: number) => c >= 0x2e80 && hasHan(String.fromCharCode(c));
const isLatinOrDigit = (c: number) => isAsciiLetter(c) || isDigit(c);
/** Where Chinese meets a Latin letter or a digit, one way or the other (the cheap test first). */
const isHanJoint = (a: number, b: number) => (isLatinOrDigit(b) && isHan(a)) || (isLatinOrDigit(a) && isHan(b));

/**
 * The other spellings of a folded alias that pages use for the same name: a space, or none,
 * - where Chinese meets a Latin letter or a digit, as Chinese typography writes it
 *   ("文心大模型4.5" and "文心大模型 4.5", "腾讯AI Lab" and "腾讯 AI Lab");
 * - where a name of two or more Latin letters meets its version number, the first such
 *   place only ("Qwen2.5" and "Qwen 2.5", "ERNIE 4.5" and "ERNIE4.5", "GLM-4" and "GLM4";
 *   a hyphen is folded to a space; a size there, "CogVideoX-2B", gets both spellings too).
 *   A one-letter token ("R1", "K2", "V3") is no name.
 * Compiled as patterns of their own, so the pass stays exact. Every combination for up to
 * three such places; beyond that, all joined and all spaced.
 */
export function spacingVariants(folded: string): string[] {
  const pieces: string[] = [];
  let start = 0;
  let versionSeen = false;
  /** Whether the letters ending at i (two or more, not after a digit) meet a version number at `digit`. */
  const versionJoint = (i: number, digit: number) => {
    if (versionSeen || !isAsciiLetter(folded.charCodeAt(i - 1)) || !isDigit(folded.charCodeAt(digit))) return false;
    let j = i;
    while (j > 0 && isAsciiLetter(folded.charCodeAt(j - 1))) j--;
    return (versionSeen = i - j >= 2 && (j === 0 || !isDigit(folded.charCodeAt(j - 1))));
  };
  for (let i = 1; i < folded.length; i++) {
    const a = folded.charCodeAt(i - 1);
    const b = folded.charCodeAt(i);
    if (isHanJoint(a, b) || versionJoint(i, i)) {
      pieces.push(folded.slice(start, i));
      start = i;
    } else if (b === 0x20 && i + 1 < folded.length && (isHanJoint(a, folded.charCodeAt(i + 1)) || versionJoint(i, i + 1))) {
      pieces.push(folded.slice(start, i));
      start = i + 1;
      i++;
    }
  }
  if (!pieces.length) return [];
  pieces.push(folded.slice(start));
  const forms = mixes(pieces, (_, spaced) => (spaced ? ' ' : ''));
  forms.delete(folded);
  return [...forms];
}
