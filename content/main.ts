/**
 * The content script: loads the compiled matcher from extension storage (written by
 * the background), paints mentions, reports counts, and answers the popup.
 */
import { browser } from 'wxt/browser';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { Matcher } from '../engine/matcher';
import { parseMatcherData } from '../engine/matcher-schema';
import { askBackground } from '../messaging/client';
import { ContentResponseSchemas, MessageError, parseContentRequest, type ContentRequest } from '../messaging/protocol';
import { createListener } from '../messaging/server';
import { MATCHER_STORAGE_KEY } from '../storage/keys';
import highlightCss from '../entrypoints/content/highlights.css?inline';
import { Highlighter, highlightApiAvailable } from './highlighter';
import { PageScanner } from './scanner';
import { isOwnElement } from './own';
import { pageUrl } from './page-url';

const FOCUS = 'cnai-focus';

export async function startContent(ctx: ContentScriptContext): Promise<void> {
  if (!highlightApiAvailable()) {
    console.info('[CN AI Context] This browser has no CSS Custom Highlight API; mentions are not highlighted.');
    return;
  }
  const highlighter = new Highlighter([FOCUS]);
  let scanner: PageScanner | undefined;
  let shadowSheet: CSSStyleSheet | undefined;

  let reportTimer: ReturnType<typeof setTimeout> | undefined;
  let lastReport = '';
  const report = () => {
    clearTimeout(reportTimer);
    reportTimer = setTimeout(() => {
      if (!scanner || ctx.isInvalid) return;
      const msg = { type: 'page/report' as const, url: pageUrl(location.href), title: document.title.slice(0, 2000), counts: scanner.countsById() };
      const key = JSON.stringify(msg);
      if (key === lastReport) return;
      lastReport = key;
      askBackground(msg).catch(() => {});
    }, 300);
  };

  const adoptStyles = (root: ShadowRoot) => {
    shadowSheet ??= new CSSStyleSheet();
    if (!shadowSheet.cssRules.length) shadowSheet.replaceSync(highlightCss);
    if (!root.adoptedStyleSheets.includes(shadowSheet)) root.adoptedStyleSheets = [...root.adoptedStyleSheets, shadowSheet];
  };

  const load = async (raw: unknown) => {
    const data = parseMatcherData(raw);
    if (!data) return;
    scanner?.stop();
    highlighter.register();
    const s = new PageScanner(document, new Matcher(data), highlighter, {
      exclude: isOwnElement,
      onChange: report,
      onShadowRoot: adoptStyles,
    });
    scanner = s;
    await s.start();
    report();
  };

  const handlers = {
    'content/jump': ({ entityId }: Extract<ContentRequest, { type: 'content/jump' }>) => {
      const r = scanner?.firstMentionOf(entityId);
      if (!r) return { found: false };
      const el = r.range.startContainer.parentElement;
      el?.scrollIntoView({ block: 'center', behavior: 'smooth' });
      highlighter.clear(FOCUS);
      highlighter.add(FOCUS, r.range);
      setTimeout(() => highlighter.clear(FOCUS), 2000);
      return { found: true };
    },
    'content/counts': () => ({ url: pageUrl(location.href), title: document.title, counts: scanner?.countsById() ?? {} }),
  };
  browser.runtime.onMessage.addListener(
    createListener({
      parse: parseContentRequest,
      handlers,
      responses: ContentResponseSchemas,
      context: (sender) => {
        if (sender.id !== browser.runtime.id) throw new MessageError('Rejected message: unknown sender');
      },
    }),
  );

  const onStorage = (changes: Record<string, { newValue?: unknown }>, area: string) => {
    if (area === 'local' && changes[MATCHER_STORAGE_KEY]?.newValue) void load(changes[MATCHER_STORAGE_KEY].newValue);
  };
  browser.storage.onChanged.addListener(onStorage);
  ctx.onInvalidated(() => {
    browser.storage.onChanged.removeListener(onStorage);
    scanner?.stop();
    highlighter.dispose();
  });

  const stored = await browser.storage.local.get(MATCHER_STORAGE_KEY);
  if (stored[MATCHER_STORAGE_KEY]) await load(stored[MATCHER_STORAGE_KEY]);
  else await askBackground({ type: 'matcher/ensure' }).catch(() => {});
}
