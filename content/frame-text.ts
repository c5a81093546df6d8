/**
 * Frames without text wait. A news page holds many frames (ad slots, widgets), most of
 * them empty or only images, and the same-origin and about:blank ones share the page's
 * main thread: each used to read the stored matcher, build it (about 1 MB of tables) and
 * load the in-page interface, about 45 ms of tasks and 1.1 MB of heap per frame, for
 * nothing to find. A frame starts once it shows some text; the top document always does.
 * Used by the loader (entrypoints/content, which has few imports) and by the core.
 */

// Not the walker's SKIP_ELEMENTS: the loader imports this, and stays small. The question
// is only whether the frame has anything at all yet.
const SKIP = new Set(['script', 'style', 'noscript', 'template']);

/**
 * Whether the document has a text node with more than white space outside scripts and
 * styles, or an open shadow root (whose text a web component may render).
 */
export function hasText(doc: Document): boolean {
  const root = doc.body ?? doc.documentElement;
  if (!root) return false;
  const walker = doc.createTreeWalker(root, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    if (n.nodeType === 1) {
      if ((n as Element).shadowRoot) return true;
      continue;
    }
    const parent = n.parentNode;
    if (parent && SKIP.has((parent as Element).localName)) continue;
    if (/\S/.test((n as Text).data)) return true;
  }
  return false;
}

/** Top documents start at once; a frame when it has text (at once if it has some already). */
export function needsToWait(doc: Document = document): boolean {
  return window !== window.top && !hasText(doc);
}

/**
 * Resolves when the document has text: at once for the top document or a frame that has
 * some, else at the first change that brings some (checked at most once per 250 ms).
 */
export function whenWorthScanning(doc: Document = document): Promise<void> {
  if (!needsToWait(doc)) return Promise.resolve();
  return new Promise((resolve) => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const observer = new MutationObserver(() => {
      if (timer) return;
      timer = setTimeout(() => {
        timer = undefined;
        if (!hasText(doc)) return;
        observer.disconnect();
        resolve();
      }, 250);
    });
    observer.observe(doc, { childList: true, subtree: true, characterData: true });
  });
}
