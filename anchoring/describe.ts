/**
 * Selectors for a DOM range: a W3C TextQuoteSelector (exact text with up to
 * QUOTE_CONTEXT_LENGTH characters of prefix and suffix) and a TextPositionSelector
 * (offsets in the root's text, see ./text.ts). Pure DOM logic.
 */
import { QUOTE_CONTEXT_LENGTH, type TextPositionSelector, type TextQuoteSelector } from '../model/clipping';
import { documentText, rangeToOffsets, type DocumentText, type RangeLike } from './text';

export interface RangeDescription {
  quote: TextQuoteSelector;
  position: TextPositionSelector;
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}

/** Up to `length` characters of `text` ending at `end`, never starting in the middle of a surrogate pair. */
export function contextBefore(text: string, end: number, length = QUOTE_CONTEXT_LENGTH): string {
  let start = Math.max(0, end - length);
  if (start > 0 && start < end && isLowSurrogate(text.charCodeAt(start)) && isHighSurrogate(text.charCodeAt(start - 1))) {
    start++;
  }
  return text.slice(start, end);
}

/** Up to `length` characters of `text` starting at `start`, never ending in the middle of a surrogate pair. */
export function contextAfter(text: string, start: number, length = QUOTE_CONTEXT_LENGTH): string {
  let end = Math.min(text.length, start + length);
  if (end < text.length && end > start && isHighSurrogate(text.charCodeAt(end - 1)) && isLowSurrogate(text.charCodeAt(end))) {
    end--;
  }
  return text.slice(start, end);
}

/** Selectors for characters [start, end) of a text. Throws a RangeError if the span is empty or out of bounds. */
export function describeOffsets(text: string, start: number, end: number): RangeDescription {
  if (!(start >= 0 && end > start && end <= text.length)) {
    throw new RangeError(`Cannot describe [${start}, ${end}): no text selected`);
  }
  return {
    quote: {
      type: 'TextQuoteSelector',
      exact: text.slice(start, end),
      prefix: contextBefore(text, start),
      suffix: contextAfter(text, end),
    },
    position: { type: 'TextPositionSelector', start, end },
  };
}

/**
 * Selectors for `range` relative to `root`. `exact` is the root's text between
 * the range's boundaries (the text of every Text node, hidden ones included, as
 * in `textContent`), so `position` addresses exactly `exact`. The prefix and
 * suffix are the QUOTE_CONTEXT_LENGTH characters before and after (fewer at the
 * edges of the text, empty at the very edge).
 *
 * Throws a RangeError if the range covers no text of the root, or if it is in
 * another tree. Pass `doc` (a fresh `documentText(root)`) to avoid walking the DOM again.
 */
export function describeRange(root: Node, range: RangeLike, doc: DocumentText = documentText(root)): RangeDescription {
  const { start, end } = rangeToOffsets(root, range, doc);
  return describeOffsets(doc.text, start, end);
}
