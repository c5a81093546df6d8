/**
 * The text of a clipping from a table and a list: what is stored, shown, searched and
 * exported is the text as the page shows it (cells apart, blocks on their own lines, the
 * source's indentation gone), its entities are found cell by cell, and the selectors
 * still find it on the page after a reload.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { axClick, axWait, getRecords, highlightedTexts, ROOT, waitForHighlights, useExtensionBrowser, useStaticServer } from './harness';

const server = useStaticServer();
const browser = useExtensionBrowser();

/** Selects from the start of `from[1]` in the element `from[0]` to the end of `to[1]` in `to[0]`. */
async function selectAcross(page: Page, from: [string, string], to: [string, string]): Promise<void> {
  await page.evaluate(
    ([f, t]) => {
      const point = (sel: string, text: string, end: boolean): [Text, number] => {
        const walker = document.createTreeWalker(document.querySelector(sel)!, NodeFilter.SHOW_TEXT);
        for (let n = walker.nextNode() as Text | null; n; n = walker.nextNode() as Text | null) {
          const at = n.data.indexOf(text);
          if (at >= 0) return [n, end ? at + text.length : at];
        }
        throw new Error(`text not found: ${text}`);
      };
      const range = document.createRange();
      range.setStart(...point(f[0], f[1], false));
      range.setEnd(...point(t[0], t[1], true));
      getSelection()!.removeAllRanges();
      getSelection()!.addRange(range);
    },
    [from, to] as const,
  );
  // A real pointer movement: synthetic events are ignored, a selection change shows the button.
  await page.mouse.move(5, 5);
}

interface Stored {
  text: string;
  quote: { exact: string };
  position?: { start: number; end: number };
  entities: string[];
}

const TABLE_TEXT = 'Zhipu AI | GLM-4.5 | 2025\nTencent | Hunyuan';
const TABLE_QUOTE = 'Zhipu AIGLM-4.52025\nTencentHunyuan';
const LIST_TEXT = 'users.\n\nByteDance ships Doubao\nMoonshot AI ships Kimi';

describe('clipping a table and a list', () => {
  it('stores the text as the page shows it, with the entities of every cell', async () => {
    const page = await browser.context.newPage();
    await page.goto(server.url('/clip-table.html'));
    await waitForHighlights(page, 6);
    // Two table rows, as the tester selected them: the first row whole, the second to "Hunyuan".
    await selectAcross(page, ['#models tbody', 'Zhipu AI'], ['#models tbody', 'Hunyuan']);
    await axClick(page, 'button', 'Save clipping');
    await axWait(page, 'dialog', /Saved to your clippings/);
    await selectAcross(page, ['#users', 'users.'], ['#list', 'mi']);
    await axClick(page, 'button', 'Save clipping');
    await axWait(page, 'dialog', /Saved to your clippings/);

    const stored = await getRecords<Stored>(browser.worker, 'clippings');
    const table = stored.find((c) => c.text.startsWith('Zhipu'));
    const list = stored.find((c) => c.text.startsWith('users'));
    expect(table).toMatchObject({ text: TABLE_TEXT, quote: { exact: TABLE_QUOTE } });
    expect([...table!.entities].sort()).toEqual(['glm-4-5', 'hunyuan', 'tencent', 'zhipu-ai']);
    // The list: no source indentation; the name split by <b> stays one name.
    expect(list?.text).toBe(LIST_TEXT);
    expect(list!.quote.exact).toMatch(/^users\.\n\s+ByteDance\n\s+ships Doubao\n\s+Moonshot AI ships Kimi$/);
    expect(list!.entities).toEqual(expect.arrayContaining(['bytedance', 'doubao', 'moonshot-ai', 'kimi']));
    // The selectors address the page's own text.
    const pageText = await page.evaluate(() => document.body.textContent!);
    for (const c of [table!, list!]) expect(pageText.slice(c.position!.start, c.position!.end)).toBe(c.quote.exact);
    await page.close();
  });

  it('highlights both again after a reload', async () => {
    const page = await browser.context.newPage();
    await page.goto(server.url('/clip-table.html'));
    await page.waitForFunction(() => (CSS.highlights.get('cnai-clipping')?.size ?? 0) === 2, undefined, { timeout: 10_000 });
    const texts = (await highlightedTexts(page, ['cnai-clipping']))['cnai-clipping']!;
    expect(texts).toContain(TABLE_QUOTE);
    expect(texts.some((t) => t.startsWith('users.') && t.endsWith('Moonshot AI ships Kimi'))).toBe(true);
    await page.close();
  });

  it('finds the table clipping by a name in one of its cells, and shows its text', async () => {
    const lib = await browser.openExtensionPage('library.html');
    await lib.locator('.result-line', { hasText: '2 clippings' }).waitFor();
    await lib.getByLabel('Search clippings').fill('Hunyuan');
    await lib.locator('.result-line', { hasText: '1 of 2' }).waitFor();
    await lib.locator('.clip-item').first().click();
    expect(await lib.locator('.clip-full').innerText()).toBe(TABLE_TEXT);
    await expect(lib.locator('.entity-chips').innerText()).resolves.toMatch(/Zhipu AI.*GLM-4\.5.*Tencent.*Hunyuan/s);
    const dir = path.join(ROOT, 'test-results');
    mkdirSync(dir, { recursive: true });
    await lib.screenshot({ path: path.join(dir, 'clip-table-library.png') });
    await lib.close();
  });
});
