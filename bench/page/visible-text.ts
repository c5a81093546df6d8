/** The floor's walk, shared by the benchmark's page bundles. */
import { isSkipped } from '../../content/walker';

/** Calls fn for every text node outside skipped elements (script, style, textarea, hidden, …), like ours. */
export function forEachVisibleText(root: Node, fn: (t: Text) => void): void {
  const w = document.createTreeWalker(root, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT);
  let n = w.nextNode();
  while (n) {
    if (n.nodeType === 1 && isSkipped(n as Element)) {
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
