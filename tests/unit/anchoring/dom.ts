/** Helpers for the anchoring tests (happy-dom). */
import { documentText } from '../../../anchoring/text';

/** A fresh <article> in the page's body holding `markup`; the body holds nothing else. */
export function mount(markup: string): HTMLElement {
  document.body.innerHTML = `<article>${markup}</article>`;
  return document.body.firstElementChild as HTMLElement;
}

/** The i-th Text node under `root` (tree order, empty ones included). */
export function textNode(root: Node, i: number): Text {
  const node = documentText(root).nodes[i];
  if (!node) throw new Error(`no text node ${i}`);
  return node;
}

/** A range from (startContainer, startOffset) to (endContainer, endOffset), in the containers' document. */
export function range(startContainer: Node, startOffset: number, endContainer: Node, endOffset: number): Range {
  const r = (startContainer.ownerDocument ?? (startContainer as Document)).createRange();
  r.setStart(startContainer, startOffset);
  r.setEnd(endContainer, endOffset);
  return r;
}

/** A range covering the first occurrence of `needle` in the text under `root`, ending at Text nodes. */
export function rangeOf(root: Node, needle: string, occurrence = 0): Range {
  const doc = documentText(root);
  let at = -1;
  for (let k = 0; k <= occurrence; k++) {
    at = doc.text.indexOf(needle, at + 1);
    if (at < 0) throw new Error(`"${needle}" not found`);
  }
  return rangeAt(root, at, at + needle.length);
}

/** A range for text offsets [start, end), computed naively (independently of anchoring/text.ts's search). */
export function rangeAt(root: Node, start: number, end: number): Range {
  const { nodes } = documentText(root);
  let seen = 0;
  let s: [Text, number] | null = null;
  let e: [Text, number] | null = null;
  for (const node of nodes) {
    const len = node.data.length;
    if (!s && start < seen + len) s = [node, start - seen];
    if (!e && end <= seen + len && end > seen) e = [node, end - seen];
    seen += len;
  }
  if (!s || !e) throw new Error(`cannot place [${start}, ${end})`);
  return range(s[0], s[1], e[0], e[1]);
}

/** The text a range covers, from the Text nodes themselves (independently of Range.toString). */
export function rangeText(r: Range, root: Node): string {
  const { nodes } = documentText(root);
  let out = '';
  let inside = false;
  for (const node of nodes) {
    const from = node === r.startContainer ? r.startOffset : 0;
    if (node === r.startContainer) inside = true;
    if (!inside) continue;
    if (node === r.endContainer) return out + node.data.slice(from, r.endOffset);
    out += node.data.slice(from);
  }
  throw new Error('range does not end in a Text node under root');
}
