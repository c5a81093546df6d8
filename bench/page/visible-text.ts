/** The floor's walk, shared by the benchmark's page bundles. */
import { BLOCK_SEPARATOR } from '../../engine/chars';
import { isClosedDetails, isSkipped, summaryOf } from '../../content/walker';

/** Calls fn for every text node outside skipped elements (script, style, textarea, hidden, a closed details' body, …), like ours. */
export function forEachVisibleText(root: Node, fn: (t: Text) => void): void {
  const w = document.createTreeWalker(root, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT);
  let n = w.nextNode();
  while (n) {
    const skipped = n.nodeType === 1 && isSkipped(n as Element);
    // A closed <details> shows its summary only (and a skipped one not even that).
    const closed = !skipped && n.nodeType === 1 && n !== root && isClosedDetails(n as Element);
    if (closed) {
      const summary = summaryOf(n as Element);
      if (summary && !isSkipped(summary)) forEachVisibleText(summary, fn);
    }
    if (closed || skipped) {
      // Jump over the subtree: next sibling, or the next sibling of the nearest ancestor that has one.
      let s = w.nextSibling();
      while (!s && w.parentNode()) s = w.nextSibling();
      n = s;
      continue;
    }
    if (n.nodeType === 3) fn(n as Text);
    n = w.nextNode();
  }
}

/**
 * A walker batch as one string with BLOCK_SEPARATOR at its cuts (and node starts moved to
 * match), for reference engines that must not match across blocks but take plain text.
 */
export function withSeparators(b: { text: string; cuts: readonly number[]; starts: readonly number[] }): { text: string; starts: number[] } {
  const pieces: string[] = [];
  let from = 0;
  for (const cut of b.cuts) {
    pieces.push(b.text.slice(from, cut), BLOCK_SEPARATOR);
    from = cut;
  }
  pieces.push(b.text.slice(from));
  let c = 0;
  const starts = b.starts.map((s) => {
    while (c < b.cuts.length && b.cuts[c]! <= s) c++;
    return s + c;
  });
  return { text: pieces.join(''), starts };
}
