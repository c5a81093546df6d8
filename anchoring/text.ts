/**
 * The text of a DOM subtree and conversions between DOM ranges and character
 * offsets into that text. Pure DOM logic (no extension API).
 *
 * The text is the concatenation of ALL Text nodes under the root, in tree order,
 * which is exactly `root.textContent` (for an element, document fragment or
 * shadow root). That is the convention of Hypothesis and of the W3C
 * TextPositionSelector, so offsets are interoperable with their exports. Hidden
 * text (<script>, <style>, display:none) counts; text inside nested shadow roots
 * and iframes does not (just as for `textContent`). `isUnrenderedSpan` tells
 * <script>/<style>/<noscript> text apart, for matching only.
 *
 * Only node-type numbers are compared (never `instanceof Text`, never the global
 * `Node`/`NodeFilter`), so roots in another realm (an iframe's document) work.
 */

const ELEMENT_NODE = 1;
const TEXT_NODE = 3;
const CDATA_SECTION_NODE = 4;
const DOCUMENT_NODE = 9;
const DOCUMENT_FRAGMENT_NODE = 11;

const SHOW_TEXT = 0x4;
const SHOW_CDATA_SECTION = 0x8;

const POSITION_DISCONNECTED = 0x1;
const POSITION_FOLLOWING = 0x4;
const POSITION_CONTAINED_BY = 0x10;

/** A snapshot of the text under a root. Stale as soon as the DOM under it changes. */
export interface DocumentText {
  /** All text, equal to `root.textContent` (for a Document, its documentElement's). */
  text: string;
  /** Every Text node under the root, in tree order (empty ones included). */
  nodes: Text[];
  /** `starts[i]` is the offset in `text` where `nodes[i]` begins (non-decreasing). */
  starts: number[];
}

/** Start and end offsets (end exclusive) into a `DocumentText`'s text. */
export interface TextOffsets {
  start: number;
  end: number;
}

/** Anything with range boundaries: a Range, or a StaticRange from getComposedRanges(). */
export type RangeLike = Pick<AbstractRange, 'startContainer' | 'startOffset' | 'endContainer' | 'endOffset'>;

function isText(node: Node): node is Text {
  return node.nodeType === TEXT_NODE || node.nodeType === CDATA_SECTION_NODE;
}

/** The document that owns `root` (root itself when it is a document). */
export function ownerDocumentOf(root: Node): Document {
  if (root.nodeType === DOCUMENT_NODE) return root as Document;
  const doc = root.ownerDocument;
  if (!doc) throw new TypeError('Node has no owner document');
  return doc;
}

/** The text under `root` with its Text nodes and where each begins. One DOM walk. */
export function documentText(root: Node): DocumentText {
  const nodes: Text[] = [];
  const starts: number[] = [];
  const parts: string[] = [];
  let length = 0;
  if (isText(root)) {
    nodes.push(root);
    starts.push(0);
    return { text: root.data, nodes, starts };
  }
  const walker = ownerDocumentOf(root).createTreeWalker(root, SHOW_TEXT | SHOW_CDATA_SECTION);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const t = node as Text;
    const data = t.data;
    nodes.push(t);
    starts.push(length);
    parts.push(data);
    length += data.length;
  }
  return { text: parts.join(''), nodes, starts };
}

/** Elements whose text is never rendered. */
const UNRENDERED = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE']);

/** Whether a Text node is the source of a <script>, <style> or <noscript> (HTML or SVG), never rendered. */
export function isUnrenderedText(node: Text): boolean {
  const parent = node.parentElement;
  return parent !== null && UNRENDERED.has(parent.tagName.toUpperCase());
}

/**
 * Whether characters [start, end) of the text are all in unrendered Text nodes
 * (see `isUnrenderedText`). Empty spans are not.
 */
export function isUnrenderedSpan(doc: DocumentText, start: number, end: number): boolean {
  const { nodes, starts } = doc;
  if (end <= start) return false;
  // The last node starting at or before `start`, i.e. the one containing it.
  let i = firstIndex(nodes.length, (k) => starts[k]! > start) - 1;
  for (; i >= 0 && i < nodes.length && starts[i]! < end; i++) {
    if (nodes[i]!.data.length > 0 && !isUnrenderedText(nodes[i]!)) return false;
  }
  return true;
}

/** Index of the first element of [0, n) for which `pred` holds; `pred` must be monotone. */
function firstIndex(n: number, pred: (i: number) => boolean): number {
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (pred(mid)) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

function assertConnected(a: Node, b: Node): void {
  if (a !== b && a.compareDocumentPosition(b) & POSITION_DISCONNECTED) {
    throw new RangeError('Range boundary is not in the same tree as the root');
  }
}

/**
 * The offset in `doc.text` of a range boundary point (container, offset).
 * Boundaries before the root map to 0, after it to the text length.
 */
export function pointToOffset(root: Node, doc: DocumentText, container: Node, offset: number): number {
  assertConnected(root, container);
  const { nodes, starts, text } = doc;
  const n = nodes.length;
  const at = (i: number): number => (i < n ? starts[i]! : text.length);

  if (container.nodeType === ELEMENT_NODE || container.nodeType === DOCUMENT_NODE || container.nodeType === DOCUMENT_FRAGMENT_NODE) {
    const child = container.childNodes[offset];
    if (child) {
      // The boundary is just before `child`: count the text of nodes before it.
      return at(
        firstIndex(n, (i) => nodes[i] === child || (child.compareDocumentPosition(nodes[i]!) & POSITION_FOLLOWING) !== 0),
      );
    }
    // The boundary is at the end of `container`: count up to its last descendant.
    return at(
      firstIndex(n, (i) => {
        const pos = container.compareDocumentPosition(nodes[i]!);
        return (pos & POSITION_FOLLOWING) !== 0 && (pos & POSITION_CONTAINED_BY) === 0;
      }),
    );
  }

  // A character-data container: a Text node (ours, or outside the root), or a
  // comment / processing instruction, whose offsets carry no text of ours.
  const i = firstIndex(
    n,
    (k) => nodes[k] === container || (container.compareDocumentPosition(nodes[k]!) & POSITION_FOLLOWING) !== 0,
  );
  if (i < n && nodes[i] === container) {
    const len = nodes[i]!.data.length;
    return starts[i]! + Math.max(0, Math.min(offset, len));
  }
  return at(i);
}

/**
 * Character offsets of `range` in the text under `root` (see `documentText`).
 * Boundaries may be in Text nodes or elements; parts of the range outside the
 * root are clipped. Throws a RangeError if a boundary is in another tree
 * (another document, or outside a shadow root used as root).
 *
 * Pass `doc` (a fresh `documentText(root)`) to avoid walking the DOM again.
 */
export function rangeToOffsets(root: Node, range: RangeLike, doc: DocumentText = documentText(root)): TextOffsets {
  const a = pointToOffset(root, doc, range.startContainer, range.startOffset);
  const b = pointToOffset(root, doc, range.endContainer, range.endOffset);
  // A StaticRange may be backwards; a live Range never is.
  return a <= b ? { start: a, end: b } : { start: b, end: a };
}

/**
 * A DOM point for `offset`, as (Text node, offset in node). With `preferEnd`, an
 * offset on the boundary between two nodes resolves to the end of the earlier
 * non-empty node, otherwise to the start of the later one; either way a range
 * built from such points starts and ends inside the text it covers.
 */
function resolveOffset(doc: DocumentText, offset: number, preferEnd: boolean): { node: Text; offset: number } | null {
  const { nodes, starts, text } = doc;
  const n = nodes.length;
  if (n === 0) return null;
  if (preferEnd && offset > 0) {
    // First node ending at or after `offset`; it starts before `offset`, so it is non-empty.
    const i = firstIndex(n, (k) => starts[k]! + nodes[k]!.data.length >= offset);
    if (i < n) return { node: nodes[i]!, offset: offset - starts[i]! };
  } else if (offset < text.length) {
    // Last node starting at or before `offset`; it contains it, so it is non-empty.
    const i = firstIndex(n, (k) => starts[k]! > offset) - 1;
    return { node: nodes[i]!, offset: offset - starts[i]! };
  }
  // At the very end of the text: the end of the last non-empty node (or the last node).
  let i = n - 1;
  while (i > 0 && nodes[i]!.data.length === 0) i--;
  return { node: nodes[i]!, offset: nodes[i]!.data.length };
}

/**
 * A DOM Range covering characters [start, end) of the text under `root`. The
 * range starts and ends in Text nodes (when the root has any text). Throws a
 * RangeError for offsets outside the text.
 *
 * Pass `doc` (a fresh `documentText(root)`) to avoid walking the DOM again; if
 * the DOM changed since, the result is wrong or setting the range throws.
 */
export function offsetsToRange(root: Node, start: number, end: number, doc: DocumentText = documentText(root)): Range {
  if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || end < start || end > doc.text.length) {
    throw new RangeError(`Offsets [${start}, ${end}) are outside the text (length ${doc.text.length})`);
  }
  const range = ownerDocumentOf(root).createRange();
  const s = resolveOffset(doc, start, false);
  const e = start === end ? s : resolveOffset(doc, end, true);
  if (!s || !e) {
    // No text at all: an empty range at the start of the root.
    range.setStart(root, 0);
    range.collapse(true);
    return range;
  }
  range.setStart(s.node, s.offset);
  range.setEnd(e.node, e.offset);
  return range;
}
