/**
 * Collects the visible prose of a DOM subtree as one string, in document order,
 * with BLOCK_SEPARATOR between blocks so that no mention spans a block boundary,
 * while text split across inline elements (<b>Chat</b>GLM-6B) stays contiguous.
 *
 * The walk can pause at a block boundary once a character budget is spent and resume
 * later, so a huge page is processed in short tasks. It reads the DOM and never
 * writes to it. Elements are classified by tag name (reading computed styles for
 * every element would cost a style recalculation).
 */
import { BLOCK_SEPARATOR } from '../engine/chars';

const SVG_NS = 'http://www.w3.org/2000/svg';
const MATHML_NS = 'http://www.w3.org/1998/Math/MathML';

/** Never descended into: not prose, not rendered as text, or not ours to touch. */
export const SKIP_ELEMENTS = new Set([
  'script', 'style', 'noscript', 'template', 'textarea', 'input', 'select', 'option', 'optgroup',
  'iframe', 'frame', 'frameset', 'object', 'embed', 'canvas', 'video', 'audio', 'svg', 'math',
  'head', 'title', 'meta', 'link', 'base', 'img', 'picture', 'source', 'track', 'map', 'area', 'datalist',
]);

/** Phrasing elements: text on either side joins without a boundary. Everything else is a block. */
export const INLINE_ELEMENTS = new Set([
  'a', 'abbr', 'acronym', 'b', 'bdi', 'bdo', 'big', 'cite', 'code', 'data', 'del', 'dfn', 'em', 'font',
  'i', 'ins', 'kbd', 'label', 'mark', 'nobr', 'q', 'rb', 'rp', 'rt', 'rtc', 'ruby', 's', 'samp', 'small',
  'span', 'strike', 'strong', 'sub', 'sup', 'time', 'tt', 'u', 'var', 'wbr', 'output', 'slot',
]);

export interface TextBatch {
  /** The collected text: node data joined, BLOCK_SEPARATOR at boundaries. */
  text: string;
  /** Text nodes in order, and the offset of each in `text`. */
  nodes: Text[];
  starts: number[];
  /** Open shadow roots whose text is in this batch (they need the highlight styles). */
  shadowRoots: ShadowRoot[];
}

export interface WalkOptions {
  /** Elements never to enter (the extension's own UI host). */
  exclude?: (el: Element) => boolean;
}

/**
 * A region already walked (the viewport-first pass): when the walk enters `from`, it
 * continues at `resumeAt` (where that pass stopped; null = it reached the end).
 */
export interface SkipRegion {
  from: Element;
  resumeAt: Node | null;
}

const SKIP = 1;
const INLINE = 2;
/** May carry a shadow root (the elements attachShadow accepts, plus custom elements). */
const HOST = 4;

/**
 * One lookup per element instead of several DOM calls: what a tag is. Tags missing here
 * are blocks; only they need the namespace check (SVG and MathML children are otherwise
 * under a skipped <svg> or <math>).
 */
const KIND = new Map<string, number>();
for (const t of SKIP_ELEMENTS) KIND.set(t, SKIP);
for (const t of INLINE_ELEMENTS) KIND.set(t, INLINE);
for (const t of ['article', 'aside', 'blockquote', 'body', 'div', 'footer', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'main', 'nav', 'p', 'section']) KIND.set(t, HOST);
KIND.set('span', INLINE | HOST);
for (const t of [
  'html', 'li', 'ul', 'ol', 'table', 'tbody', 'thead', 'tfoot', 'tr', 'td', 'th', 'caption', 'colgroup', 'col', 'dl', 'dt', 'dd',
  'pre', 'figure', 'figcaption', 'form', 'button', 'fieldset', 'legend', 'details', 'summary', 'hr', 'br', 'address',
  'center', 'menu', 'dialog', 'hgroup', 'search', 'picture',
]) if (!KIND.has(t)) KIND.set(t, 0);

function kindOf(el: Element): number {
  const k = KIND.get(el.localName);
  if (k !== undefined) return k;
  // Chromium paints no highlights on SVG text; MathML is not prose.
  const ns = el.namespaceURI;
  if (ns === SVG_NS || ns === MATHML_NS) return SKIP;
  return el.localName.includes('-') ? HOST : 0;
}

/** `hidden`, or an editable region (contenteditable other than "false"). */
function skippedByAttribute(el: Element): boolean {
  if (el.hasAttribute('hidden')) return true;
  const ce = el.getAttribute('contenteditable');
  return ce !== null && ce.toLowerCase() !== 'false';
}

/** isSkipped for an element whose kind is known (the walker has it at hand). */
function skipped(el: Element, kind: number, exclude: WalkOptions['exclude']): boolean {
  return (kind & SKIP) !== 0 || (el.hasAttributes() && skippedByAttribute(el)) || (exclude?.(el) ?? false);
}

/** True when an element (or its subtree) is not prose to highlight. */
export function isSkipped(el: Element, opts?: WalkOptions): boolean {
  return skipped(el, kindOf(el), opts?.exclude);
}

export function isBlock(el: Element): boolean {
  return !((KIND.get(el.localName) ?? 0) & INLINE);
}

/** True when a node sits inside an editable region or a skipped element (for incremental rescans). */
export function isInsideSkipped(node: Node, opts?: WalkOptions): boolean {
  for (let el = node.nodeType === 1 ? (node as Element) : node.parentElement; el; el = el.parentElement) {
    if (isSkipped(el, opts)) return true;
  }
  return false;
}

/**
 * A resumable depth-first walk over `root`'s subtree (or from `start` to the end of
 * `root`). Each call to next() returns the text of whole blocks until at least
 * `budget` characters are collected, or null at the end.
 */
export class TextWalker {
  private cur: Node | null;
  private readonly root: Node;
  private readonly opts: WalkOptions;
  private finished = false;
  private skip?: SkipRegion;
  /** Set when a skip region could not be honoured (its resume node left the document). */
  skipInvalid = false;

  constructor(root: Node, opts: WalkOptions = {}, start?: Node, skip?: SkipRegion) {
    this.root = root;
    this.opts = opts;
    this.cur = start ?? root.firstChild;
    this.skip = skip;
    if (!start && !root.firstChild) this.finished = true;
  }

  /** The node the next batch starts at (null when finished). */
  get position(): Node | null {
    return this.finished ? null : this.cur;
  }

  get done(): boolean {
    return this.finished;
  }

  /** False when the page removed the node the walk paused at. */
  resumable(root: Node): boolean {
    return this.finished || !this.cur || (this.cur !== root && root.contains(this.cur));
  }

  next(budget = Infinity): TextBatch | null {
    if (this.finished) return null;
    const parts: string[] = [];
    const nodes: Text[] = [];
    const starts: number[] = [];
    const shadowRoots: ShadowRoot[] = [];
    let length = 0;
    const boundary = () => {
      if (parts.length && parts[parts.length - 1] !== BLOCK_SEPARATOR) {
        parts.push(BLOCK_SEPARATOR);
        length += 1;
      }
    };
    const addText = (t: Text) => {
      const data = t.data;
      if (!data) return;
      nodes.push(t);
      starts.push(length);
      parts.push(data);
      length += data.length;
    };
    const walkShadow = (sr: ShadowRoot) => {
      // Shadow trees are walked whole (they are small) as their own block. An empty one is
      // still reported: web components often render later, and it must be observed.
      const inner = new TextWalker(sr, this.opts).next();
      if (!inner || !inner.nodes.length) {
        shadowRoots.push(sr);
        return;
      }
      boundary();
      for (let i = 0; i < inner.nodes.length; i++) {
        nodes.push(inner.nodes[i]!);
        starts.push(length + inner.starts[i]!);
      }
      parts.push(inner.text);
      length += inner.text.length;
      shadowRoots.push(sr, ...inner.shadowRoots);
      boundary();
    };

    const exclude = this.opts.exclude;
    let node = this.cur;
    while (node) {
      if (node.nodeType === 3) {
        addText(node as Text);
      } else if (node.nodeType === 1) {
        const el = node as Element;
        if (el === this.skip?.from) {
          // Already walked by the viewport pass: continue where it stopped.
          const resume = this.skip.resumeAt;
          this.skip = undefined;
          if (resume && !(resume !== this.root && this.root.contains(resume))) {
            // The page removed that node meanwhile; the caller must start over.
            this.skipInvalid = true;
          } else {
            boundary();
            if (!resume) {
              node = null;
              break;
            }
            node = resume;
            continue;
          }
        }
        const kind = kindOf(el);
        if (skipped(el, kind, exclude)) {
          boundary();
        } else {
          if (!(kind & INLINE)) boundary();
          if (kind & HOST) {
            const sr = (el as HTMLElement).shadowRoot;
            if (sr) walkShadow(sr);
          }
          const first = el.firstChild;
          if (first) {
            node = first;
            continue;
          }
        }
      }
      // Move to the next node in document order, closing blocks on the way up.
      let paused = false;
      while (node) {
        if (node === this.root) {
          node = null;
          break;
        }
        if (node.nextSibling) {
          node = node.nextSibling;
          break;
        }
        node = node.parentNode;
        if (!node || node === this.root) {
          node = null;
          break;
        }
        if (node.nodeType === 1 && isBlock(node as Element)) boundary();
      }
      if (node && length >= budget && parts[parts.length - 1] === BLOCK_SEPARATOR) {
        paused = true;
      }
      if (paused) break;
    }
    this.cur = node;
    if (!node) this.finished = true;
    return { text: parts.join(''), nodes, starts, shadowRoots };
  }
}

/** The index of the node containing `offset` (the last node starting at or before it). */
export function nodeIndexAt(starts: readonly number[], offset: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}
