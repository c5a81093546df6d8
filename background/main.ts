/**
 * The service worker: owns the database, seeds it from the built-in pack, publishes
 * the compiled matcher, records reading history, and answers messages, commands and
 * the context menu. Listeners are registered synchronously at start so an event that
 * woke the worker is not missed.
 */
import type { WxtBrowser } from 'wxt/browser';
import { liveQuery } from 'dexie';
import { BUILTIN_PACK_VERSION } from '../kb/pack-loader';
import { fetchBuiltinEntities } from './pack';
import type { Entity } from '../kb/schema';
import { resolveLanguage, setLanguage, t } from '../i18n';
import { askContent, sendToContent } from '../messaging/client';
import { runNavigateCommand, runSaveCommand, type SendToTab } from './commands';
import { BackgroundResponseSchemas, parseBackgroundRequest } from '../messaging/protocol';
import { createListener } from '../messaging/server';
import { isSiteEnabled, parseSettings } from '../model/settings';
import { hostOf } from '../model/url';
import { db } from '../storage/db';
import { ENTITY_LABELS_KEY, MATCHER_STORAGE_KEY, SETTINGS_KEY, STATUS_KEY, TAB_REPORTS_KEY } from '../storage/keys';
import { seedBuiltin } from '../storage/seed';
import { publishMatcher, type EntityLabels } from './matcher';
import { backgroundHandlers, classifySender } from './service';
import { FramePolicies } from './frame-policies';
import { NameCandidates } from './name-candidates';
import { pickLabels, TabReports } from './tab-reports';

export const COMMANDS = { next: 'next-mention', prev: 'previous-mention', save: 'save-clipping' } as const;
export const MENU_SAVE = 'cnai-save-clipping';

export function startBackground(browser: WxtBrowser, loadPack: () => Promise<Entity[]> = () => fetchBuiltinEntities(browser)): void {
  const tabs = new TabReports({
    get: async () => (await browser.storage.session.get(TAB_REPORTS_KEY))[TAB_REPORTS_KEY] as never,
    set: (value) => browser.storage.session.set({ [TAB_REPORTS_KEY]: value }),
  });
  // The published labels, read once per service worker life (the popup reads a tab's from its report).
  let publishedLabels: Promise<EntityLabels> | undefined;
  const matcherTarget = {
    get: async () => (await browser.storage.local.get(MATCHER_STORAGE_KEY))[MATCHER_STORAGE_KEY] as { fingerprint?: string } | undefined,
    set: (value: object) => browser.storage.local.set({ [MATCHER_STORAGE_KEY]: value }),
    setLabels: async (labels: EntityLabels) => {
      publishedLabels = Promise.resolve(labels);
      await browser.storage.local.set({ [ENTITY_LABELS_KEY]: labels });
      // Open tabs' reports keep labels for the popup: a renamed entity shows its new name.
      await tabs.relabel(labels);
    },
  };
  const labelsFor = async (ids: string[]): Promise<EntityLabels> => {
    publishedLabels ??= browser.storage.local.get(ENTITY_LABELS_KEY).then((o) => (o[ENTITY_LABELS_KEY] ?? {}) as EntityLabels);
    const all = await publishedLabels.catch((e: unknown) => {
      publishedLabels = undefined;
      throw e;
    });
    return pickLabels(all, ids);
  };
  const settings = async () => parseSettings((await browser.storage.local.get(SETTINGS_KEY))[SETTINGS_KEY]);
  const publish = async (force = false) => publishMatcher(matcherTarget, db(), force, (await settings()).kinds);

  // One seeding/publishing at a time; a forced run (install/update) queues behind the current one.
  let ready: Promise<{ published: boolean }> | undefined;
  const ensureReady = (force = false) => {
    if (ready && !force) return ready;
    const run = async () => {
      try {
        const seeded = await seedBuiltin(loadPack, BUILTIN_PACK_VERSION, db(), force);
        const published = await publish(force || seeded.seeded);
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

  // Navigation responses' Content-Security-Policy, for the content script's WebAssembly scan.
  const policies = new FramePolicies();
  try {
    browser.webRequest.onHeadersReceived.addListener(
      (d) => {
        policies.record(d.tabId, d.frameId, d.url, d.responseHeaders ?? []);
        return undefined;
      },
      { urls: ['http://*/*', 'https://*/*'], types: ['main_frame', 'sub_frame'] },
      ['responseHeaders'],
    );
  } catch {
    // No webRequest here (WXT's fake browser in unit tests): every page scans in JavaScript.
  }

  // For frames that ask whether their text is worth a scan: the published matcher, built
  // once per worker life and again after it is republished (the listener below).
  const nameCandidates = new NameCandidates(async () => (await browser.storage.local.get(MATCHER_STORAGE_KEY))[MATCHER_STORAGE_KEY]);

  const handlers = backgroundHandlers({
    tabs,
    hasNameCandidates: (text) => nameCandidates.has(text),
    wasmAllowed: (tabId, frameId, url) => policies.wasmAllowed(tabId, frameId, url),
    // The listed core's own file (content/frame-loader.ts says why): in a frame of the top
    // document's process, V8 finds the top document's compilation of the same script.
    startFrame: async ({ tabId, frameId, documentId }) => {
      await browser.scripting.executeScript({
        target: documentId ? { tabId, documentIds: [documentId] } : { tabId, frameIds: [frameId] },
        files: ['/content-scripts/scan.js'],
      });
    },
    labelsFor,
    ensureReady: () => ensureReady(),
    jump: async (tabId, frameId, entityId) => {
      const r = await askContent(tabId, { type: 'content/jump', entityId }, frameId);
      return r.found || (r.hidden ? 'hidden' : false);
    },
    hiddenIn: async (tabId, frameId) => (await askContent(tabId, { type: 'content/hidden' }, frameId)).hidden,
    mayRecordHistory: async (url) => {
      const s = await settings();
      return s.historyEnabled && isSiteEnabled(s, hostOf(url));
    },
    openPage: async (path) => {
      await browser.tabs.create({ url: browser.runtime.getURL(path as '/library.html') });
    },
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
    browser.contextMenus?.removeAll(() => {
      browser.contextMenus.create({ id: MENU_SAVE, title: t('clip.save'), contexts: ['selection'] });
    });
  });
  browser.contextMenus?.onClicked.addListener((info, tab) => {
    if (info.menuItemId !== MENU_SAVE || tab?.id === undefined) return;
    void askContent(tab.id, { type: 'content/save-selection' }, info.frameId ?? 0).catch(() => {});
  });
  browser.commands?.onCommand.addListener((command, tab) => {
    void (async () => {
      const id = tab?.id ?? (await browser.tabs.query({ active: true, currentWindow: true }))[0]?.id;
      if (id === undefined) return;
      const send: SendToTab = (request, frameId) => sendToContent(id, request, frameId);
      if (command === COMMANDS.next || command === COMMANDS.prev) {
        const counted = async () => Object.values((await tabs.summary(id))?.counts ?? {}).reduce((a, n) => a + n, 0);
        await runNavigateCommand(send, command === COMMANDS.next ? 'next' : 'prev', counted);
      } else if (command === COMMANDS.save) {
        await runSaveCommand(send);
      }
    })().catch(() => {});
  });
  browser.tabs.onRemoved.addListener((tabId) => {
    void tabs.removeTab(tabId);
    policies.removeTab(tabId);
  });
  // A new document in the tab: every frame will report again.
  browser.tabs.onUpdated.addListener((tabId, info) => {
    if (info.status === 'loading') void tabs.removeTab(tabId);
  });
  // The context menu speaks the reader's interface language.
  const applyLanguage = async () => {
    setLanguage(resolveLanguage((await settings()).language, globalThis.navigator?.language ?? 'en'));
    browser.contextMenus?.update(MENU_SAVE, { title: t('clip.save') }, () => void browser.runtime.lastError);
  };
  void applyLanguage();
  browser.storage.onChanged.addListener((changes, area) => {
    if (area === 'local' && MATCHER_STORAGE_KEY in changes) nameCandidates.invalidate();
    if (area === 'local' && SETTINGS_KEY in changes) {
      void applyLanguage();
      void ensureReady().then(() => publish());
    }
  });

  void ensureReady()
    .catch(() => {})
    .then(() => {
      // Knowledge edits made in extension pages reach the matcher through Dexie's change events.
      liveQuery(() => Promise.all([db().userEntities.toArray(), db().entityPrefs.toArray()])).subscribe({
        next: () => void publish().catch((e) => console.error('[CN AI Context] publish failed', e)),
      });
    });
}
