/** Reading, writing and watching the reader's settings in browser.storage.local. */
import { browser } from 'wxt/browser';
import { parseSettings, SettingsSchema, type Settings } from '../model/settings';
import { SETTINGS_KEY } from './keys';

export async function readSettings(): Promise<Settings> {
  const raw = (await browser.storage.local.get(SETTINGS_KEY))[SETTINGS_KEY];
  return parseSettings(raw);
}

/**
 * Validates and stores a change; every open tab and page sees it through storage.onChanged.
 * Stored as read back (the list of sites normalized: model/sites.ts).
 */
export async function updateSettings(patch: Partial<Settings>): Promise<Settings> {
  const next = parseSettings(SettingsSchema.parse({ ...(await readSettings()), ...patch }));
  await browser.storage.local.set({ [SETTINGS_KEY]: next });
  return next;
}

export function watchSettings(cb: (s: Settings) => void): () => void {
  const listener = (changes: Record<string, { newValue?: unknown }>, area: string) => {
    if (area === 'local' && SETTINGS_KEY in changes) cb(parseSettings(changes[SETTINGS_KEY]!.newValue));
  };
  browser.storage.onChanged.addListener(listener);
  return () => browser.storage.onChanged.removeListener(listener);
}
