/**
 * What the content script starts before its core runs: reading the matcher and the
 * settings from storage, and asking the background which scan engine the page allows.
 * They are sent at document_start (entrypoints/prefetch.content.ts), so the answers wait
 * for the scan at document_idle instead of the scan waiting for them; the loader
 * (entrypoints/content) sends them itself if they were not. Neither part has Zod: the
 * application validates both answers as it would its own (content/main.ts).
 */
import { browser } from 'wxt/browser';
import type { BackgroundRequest } from '../messaging/protocol';
import { MATCHER_STORAGE_KEY, SETTINGS_KEY } from '../storage/keys';
import { markStartup } from './startup-timing';

export interface EarlyRequests {
  /** `storage.local` read of the matcher and the settings. */
  stored: Promise<Record<string, unknown>>;
  /** The raw answer to `page/scan-engine`, not yet validated. */
  scanEngine: Promise<unknown>;
  /** Storage changed one of those keys after the read was sent: read again. */
  storageChanged: () => boolean;
}

/** On the isolated world's global, which the page cannot reach; the application takes it once. */
const KEY = Symbol.for('cnai-context.early-requests');
type Holder = { [KEY]?: EarlyRequests };

export const STORED_KEYS = [MATCHER_STORAGE_KEY, SETTINGS_KEY];

export function scanEngineRequest(url: string): Extract<BackgroundRequest, { type: 'page/scan-engine' }> {
  return { type: 'page/scan-engine', url };
}

/** Sends the requests (the loader's, or the application's own if the loader sent none). */
export function sendRequests(): EarlyRequests {
  let changed = false;
  const onChanged = (changes: Record<string, unknown>, area: string) => {
    if (area === 'local' && STORED_KEYS.some((k) => k in changes)) changed = true;
  };
  browser.storage.onChanged.addListener(onChanged);
  const early: EarlyRequests = {
    stored: browser.storage.local.get(STORED_KEYS),
    scanEngine: browser.runtime.sendMessage(scanEngineRequest(location.href)),
    storageChanged: () => {
      browser.storage.onChanged.removeListener(onChanged);
      return changed;
    },
  };
  // The application handles failures; until it does, a rejection is not an error to report.
  early.stored.then(() => markStartup('storageAnswer'), () => {});
  early.stored.catch(() => {});
  early.scanEngine.catch(() => {});
  return early;
}

/**
 * Sends them and leaves them for the application: at document_start (entrypoints/
 * prefetch.content.ts), or from the loader at document_idle when they were not sent then.
 */
export function sendEarlyRequests(): void {
  (globalThis as Holder)[KEY] ??= sendRequests();
}

export function takeEarlyRequests(): EarlyRequests | undefined {
  const holder = globalThis as Holder;
  const early = holder[KEY];
  delete holder[KEY];
  return early;
}
