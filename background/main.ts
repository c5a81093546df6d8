/**
 * The service worker: owns the database, seeds it from the built-in pack, publishes
 * the compiled matcher, and answers messages. Listeners are registered synchronously
 * at start so a message or event that woke the worker is not missed.
 */
import type { WxtBrowser } from 'wxt/browser';
import { liveQuery } from 'dexie';
import { BUILTIN_PACK_VERSION, builtinEntities } from '../kb/builtin';
import { askContent } from '../messaging/client';
import { BackgroundResponseSchemas, parseBackgroundRequest } from '../messaging/protocol';
import { createListener } from '../messaging/server';
import { db } from '../storage/db';
import { MATCHER_STORAGE_KEY, STATUS_KEY, TAB_REPORTS_KEY } from '../storage/keys';
import { seedBuiltin } from '../storage/seed';
import { publishMatcher } from './matcher';
import { backgroundHandlers, classifySender } from './service';
import { TabReports } from './tab-reports';

export function startBackground(browser: WxtBrowser): void {
  const tabs = new TabReports({
    get: async () => (await browser.storage.session.get(TAB_REPORTS_KEY))[TAB_REPORTS_KEY] as never,
    set: (value) => browser.storage.session.set({ [TAB_REPORTS_KEY]: value }),
  });
  const matcherTarget = {
    get: async () => (await browser.storage.local.get(MATCHER_STORAGE_KEY))[MATCHER_STORAGE_KEY] as { fingerprint?: string } | undefined,
    set: (value: object) => browser.storage.local.set({ [MATCHER_STORAGE_KEY]: value }),
  };

  // One seeding/publishing at a time; a forced run (install/update) queues behind the current one.
  let ready: Promise<{ published: boolean }> | undefined;
  const ensureReady = (force = false) => {
    if (ready && !force) return ready;
    const run = async () => {
      try {
        const seeded = await seedBuiltin(builtinEntities(), BUILTIN_PACK_VERSION, db(), force);
        const published = await publishMatcher(matcherTarget, db(), force || seeded.seeded);
        await browser.storage.session.set({ [STATUS_KEY]: { ok: true, entities: seeded.count, at: Date.now() } });
        return published;
      } catch (e) {
        const error = e instanceof Error ? e.message : String(e);
        console.error('[CN AI Context] start-up failed:', error);
        await browser.storage.session.set({ [STATUS_KEY]: { ok: false, error, at: Date.now() } });
        throw e;
      }
    };
    return (ready = (ready ?? Promise.resolve()).catch(() => {}).then(run));
  };

  const handlers = backgroundHandlers({
    tabs,
    ensureReady: () => ensureReady(),
    jump: async (tabId, frameId, entityId) => (await askContent(tabId, { type: 'content/jump', entityId }, frameId)).found,
  });
  const extensionOrigin = browser.runtime.getURL('/');
  browser.runtime.onMessage.addListener(
    createListener({
      parse: parseBackgroundRequest,
      handlers: handlers as never,
      responses: BackgroundResponseSchemas,
      context: (sender) => classifySender(sender, browser.runtime.id, extensionOrigin),
    }),
  );
  browser.runtime.onInstalled.addListener(() => {
    void ensureReady(true).catch(() => {});
  });
  browser.tabs.onRemoved.addListener((tabId) => void tabs.removeTab(tabId));

  void ensureReady()
    .catch(() => {})
    .then(() => {
      // Knowledge edits made in extension pages reach the matcher through Dexie's change events.
      liveQuery(() => Promise.all([db().userEntities.toArray(), db().entityPrefs.toArray()])).subscribe({
        next: () => void publishMatcher(matcherTarget, db()).catch((e) => console.error('[CN AI Context] publish failed', e)),
      });
    });
}
