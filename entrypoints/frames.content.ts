import { defineContentScript } from 'wxt/utils/define-content-script';
import './content/highlights.css';
import { startFrame } from '../content/frame-loader';

/**
 * Every frame's part (content/frame-loader.ts): in a frame, it waits until the frame is
 * worth a scan and then has the background inject the core; in the top document, where
 * the core is listed (entrypoints/content, entrypoints/scan.content.ts), it stops at once.
 * It also carries the highlight styles, which the browser injects from the manifest into
 * every frame (a page's Content-Security-Policy cannot block them).
 */
export default defineContentScript({
  matches: ['http://*/*', 'https://*/*'],
  allFrames: true,
  matchAboutBlank: true,
  runAt: 'document_idle',
  cssInjectionMode: 'manifest',
  noScriptStartedPostMessage: true,
  main() {
    void startFrame();
  },
});
