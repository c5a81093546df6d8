/**
 * The content script of frames. The core (content/main.ts, about 160 KB) is listed in the
 * manifest for the top document only: a page's frames are mostly ad slots, widgets and
 * empty about:blank helpers, and the same-origin ones share the page's main thread, where
 * evaluating the listed core cost about 4.5 ms and 160 KB of heap per frame before the frame
 * had shown anything. This small part runs in every frame instead. It waits until the
 * frame is worth a scan (content/frame-worth.ts) and its site is on (content/frame-switch.ts),
 * sends the first reads, and asks the background to inject the core, which then starts as
 * it does in the top document.
 *
 * Injected, not imported as a module: the background injects the listed core's own file,
 * whose compilation V8 keeps for the top document's process, so a same-origin or
 * about:blank frame reuses it; an imported module is compiled again in every frame (30
 * frames naming a company took 20 MB more heap that way).
 */
import { browser } from 'wxt/browser';
import { normalizePageUrl } from '../model/url';
import type { BackgroundRequest } from '../messaging/protocol';
import { sendEarlyRequests } from './early-requests';
import { whenSwitchedOn } from './frame-switch';
import { whenWorthScanning } from './frame-worth';
import { failHeldSaves, holdSavesForCore } from './held-saves';
import { highlightApiAvailable, isHtmlDocument } from './highlight-api';
import { documentAddress } from './page-url';
import { markStartup } from './startup-timing';

export async function startFrame(): Promise<void> {
  // The top document has the listed core (entrypoints/scan.content.ts).
  if (window === window.top) return;
  if (!isHtmlDocument() || !highlightApiAvailable()) return;
  markStartup('loader');
  // A save command sent as the reader's selection starts the frame waits for the core.
  holdSavesForCore();
  // On a site that is off (or with the extension paused) the core would stop at once: wait
  // until it is on. Read beside the name check, not before it: at page load the settings'
  // read waits behind the top document's read of the matcher (a same-origin frame's first
  // highlight came about 50 ms later with the read first).
  await Promise.all([whenSwitchedOn(), whenWorthScanning(document, () => normalizePageUrl(documentAddress()))]);
  const start: Extract<BackgroundRequest, { type: 'frame/start' }> = { type: 'frame/start' };
  try {
    sendEarlyRequests();
    await browser.runtime.sendMessage(start);
  } catch {
    // The extension was reloaded or removed meanwhile (its APIs throw then): no core comes.
    failHeldSaves('The extension could not start in this frame.');
  }
}
