/**
 * Whether a waiting frame shows one of its page's clippings (content/frame-worth.ts). An
 * inline frame shares its page's address (content/page-url.ts), so "the page has clippings"
 * would start every ad slot of a page the reader once clipped from; the frame starts when
 * its text holds a clipping's quote instead.
 *
 * Compared without white space: the frame's text separates blocks with line breaks and the
 * quote keeps the page's own spacing. Either end of the quote is enough (PROBE characters),
 * so a quote whose middle was edited still counts, as anchoring would still find it; a
 * quote changed at both ends is missed until the reader selects in the frame.
 */
const PROBE = 16;

const compact = (s: string) => s.replace(/\s+/g, '');

/** `quotes`: the exact texts of the page's clippings. */
export function showsAQuote(frameText: string, quotes: Iterable<string>): boolean {
  const shown = compact(frameText);
  for (const exact of quotes) {
    const q = compact(exact);
    if (q.length <= PROBE) {
      // Nothing but white space: nothing to look for, so no reason to wait either.
      if (!q || shown.includes(q)) return true;
    } else if (shown.includes(q.slice(0, PROBE)) || shown.includes(q.slice(-PROBE))) {
      return true;
    }
  }
  return false;
}
