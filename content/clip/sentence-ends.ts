/**
 * Where sentences end in a block's text, for "Save sentence". Cutting a sentence short
 * loses what the reader wanted, and running on into the next one costs little, so an
 * unsure full stop is read as no end.
 */

/** Chinese and Japanese ends: always a sentence end, with or without a space after. */
const CJK_END = /[。！？｡]/;
const LATIN_END = /[.!?]/;
/** Closing quotes and brackets that belong to the sentence they follow. */
const CLOSER = /["'”’»)\]」』）》〉】〕]/;
const SPACE = /\s/;
const LOWER = /\p{Ll}/u;
const HAN = /[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff]/;
const WORD_CHAR = /[\p{L}\p{M}.]/u;

/**
 * Words written with a full stop that seldom end a sentence (case matters: "no." at a
 * sentence's end is a word). Dotted forms (U.S., e.g., a.m.) and single capitals
 * (initials) are found by their shape.
 */
const ABBREVIATIONS = new Set(
  [
    'Mr Mrs Ms Mx Dr Prof Sr Jr St Mt Rev Hon Gen Col Lt Sgt Capt Adm Gov Sen Rep Pres Amb',
    'Dept Univ Assn Inst Intl Natl Govt Bros Inc Corp Ltd Co Cos Plc Pty LLC',
    'No Nos Vol Vols Fig Figs Ch Sec Art Para Ed Eds Est Approx',
    'Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec',
    'etc vs approx cf al viz ca pp',
  ]
    .join(' ')
    .split(' '),
);

/** Whether the full stop at `dot` closes an abbreviation rather than a sentence. */
function isAbbreviation(text: string, dot: number): boolean {
  let k = dot;
  while (k > 0 && WORD_CHAR.test(text[k - 1]!)) k--;
  const word = text.slice(k, dot);
  if (!word) return false;
  if (word.includes('.')) return true;
  if (word.length === 1 && word !== word.toLowerCase()) return true;
  return ABBREVIATIONS.has(word);
}

/** Offsets just past each sentence end in `text`: its last mark and any closing quotes or brackets. */
export function sentenceEnds(text: string): number[] {
  const ends: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    const cjk = CJK_END.test(ch);
    if (!cjk && !LATIN_END.test(ch)) continue;
    // "?!", "！？" and "..." are one end; closing quotes and brackets belong to the sentence.
    let marks = i + 1;
    while (marks < text.length && (CJK_END.test(text[marks]!) || LATIN_END.test(text[marks]!))) marks++;
    let j = marks;
    while (j < text.length && CLOSER.test(text[j]!)) j++;
    const single = marks === i + 1;
    i = j - 1;
    if (cjk) {
      ends.push(j);
      continue;
    }
    const next = text[j];
    if (next !== undefined && !SPACE.test(next)) {
      // A Latin "!" or "?" in Chinese text needs no space; a "." with none after is a
      // decimal point, a domain or inside an abbreviation.
      if (ch !== '.' && HAN.test(next)) ends.push(j);
      continue;
    }
    let k = j;
    while (k < text.length && SPACE.test(text[k]!)) k++;
    // A sentence does not start in lower case: an abbreviation we do not know, or a quote.
    if (k < text.length && LOWER.test(text[k]!)) continue;
    if (ch === '.' && single && isAbbreviation(text, marks - 1)) continue;
    ends.push(j);
  }
  return ends;
}
