/**
 * Collects the visible prose of a DOM subtree as one string, in document order, with
 * the offsets where blocks start ("cuts", so that no mention spans a block boundary),
 * while text split across inline elements (<b>Chat</b>GLM-6B) stays contiguous.
 *
 * The walk can pause at a block boundary once a character budget is spent and resume
 * later, so a huge page is processed in short tasks. It reads the DOM and never
 * writes to it. Elements are classified by tag name (reading computed styles for
 * every element would cost a style recalculation).
 */
const SVG_NS = 'http://www.w3.org/2000/svg';
const MATHML_NS = 'http://www.w3.org/1998/Math/MathML';

/** Never descended into: not prose, not rendered as text, or not ours to touch. */
export const SKIP_ELEMENTS = new Set([
  'script', 'style', 'noscript', 'template', 'textarea', 'input', 'select', 'option', 'optgroup',
  'iframe', 'frame', 'frameset', 'object', 'embed', 'canvas', 'video', 'audio', 'svg', 'math',
  'head', 'title', 'meta', 'link', 'base', 'img', 'picture', 'source', 'track', 'map', 'area', 'datalist',
]);

/**
 * Ruby annotations (pinyin or zhuyin over Chinese, and the fallback parentheses): passed
 * over like a skipped element, but the base text on either side joins without a boundary,
 * so that 百<rt>bǎi</rt>度<rt>dù</rt> reads 百度.
 */
export const RUBY_TEXT_ELEMENTS = new Set(['rt', 'rp', 'rtc']);

/** Phrasing elements: text on either side joins without a boundary. Everything else is a block. */
export const INLINE_ELEMENTS = new Set([
  'a', 'abbr', 'acronym', 'b', 'bdi', 'bdo', 'big', 'cite', 'code', 'data', 'del', 'dfn', 'em', 'font',
  'i', 'ins', 'kbd', 'label', 'mark', 'nobr', 'q', 'rb', 'ruby', 's', 'samp', 'small',
  'span', 'strike', 'strong', 'sub', 'sup', 'time', 'tt', 'u', 'var', 'wbr', 'output', 'slot',
]);

export interface TextBatch {
  /** The collected text: the text nodes' data, joined with nothing in between. */
  text: string;
  /**
   * Where a new block starts in `text` (ascending, between 0 and text.length exclusive):
   * a mention never spans one. Not separator characters: the text stays the string the
   * Range gave, with no copy made to insert them.
   */
  cuts: number[];
  /** Text nodes in order, and the offset of each in `text`. */
  nodes: Text[];
  starts: number[];
  /** Open shadow roots whose text is in this batch (they need the highlight styles). */
  shadowRoots: ShadowRoot[];
  /**
   * Custom elements walked without a shadow root: one may attach later, with no DOM
   * change to observe (an element upgraded when its definition loads after the scan).
   */
  waitingHosts: Element[];
  /**
   * Stretches of several text nodes read with a Range, and how many of them were then
   * read node by node because the Range's text was not the counted length (expected:
   * never; the text is the same either way, so only this count shows the slow path).
   */
  stretches: number;
  readByNode: number;
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

/** Average characters per node from which a stretch is read node by node rather than with a Range. */
const LARGE_NODE_CHARS = 4096;

const SHOW_ELEMENT = 0x1;
const SHOW_TEXT = 0x4;

const SKIP = 1;
const INLINE = 2;
/** May carry a shadow root (the elements attachShadow accepts, plus custom elements). */
const HOST = 4;
/** A custom element (its shadow root may come later). */
const CUSTOM = 8;
/** <details>: when closed, only its summary shows. */
const DETAILS = 16;
/** <dialog>: not rendered at all unless open. */
const DIALOG = 32;

/**
 * One lookup per element instead of several DOM calls: what a tag is. Tags missing here
 * are blocks; only they need the namespace check (SVG and MathML children are otherwise
 * under a skipped <svg> or <math>).
 */
const KIND = new Map<string, number>();
for (const t of SKIP_ELEMENTS) KIND.set(t, SKIP);
for (const t of INLINE_ELEMENTS) KIND.set(t, INLINE);
for (const t of RUBY_TEXT_ELEMENTS) KIND.set(t, SKIP | INLINE);
for (const t of ['article', 'aside', 'blockquote', 'body', 'div', 'footer', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'main', 'nav', 'p', 'section']) KIND.set(t, HOST);
KIND.set('span', INLINE | HOST);
for (const t of [
  'html', 'li', 'ul', 'ol', 'table', 'tbody', 'thead', 'tfoot', 'tr', 'td', 'th', 'caption', 'colgroup', 'col', 'dl', 'dt', 'dd',
  'pre', 'figure', 'figcaption', 'form', 'button', 'fieldset', 'legend', 'details', 'summary', 'hr', 'br', 'address',
  'center', 'menu', 'dialog', 'hgroup', 'search', 'picture',
]) if (!KIND.has(t)) KIND.set(t, 0);
KIND.set('details', DETAILS);
KIND.set('dialog', DIALOG);

function kindOf(el: Element): number {
  const k = KIND.get(el.localName);
  if (k !== undefined) return k;
  // Chromium paints no highlights on SVG text; MathML is not prose.
  const ns = el.namespaceURI;
  if (ns === SVG_NS || ns === MATHML_NS) return SKIP;
  return el.localName.includes('-') ? HOST | CUSTOM : 0;
}

/** The attributes that make an element's subtree skipped (the scanner observes their changes). */
export const SKIP_ATTRIBUTES = ['hidden', 'contenteditable'];

/** Whether one of SKIP_ATTRIBUTES with this value (null: absent) skips its element. */
export function skipsByAttribute(name: string, value: string | null): boolean {
  if (value === null) return false;
  // `hidden`, or an editable region (contenteditable other than "false").
  return name === 'hidden' || value.toLowerCase() !== 'false';
}

function skippedByAttribute(el: Element): boolean {
  return el.hasAttribute('hidden') || skipsByAttribute('contenteditable', el.getAttribute('contenteditable'));
}

/** isSkipped for an element whose kind is known (the walker has it at hand). */
function skipped(el: Element, kind: number, exclude: WalkOptions['exclude']): boolean {
  return (kind & SKIP) !== 0 || (kind === DIALOG && !el.hasAttribute('open')) || (el.hasAttributes() && skippedByAttribute(el)) || (exclude?.(el) ?? false);
}

/** True when an element (or its subtree) is not prose to highlight. */
export function isSkipped(el: Element, opts?: WalkOptions): boolean {
  return skipped(el, kindOf(el), opts?.exclude);
}

/** A ruby annotation: skipped, with no block boundary (RUBY_TEXT_ELEMENTS). */
export function isRubyText(el: Element): boolean {
  return RUBY_TEXT_ELEMENTS.has(el.localName);
}

export function isBlock(el: Element): boolean {
  return !((KIND.get(el.localName) ?? 0) & INLINE);
}

/** A <details> element that is closed: only its summary is rendered. */
export function isClosedDetails(el: Element): boolean {
  return el.localName === 'details' && !el.hasAttribute('open') && el.namespaceURI !== SVG_NS && el.namespaceURI !== MATHML_NS;
}

/** The summary a <details> element renders (its first <summary> child), if any. */
export function summaryOf(details: Element): Element | null {
  for (let c = details.firstElementChild; c; c = c.nextElementSibling) if (c.localName === 'summary') return c;
  return null;
}

/**
 * True when a node sits inside an editable region, a skipped element or the hidden part
 * of a closed <details> (for incremental rescans).
 */
export function isInsideSkipped(node: Node, opts?: WalkOptions): boolean {
  if (node.nodeType === 1 && isSkipped(node as Element, opts)) return true;
  for (let child = node, el = node.parentElement; el; child = el, el = el.parentElement) {
    if (isSkipped(el, opts)) return true;
    if (isClosedDetails(el) && child !== summaryOf(el)) return true;
  }
  return false;
}

/**
 * A resumable depth-first walk over `root`'s subtree (or from `start` to the end of
 * `root`). Each call to next() returns the text of whole blocks until at least
 * `budget` characters are collected, or null at the end.
 *
 * The walk is a native TreeWalker (one call per node, as in the benchmark's floor)
 * rather than firstChild/nextSibling/parentNode steps. A block that opens is seen as an
 * element; the walk never sees one close, so a text node starts a new block when the
 * last block is not its ancestor (one native `contains` call per text node).
 */
export class TextWalker {
  private cur: Node | null;
  private readonly root: Node;
  private readonly opts: WalkOptions;
  private readonly tw: TreeWalker;
  private finished = false;
  private skip?: SkipRegion;
  private range?: Range;
  /** Set when a skip region could not be honoured (its resume node left the document). */
  skipInvalid = false;

  constructor(root: Node, opts: WalkOptions = {}, start?: Node, skip?: SkipRegion) {
    // A closed <details> rescanned as a block: only its summary is prose.
    if (root.nodeType === 1 && isClosedDetails(root as Element)) {
      const summary = summaryOf(root as Element);
      if (!summary) this.finished = true;
      else root = summary;
    }
    this.root = root;
    this.opts = opts;
    this.tw = (root.ownerDocument ?? (root as Document)).createTreeWalker(root, SHOW_ELEMENT | SHOW_TEXT);
    // The first element or text child (a leading comment is not one).
    this.cur = this.finished ? null : (start ?? this.tw.firstChild());
    this.skip = skip;
    if (!this.cur) this.finished = true;
  }

  /**
   * Adds a region walked meanwhile (a viewport pass made after this walk started): its
   * start must lie ahead of the walk, outside what it has read (see `ahead`).
   */
  skipAhead(region: SkipRegion): void {
    this.skip = region;
  }

  /** Whether `el` lies wholly ahead of the walk: after its position, and not around it. */
  ahead(el: Element): boolean {
    const at = this.position;
    if (!at || this.skip) return false;
    return at !== el && !el.contains(at) && (at.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_FOLLOWING) !== 0;
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
    const root = this.root;
    const tw = this.tw;
    const exclude = this.opts.exclude;
    const parts: string[] = [];
    const cuts: number[] = [];
    const nodes: Text[] = [];
    const starts: number[] = [];
    const shadowRoots: ShadowRoot[] = [];
    const waitingHosts: Element[] = [];
    let length = 0;
    /** A block boundary was passed since the last text: the next text starts with a separator. */
    let boundary = false;
    // The block the last text was in (or the last block element entered since).
    let lastBlock: Node | null = null;

    // Text is read per stretch: consecutive text nodes with nothing skipped between them,
    // across block boundaries, as one string from a Range; offsets come from each node's
    // `length`, and block boundaries are recorded as cuts. Reading `data` per node costs a
    // string per node, and every string Blink hands to a script stays in its string cache
    // with a weak handle: on the 5 MB benchmark page (111,000 text nodes) the next full
    // garbage collection spent about 50 ms clearing the dead ones. A skipped element that
    // has children (a script, a hidden block) ends the stretch, since the Range's text would
    // include its text. A batch of one stretch (the usual case) is that string, uncopied.
    // The open stretch is nodes[runIndex..] (-1: none).
    let runIndex = -1;
    let stretches = 0;
    let readByNode = 0;
    const flush = () => {
      if (runIndex < 0) return;
      const first = nodes[runIndex]!;
      const last = nodes[nodes.length - 1]!;
      let text: string;
      if (first === last) text = first.data;
      else if (length - starts[runIndex]! >= (nodes.length - runIndex) * LARGE_NODE_CHARS) {
        // A few large nodes (the HTML parser cuts long text into nodes of 65,536
        // characters): read one by one. A Range's text costs about 3× their join there
        // (2 MB of text in 33 nodes: 30–42 ms against 11–12), and so few strings are no
        // burden for the string cache.
        text = joinData(nodes, runIndex);
      } else {
        stretches++;
        // One Range per walk: a live Range stays registered with its document (and updated
        // on every DOM change) until it is collected.
        const range = (this.range ??= (root.ownerDocument ?? (root as Document)).createRange());
        range.setStart(first, 0);
        range.setEnd(last, last.length);
        text = range.toString();
        if (text.length !== length - starts[runIndex]!) {
          // Not the text the walk counted (a text node it did not visit inside the range; none
          // is known to occur): read the nodes one by one, so offsets stay exact.
          readByNode++;
          text = joinData(nodes, runIndex);
        }
      }
      parts.push(text);
      runIndex = -1;
    };

    /**
     * Takes in a batch walked on its own (a shadow tree, a closed details' summary): the
     * shadow roots and hosts nested in it (even when it has no text yet), and its text as a
     * block of its own.
     */
    const adopt = (inner: TextBatch) => {
      shadowRoots.push(...inner.shadowRoots);
      waitingHosts.push(...inner.waitingHosts);
      if (!inner.nodes.length) return;
      flush();
      if (length) cuts.push(length);
      for (let i = 0; i < inner.nodes.length; i++) {
        nodes.push(inner.nodes[i]!);
        starts.push(length + inner.starts[i]!);
      }
      for (let i = 0; i < inner.cuts.length; i++) cuts.push(length + inner.cuts[i]!);
      parts.push(inner.text);
      length += inner.text.length;
      stretches += inner.stretches;
      readByNode += inner.readByNode;
      // Whatever text follows is in another block than the inner one's.
      boundary = true;
      lastBlock = null;
    };

    let node: Node | null = this.cur;
    tw.currentNode = node!;
    while (node) {
      if (node.nodeType === 3) {
        // Blocks that start are seen as elements (below); one that ended is seen here: the
        // text is no longer inside it. Only then climb to the text's nearest block.
        if (lastBlock === null || !lastBlock.contains(node)) {
          // A block boundary: the place to pause once the budget is spent (this node comes next).
          if (length && length >= budget) break;
          let block: Node | null = node.parentNode;
          while (block && block !== root && block.nodeType === 1 && !isBlock(block as Element)) block = block.parentNode;
          lastBlock = block;
          boundary = true;
        }
        const n = (node as Text).length;
        if (n) {
          if (boundary && length) cuts.push(length);
          boundary = false;
          if (runIndex < 0) runIndex = nodes.length;
          nodes.push(node as Text);
          starts.push(length);
          length += n;
        }
        node = tw.nextNode();
        continue;
      }
      const el = node as Element;
      if (el === this.skip?.from) {
        // Already walked by the viewport pass: continue where it stopped.
        const resume = this.skip.resumeAt;
        this.skip = undefined;
        if (resume && !(resume !== root && root.contains(resume))) {
          // The page removed that node meanwhile; the caller must start over.
          this.skipInvalid = true;
        } else {
          flush();
          boundary = true;
          lastBlock = null;
          node = resume;
          if (node) tw.currentNode = node;
          continue;
        }
      }
      const kind = kindOf(el);
      const skipThis = skipped(el, kind, exclude);
      // A skipped (hidden, editable) <details> shows not even its summary.
      const closedDetails = !skipThis && kind === DETAILS && el !== root && isClosedDetails(el);
      // Skipped elements end a block (a hidden <span> too), but for ruby annotations (an
      // inline kind skipped by tag), over which the base text runs on.
      if (!(kind & INLINE) || (skipThis && !(kind & SKIP))) {
        // A block boundary: pause here once the budget is spent (this element comes next).
        if (length && length >= budget) break;
        boundary = true;
        if (!skipThis) lastBlock = el;
      }
      if (skipThis || closedDetails) {
        if (closedDetails) {
          // Closed: its summary is all that shows, walked on its own as a block; the rest of
          // the element is passed over like a skipped one.
          const summary = summaryOf(el);
          const inner = summary && !skipped(summary, kindOf(summary), exclude) ? new TextWalker(summary, this.opts).next() : null;
          if (inner) adopt(inner);
        }
        // Its (hidden) text must not reach a stretch's Range.
        if (el.firstChild) flush();
        // Over the subtree: the next sibling, or the next sibling of the nearest ancestor that has one.
        let s = tw.nextSibling();
        while (!s && tw.parentNode()) s = tw.nextSibling();
        node = s;
        continue;
      }
      if (kind & HOST) {
        const sr = (el as HTMLElement).shadowRoot;
        if (!sr) {
          if (kind & CUSTOM) waitingHosts.push(el);
        } else {
          // Shadow trees are walked whole (they are small) as their own block. An empty one is
          // still reported: web components often render later, and it must be observed.
          const inner = new TextWalker(sr, this.opts).next();
          shadowRoots.push(sr);
          if (inner) adopt(inner);
        }
      }
      node = tw.nextNode();
    }
    flush();
    this.cur = node;
    if (!node) {
      this.finished = true;
      this.range = undefined;
    }
    return { text: parts.length === 1 ? parts[0]! : parts.join(''), cuts, nodes, starts, shadowRoots, waitingHosts, stretches, readByNode };
  }
}

/** The text of nodes[from..], read node by node. */
function joinData(nodes: readonly Text[], from: number): string {
  const each: string[] = [];
  for (let i = from; i < nodes.length; i++) each.push(nodes[i]!.data);
  return each.join('');
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
