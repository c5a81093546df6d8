/** The CSS Custom Highlight API is there. */
export function highlightApiAvailable(): boolean {
  return typeof CSS !== 'undefined' && 'highlights' in CSS && typeof Highlight === 'function';
}

/**
 * An HTML document the content script can work in (not SVG or XML opened directly: no
 * HTML to host the UI). Checked by the loader, which has no other imports, and by the
 * application.
 */
export function isHtmlDocument(): boolean {
  return document instanceof HTMLDocument && !!document.documentElement;
}
