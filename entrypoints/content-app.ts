import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { startContent } from '../content/main';

/**
 * The content script's application, which the content script (entrypoints/content)
 * loads with a dynamic import. Chromium compiles an imported module off the main thread
 * (script streaming); a content script listed in the manifest is compiled on it, in the
 * task that injects it, which took 35-45 ms for this bundle on every page load.
 */
export default defineUnlistedScript(() => {
  void startContent();
});
