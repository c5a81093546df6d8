/**
 * The library list's rows show a clipping's paragraphs and table rows each on a line of
 * its own (library/preview.ts), clamped to three lines, as text (never as HTML).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { generateClippings } from '../fixtures/generate-clippings';
import { putRecords, useExtensionBrowser } from './harness';

const browser = useExtensionBrowser();
let lib: Page;

const PARAGRAPHS = [
  'DeepSeek released R1 in January.',
  'The model was trained for a fraction of the cost of its American rivals, the company said.',
  '深度求索表示，<b>R1</b> 的权重以 MIT 许可证公开。',
  'A fourth paragraph that the row has no room for.',
];

beforeAll(async () => {
  lib = await browser.openExtensionPage('library.html');
  await lib.setViewportSize({ width: 1200, height: 760 });
  const clippings = generateClippings(5);
  // The newest: four paragraphs, as a clipping keeps them (a blank line between).
  const last = clippings[4]!;
  clippings[4] = { ...last, text: PARAGRAPHS.join('\n\n'), quote: { ...last.quote, exact: PARAGRAPHS.join('\n') } };
  clippings[3] = { ...clippings[3]!, text: 'Zhipu AI | GLM-4.5 | 2025\nTencent | Hunyuan | 2024' };
  await putRecords(lib, 'clippings', clippings);
  await lib.reload();
  await lib.waitForSelector('.clip-item');
});

describe('library list rows', () => {
  it('show a multi-paragraph clipping one paragraph a line, at most three lines, as text', async () => {
    const row = lib.locator('.clip-item').first();
    const text = row.locator('.clip-text');
    // innerText follows the rendering: line breaks only where the row shows them.
    expect(await text.innerText()).toBe(PARAGRAPHS.join('\n'));
    const box = await text.evaluate((el) => {
      const lineHeight = parseFloat(getComputedStyle(el).lineHeight);
      const meta = el.parentElement!.querySelector('.clip-meta')!.getBoundingClientRect();
      const r = el.getBoundingClientRect();
      const rowBox = el.parentElement!.getBoundingClientRect();
      return { lines: Math.round(r.height / lineHeight), metaInside: meta.bottom <= rowBox.bottom + 0.5, bold: el.querySelector('b') !== null };
    });
    // Four paragraphs, the second wrapping: the clamp holds the row to three lines, above its site and date.
    expect(box).toEqual({ lines: 3, metaInside: true, bold: false });
    // The second row: a table clipping, a table row a line.
    expect(await lib.locator('.clip-item').nth(1).locator('.clip-text').innerText()).toBe('Zhipu AI | GLM-4.5 | 2025\nTencent | Hunyuan | 2024');
    await lib.locator('.clip-item').first().click();
    await lib.waitForSelector('.clip-detail');
    if (process.env.CNAI_ROW_SCREENSHOT) await lib.screenshot({ path: process.env.CNAI_ROW_SCREENSHOT });
  });
});
