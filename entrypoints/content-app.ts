import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { provideUi } from '../content/ui-bridge';
import { startUi } from '../content/ui-main';

/**
 * The content script's in-page UI (content/ui-main.ts), which the core (content/main.ts)
 * imports once the first mentions are painted. A module, so the browser compiles it off
 * the main thread (script streaming).
 */
export default defineUnlistedScript(() => {
  provideUi(startUi);
});
