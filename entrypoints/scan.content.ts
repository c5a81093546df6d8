import { defineContentScript } from 'wxt/utils/define-content-script';
import { startContent } from '../content/main';

/**
 * The content script's core (content/main.ts): listed right after the loader
 * (entrypoints/content), in the same manifest entry. It finds and paints the mentions,
 * then imports the in-page UI (entrypoints/content-app.ts). Listed rather than imported:
 * an import of the whole application took 80-110 ms here before it could run, most of the
 * time to the first highlights (bench/ANALYSIS.md).
 */
export default defineContentScript({
  // The same options as the other listed part (entrypoints/content, entrypoints/scan.content.ts):
  // WXT then lists both in one manifest entry, the loader first (tests/browser/extension.test.ts).
  // The top document only: frames load the core when they are worth it (entrypoints/frames.content.ts).
  matches: ['http://*/*', 'https://*/*'],
  allFrames: false,
  matchAboutBlank: true,
  runAt: 'document_idle',
  noScriptStartedPostMessage: true,
  main() {
    void startContent();
  },
});
