/**
 * The interface in 繁體中文 (zh-TW), set as the settings page does (storage.local): the
 * in-page panel, the popup and the library speak traditional Chinese, with Taiwan's
 * terms, and none of the simplified table's wording leaks through.
 * CNAI_SCREENSHOTS=<dir> saves the popup and the library as PNGs.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { axText, axWait, getRecords, setInterfaceLanguage, waitForHighlights, useExtensionBrowser, useStaticServer, saveSelection } from './harness';

const TEXT = 'Zhipu AI released GLM-4.5 as an open-weight model.';
const server = useStaticServer((url) =>
  url.pathname === '/zh-tw.html' ? { body: `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Panel zh-TW</title></head><body><p id="z">${TEXT}</p></body></html>` } : undefined,
);
const browser = useExtensionBrowser();

/** Words of the simplified table that must not show in the traditional interface. */
const SIMPLIFIED = /保存|摘录|资料库|设置|导入|导出|标签页|扩展|打开/;

async function shoot(page: Page, name: string) {
  if (process.env.CNAI_SCREENSHOTS) await page.screenshot({ path: path.join(process.env.CNAI_SCREENSHOTS, `${name}.png`) });
}

const setLanguage = (language: 'zh-TW' | 'en') => setInterfaceLanguage(browser.worker, language);

describe('the interface in 繁體中文', () => {
  let page: Page;
  beforeAll(async () => {
    await setLanguage('zh-TW');
    page = await browser.context.newPage();
    await page.goto(server.url('/zh-tw.html'));
    await waitForHighlights(page, 1);
  });
  afterAll(() => setLanguage('en'));

  it('the in-page panel saves a clipping in traditional Chinese', async () => {
    await saveSelection(page, '#z', TEXT, { button: '儲存摘錄', dialog: /已儲存到你的摘錄/ });
    await axWait(page, 'textbox', '筆記');
    const text = await axText(page);
    expect(text).toContain('標籤（用逗號分隔）');
    expect(text).not.toMatch(SIMPLIFIED);
    expect(await getRecords(browser.worker, 'clippings')).toHaveLength(1);
    await page.keyboard.press('Escape');
  });

  it('the popup and the library speak it too', async () => {
    const popup = await browser.openExtensionPage('popup.html', `?tabId=${await browser.tabIdOf(page)}`);
    await popup.setViewportSize({ width: 400, height: 600 });
    await popup.getByRole('button', { name: '開啟收藏庫' }).or(popup.getByRole('link', { name: '開啟收藏庫' })).first().waitFor();
    await popup.getByText('你在本頁的摘錄').first().waitFor();
    // Names in the chosen interface's script, though the page and the browser are English.
    await popup.getByText('智譜AI').first().waitFor({ timeout: 5000 });
    expect(await popup.locator('body').innerText()).not.toContain('智谱AI');
    expect(await popup.evaluate(() => document.documentElement.lang)).toBe('zh-TW');
    expect(await popup.locator('body').innerText()).not.toMatch(SIMPLIFIED);
    await shoot(popup, 'popup-zh-tw');
    await popup.close();

    const lib = await browser.openExtensionPage('library.html');
    await lib.locator('.result-line', { hasText: '1 則摘錄' }).waitFor();
    expect(await lib.title()).toBe('收藏庫 — 中國 AI 語境');
    await lib.getByRole('navigation', { name: '收藏庫各區' }).waitFor();
    expect(await lib.locator('body').innerText()).not.toMatch(SIMPLIFIED);
    await shoot(lib, 'library-zh-tw');
    // The settings page offers and shows the language.
    await lib.getByRole('link', { name: '設定' }).or(lib.getByRole('button', { name: '設定' })).first().click();
    const select = lib.getByRole('combobox', { name: '介面語言' });
    await expect(select.inputValue()).resolves.toBe('zh-TW');
    expect(await select.locator('option:checked').innerText()).toBe('繁體中文');
    await select.scrollIntoViewIfNeeded();
    await shoot(lib, 'settings-zh-tw');
    await lib.close();
  });
});
