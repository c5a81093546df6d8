/**
 * Whether the page has rendered a frame since its parser finished.
 *
 * The scanner's viewport check reads the scroll position, and the browser lays the page out
 * first if its layout is pending. At document_idle it often is (the parser has just added
 * the rest of the page), and the page's own layout then ran inside the extension's task: on
 * a 2 MB paragraph, a 700 ms layout, in about 1 load in 12 (bench/ANALYSIS.md). Until that
 * frame, the scan starts at the top of the page and looks at the viewport between slices
 * (ScannerOptions.layoutReady); the layout stays the browser's own work, in its own task.
 */

import { markStartup } from './startup-timing';

/** On the isolated world's global, which the page cannot reach. */
const KEY = Symbol.for('cnai-context.rendered-after-parse');
type Holder = { [KEY]?: boolean };

/**
 * Called at document_start (entrypoints/prefetch.content.ts): notes when the page has
 * rendered its first frame after DOMContentLoaded, the frame that lays out what the parser
 * added last. Reads nothing of the page.
 */
export function watchFrameAfterParse(): void {
  const g = globalThis as Holder;
  if (g[KEY] !== undefined) return;
  g[KEY] = false;
  const note = () =>
    requestAnimationFrame(() =>
      // rAF callbacks run before the frame's layout: the task after it is past it.
      setTimeout(() => {
        g[KEY] = true;
        markStartup('layoutReady');
      }, 0),
    );
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', note, { once: true });
  else note();
}

/**
 * Whether that frame was rendered. True when nothing watched (the loader started without
 * the document_start part, on a page that was already open): the viewport is read at once,
 * as before.
 */
export function renderedAfterParse(): boolean {
  return (globalThis as Holder)[KEY] !== false;
}
