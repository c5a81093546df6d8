/** The CSS Custom Highlight API is there (checked by the content script's loader too, so it has no imports). */
export function highlightApiAvailable(): boolean {
  return typeof CSS !== 'undefined' && 'highlights' in CSS && typeof Highlight === 'function';
}
