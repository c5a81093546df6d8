import { browser } from 'wxt/browser';
import { defineContentScript } from 'wxt/utils/define-content-script';
import './highlights.css';
import { highlightApiAvailable, isHtmlDocument } from '../../content/highlight-api';
import { sendEarlyRequests } from '../../content/early-requests';
import { markStartup } from '../../content/startup-timing';

/** Where the application lives (entrypoints/content-app.ts; web-accessible, see wxt.config.ts). */
const CONTENT_APP_PATH = '/content-app.js';

export default defineContentScript({
  matches: ['http://*/*', 'https://*/*'],
  allFrames: true,
  matchAboutBlank: true,
  runAt: 'document_idle',
  cssInjectionMode: 'manifest',
  // Do not announce the content script (and the extension's id) to the page.
  noScriptStartedPostMessage: true,
  main() {
    markStartup('loader');
    // SVG or XML documents opened directly, and browsers without the CSS Custom Highlight
    // API: nothing to do, so nothing to load.
    if (!isHtmlDocument()) return;
    if (!highlightApiAvailable()) {
      console.info('[CN AI Context] This browser has no CSS Custom Highlight API; mentions are not highlighted.');
      return;
    }
    // A loader only: the application is a module, so the browser compiles it off the
    // main thread instead of in the task that injects this script. It runs in this
    // script's isolated world. Its first reads go out now, to overlap the import.
    sendEarlyRequests();
    import(/* @vite-ignore */ browser.runtime.getURL(CONTENT_APP_PATH)).catch((e: unknown) => {
      console.warn('[CN AI Context] Could not load the content script application.', e);
    });
  },
});
