/**
 * The library list's rows are as tall as their content (one to three lines of text and a
 * meta line), in a virtualized list of 2,400 clippings: no row overlaps the next or leaves
 * a gap, the view does not jump when rows above it are measured, the end of the list shows
 * the last clipping fully, and the keyboard's row stays fully in view.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { generateClippings } from '../fixtures/generate-clippings';
import { putRecords, useExtensionBrowser } from './harness';

const browser = useExtensionBrowser();
let lib: Page;
const N = 2400;

// Newest first: item N-1 is the list's first row. By item number: 0 mod 3 a one-liner,
// 1 mod 3 three paragraphs (three lines), 2 mod 3 two paragraphs.
const TEXTS = [
  (i: number) => `Short clipping ${i}.`,
  (i: number) => `Clipping ${i}: DeepSeek released R1 in January.\n\nThe weights are open.\n\n深度求索表示，R1 的权重以 MIT 许可证公开。\n\nA fourth paragraph the row has no room for.`,
  (i: number) => `Clipping ${i}: two paragraphs.\n\n智谱AI发布了新一代GLM模型。`,
];

beforeAll(async () => {
  lib = await browser.openExtensionPage('library.html');
  await lib.setViewportSize({ width: 1200, height: 760 });
  const clippings = generateClippings(N).map((c, i) => {
    const text = TEXTS[i % 3]!(i);
    return { ...c, text, quote: { ...c.quote, exact: text } };
  });
  await putRecords(lib, 'clippings', clippings);
  await lib.reload();
  await lib.locator('.result-line', { hasText: `${N.toLocaleString('en-US')} clippings` }).waitFor();
  await lib.waitForSelector('.clip-item');
});

/** A few frames: the list measures its rows and settles. */
const settle = () => lib.evaluate(() => new Promise<void>((r) => requestAnimationFrame(() => requestAnimationFrame(() => requestAnimationFrame(() => r())))));

interface RowBox {
  index: number;
  top: number;
  bottom: number;
  lines: number;
  content: number;
}

/** The rendered rows in list order, their boxes relative to the list's view. */
function rows(): Promise<{ view: { top: number; bottom: number; scrollTop: number; scrollHeight: number; clientHeight: number }; rows: RowBox[] }> {
  return lib.evaluate(() => {
    const vlist = document.querySelector<HTMLElement>('.clippings-view .vlist')!;
    const v = vlist.getBoundingClientRect();
    const out = [...vlist.querySelectorAll<HTMLElement>('.vrow')].map((li) => {
      const r = li.getBoundingClientRect();
      const text = li.querySelector<HTMLElement>('.clip-text')!;
      const meta = li.querySelector<HTMLElement>('.clip-meta')!;
      const cs = getComputedStyle(li.querySelector<HTMLElement>('.clip-item')!);
      const px = (...names: string[]) => names.reduce((sum, k) => sum + parseFloat(cs.getPropertyValue(k)), 0);
      return {
        index: Number(li.getAttribute('aria-posinset')) - 1,
        top: r.top - v.top,
        bottom: r.bottom - v.top,
        lines: Math.round(text.getBoundingClientRect().height / parseFloat(getComputedStyle(text).lineHeight)),
        // What the row holds: its text, the gap, its meta line, its padding and border.
        content: text.getBoundingClientRect().height + meta.getBoundingClientRect().height + px('row-gap', 'padding-top', 'padding-bottom', 'border-top-width', 'border-bottom-width'),
      };
    });
    out.sort((a, b) => a.index - b.index);
    return { view: { top: 0, bottom: v.height, scrollTop: vlist.scrollTop, scrollHeight: vlist.scrollHeight, clientHeight: vlist.clientHeight }, rows: out };
  });
}

/** Each rendered row as tall as its content, and the next one right under it. */
function expectTight(list: RowBox[]): void {
  expect(list.length).toBeGreaterThan(5);
  for (const r of list) expect(Math.abs(r.bottom - r.top - r.content), `row ${r.index} height`).toBeLessThan(0.5);
  for (let k = 1; k < list.length; k++) {
    if (list[k]!.index !== list[k - 1]!.index + 1) continue;
    expect(Math.abs(list[k]!.top - list[k - 1]!.bottom), `rows ${list[k - 1]!.index} and ${list[k]!.index}`).toBeLessThan(0.5);
  }
}

const focusedIndex = () => lib.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.index);

describe('library rows as tall as their content', () => {
  it('gives a one-line clipping a shorter row than a three-line one, rows touching, at any width', async () => {
    await settle();
    for (const width of [1200, 900, 1200]) {
      await lib.setViewportSize({ width, height: 760 });
      await settle();
      const { rows: list } = await rows();
      expectTight(list);
      // The first rows: items 2399 (2 mod 3: two lines), 2398 (three lines), 2397 (one line).
      const two = list.find((r) => r.index === 0)!;
      const three = list.find((r) => r.index === 1)!;
      const one = list.find((r) => r.index === 2)!;
      expect([one.lines, three.lines, two.lines]).toEqual([1, 3, 2]);
      const lineHeight = (three.bottom - three.top - (one.bottom - one.top)) / 2;
      expect(lineHeight).toBeGreaterThan(14);
      expect(Math.abs(two.bottom - two.top - (one.bottom - one.top) - lineHeight)).toBeLessThan(1);
      // More rows in view than the old fixed 104 px rows allowed (seven in a 737 px pane).
      const { view } = await rows();
      expect(list.filter((r) => r.top >= 0 && r.bottom <= view.bottom + 0.5).length).toBeGreaterThan(Math.floor(view.clientHeight / 104));
    }
  });

  it('holds the view still when rows above it are measured', async () => {
    // Into the middle, where no row was measured yet.
    await lib.evaluate(() => document.querySelector('.clippings-view .vlist')!.scrollTo({ top: 60_000 }));
    await settle();
    // Up by more than the rows rendered above the view (the overscan): rows never measured come into view above the ones seen.
    for (const delta of [-650, -650, 300, -600, 650, -700]) {
      const before = await rows();
      await lib.evaluate((d) => document.querySelector('.clippings-view .vlist')!.scrollBy({ top: d }), delta);
      await settle();
      const after = await rows();
      // Every row rendered before and after moved by exactly the scroll, whatever the rows newly measured above them turned out to be.
      const both = before.rows.filter((r) => after.rows.some((a) => a.index === r.index));
      expect(both.some((r) => r.top - delta >= 0 && r.bottom - delta <= after.view.clientHeight), 'a row in view before and after').toBe(true);
      for (const r of both) expect(Math.abs(after.rows.find((a) => a.index === r.index)!.top - (r.top - delta)), `row ${r.index} after scrolling by ${delta}`).toBeLessThan(1);
      expectTight(after.rows);
    }
  });

  it('shows the last clipping fully when scrolled to the end', async () => {
    await lib.evaluate(() => {
      const v = document.querySelector('.clippings-view .vlist')!;
      v.scrollTo({ top: v.scrollHeight });
    });
    await settle();
    await settle();
    const { view, rows: list } = await rows();
    expectTight(list);
    const lastRow = list.find((r) => r.index === N - 1)!;
    expect(lastRow, 'the last row is rendered').toBeDefined();
    expect(lastRow.top).toBeGreaterThanOrEqual(-0.5);
    expect(Math.abs(lastRow.bottom - view.clientHeight)).toBeLessThan(1);
    expect(view.scrollTop + view.clientHeight).toBeGreaterThanOrEqual(view.scrollHeight - 1);
    expect(await lib.locator(`.vrow[aria-posinset="${N}"] .clip-text`).innerText()).toBe('Short clipping 0.');
    // A wheel turn up and back down ends at the last row again.
    await lib.locator(`.vrow[aria-posinset="${N}"]`).hover();
    await lib.mouse.wheel(0, -700);
    await lib.waitForTimeout(300);
    await lib.mouse.wheel(0, 2000);
    await lib.waitForTimeout(300);
    await settle();
    const again = await rows();
    const lastAgain = again.rows.find((r) => r.index === N - 1)!;
    expect(Math.abs(lastAgain.bottom - again.view.clientHeight)).toBeLessThan(1);
    expectTight(again.rows);
  });

  it('keeps the keyboard row fully in view with End, Home and the arrows', async () => {
    const inView = async (i: number) => {
      const { view, rows: list } = await rows();
      const r = list.find((x) => x.index === i);
      return !!r && r.top >= -0.5 && r.bottom <= view.clientHeight + 0.5;
    };
    await lib.evaluate(() => document.querySelector('.clippings-view .vlist')!.scrollTo({ top: 0 }));
    await settle();
    await lib.locator('.clip-item').first().click();
    await lib.keyboard.press('End');
    await expect.poll(focusedIndex, { timeout: 5000 }).toBe(String(N - 1));
    await settle();
    expect(await inView(N - 1)).toBe(true);
    // Up the list from the end: each row the keyboard reaches is fully in view.
    for (let k = 1; k <= 12; k++) {
      await lib.keyboard.press('ArrowUp');
      await expect.poll(focusedIndex).toBe(String(N - 1 - k));
      await settle();
      expect(await inView(N - 1 - k), `row ${N - 1 - k}`).toBe(true);
    }
    await lib.keyboard.press('Home');
    await expect.poll(focusedIndex, { timeout: 5000 }).toBe('0');
    await settle();
    expect(await inView(0)).toBe(true);
    expect((await rows()).view.scrollTop).toBe(0);
    // Down past the view's bottom: the row the keyboard reaches is fully in view there too.
    for (let k = 1; k <= 12; k++) {
      await lib.keyboard.press('ArrowDown');
      await expect.poll(focusedIndex).toBe(String(k));
      await settle();
      expect(await inView(k), `row ${k}`).toBe(true);
    }
    await lib.keyboard.press('End');
    await expect.poll(focusedIndex, { timeout: 5000 }).toBe(String(N - 1));
    await settle();
    expect(await inView(N - 1)).toBe(true);
  });
});
