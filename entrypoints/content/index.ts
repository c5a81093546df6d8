import { defineContentScript } from 'wxt/utils/define-content-script';
import './highlights.css';
import { startContent } from '../../content/main';

export default defineContentScript({
  matches: ['http://*/*', 'https://*/*'],
  allFrames: true,
  matchAboutBlank: true,
  runAt: 'document_idle',
  cssInjectionMode: 'manifest',
  // Do not announce the content script (and the extension's id) to the page.
  noScriptStartedPostMessage: true,
  main(ctx) {
    void startContent(ctx);
  },
});
