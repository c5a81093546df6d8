/**
 * Re-anchoring clippings: from their selectors back to a DOM Range in the
 * current page. Pure DOM logic; the matching itself is in ./match.ts.
 */
import { locateQuote, type AnchorMethod, type AnchorSelectors } from './match';
import { documentText, isUnrenderedSpan, offsetsToRange, type DocumentText } from './text';

export type { AnchorMethod, AnchorSelectors } from './match';

export interface AnchorResult {
  range: Range;
  /** Offsets in the root's text (`documentText(root).text`). */
  start: number;
  end: number;
  /** How it was found: at the recorded position, by the exact quote, or approximately. */
  method: AnchorMethod;
}

function toResult(root: Node, doc: DocumentText, selectors: AnchorSelectors): AnchorResult | null {
  // The text includes <script> and <style> sources (positions must count them),
  // but a clipping never anchors wholly inside them: news sites often carry a
  // JSON copy of the article in a <script>, and a highlight there is invisible.
  const match = locateQuote(doc.text, selectors, { allow: (start, end) => !isUnrenderedSpan(doc, start, end) });
  if (!match) return null;
  return {
    range: offsetsToRange(root, match.start, match.end, doc),
    start: match.start,
    end: match.end,
    method: match.method,
  };
}

/**
 * The range under `root` that `selectors` describe (see `locateQuote` for the
 * order: position, exact quote, approximate quote), or null if the quote is not
 * on the page. Matches lying wholly in <script>, <style> or <noscript> text are skipped. Pass `doc` (a fresh `documentText(root)`) to avoid walking the DOM again.
 */
export function anchor(
  root: Node,
  selectors: AnchorSelectors,
  doc: DocumentText = documentText(root),
): AnchorResult | null {
  return toResult(root, doc, selectors);
}

/**
 * `anchor` for many clippings at once: the DOM is walked once. The results are
 * in the order of `list` (null where a clipping does not anchor). The DOM must
 * not change during the call.
 */
export function anchorMany(root: Node, list: readonly AnchorSelectors[]): (AnchorResult | null)[] {
  if (list.length === 0) return [];
  const doc = documentText(root);
  return list.map((selectors) => toResult(root, doc, selectors));
}
