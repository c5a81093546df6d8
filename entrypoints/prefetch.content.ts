import { defineContentScript } from 'wxt/utils/define-content-script';
import { highlightApiAvailable, startsAsHtmlDocument } from '../content/highlight-api';
import { sendEarlyRequests } from '../content/early-requests';
import { holdSavesForCore } from '../content/held-saves';
import { watchFrameAfterParse } from '../content/first-frame';
import { markStartup } from '../content/startup-timing';

/**
 * Sends the content script's first reads (the stored matcher and settings, the page's scan
 * engine) at document_start, so that their answers are in hand when the scan can start at
 * document_idle (entrypoints/content, the loader, finds them there). Read at idle, on a
 * heavy page the answer took 130–170 ms to arrive, against 40 ms on a small one: most of
 * the time to the first highlights (bench/ANALYSIS.md). It reads nothing of the page.
 */
export default defineContentScript({
  matches: ['http://*/*', 'https://*/*'],
  allFrames: true,
  matchAboutBlank: true,
  runAt: 'document_start',
  noScriptStartedPostMessage: true,
  main() {
    markStartup('prefetch');
    // Not an HTML or XHTML document (SVG, other XML) or no Highlight API: the loader will stop too.
    if (!startsAsHtmlDocument() || !highlightApiAvailable()) return;
    // A frame's loader sends them once the frame is worth a scan (content/frame-loader.ts).
    if (window === window.top) {
      sendEarlyRequests();
      // A save command before the core listens (a selection made while the page loads) waits for it.
      holdSavesForCore();
    }
    watchFrameAfterParse();
  },
});
