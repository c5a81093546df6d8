/**
 * Settings apply live to open tabs; reading history is recorded and can be cleared.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { axWait, highlightCenter, waitForHighlights, watchStartupMarks, useExtensionBrowser, useStaticServer } from './harness';

const server = useStaticServer();
const browser = useExtensionBrowser();
let page: Page;
let lib: Page;

const count = (p: Page) => p.evaluate(() => [...CSS.highlights].filter(([n]) => n.startsWith('cnai-')).reduce((a, [, h]) => a + h.size, 0));

beforeAll(async () => {
  page = await browser.context.newPage();
  await page.goto(server.url('/article.html'));
  await waitForHighlights(page, 5);
  lib = await browser.openExtensionPage('library.html', '#/settings');
  await lib.waitForSelector('.settings-view');
});

describe('settings, applied live', () => {
  it('turning a site off removes its highlights from open tabs without a reload', async () => {
    await lib.getByLabel('Add site').fill('127.0.0.1');
    await lib.getByRole('button', { name: 'Add site' }).click();
    // Off means gone from the page's registry, not just empty.
    await page.waitForFunction(() => ![...CSS.highlights.keys()].some((n) => n.startsWith('cnai-')));
    await lib.getByRole('button', { name: 'Turn back on for 127.0.0.1' }).click();
    await waitForHighlights(page, 5);
  });

  it('the popup turns the tab’s site off and on again', async () => {
    const popup = await browser.openExtensionPage('popup.html', `?tabId=${await browser.tabIdOf(page)}`);
    const rows = popup.locator('.entity-row[data-entity="zhipu-ai"]');
    await rows.waitFor();
    await popup.getByRole('button', { name: 'Turn off on 127.0.0.1' }).click();
    await page.waitForFunction(() => ![...CSS.highlights.keys()].some((n) => n.startsWith('cnai-')));
    await popup.getByText('Highlighting is off on this site.').waitFor();
    // Nothing is highlighted any more: the popup no longer lists what the page had.
    await rows.waitFor({ state: 'detached' });
    await popup.getByRole('button', { name: 'Turn on again on 127.0.0.1' }).click();
    await waitForHighlights(page, 5);
    // The page scanned again and reported: the list comes back while the popup is open.
    await rows.waitFor();
    await popup.close();
  });

  it('a page opened on a site that is off loads only the core: the rest arrives when the site is turned on', async () => {
    await lib.getByLabel('Add site').fill('127.0.0.1');
    await lib.getByRole('button', { name: 'Add site' }).click();
    await page.waitForFunction(() => ![...CSS.highlights.keys()].some((n) => n.startsWith('cnai-')));
    const off = await browser.context.newPage();
    const uiRequests: string[] = [];
    off.on('request', (r) => {
      if (r.url().endsWith('/content-app.js')) uiRequests.push(r.url());
    });
    const marks = await watchStartupMarks(off);
    // Its own address: the page opened first (same article) has a report, this one must not.
    const offUrl = server.url('/article.html?site-off');
    await off.goto(offUrl);
    await off.waitForTimeout(1000);
    // The core ran and had its settings (its start-up marks say so), then stopped there.
    expect((await marks())?.stored).toBeGreaterThan(0);
    expect(uiRequests).toEqual([]);
    expect(await count(off)).toBe(0);
    // The popup still knows the tab's site (no report came from it) and says why nothing is listed.
    const offTab = await browser.worker.evaluate(async (u) => {
      const tabs = (await (globalThis as unknown as { chrome: { tabs: { query(q: object): Promise<{ id?: number; url?: string }[]> } } }).chrome.tabs.query({})) ?? [];
      return tabs.find((t) => t.url === u)?.id;
    }, offUrl);
    expect(offTab).toBeDefined();
    const popup = await browser.openExtensionPage('popup.html', `?tabId=${offTab}`);
    await popup.locator('.notice', { hasText: 'Highlighting is off on this site.' }).waitFor();
    expect(await popup.locator('text=Nothing found yet').count()).toBe(0);
    await lib.getByRole('button', { name: 'Turn back on for 127.0.0.1' }).click();
    await waitForHighlights(off, 5);
    // The open popup follows: the page's first report lists what it found.
    await popup.locator('.entity-row[data-entity="zhipu-ai"]').waitFor();
    await popup.close();
    // The second part (hover card) is there now.
    await off.waitForFunction(() => document.querySelector('[data-cnai-ui]') !== null);
    expect(uiRequests.length).toBeGreaterThan(0);
    await off.close();
  });

  it('a page’s full address turns its site off: after a reload the page has no highlights', async () => {
    // What a reader pastes: the address with its port and path (the site is compared by host name).
    const url = server.url('/article.html?full-address');
    const p = await browser.context.newPage();
    const marks = await watchStartupMarks(p);
    await p.goto(url);
    await waitForHighlights(p, 5);
    await lib.getByLabel('Add site').fill(url);
    await lib.getByRole('button', { name: 'Add site' }).click();
    await lib.locator('.site-list li').first().waitFor();
    await p.reload();
    await p.waitForTimeout(1000);
    // The content script ran on the reloaded page and read the settings, then stopped.
    expect((await marks())?.stored).toBeGreaterThan(0);
    expect(await count(p)).toBe(0);
    // Stored as the content script compares it: the host name, no port.
    expect(await lib.locator('.site-list li > span:first-child').allTextContents()).toEqual(['127.0.0.1']);
    await lib.getByRole('button', { name: 'Turn back on for 127.0.0.1' }).click();
    await waitForHighlights(p, 5);
    await p.close();
  });

  it('refuses what can never be a site, saying why, and reads "*." as the domain', async () => {
    const input = lib.getByLabel('Add site');
    const error = lib.locator('#site-error[role="alert"]');
    for (const [typed, says] of [
      ['not a site', '“not a site” is not a site’s name'],
      ['news.*.example.org', 'A “*” can only come first'],
      ['file:///home/reader/a.html', 'Only web sites (http:// and https://)'],
    ] as const) {
      await input.fill(typed);
      await lib.getByRole('button', { name: 'Add site' }).click();
      await error.waitFor();
      expect(await error.textContent()).toContain(says);
      expect(await input.getAttribute('aria-invalid')).toBe('true');
      expect(await input.getAttribute('aria-describedby')).toBe('site-error');
      expect(await input.inputValue()).toBe(typed);
      expect(await lib.locator('.site-list li').count()).toBe(0);
    }
    // Typing again clears the message.
    await input.fill('*.Example.org');
    expect(await error.count()).toBe(0);
    await lib.getByRole('button', { name: 'Add site' }).click();
    await lib.getByRole('button', { name: 'Turn back on for example.org' }).waitFor();
    // A subdomain of a listed site is off already.
    await input.fill('https://news.example.org/a');
    await lib.getByRole('button', { name: 'Add site' }).click();
    await error.waitFor();
    expect(await error.textContent()).toContain('Already off: example.org');
    expect(await lib.locator('.site-list li').count()).toBe(1);
    await lib.getByRole('button', { name: 'Turn back on for example.org' }).click();
    await lib.locator('.site-list').waitFor({ state: 'detached' });
  });

  it('the global pause does the same', async () => {
    await lib.getByLabel('Pause everywhere').check();
    await page.waitForFunction(() => [...CSS.highlights].filter(([n]) => n.startsWith('cnai-')).every(([, h]) => h.size === 0));
    await lib.getByLabel('Pause everywhere').uncheck();
    await waitForHighlights(page, 5);
  });

  it('choosing kinds changes what is highlighted', async () => {
    const before = await page.evaluate(() => CSS.highlights.get('cnai-company')!.size);
    expect(before).toBeGreaterThan(0);
    await lib.getByLabel('Companies', { exact: true }).uncheck();
    await page.waitForFunction(() => CSS.highlights.get('cnai-company')!.size === 0);
    expect(await page.evaluate(() => CSS.highlights.get('cnai-model')!.size)).toBeGreaterThan(0);
    await lib.getByLabel('Companies', { exact: true }).check();
    await page.waitForFunction((n) => CSS.highlights.get('cnai-company')!.size === n, before);
  });

  it('a new colour reaches the page', async () => {
    await lib.getByLabel('Colour for Models').fill('#ff0000');
    await page.waitForFunction(() => [...document.adoptedStyleSheets].some((s) => [...s.cssRules].some((r) => r.cssText.includes('cnai-model') && r.cssText.includes('255, 0, 0'))));
  });

  it('the hover delay is the reader’s', async () => {
    await lib.getByLabel('Hover delay before the card opens (ms)').fill('1500');
    await lib.getByLabel('Hover delay before the card opens (ms)').press('Enter');
    // Time for the setting to reach the page: with the old delay (300 ms) the card would be
    // open at the check below, so a slow hand-over would fail the test, not pass it.
    await page.waitForTimeout(1000);
    const { x, y } = await highlightCenter(page, 'cnai-model');
    await page.mouse.move(x, y);
    await page.waitForTimeout(700);
    await expect(axWait(page, 'dialog', /DeepSeek/, 100)).rejects.toThrow();
    await axWait(page, 'dialog', /DeepSeek/, 3000);
    await page.keyboard.press('Escape');
  });

  it('a hover delay out of range is refused with a message, and the field shows the one in use', async () => {
    const field = lib.getByLabel('Hover delay before the card opens (ms)');
    await field.fill('5000');
    await field.press('Enter');
    // It was dropped without a word, the field still showing 5000 (and a cleared field saved 0).
    await lib.getByRole('alert').filter({ hasText: '“5000” was not saved, the delay stays 1500 ms' }).waitFor({ timeout: 3000 });
    expect(await field.inputValue()).toBe('1500');
    await field.fill('');
    await field.press('Enter');
    await lib.getByRole('alert').filter({ hasText: 'the delay stays 1500 ms' }).waitFor({ timeout: 3000 });
    const stored = await lib.evaluate(async () => ((await (globalThis as unknown as { chrome: { storage: { local: { get(k: string): Promise<{ settings: { hoverDelayMs: number } }> } } } }).chrome.storage.local.get('settings')).settings.hoverDelayMs));
    expect(stored).toBe(1500);
    await field.fill('600');
    await field.press('Enter');
    await expect.poll(() => lib.getByRole('alert').filter({ hasText: 'was not saved' }).count(), { timeout: 3000 }).toBe(0);
    await expect.poll(() => lib.evaluate(async () => ((await (globalThis as unknown as { chrome: { storage: { local: { get(k: string): Promise<{ settings: { hoverDelayMs: number } }> } } } }).chrome.storage.local.get('settings')).settings.hoverDelayMs)), { timeout: 3000 }).toBe(600);
  });
});

describe('reading history', () => {
  it('records where entities were seen and shows it in the card', async () => {
    const other = await browser.context.newPage();
    await other.goto(server.url('/long.html'));
    await waitForHighlights(other, 2);
    await other.waitForTimeout(800);
    await other.evaluate(() => document.getElementById('far')!.scrollIntoView({ block: 'center' }));
    const { x, y } = await highlightCenter(other, 'cnai-model');
    await other.mouse.move(x, y);
    await axWait(other, 'dialog', /DeepSeek-R1/, 3000);
    await axWait(other, 'link', 'Article fixture: DeepSeek and the regulators', 3000);
    await other.close();
  });

  it('clears history per site and entirely', async () => {
    await lib.reload();
    await lib.waitForSelector('.settings-view');
    await lib.locator('text=/\\d+ records?/').waitFor();
    await lib.getByLabel('Clear history for a site').selectOption('127.0.0.1');
    await lib.getByRole('button', { name: 'Clear history for a site' }).click();
    await lib.getByText('0 records', { exact: true }).waitFor();
    expect(await count(page)).toBeGreaterThan(0);
  });
});
