import { defineContentScript } from 'wxt/utils/define-content-script';
import { highlightApiAvailable, isHtmlDocument } from '../../content/highlight-api';
import { sendEarlyRequests } from '../../content/early-requests';
import { markStartup } from '../../content/startup-timing';

export default defineContentScript({
  // The same options as the other listed part (entrypoints/content, entrypoints/scan.content.ts):
  // WXT then lists both in one manifest entry, the loader first (tests/browser/extension.test.ts).
  // The top document only: frames load the core when they are worth it (entrypoints/frames.content.ts).
  matches: ['http://*/*', 'https://*/*'],
  allFrames: false,
  matchAboutBlank: true,
  runAt: 'document_idle',
  // Do not announce the content script (and the extension's id) to the page.
  noScriptStartedPostMessage: true,
  main() {
    markStartup('loader');
    // SVG or XML documents opened directly, and browsers without the CSS Custom Highlight
    // API: nothing to do (the core, listed next, checks the same and stops).
    if (!isHtmlDocument()) return;
    if (!highlightApiAvailable()) {
      console.info('[CN AI Context] This browser has no CSS Custom Highlight API; mentions are not highlighted.');
      return;
    }
    // The first reads went out at document_start (entrypoints/prefetch.content.ts); if they
    // did not (the extension was installed or reloaded after the page started), they go out
    // now, before the browser compiles the core (the next script of this manifest entry).
    sendEarlyRequests();
  },
});
