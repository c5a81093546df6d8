/** Small text helpers shared by the formats. Pure. */

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** The string with unpaired UTF-16 surrogates replaced by U+FFFD (they cannot be written as UTF-8). */
export function wellFormed(s: string): string {
  return s.replace(LONE_SURROGATE, '\uFFFD');
}

/**
 * White space collapsed to single spaces and trimmed. The test first spares most texts,
 * which have nothing to collapse, the copy (an import keys every stored clipping by it,
 * an export links every clipping).
 */
export function collapseWhiteSpace(s: string): string {
  return /\s\s|[^\S ]|^ | $/.test(s) ? s.replace(/\s+/g, ' ').trim() : s;
}

/** Length of the string in UTF-8 bytes. */
export function utf8Length(s: string): number {
  let n = 0;
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    n += cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
  }
  return n;
}

type Segmenter = { segment(s: string): Iterable<{ segment: string }> };
let segmenter: Segmenter | null | undefined;

/** User-perceived characters (grapheme clusters) where Intl.Segmenter exists, else code points. */
export function graphemes(s: string): string[] {
  if (segmenter === undefined) {
    const Seg = (Intl as unknown as { Segmenter?: new (locale?: string, o?: { granularity: string }) => Segmenter }).Segmenter;
    segmenter = Seg ? new Seg(undefined, { granularity: 'grapheme' }) : null;
  }
  return segmenter ? Array.from(segmenter.segment(s), (x) => x.segment) : Array.from(s);
}

/** The longest prefix of `s` of at most `maxBytes` UTF-8 bytes that does not split a character. */
export function truncateUtf8(s: string, maxBytes: number): string {
  if (utf8Length(s) <= maxBytes) return s;
  let out = '';
  let n = 0;
  for (const g of graphemes(s)) {
    const len = utf8Length(g);
    if (n + len > maxBytes) break;
    out += g;
    n += len;
  }
  return out;
}

/** The first `max` code points of `s` (never splits a surrogate pair). */
export function headCodePoints(s: string, max: number): string {
  const cps = Array.from(s);
  return cps.length <= max ? s : cps.slice(0, max).join('');
}

/** The last `max` code points of `s`. */
export function tailCodePoints(s: string, max: number): string {
  const cps = Array.from(s);
  return cps.length <= max ? s : cps.slice(cps.length - max).join('');
}

/**
 * One formatter per time zone: constructing an Intl.DateTimeFormat costs far more than
 * formatting with it (a per-page Markdown export of 10,000 clippings spent half its time
 * building them). An invalid zone still throws. Without a zone the runtime's current one
 * is used, which may change while the page lives, so that formatter is not kept.
 */
const dayFormats = new Map<string, Intl.DateTimeFormat>();
function dayFormat(timeZone: string | undefined): Intl.DateTimeFormat {
  let f = timeZone === undefined ? undefined : dayFormats.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    if (timeZone !== undefined) dayFormats.set(timeZone, f);
  }
  return f;
}

/**
 * The calendar day of a moment as YYYY-MM-DD, in `timeZone` (an IANA name such as
 * "Asia/Shanghai"; default: the runtime's own time zone).
 */
export function localDay(date: Date | string, timeZone?: string): string {
  const d = typeof date === 'string' ? new Date(date) : date;
  if (Number.isNaN(d.getTime())) throw new RangeError(`Not a date: ${String(date)}`);
  const parts = dayFormat(timeZone).formatToParts(d);
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? '';
  return `${get('year').padStart(4, '0')}-${get('month')}-${get('day')}`;
}

/** Line breaks normalized to LF (CRLF, CR and the Unicode line/paragraph separators). */
export function normalizeNewlines(s: string): string {
  return s.replace(/\r\n?|[\u2028\u2029\u0085]/g, '\n');
}
