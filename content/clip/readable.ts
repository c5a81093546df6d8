/**
 * The text of a selection as the page shows it, for a clipping's `text`: the anchoring
 * quote (anchoring/describe.ts) is the page's Text nodes joined with nothing between them,
 * so table cells and list items run into each other ("Zhipu AIGLM-4.5") and the source's
 * indentation stays. Here:
 *
 * - blocks (the page scanner's notion, content/walker.ts: every element that is not
 *   phrasing content) start on a new line, paragraphs (<p>) after a blank line, and a
 *   <br> is a line break;
 * - the cells of a table row are separated by CELL_SEPARATOR on one line (a block
 *   inside a cell does not break the row at the cell's edges); empty cells are left out;
 * - white space collapses as CSS does: runs of spaces, tabs and source line breaks are
 *   one space, none at the start or end of a line, and a source line break between two
 *   Chinese (or Japanese) characters is none at all (CSS Text 3; Chinese is written
 *   without spaces). Text in <pre> (or styled `white-space: pre`, `pre-wrap`,
 *   `break-spaces`) keeps its white space; `pre-line` keeps its line breaks;
 * - what the scanner skips is left out (scripts, styles, form fields, `hidden` and
 *   editable regions, the body of a closed <details>), and so are elements with
 *   `display: none`.
 *
 * `cuts` are where the scanner would start a new block: entity detection on the text
 * (Matcher.find's cuts) then never matches across a cell or block boundary, as on the page.
 * Pure DOM logic, reading computed styles only for white space, `display: none` and
 * custom elements.
 */
import { isBlock, isClosedDetails, isRubyText, isSkipped, summaryOf } from '../walker';

/**
 * Between the cells of a table row. A tab (as in innerText) is invisible in the library
 * and in Readwise, and Markdown renders it as a single space, losing the columns; " | "
 * reads as a column break everywhere (the Markdown export escapes the bar, so no table
 * is made of it).
 */
export const CELL_SEPARATOR = ' | ';

export interface ReadableText {
  /** The selection's text as the page shows it ('' when nothing visible is selected). */
  text: string;
  /**
   * Offsets in `text` where a block or a table cell starts, ascending, each in
   * (0, text.length): both sides of every separator that stands for a block boundary.
   */
  cuts: number[];
}

const TEXT_NODE = 3;
const CDATA_SECTION_NODE = 4;
const ELEMENT_NODE = 1;

/** Separators, weakest first: the strongest one pending is written. */
const SEP_NONE = 0;
const SEP_CELL = 1;
const SEP_LINE = 2;
const SEP_PARAGRAPH = 3;
type Sep = 0 | 1 | 2 | 3;

/** Collapsible white space pending: none, spaces or tabs, or some holding a line break of the source (a segment break). */
const SPACE_NONE = 0;
const SPACE = 1;
const SPACE_BREAK = 2;
type Space = 0 | 1 | 2;

type WhiteSpace = 'collapse' | 'preserve' | 'preserve-breaks';

/** Elements whose text keeps its white space whatever the page's styles (HTML's rendering rules). */
const PREFORMATTED = 'pre, listing, xmp, plaintext, textarea';

/**
 * East Asian wide, full-width and half-width characters other than Hangul: between two of
 * them a line break of the source is no space (CSS Text 3, segment break transformation).
 */
const WIDE =
  /^[\u2E80-\u2FFF\u3000-\u303E\u3041-\u312F\u3190-\u33FF\u3400-\u4DBF\u4E00-\u9FFF\uA000-\uA4CF\uF900-\uFAFF\uFE10-\uFE19\uFE30-\uFE6F\uFF00-\uFF60\uFF61-\uFF9F\uFFE0-\uFFE6\u{20000}-\u{3FFFD}]/u;

function isWide(ch: string): boolean {
  return WIDE.test(ch);
}

/** The last character of `s` (a whole surrogate pair where there is one). */
function lastChar(s: string): string {
  const n = s.length;
  if (n >= 2) {
    const lo = s.charCodeAt(n - 1);
    const hi = s.charCodeAt(n - 2);
    if (lo >= 0xdc00 && lo <= 0xdfff && hi >= 0xd800 && hi <= 0xdbff) return s.slice(n - 2);
  }
  return s.slice(n - 1);
}

function trailingNewlines(s: string): number {
  let n = 0;
  while (n < s.length && s.charCodeAt(s.length - 1 - n) === 10) n++;
  return n;
}

const WHITE_SPACE_RUN = /[ \t\n\r\f]+/g;

/** Collects text and separators; a separator is written only once text follows it. */
class Builder {
  out = '';
  cuts: number[] = [];
  private sep: Sep = SEP_NONE;
  private brs = 0;
  private space: Space = SPACE_NONE;
  private cut = false;
  /** In a table cell that has shown no text yet: block edges there are the cell's own. */
  private absorb = false;
  /** How many pieces of text were written (to tell whether a cell showed any). */
  written = 0;

  /** A block boundary of the scanner (a cut) with a separator of at least `sep`. */
  block(sep: Sep): void {
    this.cut = true;
    if (!this.absorb && sep > this.sep) this.sep = sep;
  }

  /** A boundary the scanner cuts at, shown with no separator (a skipped element, an inline custom element). */
  boundary(): void {
    this.cut = true;
  }

  lineBreak(): void {
    this.cut = true;
    if (!this.absorb) this.brs++;
  }

  enterCell(): void {
    this.cut = true;
    if (this.sep < SEP_CELL) this.sep = SEP_CELL;
    this.absorb = true;
  }

  /** Leaving a cell: if it showed text, what follows is the next cell, whatever blocks ended inside it. */
  leaveCell(wroteText: boolean): void {
    this.cut = true;
    if (wroteText) {
      this.sep = SEP_CELL;
      this.brs = 0;
    }
    this.absorb = false;
  }

  text(data: string, ws: WhiteSpace): void {
    if (!data) return;
    if (ws === 'preserve') {
      this.put(data);
      return;
    }
    WHITE_SPACE_RUN.lastIndex = 0;
    let at = 0;
    for (let m = WHITE_SPACE_RUN.exec(data); m; m = WHITE_SPACE_RUN.exec(data)) {
      if (m.index > at) this.put(data.slice(at, m.index));
      const run = m[0];
      if (ws === 'preserve-breaks' && run.includes('\n')) {
        for (const ch of run) if (ch === '\n') this.lineBreak();
      } else {
        const kind = /[\n\r]/.test(run) ? SPACE_BREAK : SPACE;
        if (kind > this.space) this.space = kind;
      }
      at = m.index + run.length;
    }
    if (at < data.length) this.put(data.slice(at));
  }

  private put(t: string): void {
    if (this.out) {
      const lines = Math.max(this.brs, this.sep === SEP_PARAGRAPH ? 2 : this.sep === SEP_LINE ? 1 : 0);
      let s: string;
      if (lines) s = '\n'.repeat(Math.max(0, lines - trailingNewlines(this.out)));
      else if (this.sep === SEP_CELL) s = CELL_SEPARATOR;
      else if (this.space === SPACE_BREAK && isWide(lastChar(this.out)) && isWide(t)) s = '';
      else if (this.space !== SPACE_NONE) s = ' ';
      else s = '';
      if (this.cut) this.cuts.push(this.out.length);
      this.out += s;
      if (this.cut && s) this.cuts.push(this.out.length);
    }
    this.out += t;
    this.sep = SEP_NONE;
    this.brs = 0;
    this.space = SPACE_NONE;
    this.cut = false;
    this.absorb = false;
    this.written++;
  }
}

function styleOf(el: Element): CSSStyleDeclaration | undefined {
  try {
    return el.ownerDocument.defaultView?.getComputedStyle(el);
  } catch {
    return undefined;
  }
}

function whiteSpaceOf(el: Element | null, cache: Map<Element, WhiteSpace>): WhiteSpace {
  if (!el) return 'collapse';
  let ws = cache.get(el);
  if (ws) return ws;
  ws = 'collapse';
  if (el.closest(PREFORMATTED)) ws = 'preserve';
  else {
    const style = styleOf(el);
    const collapse = (style as (CSSStyleDeclaration & { whiteSpaceCollapse?: string }) | undefined)?.whiteSpaceCollapse;
    const v = collapse || style?.whiteSpace || '';
    if (/^(pre|pre-wrap|break-spaces|preserve|preserve-spaces)$/.test(v)) ws = 'preserve';
    else if (v === 'pre-line' || v === 'preserve-breaks') ws = 'preserve-breaks';
  }
  cache.set(el, ws);
  return ws;
}

/** Whether the element's text is not shown in a way the page's markup tells (see the module comment). */
function hiddenHere(el: Element, parent: Node | null): boolean {
  if (isSkipped(el)) return true;
  if (parent && parent.nodeType === ELEMENT_NODE && isClosedDetails(parent as Element) && summaryOf(parent as Element) !== el) return true;
  return styleOf(el)?.display === 'none';
}

function isCell(el: Element): boolean {
  return el.localName === 'td' || el.localName === 'th';
}

/** A custom element the page displays inline: the scanner cuts there, the reader sees no break. */
function inlineCustom(el: Element): boolean {
  if (!el.localName.includes('-')) return false;
  const display = styleOf(el)?.display ?? '';
  return display.startsWith('inline') || display === 'contents';
}

/** A paragraph is set off by a blank line (as innerText does), any other block by a line break. */
function separatorOf(el: Element): Sep {
  return el.localName === 'p' ? SEP_PARAGRAPH : SEP_LINE;
}

/** The text of `range` as the page shows it, and where blocks start in it (see the module comment). */
export function readableText(range: Range): ReadableText {
  const b = new Builder();
  const cache = new Map<Element, WhiteSpace>();
  const top = range.commonAncestorContainer;
  const slice = (t: Text): string => {
    const from = t === range.startContainer ? range.startOffset : 0;
    const to = t === range.endContainer ? range.endOffset : t.data.length;
    return to > from ? t.data.slice(from, to) : '';
  };
  const isText = (n: Node): n is Text => n.nodeType === TEXT_NODE || n.nodeType === CDATA_SECTION_NODE;

  if (isText(top)) {
    b.text(slice(top), whiteSpaceOf(top.parentElement, cache));
    return finish(b);
  }

  /** For each cell entered: how much text had been written when it was. */
  const cells: number[] = [];
  const enter = (el: Element): void => {
    if (isCell(el)) {
      cells.push(b.written);
      b.enterCell();
    } else if (el.localName === 'br') b.lineBreak();
    else if (isBlock(el)) {
      if (inlineCustom(el)) b.boundary();
      else b.block(separatorOf(el));
    }
  };
  const leave = (el: Element): void => {
    if (isCell(el)) b.leaveCell(b.written > (cells.pop() ?? b.written));
    else if (el.localName !== 'br' && isBlock(el)) {
      if (inlineCustom(el)) b.boundary();
      else b.block(separatorOf(el));
    }
  };

  let node: Node | null = top.firstChild;
  while (node) {
    if (isText(node)) {
      const parent = node.parentNode;
      const shown = !(parent && parent.nodeType === ELEMENT_NODE && isClosedDetails(parent as Element));
      if (shown && range.intersectsNode(node)) b.text(slice(node), whiteSpaceOf(node.parentElement, cache));
    } else if (node.nodeType === ELEMENT_NODE && range.intersectsNode(node)) {
      const el = node as Element;
      if (hiddenHere(el, el.parentNode)) {
        // The scanner starts a new block after a skipped element (not a ruby annotation, over
        // which the base text runs on), and at a hidden block.
        if ((isSkipped(el) && !isRubyText(el)) || isBlock(el)) b.boundary();
      } else {
        enter(el);
        if (el.firstChild) {
          node = el.firstChild;
          continue;
        }
        leave(el);
      }
    }
    // The next node: a sibling, or the sibling of the nearest ancestor that has one.
    let n: Node = node;
    while (n !== top && !n.nextSibling) {
      n = n.parentNode!;
      if (n !== top) leave(n as Element);
    }
    node = n === top ? null : n.nextSibling;
  }
  return finish(b);
}

function finish(b: Builder): ReadableText {
  const raw = b.out;
  // Only preserved white space (in <pre>) can start or end the text; a clipping does not.
  const text = raw.trim();
  const lead = raw.length - raw.trimStart().length;
  const cuts: number[] = [];
  for (const c of b.cuts) {
    const at = c - lead;
    if (at > 0 && at < text.length && at !== cuts[cuts.length - 1]) cuts.push(at);
  }
  return { text, cuts };
}
