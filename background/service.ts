/**
 * The background's message handlers. Every request is validated (messaging/protocol)
 * and its sender checked before a handler runs.
 */
import { MessageError, type BackgroundRequest, type CardData } from '../messaging/protocol';
import type { Sender } from '../messaging/server';
import { entityCard } from '../storage/cards';
import { clippingsForEntity, clippingsForPage, deleteClipping, restoreClipping, saveClipping, updateClipping } from '../storage/clippings';
import { db, type CnaiDatabase } from '../storage/db';
import { recordVisit, seenOn } from '../storage/history';
import { setMuted } from '../storage/knowledge';
import type { EntityLabels } from './matcher';
import type { FrameReport, TabReports } from './tab-reports';
import { showsAQuote } from './frame-clippings';

export interface SenderInfo {
  /** A content script in a web page. */
  fromContent: boolean;
  /** One of the extension's own pages (popup, library). */
  fromExtensionPage: boolean;
  tabId?: number;
  frameId?: number;
  /** The sending document (Chromium), so an injection cannot reach the frame's next one. */
  documentId?: string;
  incognito: boolean;
}

/** Accepts only this extension's content scripts and pages. */
export function classifySender(sender: Sender, runtimeId: string, extensionOrigin: string): SenderInfo {
  if (sender.id !== runtimeId) throw new MessageError('Rejected message: it does not come from this extension');
  const fromExtensionPage = !!sender.url && sender.url.startsWith(extensionOrigin);
  const fromContent = !fromExtensionPage && sender.tab?.id !== undefined;
  if (!fromExtensionPage && !fromContent) throw new MessageError('Rejected message: unknown sender');
  return { fromContent, fromExtensionPage, tabId: sender.tab?.id, frameId: sender.frameId, documentId: sender.documentId, incognito: !!sender.tab?.incognito };
}

export interface ServiceDeps {
  database?: CnaiDatabase;
  tabs: TabReports;
  /** Scrolls a frame to an entity's first mention: true, or 'hidden' when its mentions there are all in hidden parts of the page. */
  jump: (tabId: number, frameId: number, entityId: string) => Promise<boolean | 'hidden'>;
  /** A frame's entities whose every mention there is in a hidden part of the page. */
  hiddenIn?: (tabId: number, frameId: number) => Promise<string[]>;
  /** Seeds and publishes the matcher if needed. */
  ensureReady: () => Promise<{ published: boolean }>;
  /** Whether visits to this page may be recorded (history on, site enabled). */
  mayRecordHistory?: (url: string) => Promise<boolean>;
  /** Opens an extension page in a tab. */
  openPage?: (path: string) => Promise<void>;
  /** Whether a frame's page policy lets its content script compile WebAssembly. */
  wasmAllowed?: (tabId: number, frameId: number, url: string) => boolean;
  /** Injects the core into a frame (background/main.ts: the listed core's own file). */
  startFrame?: (target: { tabId: number; frameId: number; documentId?: string }) => Promise<void>;
  /** Whether a frame's text, read with every rule, names something (true when there is no matcher yet). */
  hasNameCandidates?: (text: string) => Promise<boolean>;
  /** The published labels of these entities (kept with a tab's report, for the popup's first paint). */
  labelsFor?: (ids: string[]) => Promise<EntityLabels>;
  now?: () => Date;
}

type Handlers = {
  [T in BackgroundRequest['type']]: (req: Extract<BackgroundRequest, { type: T }>, sender: SenderInfo) => Promise<unknown>;
};

export function backgroundHandlers(deps: ServiceDeps): Handlers {
  const database = deps.database;
  const extensionPageOnly = (s: SenderInfo) => {
    if (!s.fromExtensionPage) throw new MessageError('Rejected message: only extension pages may ask this');
  };
  return {
    'kb/entity': async ({ id }) => entityCard(id, database),
    'kb/card': async ({ id, url }): Promise<CardData | null> => {
      const card = await entityCard(id, database);
      if (!card) return null;
      const [clippings, seen, pref] = await Promise.all([
        clippingsForEntity(id, 3, database),
        seenOn(id, { excludeUrl: url, limit: 5 }, database),
        (database ?? db()).entityPrefs.get(id),
      ]);
      return { card, muted: !!pref?.muted, clippings, seenOn: seen };
    },
    'kb/mute': async ({ id, muted }) => {
      await setMuted(id, muted, database);
      return null;
    },
    'ui/open': async ({ page, hash }) => {
      await deps.openPage?.(`/${page}.html${hash ?? ''}`);
      return null;
    },
    'page/report': async ({ url, title, counts, clippings }, s) => {
      if (!s.fromContent || s.tabId === undefined) throw new MessageError('Rejected message: only content scripts report pages');
      const report: FrameReport = { url, title, counts, anchored: clippings?.anchored ?? [], orphaned: clippings?.orphaned ?? [] };
      const labels = await deps.labelsFor?.(Object.keys(counts)).catch(() => undefined);
      if (labels && Object.keys(labels).length) report.labels = labels;
      await deps.tabs.set(s.tabId, s.frameId ?? 0, report);
      if (!s.incognito && /^https?:/.test(url) && (await deps.mayRecordHistory?.(url))) {
        // The page's record sums its frames at that address: an inline frame reports under
        // its page's address, and must not overwrite the page's counts with its own.
        await recordVisit({ url, ...(await deps.tabs.page(s.tabId, url)) }, deps.now?.() ?? new Date(), database);
      }
      return null;
    },
    'page/scan-engine': async ({ url }, s) => {
      if (!s.fromContent || s.tabId === undefined) throw new MessageError('Rejected message: only content scripts ask about their page');
      return { wasm: deps.wasmAllowed?.(s.tabId, s.frameId ?? 0, url) ?? false };
    },
    'frame/worth': async ({ url, text }, s) => {
      if (!s.fromContent) throw new MessageError('Rejected message: only content scripts ask about their frame');
      // Without the check, every frame is worth a scan, as before it existed.
      if (!deps.hasNameCandidates || (await deps.hasNameCandidates(text))) return { worth: true };
      const page = await (database ?? db()).clippings.where('url').equals(url).toArray();
      return { worth: page.length > 0 && showsAQuote(text, page.map((c) => c.quote.exact)) };
    },
    'frame/start': async (_, s) => {
      // Never the top document: its core is listed.
      if (!s.fromContent || s.tabId === undefined || !s.frameId) throw new MessageError('Rejected message: only a frame starts its core');
      if (!deps.startFrame) throw new MessageError('Frames cannot be started here');
      await deps.startFrame({ tabId: s.tabId, frameId: s.frameId, documentId: s.documentId });
      return null;
    },
    'tab/summary': async ({ tabId }, s) => {
      extensionPageOnly(s);
      return deps.tabs.summary(tabId);
    },
    'tab/jump': async ({ tabId, entityId }, s) => {
      extensionPageOnly(s);
      let hidden = false;
      for (const frameId of await deps.tabs.framesWith(tabId, entityId)) {
        const r = await deps.jump(tabId, frameId, entityId).catch(() => false);
        if (r === true) return { found: true };
        if (r === 'hidden') hidden = true;
      }
      return hidden ? { found: false, hidden } : { found: false };
    },
    'tab/hidden': async ({ tabId }, s) => {
      extensionPageOnly(s);
      // Hidden in the tab: hidden in every frame that counted it. A frame that does not
      // answer (gone, busy) counts as showing what it counted.
      const frames = await deps.tabs.countsByFrame(tabId);
      const answers = await Promise.all(frames.map(([frameId]) => deps.hiddenIn?.(tabId, frameId).catch(() => []) ?? Promise.resolve([])));
      const shown = new Set<string>();
      const hidden = new Set<string>();
      frames.forEach(([, counts], i) => {
        const here = new Set(answers[i]);
        for (const [id, n] of Object.entries(counts)) if (n > 0) (here.has(id) ? hidden : shown).add(id);
      });
      return { hidden: [...hidden].filter((id) => !shown.has(id)) };
    },
    'matcher/ensure': async () => ({ published: (await deps.ensureReady()).published }),
    'clip/save': async ({ clipping }) => saveClipping(clipping, database),
    'clip/update': async ({ id, note, tags }) => ({ clipping: await updateClipping(id, { note, tags }, deps.now?.() ?? new Date(), database) }),
    'clip/delete': async ({ id }) => ({ deleted: await deleteClipping(id, database) }),
    'clip/restore': async ({ clipping }) => {
      await restoreClipping(clipping, database);
      return null;
    },
    'clip/forPage': async ({ url }) => ({ clippings: await clippingsForPage(url, database) }),
  };
}
