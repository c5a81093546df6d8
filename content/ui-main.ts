/**
 * The content script's in-page UI, started by the core (content/main.ts, see
 * content/ui-bridge.ts) once the first mentions are painted: the hover card, saving
 * clippings from a selection, and this page's saved clippings re-anchored and painted.
 * Data comes through validated messages; nothing here opens IndexedDB.
 */
import { resolveLanguage, setLanguage, t } from '../i18n';
import { askBackground } from '../messaging/client';
import themeCss from '../components/theme.css?inline';
import entityCss from '../components/entity.css?inline';
import cardCss from '../components/card/card.css?inline';
import clipCss from '../components/clip/clip.css?inline';
import { CardController } from './card/controller';
import { clippingFromRange } from './clip/capture';
import { PageClippings } from './clip/page-clippings';
import { SelectionUi } from './clip/selection-ui';
import { sentenceRange } from './clip/sentence';
import { isOwnElement } from './own';
import type { ContentCore, ContentUi } from './ui-bridge';
import { createUiHost, type UiHost } from './ui/host';

export function startUi(core: ContentCore): ContentUi {
  const { doc, highlighter } = core;
  setLanguage(resolveLanguage(core.settings().language));
  const shadowRoots = () => core.scanner()?.shadowRoots() ?? [];
  const clippings = new PageClippings(doc, highlighter, shadowRoots);
  let ui: { host: UiHost; card: CardController; selection: SelectionUi } | undefined;
  /** This page's clippings being read and anchored (once per start). */
  let clippingsLoading: Promise<void> | undefined;

  const loadClippings = async () => {
    try {
      const { clippings: list } = await askBackground({ type: 'clip/forPage', url: core.pageUrl() });
      clippings.set(list);
    } catch {
      clippings.set([]);
    }
    core.report();
  };

  const saveRange = async (range: Range) => {
    const clipping = clippingFromRange(range, {
      href: location.href,
      title: doc.title,
      entitiesIn: (text) => core.scanner()?.entitiesIn(text) ?? [],
    });
    const r = await askBackground({ type: 'clip/save', clipping });
    clippings.add(r.clipping, range);
    core.report();
    return { ...r, range };
  };

  const build = () => {
    if (ui) {
      ui.host.ensureAttached();
      return ui;
    }
    const host = createUiHost(doc, themeCss + entityCss + cardCss + clipCss);
    const isOwnEvent = (e: Event) => e.composedPath().includes(host.host);
    const selection = new SelectionUi({
      doc,
      uiRoot: host.root,
      isOwn: isOwnElement,
      shadowRoots,
      save: saveRange,
      update: async (id, note, tags) => {
        await askBackground({ type: 'clip/update', id, note, tags });
      },
      undo: async (id) => {
        await askBackground({ type: 'clip/delete', id });
        clippings.remove(id);
        core.report();
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
          return t('clip.failed', { error: e instanceof Error ? e.message : String(e) });
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

  const focus = (range: AbstractRange) => {
    range.startContainer.parentElement?.scrollIntoView({ block: 'center', behavior: 'smooth' });
    highlighter.clear(core.focusName);
    highlighter.add(core.focusName, range);
    setTimeout(() => highlighter.clear(core.focusName), 2000);
  };

  return {
    ensure() {
      build();
      clippingsLoading ??= loadClippings();
    },
    remove() {
      ui?.card.detach();
      ui?.selection.detach();
      ui?.host.destroy();
      ui = undefined;
      // Turned on again later: the clippings are read again then.
      clippingsLoading = undefined;
    },
    clippingIds: () => ({ anchored: clippings.anchoredIds, orphaned: clippings.orphanedIds }),
    onFlush() {
      if (clippings.stale() && clippings.anchor()) core.report();
    },
    applySettings(settings) {
      setLanguage(resolveLanguage(settings.language));
    },
    navigate: (direction) => build().card.navigate(direction),
    async saveSelection() {
      if (!core.enabled()) return { saved: false, reason: t('popup.disabledHere') };
      return build().selection.saveSelection();
    },
    async showClipping(id) {
      await clippingsLoading;
      const r = clippings.rangeOf(id);
      if (!r) return false;
      focus(r);
      return true;
    },
    reloadClippings() {
      clippingsLoading = loadClippings();
      return clippingsLoading;
    },
  };
}
