/**
 * Text-fragment links (`#:~:text=`, https://wicg.github.io/scroll-to-text-fragment/) that
 * scroll a page to a clipping: Chromium, Firefox 131+, Safari 18.2+. Pure.
 *
 * What the browsers match, and so what is built here:
 * - Each of textStart, textEnd, prefix and suffix matches inside one block of the page (a
 *   paragraph, a table cell), so a clipping over several blocks (its lines and ` | `
 *   cells, see content/clip/readable.ts) is linked from the start of its first block to
 *   the end of its last.
 * - A match must begin and end at word boundaries, and the browser finds the words with
 *   ICU's word segmentation — in Chinese and Japanese by dictionary: "百度公司" matches
 *   in "据报道，百度公司于…", "度公" does not, nor does "义千" in "通义千问" (Chromium 156,
 *   checked). So the pieces are cut at the word boundaries of Intl.Segmenter (the same
 *   ICU), never at a bare character count.
 * - A long quote is linked by a start and an end piece (`textStart,textEnd`), each long
 *   enough to be unlikely to occur twice: about 6 words of Latin text, about 15 characters
 *   of Chinese (which has no spaces; the count is rounded to the next word boundary).
 * - A short quote (a name, two words) is likely to occur more than once on its page: when
 *   the clipping has its quote context (TextQuoteSelector prefix and suffix), a few words
 *   of each are added as the fragment's `prefix-,` and `,-suffix` (also before a short
 *   first block, after a short last one: a table's cells). Only the context's line next to
 *   the quote is used, since a prefix or suffix matches inside one block too. A quote that begins or
 *   ends inside a word (a reader selected "义千问" of "通义千问") is widened to the whole
 *   word when the context shows it; without context it is linked as it is.
 * - Every part is percent-encoded, including the `-`, `,` and `&` that are the syntax.
 */
import { QUOTE_CONTEXT_LENGTH, type Clipping, type TextQuoteSelector } from '../model/clipping';
import { collapseWhiteSpace } from './text';

/** Weight of a start or end piece: 6 Latin words, or 15 Chinese characters (0.4 each). */
const PIECE = 6;
/** A block this heavy or lighter is linked whole (about 14 words, 35 Chinese characters). */
const WHOLE = 14;
/** A quote lighter than this is likely to occur twice on its page: context is added. */
const SHORT = 3;
/** Weight of the prefix and suffix added to a short quote. */
const CONTEXT = 2;

const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/gu;

interface Segment {
  text: string;
  index: number;
  word: boolean;
}

const segmenter = typeof Intl !== 'undefined' && 'Segmenter' in Intl ? new Intl.Segmenter('zh', { granularity: 'word' }) : undefined;

/** The words and the runs between them. Without Intl.Segmenter a run of letters is one word (safe: it is bounded on both sides). */
function segmentsOf(s: string): Segment[] {
  if (segmenter) return [...segmenter.segment(s)].map((x) => ({ text: x.segment, index: x.index, word: !!x.isWordLike }));
  return [...s.matchAll(/[\p{L}\p{N}\p{M}]+|[^\p{L}\p{N}\p{M}]+/gu)].map((m) => ({ text: m[0], index: m.index, word: /[\p{L}\p{N}]/u.test(m[0]) }));
}

// A link segments the same few strings several times (its first and last block, their
// ends): remembered, since a segmentation costs some 10 µs even for a sentence and an
// export makes a link per clipping.
const segmented = new Map<string, Segment[]>();

function segments(s: string): Segment[] {
  let r = segmented.get(s);
  if (!r) {
    if (segmented.size >= 32) segmented.clear();
    segmented.set(s, (r = segmentsOf(s)));
  }
  return r;
}

/** Characters of a long text segmented to find a piece at one of its ends (a longer piece segments all of it). */
const WINDOW = 256;

function weightOf(seg: Segment): number {
  if (!seg.word) return 0;
  const cjk = seg.text.match(CJK)?.length ?? 0;
  return cjk ? cjk * 0.4 + (seg.text.length > cjk ? 1 : 0) : 1;
}

/**
 * Whether the words of `s` weigh at least `min` (more than `min` when `strict`). A long
 * text is judged from its first WINDOW characters when they weigh enough (their last
 * segment, which the window may cut, left out).
 */
function weighs(s: string, min: number, strict = false): boolean {
  const enough = (w: number) => (strict ? w > min : w >= min);
  if (s.length > WINDOW) {
    const segs = segments(s.slice(0, WINDOW));
    let w = 0;
    for (let i = 0; i < segs.length - 1; i++) if (enough((w += weightOf(segs[i]!)))) return true;
  }
  return enough(segments(s).reduce((w, seg) => w + weightOf(seg), 0));
}

/** The first (`start`) or last (`end`) words of `s` weighing at least `min`, cut at word boundaries; all of `s` when lighter. */
function piece(s: string, side: 'start' | 'end', min: number): string {
  if (s.length > WINDOW) {
    // Most pieces are found in the text's first (last) characters: only they are segmented.
    const offset = side === 'start' ? 0 : s.length - WINDOW;
    const win = segments(s.slice(offset, offset + WINDOW));
    const segs = side === 'end' ? [...win].reverse() : win;
    let w = 0;
    // The window's far segment may be a word it cuts: not counted.
    for (let i = 0; i < segs.length - 1; i++) {
      const seg = segs[i]!;
      if ((w += weightOf(seg)) >= min) return collapseWhiteSpace(side === 'start' ? s.slice(0, seg.index + seg.text.length) : s.slice(offset + seg.index));
    }
  }
  const segs = [...segments(s)];
  if (side === 'end') segs.reverse();
  let w = 0;
  for (const seg of segs) {
    w += weightOf(seg);
    if (w >= min) return collapseWhiteSpace(side === 'start' ? s.slice(0, seg.index + seg.text.length) : s.slice(seg.index));
  }
  return collapseWhiteSpace(s);
}

/**
 * How many characters at the start of `text` are the end of a word that began in
 * `before` (the page's text before it): 1 for "义千问" after "…推出通" ("通义" is a word).
 */
function partialAtStart(before: string, text: string): number {
  if (!before || /\s$/.test(before)) return 0;
  const tail = before.slice(-16);
  const seg = segments(tail + text.slice(0, 64)).find((x) => x.index < tail.length && x.index + x.text.length > tail.length);
  return seg?.word ? seg.index + seg.text.length - tail.length : 0;
}

/** How many characters at the end of `text` are the start of a word that goes on in `after`. */
function partialAtEnd(text: string, after: string): number {
  if (!after || /^\s/.test(after)) return 0;
  const head = text.slice(-64);
  const seg = segments(head + after.slice(0, 16)).find((x) => x.index < head.length && x.index + x.text.length > head.length);
  return seg?.word ? head.length - seg.index : 0;
}

/** Percent-encoding of one part of a text directive: what encodeURIComponent does, and `-` too. */
export function encodeTextDirectivePart(s: string): string {
  return encodeURIComponent(s).replace(/-/g, '%2D');
}

/** What a link needs of a clipping: its text and, when known, its quote and the quote's context. */
export type Linkable = Pick<Clipping, 'url' | 'text'> & { quote?: Partial<Pick<TextQuoteSelector, 'exact' | 'prefix' | 'suffix'>> };

export interface TextDirective {
  prefix?: string;
  start: string;
  end?: string;
  suffix?: string;
}

/** The text directive's parts, before encoding. */
export function textDirective(c: Omit<Linkable, 'url'>): TextDirective {
  const blocks = c.text
    .split(/\n| \| /)
    .map(collapseWhiteSpace)
    .filter(Boolean);
  if (!blocks.length) return { start: collapseWhiteSpace(c.text) };
  const exact = c.quote?.exact ?? c.text;
  // The page's text around the quote, when the quote does not itself begin (end) with white space.
  let before = /^\s/.test(exact) ? '' : (c.quote?.prefix ?? '');
  let after = /\s$/.test(exact) ? '' : (c.quote?.suffix ?? '');
  // A quote that begins (ends) inside a word cannot be found as it is: the partial word is
  // left out, and goes to the context.
  // A word-like segment is one with a letter or a number in it.
  const hasWord = (t: string) => /[\p{L}\p{N}]/u.test(t);
  const cutStart = partialAtStart(before, blocks[0]!);
  if (cutStart && hasWord(blocks[0]!.slice(cutStart))) {
    before += blocks[0]!.slice(0, cutStart);
    blocks[0] = blocks[0]!.slice(cutStart).trimStart();
  } else if (cutStart) before = ''; // all of it inside one word: linked as it is, without context
  const n = blocks.length - 1;
  const cutEnd = partialAtEnd(blocks[n]!, after);
  if (cutEnd && hasWord(blocks[n]!.slice(0, -cutEnd))) {
    after = blocks[n]!.slice(-cutEnd) + after;
    blocks[n] = blocks[n]!.slice(0, -cutEnd).trimEnd();
  } else if (cutEnd) after = '';
  const first = blocks[0]!;
  const last = blocks[n]!;

  const out: TextDirective =
    blocks.length > 1 || weighs(first, WHOLE, true) ? { start: piece(first, 'start', PIECE), end: piece(last, 'end', PIECE) } : { start: first };
  // A short start (end) is likely to occur more than once on the page: a few words of the
  // context before (after) it tell which. The context's far end may be cut inside a word (it
  // is 32 characters of the page, unless the page begins or ends there): that word is left out.
  if (!weighs(first, SHORT)) {
    const p = contextPiece(before, 'end', (c.quote?.prefix?.length ?? 0) >= QUOTE_CONTEXT_LENGTH);
    if (p) out.prefix = p;
  }
  if (!weighs(last, SHORT)) {
    const s = contextPiece(after, 'start', (c.quote?.suffix?.length ?? 0) >= QUOTE_CONTEXT_LENGTH);
    if (s) out.suffix = s;
  }
  return out;
}

/** A few words of the context next to the quote: the end of the prefix, the start of the suffix. */
function contextPiece(context: string, side: 'start' | 'end', cutOff: boolean): string {
  // A prefix (suffix) matches inside one block: only the line next to the quote is taken
  // (in the page's text a line break is most often between blocks). That line is whole.
  const lines = context.split('\n');
  const i = side === 'end' ? lines.findLastIndex((l) => l.trim()) : lines.findIndex((l) => l.trim());
  if (i < 0) return '';
  const line = lines[i]!;
  const whole = side === 'end' ? i > 0 : i < lines.length - 1;
  const segs = segments(line);
  const inner = whole || !cutOff ? segs : side === 'end' ? segs.slice(1) : segs.slice(0, -1);
  if (!inner.some((x) => x.word)) return '';
  const lastInner = inner[inner.length - 1]!;
  const text = side === 'end' ? line.slice(inner[0]!.index) : line.slice(0, lastInner.index + lastInner.text.length);
  return piece(text, side, CONTEXT);
}

/**
 * Text-fragment link that scrolls the source page to the clipping. A page URL with a
 * fragment of its own (an imported clipping's) keeps it: the directive follows it
 * (`#section:~:text=…`).
 */
export function linkToClipping(c: Linkable): string {
  const d = textDirective(c);
  const e = encodeTextDirectivePart;
  const parts = [...(d.prefix ? [`${e(d.prefix)}-`] : []), e(d.start), ...(d.end ? [e(d.end)] : []), ...(d.suffix ? [`-${e(d.suffix)}`] : [])];
  return `${c.url.includes('#') ? c.url : `${c.url}#`}:~:text=${parts.join(',')}`;
}
