/** A clipping's text as a row of the library's list shows it. Pure. */

/** Characters of a row's preview: more than its three lines can show, so the clamp, not this cut, ends it. */
export const PREVIEW_LENGTH = 400;

/**
 * The start of a clipping's text for a list row: each of its lines (paragraphs, `<br>`
 * lines, table rows) on a line of its own, the blank lines between paragraphs left out (a
 * row has three lines to show, and a blank one would waste one), spaces collapsed, at most
 * `max` characters (not cutting a surrogate pair) followed by "…". The row shows it as text
 * with `white-space: pre-line` and a line clamp: never as HTML.
 */
export function listPreview(text: string, max = PREVIEW_LENGTH): string {
  // Only the start is looked at: a clipping may hold 100,000 characters.
  const head = text.length > max * 4 ? text.slice(0, max * 4) : text;
  const out = head
    .split(/\r\n|[\r\n\u2028\u2029]/)
    .map((l) => l.replace(/[^\S\n]+/g, ' ').trim())
    .filter(Boolean)
    .join('\n');
  if (out.length <= max && head === text) return out;
  if (out.length <= max) return `${out}…`;
  const c = out.charCodeAt(max - 1);
  return `${out.slice(0, c >= 0xd800 && c <= 0xdbff ? max - 1 : max).trimEnd()}…`;
}
