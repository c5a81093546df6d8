/**
 * The content script's second part, started by the core (content/main.ts, see
 * content/ui-bridge.ts) once the first mentions are painted: messages with the background
 * and the popup, the hover card, saving clippings from a selection, and this page's saved
 * clippings re-anchored and painted. Data comes through validated messages; nothing here
 * opens IndexedDB.
 */
import { browser } from 'wxt/browser';
import { applyDisplaySettings, t } from '../i18n';
import { askBackground } from '../messaging/client';
import { ContentResponseSchemas, MessageError, parseContentRequest, type ContentRequest } from '../messaging/protocol';
import { createListener } from '../messaging/server';
import themeCss from '../components/theme.css?inline';
import entityCss from '../components/entity.css?inline';
import cardCss from '../components/card/card.css?inline';
import clipCss from '../components/clip/clip.css?inline';
import { describeSaveError, failureMessage } from '../components/clip/save-error';
import { CardController, isShown } from './card/controller';
import { clippingFromRange } from './clip/capture';
import { PageClippings } from './clip/page-clippings';
import { SelectionUi } from './clip/selection-ui';
import { sentenceRange } from './clip/sentence';
import { isOwnElement } from './own';
import { declinesSave } from './held-saves';
import type { ContentCore, ContentUi } from './ui-bridge';
import type { Settings } from '../model/settings';
import { createUiHost, type UiHost } from './ui/host';

export function startUi(core: ContentCore): ContentUi {
  const { doc, highlighter } = core;
  // The interface language, and the script of Chinese names: the page's, on its cards, unless the reader chose one.
  const applyDisplay = (settings: Settings) => applyDisplaySettings(settings, doc.documentElement.lang);
  applyDisplay(core.settings());
  const shadowRoots = () => core.scanner()?.shadowRoots() ?? [];
  const clippings = new PageClippings(doc, highlighter, shadowRoots);
  let ui: { host: UiHost; card: CardController; selection: SelectionUi } | undefined;
  /** This page's clippings being read and anchored (once per start). */
  let clippingsLoading: Promise<void> | undefined;

  // ---- reporting to the background ----------------------------------------
  let reportTimer: ReturnType<typeof setTimeout> | undefined;
  let lastReport = '';
  const report = () => {
    clearTimeout(reportTimer);
    reportTimer = setTimeout(() => {
      if (!core.alive()) return;
      const msg = {
        type: 'page/report' as const,
        url: core.pageUrl(),
        title: doc.title.slice(0, 2000),
        counts: core.scanner()?.countsById() ?? {},
        clippings: { anchored: clippings.anchoredIds, orphaned: clippings.orphanedIds },
      };
      const key = JSON.stringify(msg);
      if (key === lastReport) return;
      lastReport = key;
      askBackground(msg).catch(() => {});
    }, 300);
  };

  /** A clipping that is no longer stored: its highlight goes, and the tab's report follows. */
  const forget = (id: string) => {
    clippings.remove(id);
    report();
  };

  /** This page's stored clippings. */
  const storedClippings = async () => (await askBackground({ type: 'clip/forPage', url: core.pageUrl() })).clippings;

  const loadClippings = async () => {
    try {
      clippings.set(await storedClippings());
    } catch {
      clippings.set([]);
    }
    report();
  };

  // Back on this tab (from the library, say): clippings deleted or added meanwhile show so.
  // One request per return to the tab, and only once this page's clippings were read.
  const onVisible = () => {
    if (doc.visibilityState !== 'visible' || !clippingsLoading) return;
    clippingsLoading = clippingsLoading.then(async () => {
      try {
        if (clippings.sync(await storedClippings())) report();
      } catch {
        // The extension was reloaded, or the background is busy: the next return tries again.
      }
    });
  };

  const saveRange = async (range: Range) => {
    const clipping = clippingFromRange(range, {
      href: core.pageUrl(),
      title: doc.title,
      entitiesIn: (text, cuts) => core.scanner()?.entitiesIn(text, cuts) ?? [],
    });
    const r = await askBackground({ type: 'clip/save', clipping });
    clippings.add(r.clipping, range);
    report();
    return { ...r, range };
  };

  const build = () => {
    if (ui) {
      ui.host.ensureAttached();
      return ui;
    }
    // Here rather than once at start: a rebuild follows the page's document.open(), which
    // erases every listener of the document (adding the same listener twice adds it once).
    doc.addEventListener('visibilitychange', onVisible);
    const host = createUiHost(doc, themeCss + entityCss + cardCss + clipCss);
    const isOwnEvent = (e: Event) => e.composedPath().includes(host.host);
    const selection = new SelectionUi({
      doc,
      uiRoot: host.root,
      isOwn: isOwnElement,
      shadowRoots,
      save: saveRange,
      update: async (id, note, tags) => {
        try {
          await askBackground({ type: 'clip/update', id, note, tags });
        } catch (e) {
          // Deleted meanwhile (in the library): its highlight goes now, as on a return to the tab.
          if (failureMessage(e)?.code === 'clip.gone') forget(id);
          throw e;
        }
      },
      undo: async (id) => {
        await askBackground({ type: 'clip/delete', id });
        forget(id);
      },
      enabled: core.enabled,
      ensureHost: () => host.reveal(),
    });
    const card = new CardController({
      doc,
      uiRoot: host.root,
      scanner: core.scanner,
      hoverDelayMs: () => core.settings().hoverDelayMs,
      pageUrl: core.pageUrl,
      loadCard: (id) => askBackground({ type: 'kb/card', id, url: core.pageUrl() }),
      mute: async (id, muted) => {
        await askBackground({ type: 'kb/mute', id, muted });
      },
      openLibrary: async (hash) => {
        await askBackground({ type: 'ui/open', page: 'library', hash });
      },
      saveSentence: async (rec) => {
        const range = sentenceRange(doc, rec.range);
        if (!range) return t('clip.noSelection');
        try {
          const outcome = await saveRange(range);
          return t(outcome.duplicate ? 'card.alreadySaved' : 'card.saved');
        } catch (e) {
          return describeSaveError(e);
        }
      },
      shadowRoots,
      isOwnEvent,
      ensureHost: () => host.reveal(),
    });
    selection.attach();
    card.attach();
    ui = { host, card, selection };
    return ui;
  };

  // One flash at a time: a jump made while the last one shows gets its full two seconds.
  let focusTimer: ReturnType<typeof setTimeout> | undefined;
  const focus = (range: AbstractRange) => {
    range.startContainer.parentElement?.scrollIntoView({ block: 'center', behavior: 'smooth' });
    highlighter.clear(core.focusName);
    highlighter.add(core.focusName, range);
    clearTimeout(focusTimer);
    focusTimer = setTimeout(() => highlighter.clear(core.focusName), 2000);
  };
  /** The UI, built, with this page's clippings on their way. */
  const ensure = () => {
    const built = build();
    clippingsLoading ??= loadClippings();
    return built;
  };

  // ---- messages from the popup and the background ---------------------------
  const handlers = {
    'content/jump': ({ entityId }: Extract<ContentRequest, { type: 'content/jump' }>) => {
      const scanner = core.scanner();
      // The first mention the reader can see: one in a closed menu or panel scrolls nowhere.
      const r = scanner?.firstMentionOf(entityId, (m) => isShown(doc, m.range));
      if (!r) return scanner?.firstMentionOf(entityId) ? { found: false, hidden: true } : { found: false };
      focus(r.range);
      return { found: true };
    },
    'content/hidden': () => {
      const scanner = core.scanner();
      const counts = scanner?.countsById() ?? {};
      // Stops at an entity's first mention the reader can see: all of them are checked
      // only for entities with none (a closed menu's few names).
      return { hidden: Object.keys(counts).filter((id) => counts[id]! > 0 && !scanner!.firstMentionOf(id, (m) => isShown(doc, m.range))) };
    },
    'content/counts': () => ({ url: core.pageUrl(), title: doc.title, counts: core.scanner()?.countsById() ?? {}, scan: core.scanMode() }),
    'content/navigate': ({ direction }: Extract<ContentRequest, { type: 'content/navigate' }>) => {
      if (!core.enabled()) return { found: false };
      return { found: ensure().card.navigate(direction) };
    },
    'content/save-selection': async () => {
      if (!core.enabled()) return { saved: false, reason: t('popup.disabledHere') };
      return ensure().selection.saveSelection();
    },
    // A keyboard command found nothing to act on in the tab (background/commands.ts).
    'content/notice': ({ notice }: Extract<ContentRequest, { type: 'content/notice' }>) => {
      if (!core.enabled()) return null;
      ensure().selection.showNotice(t(notice === 'no-selection' ? 'clip.noSelection' : 'popup.noEntities'));
      return null;
    },
    'content/show-clipping': async ({ id }: Extract<ContentRequest, { type: 'content/show-clipping' }>) => {
      await clippingsLoading;
      const r = clippings.rangeOf(id);
      if (!r) return { found: false };
      focus(r);
      return { found: true };
    },
  };
  const onMessage = createListener({
    parse: parseContentRequest,
    handlers,
    responses: ContentResponseSchemas,
    context: (sender) => {
      if (sender.id !== browser.runtime.id) throw new MessageError('Rejected message: unknown sender');
    },
  });
  // A save command with nothing selected here gets no answer: another frame may have the selection.
  type Args = Parameters<typeof onMessage>;
  const listener = (raw: unknown, sender: Args[1], sendResponse: Args[2]): true | undefined =>
    declinesSave(raw, doc) ? undefined : onMessage(raw, sender, sendResponse);
  browser.runtime.onMessage.addListener(listener);

  return {
    report,
    async ensureMatcher() {
      await askBackground({ type: 'matcher/ensure' }).catch(() => {});
    },
    ensure,
    remove() {
      ui?.card.detach();
      ui?.selection.detach();
      ui?.host.destroy();
      ui = undefined;
      // Turned on again later: the clippings are read again then.
      clippingsLoading = undefined;
    },
    onFlush() {
      if (clippings.stale() && clippings.anchor()) report();
    },
    applySettings(settings) {
      applyDisplay(settings);
    },
    onNavigate() {
      // The panel belongs to the page it was saved on; closing it saves its note and tags.
      ui?.selection.closePanel();
      lastReport = '';
      clippingsLoading = loadClippings();
    },
    dispose() {
      doc.removeEventListener('visibilitychange', onVisible);
      clearTimeout(reportTimer);
      browser.runtime.onMessage.removeListener(listener);
    },
    onMessage: (raw, sender, sendResponse) => onMessage(raw, sender as Args[1], sendResponse),
  };
}
