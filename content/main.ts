/**
 * The content script: loads the compiled matcher and the reader's settings from
 * extension storage (written by the background), paints mentions, re-anchors the
 * page's clippings, runs the hover card and the clipping UI, and answers the popup.
 * It never opens IndexedDB: data comes through validated messages.
 */
import { browser } from 'wxt/browser';
import { Matcher } from '../engine/matcher';
import { parseMatcherData } from '../engine/matcher-schema';
import { resolveLanguage, setLanguage, t } from '../i18n';
import { askBackground, parseEarlyAnswer } from '../messaging/client';
import { ContentResponseSchemas, MessageError, parseContentRequest, type ContentRequest } from '../messaging/protocol';
import { createListener } from '../messaging/server';
import { DEFAULT_SETTINGS, isSiteEnabled, parseSettings, type Settings } from '../model/settings';
import { normalizePageUrl } from '../model/url';
import { policiesAllowWasm } from '../model/csp';
import { MATCHER_STORAGE_KEY, SETTINGS_KEY } from '../storage/keys';
import highlightCss from '../entrypoints/content/highlights.css?inline';
import themeCss from '../components/theme.css?inline';
import entityCss from '../components/entity.css?inline';
import cardCss from '../components/card/card.css?inline';
import clipCss from '../components/clip/clip.css?inline';
import { CardController } from './card/controller';
import { clippingFromRange } from './clip/capture';
import { CLIPPING_HIGHLIGHT, PageClippings } from './clip/page-clippings';
import { SelectionUi } from './clip/selection-ui';
import { sentenceRange } from './clip/sentence';
import { Highlighter } from './highlighter';
import { highlightApiAvailable, isHtmlDocument } from './highlight-api';
import { colorOverrideCss } from './colors';
import { PageScanner } from './scanner';
import { yieldToMain } from './yield';
import { sendRequests, STORED_KEYS, takeEarlyRequests } from './early-requests';
import { isOwnElement } from './own';
import { createUiHost, type UiHost } from './ui/host';
import { markStartup } from './startup-timing';

const FOCUS = 'cnai-focus';

export async function startContent(): Promise<void> {
  // The loader (entrypoints/content) checked these and said why it stops.
  if (!isHtmlDocument() || !highlightApiAvailable()) return;
  markStartup('app');
  // Evaluating this module's top level was the task that loaded it; the rest of the
  // set-up goes in a task of its own.
  await yieldToMain();
  const doc = document;
  const highlighter = new Highlighter([FOCUS, CLIPPING_HIGHLIGHT]);
  const clippings = new PageClippings(doc, highlighter, () => scanner?.shadowRoots() ?? []);
  let settings: Settings = DEFAULT_SETTINGS;
  let matcherData: unknown;
  let scanner: PageScanner | undefined;
  let ui: { host: UiHost; card: CardController; selection: SelectionUi } | undefined;
  const shadowSheets = new Map<ShadowRoot, CSSStyleSheet>();
  const colorSheet = new CSSStyleSheet();
  const pageUrl = () => normalizePageUrl(location.href);
  /** The extension is still there (it was not reloaded, updated or removed under us). */
  const alive = () => !!browser.runtime?.id;
  // WebAssembly scan only where the page's policy allows it (model/csp.ts says why);
  // the background read the headers. A slow answer means JavaScript. The loader asked
  // already, with the storage read (content/early-requests.ts).
  const early = takeEarlyRequests() ?? sendRequests();
  const wasmAllowed: Promise<boolean> = Promise.race([
    parseEarlyAnswer('page/scan-engine', early.scanEngine).then((r) => r.wasm && metaPolicyAllowsWasm(document)),
    new Promise<boolean>((resolve) => setTimeout(() => resolve(false), 100)),
  ]).catch(() => false);
  let scanMode: 'webassembly' | 'javascript' | 'none' = 'none';
  const enabled = () => isSiteEnabled(settings, location.hostname);

  // ---- reporting to the background ----------------------------------------
  let reportTimer: ReturnType<typeof setTimeout> | undefined;
  let lastReport = '';
  const report = () => {
    clearTimeout(reportTimer);
    reportTimer = setTimeout(() => {
      if (!alive()) return;
      const msg = {
        type: 'page/report' as const,
        url: pageUrl(),
        title: doc.title.slice(0, 2000),
        counts: scanner?.countsById() ?? {},
        clippings: { anchored: clippings.anchoredIds, orphaned: clippings.orphanedIds },
      };
      const key = JSON.stringify(msg);
      if (key === lastReport) return;
      lastReport = key;
      askBackground(msg).catch(() => {});
    }, 300);
  };

  // ---- styles ----------------------------------------------------------------
  const applyColors = () => {
    const css = colorOverrideCss(settings.colors);
    // The default colours need no sheet: adopting one, even empty, makes the browser
    // re-match the whole page's style (17 ms on the 5 MB page).
    if (css || doc.adoptedStyleSheets.includes(colorSheet)) {
      colorSheet.replaceSync(css);
      const sheets = [...doc.adoptedStyleSheets];
      if (!sheets.includes(colorSheet)) doc.adoptedStyleSheets = [...sheets, colorSheet];
    }
    for (const sheet of shadowSheets.values()) sheet.replaceSync(highlightCss + css);
  };
  const adoptStyles = (sr: ShadowRoot) => {
    let sheet = shadowSheets.get(sr);
    if (!sheet) {
      sheet = new CSSStyleSheet();
      sheet.replaceSync(highlightCss + colorOverrideCss(settings.colors));
      shadowSheets.set(sr, sheet);
    }
    if (!sr.adoptedStyleSheets.includes(sheet)) sr.adoptedStyleSheets = [...sr.adoptedStyleSheets, sheet];
  };

  // ---- in-page UI --------------------------------------------------------------
  const saveRange = async (range: Range) => {
    const clipping = clippingFromRange(range, {
      href: location.href,
      title: doc.title,
      entitiesIn: (text) => scanner?.entitiesIn(text) ?? [],
    });
    const r = await askBackground({ type: 'clip/save', clipping });
    clippings.add(r.clipping, range);
    report();
    return { ...r, range };
  };
  const ensureUi = () => {
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
      shadowRoots: () => scanner?.shadowRoots() ?? [],
      save: saveRange,
      update: async (id, note, tags) => {
        await askBackground({ type: 'clip/update', id, note, tags });
      },
      undo: async (id) => {
        await askBackground({ type: 'clip/delete', id });
        clippings.remove(id);
        report();
      },
      enabled,
      ensureHost: () => host.reveal(),
    });
    const card = new CardController({
      doc,
      uiRoot: host.root,
      scanner: () => scanner,
      hoverDelayMs: () => settings.hoverDelayMs,
      pageUrl,
      loadCard: (id) => askBackground({ type: 'kb/card', id, url: pageUrl() }),
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
      shadowRoots: () => scanner?.shadowRoots() ?? [],
      isOwnEvent,
      ensureHost: () => host.reveal(),
    });
    selection.attach();
    card.attach();
    ui = { host, card, selection };
    return ui;
  };
  const removeUi = () => {
    ui?.card.detach();
    ui?.selection.detach();
    ui?.host.destroy();
    ui = undefined;
  };

  // ---- lifecycle -------------------------------------------------------------
  let generation = 0;
  const stop = () => {
    generation++;
    scanner?.stop();
    scanner = undefined;
    highlighter.clear();
    highlighter.unregister();
    removeUi();
    report();
  };
  const start = async () => {
    const wasm = await wasmAllowed;
    // The stored data is let go once read (its base64 is as large as the decoded
    // automaton, and a tab would hold both); a later start reads it again.
    const raw = matcherData ?? (await browser.storage.local.get(MATCHER_STORAGE_KEY).then((r) => r[MATCHER_STORAGE_KEY], () => undefined));
    matcherData = undefined;
    const data = parseMatcherData(raw);
    if (!data || !enabled()) {
      stop();
      return;
    }
    const gen = ++generation;
    scanner?.stop();
    highlighter.register();
    applyColors();
    // Reading the settings and the stored data, and building the matcher, run in separate
    // tasks: on a first start they came back in the same task (30-45 ms together, traced).
    await yieldToMain();
    if (gen !== generation) return;
    let matcher: Matcher;
    try {
      matcher = new Matcher(data, wasm ? 'auto' : 'js');
    } catch (e) {
      // Corrupt data (an index out of range): scan nothing rather than something wrong.
      console.warn('[CN AI Context] The stored matcher data is corrupt; waiting for a fresh copy.', e);
      stop();
      return;
    }
    scanMode = matcher.wasm ? 'webassembly' : 'javascript';
    markStartup('matcher');
    // The matcher's setup and the scan's first slice run in separate tasks (each takes
    // several milliseconds: together they made a task of 40-50 ms).
    await yieldToMain();
    if (gen !== generation) return;
    const s = new PageScanner(doc, matcher, highlighter, {
      exclude: isOwnElement,
      onChange: report,
      onShadowRoot: adoptStyles,
      onFlush: () => {
        if (clippings.stale() && clippings.anchor()) report();
      },
    });
    scanner = s;
    // The first slice (the mentions on screen) paints before the in-page UI is built.
    const started = s.start();
    if (s.stats.firstPaint !== undefined) markStartup('firstPaint');
    void yieldToMain().then(() => {
      if (gen === generation && enabled()) ensureUi();
    });
    await started;
    if (gen !== generation) return;
    await loadClippings();
    report();
  };
  const loadClippings = async () => {
    try {
      const { clippings: list } = await askBackground({ type: 'clip/forPage', url: pageUrl() });
      clippings.set(list);
    } catch {
      clippings.set([]);
    }
  };

  // ---- messages --------------------------------------------------------------
  const handlers = {
    'content/jump': ({ entityId }: Extract<ContentRequest, { type: 'content/jump' }>) => {
      const r = scanner?.firstMentionOf(entityId);
      if (!r) return { found: false };
      r.range.startContainer.parentElement?.scrollIntoView({ block: 'center', behavior: 'smooth' });
      highlighter.clear(FOCUS);
      highlighter.add(FOCUS, r.range);
      setTimeout(() => highlighter.clear(FOCUS), 2000);
      return { found: true };
    },
    'content/counts': () => ({ url: pageUrl(), title: doc.title, counts: scanner?.countsById() ?? {}, scan: scanner ? scanMode : 'none' }),
    'content/navigate': ({ direction }: Extract<ContentRequest, { type: 'content/navigate' }>) => ({
      found: enabled() ? ensureUi().card.navigate(direction) : false,
    }),
    'content/save-selection': async () => {
      if (!enabled()) return { saved: false, reason: t('popup.disabledHere') };
      return ensureUi().selection.saveSelection();
    },
    'content/show-clipping': ({ id }: Extract<ContentRequest, { type: 'content/show-clipping' }>) => {
      const r = clippings.rangeOf(id);
      if (!r) return { found: false };
      r.startContainer.parentElement?.scrollIntoView({ block: 'center', behavior: 'smooth' });
      highlighter.clear(FOCUS);
      highlighter.add(FOCUS, r);
      setTimeout(() => highlighter.clear(FOCUS), 2000);
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
  browser.runtime.onMessage.addListener(onMessage);

  // ---- settings and matcher updates -----------------------------------------
  const applySettings = (next: Settings) => {
    const wasEnabled = enabled();
    settings = next;
    setLanguage(resolveLanguage(settings.language));
    if (!enabled()) {
      if (wasEnabled || scanner) stop();
      return;
    }
    applyColors();
    if (!wasEnabled || !scanner) void start();
  };
  const onStorage = (changes: Record<string, { newValue?: unknown }>, area: string) => {
    if (area !== 'local') return;
    if (SETTINGS_KEY in changes) applySettings(parseSettings(changes[SETTINGS_KEY]!.newValue));
    if (changes[MATCHER_STORAGE_KEY]?.newValue) {
      matcherData = changes[MATCHER_STORAGE_KEY].newValue;
      void start();
    }
  };
  browser.storage.onChanged.addListener(onStorage);
  // Housekeeping once a second: the extension still there, single-page navigation (new
  // URL: new clippings, a new history record), and our highlights re-registered if the
  // page cleared the registry.
  let lastHref = location.href;
  const housekeeping = setInterval(() => {
    if (!alive()) return teardown();
    if (scanner) highlighter.register();
    if (location.href !== lastHref) {
      lastHref = location.href;
      lastReport = '';
      void loadClippings().then(report);
    }
  }, 1000);
  const teardown = () => {
    clearInterval(housekeeping);
    browser.storage.onChanged.removeListener(onStorage);
    browser.runtime.onMessage.removeListener(onMessage);
    stop();
    highlighter.dispose();
  };
  // Only the extension's going away (reloaded, updated, removed) ends this script: the
  // housekeeping above notices it. (Not WXT's invalidation, which a page-visible DOM
  // event can also trigger, and a page could fake that event.)

  // The loader's read, unless storage changed before the listener above was there.
  const stored = await (early.storageChanged() ? browser.storage.local.get(STORED_KEYS) : early.stored);
  markStartup('stored');
  settings = parseSettings(stored[SETTINGS_KEY]);
  setLanguage(resolveLanguage(settings.language));
  matcherData = stored[MATCHER_STORAGE_KEY];
  if (!matcherData) await askBackground({ type: 'matcher/ensure' }).catch(() => {});
  else await start();
}

/** Policies set by <meta http-equiv="Content-Security-Policy"> (headers are the background's part). */
function metaPolicyAllowsWasm(doc: Document): boolean {
  const metas = [...doc.querySelectorAll('meta[http-equiv]')].filter((m) => m.getAttribute('http-equiv')!.toLowerCase() === 'content-security-policy');
  return policiesAllowWasm(metas.map((m) => m.getAttribute('content') ?? ''));
}
