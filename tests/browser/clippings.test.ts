/**
 * Clippings in the browser: select text on a served page, save it with the in-page
 * button, see it highlighted as cnai-clipping after a reload, and see it re-anchored
 * or reported as not found when the page changed between visits.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { axClick, axNodes, axWait, FIXTURES_DIR, getRecords, highlightedTexts, launchWithExtension, selectText, startServer, waitForHighlights, type ExtensionBrowser, type StaticServer } from './harness';

let server: StaticServer;
let browser: ExtensionBrowser;
/** The article as served; tests edit it between visits. */
let articleHtml = readFileSync(path.join(FIXTURES_DIR, 'article.html'), 'utf8');

beforeAll(async () => {
  server = await startServer();
  server.route((url) => (url.pathname === '/changing.html' ? { body: articleHtml } : undefined));
  browser = await launchWithExtension();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function clippingTexts(page: import('playwright-core').Page) {
  await page.waitForFunction(() => (CSS.highlights.get('cnai-clipping')?.size ?? 0) > 0, undefined, { timeout: 5000 });
  return (await highlightedTexts(page, ['cnai-clipping']))['cnai-clipping'];
}

describe('saving a clipping', () => {
  const quote = 'requires providers to label AI-generated content';

  it('saves the selection with the in-page button, across elements', async () => {
    const page = await browser.context.newPage();
    await page.goto(server.url('/changing.html'));
    await waitForHighlights(page, 3);
    await selectText(page, '#p2', quote);
    await axClick(page, 'button', 'Save clipping');
    await axWait(page, 'dialog', /Saved to your clippings/);
    expect(await clippingTexts(page)).toEqual([quote]);
    // The stored record has the selectors and the entities of the clipped text.
    const stored = await getRecords(browser.worker, 'clippings');
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({
      text: quote,
      url: server.url('/changing.html'),
      site: '127.0.0.1',
      quote: { type: 'TextQuoteSelector', exact: quote },
      position: { type: 'TextPositionSelector' },
      note: '',
      tags: [],
    });
    await page.close();
  });

  it('highlights it again after a reload', async () => {
    const page = await browser.context.newPage();
    await page.goto(server.url('/changing.html?utm_source=newsletter#top'));
    expect(await clippingTexts(page)).toEqual([quote]);
    await page.close();
  });

  it('says so when the same selection is saved again, and the panel stays open', async () => {
    const page = await browser.context.newPage();
    await page.goto(server.url('/changing.html'));
    await waitForHighlights(page, 3);
    await selectText(page, '#p2', quote);
    await axClick(page, 'button', 'Save clipping');
    await axWait(page, 'dialog', /Already in your clippings/);
    // The click's own mouseup used to schedule a selection check that, landing after a
    // fast save, replaced the panel with the save button again.
    await page.waitForTimeout(600);
    const nodes = await axNodes(page);
    expect(nodes.some((n) => !n.ignored && n.role === 'dialog' && /Already in your clippings/.test(n.name))).toBe(true);
    expect(nodes.some((n) => !n.ignored && n.role === 'button' && n.name === 'Save clipping')).toBe(false);
    expect(await getRecords(browser.worker, 'clippings')).toHaveLength(1);
    await page.close();
  });

  it('keeps the panel of a save by keyboard shortcut when the keys are released', async () => {
    const page = await browser.context.newPage();
    await page.goto(server.url('/changing.html'));
    await waitForHighlights(page, 3);
    await selectText(page, '#p2', quote);
    await page.keyboard.down('Alt');
    await page.keyboard.down('Shift');
    // What the Alt+Shift+S command does (headless Chromium does not deliver extension shortcuts).
    const tabId = await browser.tabIdOf(page);
    await browser.worker.evaluate(
      // eslint-disable-next-line @typescript-eslint/no-explicit-any
      (tab) => (globalThis as any).chrome.tabs.sendMessage(tab, { type: 'content/save-selection' }, { frameId: 0 }),
      tabId,
    );
    await axWait(page, 'dialog', /Already in your clippings/);
    await page.keyboard.up('Shift');
    await page.keyboard.up('Alt');
    await page.waitForTimeout(600);
    const nodes = await axNodes(page);
    expect(nodes.some((n) => !n.ignored && n.role === 'dialog' && /Already in your clippings/.test(n.name))).toBe(true);
    // A new selection does replace the panel with the save button.
    await selectText(page, '#p2', 'label AI-generated content');
    await axWait(page, 'button', 'Save clipping');
    await page.close();
  });

  it('re-anchors it when the page changed a little, and reports it missing when its text is gone', async () => {
    articleHtml = articleHtml.replace('<p id="p1">', '<p id="new">A new paragraph was added above.</p>\n<p id="p1">');
    const page = await browser.context.newPage();
    await page.goto(server.url('/changing.html'));
    expect(await clippingTexts(page)).toEqual([quote]);
    await page.close();

    articleHtml = articleHtml.replace('requires providers to <em>label</em> AI-generated content', 'asks platforms to mark synthetic media');
    const gone = await browser.context.newPage();
    await gone.goto(server.url('/changing.html'));
    await waitForHighlights(gone, 3);
    const tabId = await browser.tabIdOf(gone);
    const popup = await browser.openExtensionPage('popup.html', `?tabId=${tabId}`);
    await popup.locator('.orphaned', { hasText: quote }).waitFor({ timeout: 5000 });
    await popup.close();
    await gone.close();
  });
});
