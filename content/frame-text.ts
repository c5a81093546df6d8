/**
 * Frames wait before they read or build anything. A news page holds many frames (ad slots,
 * widgets), most of them empty, only images, or a line of text with no name in it, and
 * the same-origin and about:blank ones share the page's main thread: each used to read
 * the stored matcher, build it (about 1 MB of tables) and load the in-page interface,
 * about 45 ms of tasks and 1.1 MB of heap per frame, for nothing to find. This module
 * reads what a frame shows; content/frame-worth.ts decides when it is worth a scan.
 */

import { isBlock } from './walker';

// Not the walker's SKIP_ELEMENTS: the question is only what the frame shows at all yet.
const SKIP = new Set(['script', 'style', 'noscript', 'template']);

/** frameText's answer for a frame whose text cannot be judged cheaply: scan it. */
export const TOO_MUCH = Symbol('too much text');

/**
 * The document's text outside scripts and styles, as the scanner reads it: nodes within
 * a block run together (a name split across inline elements stays whole), and a line
 * break separates blocks (a name at the end of one block keeps its word boundary). ''
 * when it shows no text but white space. TOO_MUCH past `max` characters, or when it has
 * an open shadow root (whose text a web component may render).
 */
export function frameText(doc: Document, max: number): string | typeof TOO_MUCH {
  const root = doc.body ?? doc.documentElement;
  if (!root) return '';
  const walker = doc.createTreeWalker(root, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT);
  let text = '';
  let any = false;
  let lastBlock: Element | null = null;
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    if (n.nodeType === 1) {
      if ((n as Element).shadowRoot) return TOO_MUCH;
      continue;
    }
    const parent = n.parentNode;
    if (parent && SKIP.has((parent as Element).localName)) continue;
    const data = (n as Text).data;
    if (!any && /\S/.test(data)) any = true;
    let block = n.parentElement;
    while (block && block !== root && !isBlock(block)) block = block.parentElement;
    if (block !== lastBlock && text) text += '\n';
    lastBlock = block;
    text += data;
    if (text.length > max) return TOO_MUCH;
  }
  return any ? text : '';
}
