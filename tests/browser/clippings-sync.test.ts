/**
 * A page's clippings follow the library: a clipping deleted there (or added in another
 * tab) shows so when the reader comes back to the page's tab, without a reload.
 */
import { describe, expect, it } from 'vitest';
import { deleteRecord, getRecords, highlightedTexts, waitForHighlights, useExtensionBrowser, useStaticServer, saveSelection } from './harness';

const server = useStaticServer();
const browser = useExtensionBrowser();

const clippingCount = (page: import('playwright-core').Page) => page.evaluate(() => CSS.highlights.get('cnai-clipping')?.size ?? 0);

/** What the page sees when its tab is shown again (headless pages stay visible: the event is what the extension listens to). */
const comeBack = (page: import('playwright-core').Page) => page.evaluate(() => document.dispatchEvent(new Event('visibilitychange')));

describe('clippings changed elsewhere', () => {
  it('drops the highlight of a clipping deleted in the library, and shows one saved in another tab', async () => {
    const quote = 'requires providers to label AI-generated content';
    const page = await browser.context.newPage();
    await page.goto(server.url('/article.html'));
    await waitForHighlights(page, 3);
    await saveSelection(page, '#p2', quote);
    await page.keyboard.press('Escape');
    expect(await clippingCount(page)).toBe(1);

    // Deleted as the library does it: the record leaves the database.
    const [stored] = await getRecords<{ id: string }>(browser.worker, 'clippings');
    await deleteRecord(browser.worker, 'clippings', stored!.id);
    // Still painted until the reader comes back to the tab.
    expect(await clippingCount(page)).toBe(1);
    await comeBack(page);
    await page.waitForFunction(() => (CSS.highlights.get('cnai-clipping')?.size ?? 0) === 0, undefined, { timeout: 5000 });

    // Saved again in another tab of the same page: painted here on coming back.
    const other = await browser.context.newPage();
    await other.goto(server.url('/article.html'));
    await waitForHighlights(other, 3);
    await saveSelection(other, '#p2', quote);
    await other.close();
    await comeBack(page);
    await page.waitForFunction(() => (CSS.highlights.get('cnai-clipping')?.size ?? 0) === 1, undefined, { timeout: 5000 });
    expect((await highlightedTexts(page, ['cnai-clipping']))['cnai-clipping']).toEqual([quote]);
    await page.close();
  });
});
