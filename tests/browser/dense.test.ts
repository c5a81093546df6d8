/**
 * A page with thousands of mentions: only those near the viewport are registered with
 * the browser (every change to a highlight makes Chromium re-validate all registered
 * ranges), the window follows scrolling, counts still cover the whole page, and below
 * the threshold every mention is registered again.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { waitForHighlights, useExtensionBrowser, useStaticServer } from './harness';

const PARAGRAPHS = 1500;
let page: Page;

function densePage(): string {
  let body = '';
  for (let i = 0; i < PARAGRAPHS; i++) body += `<p id="p${i}">Item ${i}: Baidu updated ERNIE Bot again, said the report.</p>\n`;
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Dense</title></head><body><h1>Dense page</h1>\n${body}</body></html>`;
}

/** Which paragraphs have a registered range, and how many ranges are registered. */
function registered(p: Page) {
  return p.evaluate(() => {
    const ids = new Set<string>();
    let ranges = 0;
    for (const name of ['cnai-model', 'cnai-company', 'cnai-organization', 'cnai-policy']) {
      for (const r of CSS.highlights.get(name) ?? []) {
        ranges++;
        const el = r.startContainer.parentElement;
        if (el?.id) ids.add(el.id);
      }
    }
    const onScreen = [...document.querySelectorAll('p')].filter((el) => {
      const b = el.getBoundingClientRect();
      return b.bottom > 0 && b.top < innerHeight;
    });
    return { ranges, onScreen: onScreen.map((el) => el.id), missing: onScreen.filter((el) => !ids.has(el.id)).map((el) => el.id), ids: [...ids] };
  });
}

/** Waits until every paragraph on screen is painted and the window has let the rest go. */
async function settled(p: Page): Promise<void> {
  await expect
    .poll(async () => {
      const s = await registered(p);
      return { missing: s.missing, trimmed: s.ranges < PARAGRAPHS };
    }, { timeout: 10_000 })
    .toEqual({ missing: [], trimmed: true });
}

const server = useStaticServer((u) => (u.pathname === '/dense.html' ? { body: densePage() } : undefined));
const browser = useExtensionBrowser();

beforeAll(async () => {
  page = await browser.context.newPage();
  await page.setViewportSize({ width: 1000, height: 700 });
  await page.goto(server.url('/dense.html'));
  await waitForHighlights(page, 2);
});

describe('a page with thousands of mentions', () => {
  it('registers the mentions around the viewport, not all 3,000', async () => {
    // The window starts trimming once the scan passes the threshold and measures over a
    // few frames, so wait for it to settle: all on screen painted, the rest let go.
    await settled(page);
    const r = await registered(page);
    expect(r.onScreen.length).toBeGreaterThan(5);
    expect(r.ranges).toBeGreaterThan(r.onScreen.length);
    expect(r.ranges).toBeLessThan(PARAGRAPHS);
    expect(r.ids).not.toContain(`p${PARAGRAPHS - 1}`);
  });

  it('still counts every mention on the page in the popup', async () => {
    const tabId = await browser.tabIdOf(page);
    const popup = await browser.openExtensionPage('popup.html', `?tabId=${tabId}`);
    await popup.waitForSelector('[data-entity="baidu"]');
    const counts = await popup.$$eval('.entity-row', (rows) => rows.map((b) => `${b.getAttribute('data-entity')}:${b.querySelector('.count')!.textContent}`));
    // Written as the interface language writes numbers: 3,000.
    const n = PARAGRAPHS.toLocaleString('en-US');
    expect(counts).toEqual(expect.arrayContaining([`baidu:${n}`, `ernie-bot:${n}`]));
    await popup.close();
  });

  it('follows scrolling: the end of the page gets painted, the top is let go', async () => {
    await page.evaluate(() => scrollTo(0, document.documentElement.scrollHeight));
    await settled(page);
    const r = await registered(page);
    expect(r.ids).toContain(`p${PARAGRAPHS - 1}`);
    expect(r.ids).not.toContain('p0');
    expect(r.ranges).toBeLessThan(PARAGRAPHS);
  });

  it('follows a jump back to the middle', async () => {
    await page.evaluate(() => document.getElementById('p700')!.scrollIntoView());
    await expect.poll(async () => (await registered(page)).missing, { timeout: 10_000 }).toEqual([]);
    expect((await registered(page)).ids).toContain('p700');
  });

  it('registers every mention again when the page shrinks below the threshold', async () => {
    await page.evaluate(() => {
      for (const p of [...document.querySelectorAll('p')].slice(100)) p.remove();
      scrollTo(0, 0);
    });
    await expect.poll(async () => (await registered(page)).ranges, { timeout: 10_000 }).toBe(200);
  });
});
