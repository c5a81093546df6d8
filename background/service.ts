/**
 * The background's message handlers. Every request is validated (messaging/protocol)
 * and its sender checked before a handler runs.
 */
import { MessageError, type BackgroundRequest } from '../messaging/protocol';
import type { Sender } from '../messaging/server';
import { entityCard } from '../storage/cards';
import type { CnaiDatabase } from '../storage/db';
import type { TabReports } from './tab-reports';

export interface SenderInfo {
  /** A content script in a web page. */
  fromContent: boolean;
  /** One of the extension's own pages (popup, library). */
  fromExtensionPage: boolean;
  tabId?: number;
  frameId?: number;
}

/** Accepts only this extension's content scripts and pages. */
export function classifySender(sender: Sender, runtimeId: string, extensionOrigin: string): SenderInfo {
  if (sender.id !== runtimeId) throw new MessageError('Rejected message: it does not come from this extension');
  const fromExtensionPage = !!sender.url && sender.url.startsWith(extensionOrigin);
  const fromContent = !fromExtensionPage && sender.tab?.id !== undefined;
  if (!fromExtensionPage && !fromContent) throw new MessageError('Rejected message: unknown sender');
  return { fromContent, fromExtensionPage, tabId: sender.tab?.id, frameId: sender.frameId };
}

export interface ServiceDeps {
  database?: CnaiDatabase;
  tabs: TabReports;
  /** Asks a frame's content script to scroll to an entity's first mention. */
  jump: (tabId: number, frameId: number, entityId: string) => Promise<boolean>;
  /** Seeds and publishes the matcher if needed. */
  ensureReady: () => Promise<{ published: boolean }>;
}

type Handlers = {
  [T in BackgroundRequest['type']]: (req: Extract<BackgroundRequest, { type: T }>, sender: SenderInfo) => Promise<unknown>;
};

export function backgroundHandlers(deps: ServiceDeps): Handlers {
  const extensionPageOnly = (s: SenderInfo) => {
    if (!s.fromExtensionPage) throw new MessageError('Rejected message: only extension pages may ask this');
  };
  return {
    'kb/entity': async ({ id }) => entityCard(id, deps.database),
    'page/report': async ({ url, title, counts }, s) => {
      if (!s.fromContent || s.tabId === undefined) throw new MessageError('Rejected message: only content scripts report pages');
      await deps.tabs.set(s.tabId, s.frameId ?? 0, { url, title, counts });
      return null;
    },
    'tab/summary': async ({ tabId }, s) => {
      extensionPageOnly(s);
      return deps.tabs.summary(tabId);
    },
    'tab/jump': async ({ tabId, entityId }, s) => {
      extensionPageOnly(s);
      for (const frameId of await deps.tabs.framesWith(tabId, entityId)) {
        if (await deps.jump(tabId, frameId, entityId).catch(() => false)) return { found: true };
      }
      return { found: false };
    },
    'matcher/ensure': async () => deps.ensureReady(),
  };
}
