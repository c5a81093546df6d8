/** The CSS Custom Highlight API is there. */
export function highlightApiAvailable(): boolean {
  return typeof CSS !== 'undefined' && 'highlights' in CSS && typeof Highlight === 'function';
}

const XHTML_NS = 'http://www.w3.org/1999/xhtml';

/**
 * An HTML document the content script can work in: HTML, or XHTML served as XML
 * (application/xhtml+xml: an XMLDocument whose root is an XHTML <html>), but not SVG or
 * other XML opened directly (no HTML to host the UI). Checked by the loader, which has no
 * other imports, and by the application.
 */
export function isHtmlDocument(): boolean {
  const root = document.documentElement;
  return !!root && (document instanceof HTMLDocument || (root.namespaceURI === XHTML_NS && root.localName === 'html'));
}

/**
 * At document_start, before an XML parser has made the root: an HTML document, or one
 * served as XHTML (isHtmlDocument decides for XHTML served with another XML type later).
 */
export function startsAsHtmlDocument(): boolean {
  return document instanceof HTMLDocument || document.contentType === 'application/xhtml+xml';
}
