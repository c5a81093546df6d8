/**
 * The content script's core: loads the compiled matcher and the reader's settings from
 * extension storage (written by the background), paints mentions and keeps them
 * current. Once the first mentions are painted it imports the rest (content/ui-main.ts,
 * through content/ui-bridge.ts): messages with the background and the popup, the hover
 * card, clippings. It never opens IndexedDB, and sends no message itself but the
 * loader's first request.
 */
import { browser } from 'wxt/browser';
import { flagTable, foldTable } from '../engine/chars';
import { Matcher } from '../engine/matcher';
import { prepareScanModule } from '../engine/scan-wasm';
import { parseMatcherData } from '../engine/matcher-schema';
import { wasmFromScanEngineAnswer } from '../messaging/core-answers';
import { DEFAULT_SETTINGS, isSwitchedOn, parseSettings, type Settings } from '../model/settings';
import { normalizePageUrl } from '../model/url';
import { policiesAllowWasm } from '../model/csp';
import { MATCHER_STORAGE_KEY, SETTINGS_KEY } from '../storage/keys';
import highlightCss from '../entrypoints/content/highlights.css?inline';
import { CLIPPING_HIGHLIGHT } from './clip/names';
import { renderedAfterParse } from './first-frame';
import { Highlighter } from './highlighter';
import { highlightApiAvailable, isHtmlDocument } from './highlight-api';
import { colorOverrideCss } from './colors';
import { PageScanner } from './scanner';
import { yieldToMain } from './yield';
import { sendRequests, STORED_KEYS, takeEarlyRequests } from './early-requests';
import { isOwnElement } from './own';
import { markStartup } from './startup-timing';
import { documentAddress, switchAddresses } from './page-url';
import { loadUi, type ContentCore, type ContentUi } from './ui-bridge';
import { deliverHeld, messagesBeforeUi } from './messages-before-ui';
import { takeHeldSaves } from './held-saves';

/** Where the in-page UI lives (entrypoints/content-app.ts; web-accessible, see wxt.config.ts). */
const UI_PATH = '/content-app.js';
const FOCUS = 'cnai-focus';

export async function startContent(): Promise<void> {
  // The loader (entrypoints/content) checked these and said why it stops.
  if (!isHtmlDocument() || !highlightApiAvailable()) return;
  markStartup('app');
  // Evaluating this module's top level was the task that loaded it; the rest of the
  // set-up goes in a task of its own.
  await yieldToMain();
  // In a frame this runs once the frame is worth a scan (content/frame-loader.ts).
  // An inline frame's clippings and site are its page's (content/page-url.ts).
  const pageUrl = () => normalizePageUrl(documentAddress());
  const doc = document;
  const highlighter = new Highlighter([FOCUS, CLIPPING_HIGHLIGHT]);
  let settings: Settings = DEFAULT_SETTINGS;
  let matcherData: unknown;
  let scanner: PageScanner | undefined;
  let ui: ContentUi | undefined;
  let uiLoading: Promise<ContentUi> | undefined;
  const shadowSheets = new Map<ShadowRoot, CSSStyleSheet>();
  const colorSheet = new CSSStyleSheet();
  /** The extension is still there (it was not reloaded, updated or removed under us). */
  const alive = () => !!browser.runtime?.id;
  // WebAssembly scan only where the page's policy allows it (model/csp.ts says why);
  // the background read the headers. A slow answer means JavaScript. The loader asked
  // already, with the storage read (content/early-requests.ts).
  const early = takeEarlyRequests() ?? sendRequests();
  const wasmAllowed: Promise<boolean> = Promise.race([
    early.scanEngine.then((raw) => {
      markStartup('engineAnswer');
      return wasmFromScanEngineAnswer(raw) && metaPolicyAllowsWasm(document);
    }),
    new Promise<boolean>((resolve) => setTimeout(() => resolve(false), 100)),
  ]).catch(() => false);
  // What every matcher needs whatever the data (the fold and flag tables, the compiled scan
  // module) is built while the storage read is on its way: several milliseconds of cold
  // code off the way to the first highlights.
  let settingsRead = false;
  void wasmAllowed.then((wasm) => {
    // Not on a site that is off (the settings usually arrive before this answer).
    if (settingsRead && !enabled()) return;
    foldTable();
    flagTable();
    if (wasm) prepareScanModule();
  });
  let scanMode: 'webassembly' | 'javascript' | 'none' = 'none';
  // Off where this document's site or the site of a page it is framed in is off.
  const enabled = () => isSwitchedOn(settings, switchAddresses());

  /** A report of this page's state to the background (sent by the second part). */
  const report = () => void getUi().then((u) => u.report(), () => {});

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

  // ---- in-page UI ----------------------------------------------------------
  const core: ContentCore = {
    doc,
    highlighter,
    scanner: () => scanner,
    settings: () => settings,
    enabled,
    pageUrl,
    scanMode: () => (scanner ? scanMode : 'none'),
    alive,
    focusName: FOCUS,
  };
  /** The UI module, imported once (a failure is reported, and the next call tries again). */
  const getUi = (): Promise<ContentUi> => {
    uiLoading ??= loadUi(browser.runtime.getURL(UI_PATH as '/content-app.js'), core).then(
      (loaded) => (ui = loaded),
      (e: unknown) => {
        uiLoading = undefined;
        console.warn('[CN AI Context] Could not load the in-page interface.', e);
        throw e;
      },
    );
    return uiLoading;
  };
  const ensureUi = async (): Promise<ContentUi> => {
    const loaded = await getUi();
    loaded.ensure();
    return loaded;
  };
  const removeUi = () => ui?.remove();

  // ---- lifecycle -------------------------------------------------------------
  let generation = 0;
  const stop = () => {
    generation++;
    scanner?.stop();
    scanner = undefined;
    highlighter.clear();
    highlighter.unregister();
    removeUi();
    // Reports come from the second part: without it, this page never reported anything
    // that would need clearing (a site that is off never loads it).
    if (uiLoading) report();
  };
  const start = async () => {
    const wasm = await wasmAllowed;
    // The stored data is let go once read (its base64 is as large as the decoded
    // automaton, and a tab would hold both); a later start reads it again.
    if (!enabled()) {
      stop();
      return;
    }
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
      onFlush: () => ui?.onFlush(),
      // Until the page has rendered a frame after its parser finished, the viewport check
      // would run the page's pending layout inside this task (content/first-frame.ts).
      layoutReady: renderedAfterParse,
      // document.open() erased our listeners with the page's: start over (new UI, new scan).
      onRootReplaced: () => {
        if (gen !== generation) return;
        stop();
        void start();
      },
    });
    scanner = s;
    // The first slice (the mentions on screen) paints before the in-page UI is loaded.
    const started = s.start();
    if (s.stats.firstPaint !== undefined) markStartup('firstPaint');
    void yieldToMain().then(() => {
      if (gen === generation && enabled()) ensureUi().catch(() => {});
    });
    await started;
    if (gen !== generation) return;
    report();
  };

  // ---- settings and matcher updates -----------------------------------------
  const applySettings = (next: Settings) => {
    const wasEnabled = enabled();
    settings = next;
    ui?.applySettings(settings);
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
  // Compared as the extension records a page (model/url.ts: no fragment): following
  // an in-page "#section" link is no navigation (it closed an open save panel).
  let lastHref = pageUrl();
  const housekeeping = setInterval(() => {
    if (!alive()) return teardown();
    if (scanner) highlighter.register();
    if (pageUrl() !== lastHref) {
      lastHref = pageUrl();
      ui?.onNavigate();
    }
  }, 1000);
  // Messages that come before the second part is loaded: it is loaded to answer them.
  const beforeUiOptions = { loaded: () => ui, load: getUi, answering: () => settingsRead && enabled() && alive(), doc };
  const beforeUi = messagesBeforeUi(beforeUiOptions);
  browser.runtime.onMessage.addListener(beforeUi);
  const teardown = () => {
    clearInterval(housekeeping);
    browser.runtime.onMessage.removeListener(beforeUi);
    browser.storage.onChanged.removeListener(onStorage);
    stop();
    ui?.dispose();
    highlighter.dispose();
  };
  // Only the extension's going away (reloaded, updated, removed) ends this script: the
  // housekeeping above notices it. (Not WXT's invalidation, which a page-visible DOM
  // event can also trigger, and a page could fake that event.)

  // The loader's read, unless storage changed before the listener above was there.
  const stored = await (early.storageChanged() ? browser.storage.local.get(STORED_KEYS) : early.stored);
  markStartup('stored');
  settings = parseSettings(stored[SETTINGS_KEY]);
  settingsRead = true;
  // A save command the part that ran first kept for this core (content/held-saves.ts).
  deliverHeld(beforeUiOptions, takeHeldSaves());
  matcherData = stored[MATCHER_STORAGE_KEY];
  if (!matcherData) await getUi().then((u) => u.ensureMatcher(), () => {});
  else await start();
  // Where the extension is off the second part is not loaded: its messages would all be
  // answered "nothing here" (no mentions to jump to, no saving on this site), and the
  // background takes no answer the same way. Turning the site on starts it (start()).
}

/** Policies set by <meta http-equiv="Content-Security-Policy"> (headers are the background's part). */
function metaPolicyAllowsWasm(doc: Document): boolean {
  const metas = [...doc.querySelectorAll('meta[http-equiv]')].filter((m) => m.getAttribute('http-equiv')!.toLowerCase() === 'content-security-policy');
  return policiesAllowWasm(metas.map((m) => m.getAttribute('content') ?? ''));
}
