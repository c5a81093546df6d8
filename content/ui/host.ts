/**
 * The extension's in-page UI lives in one host element with a closed shadow root:
 * the page cannot read or style what is inside, and our styles do not leak out.
 * The host is attached to <html> (frameworks often replace <body>'s children) and is
 * marked as our own so the scanner and its observer ignore it.
 */
import { markOwnElement } from '../own';

export interface UiHost {
  host: HTMLElement;
  root: ShadowRoot;
  /** Re-attaches the host if the page removed it. */
  ensureAttached(): void;
  /** Attaches the host if needed and renders it: before showing anything in it. */
  reveal(): void;
  destroy(): void;
}

/**
 * The host is attached at once but not rendered (`display: none`) until the UI first shows
 * something: an element that takes part in layout makes the browser re-walk the whole
 * page's paint properties (30–45 ms on the 5 MB benchmark page, traced), which readers who
 * never hover or select should not pay.
 */
export function createUiHost(doc: Document, css: string): UiHost {
  const host = doc.createElement('div');
  host.setAttribute('data-cnai-ui', '');
  // Inline styles keep the host out of layout and above the page whatever the page's CSS says.
  host.style.cssText =
    'all: initial !important; position: fixed !important; inset: 0 auto auto 0 !important; width: 0 !important; height: 0 !important; z-index: 2147483647 !important; display: none !important;';
  markOwnElement(host);
  const root = host.attachShadow({ mode: 'closed' });
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(css);
  root.adoptedStyleSheets = [sheet];
  const ensureAttached = () => {
    if (!host.isConnected) (doc.documentElement ?? doc).appendChild(host);
  };
  ensureAttached();
  return {
    host,
    root,
    ensureAttached,
    reveal: () => {
      ensureAttached();
      if (host.style.getPropertyValue('display') !== 'block') host.style.setProperty('display', 'block', 'important');
    },
    destroy: () => host.remove(),
  };
}
