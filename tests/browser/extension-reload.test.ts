/**
 * A content script outlives its extension when the extension is reloaded, updated or
 * removed while a page is open. It must then take its highlights and its UI away
 * (content/main.ts checks once a second that the extension is still there; the
 * loader's WXT context is not used, since a page could fake its invalidation event).
 */
import { describe, expect, it } from 'vitest';
import { waitForHighlights, useExtensionBrowser, useStaticServer } from './harness';

const server = useStaticServer();
const ext = useExtensionBrowser({ ignoreCloseError: true });

describe('when the extension goes away under an open page', () => {
  it('the page keeps no highlight and no extension UI', async () => {
    const page = await ext.context.newPage();
    await page.goto(server.url('/basic.html'));
    await waitForHighlights(page, 5);
    const state = () =>
      page.evaluate(() => ({
        highlighted: [...CSS.highlights.keys()].filter((k) => k.startsWith('cnai-')).reduce((n, k) => n + CSS.highlights.get(k)!.size, 0),
        names: [...CSS.highlights.keys()].filter((k) => k.startsWith('cnai-')).length,
        hosts: document.querySelectorAll('[data-cnai-ui]').length,
      }));
    expect(await state()).toMatchObject({ hosts: 1 });
    expect((await state()).highlighted).toBeGreaterThan(0);
    // Reloading orphans this page's content script (Chromium injects no new one into it).
    await ext.worker.evaluate(() => {
      const { chrome } = globalThis as unknown as { chrome: { runtime: { reload(): void } } };
      setTimeout(() => chrome.runtime.reload(), 50);
    });
    await expect.poll(state, { timeout: 5000, interval: 200 }).toEqual({ highlighted: 0, names: 0, hosts: 0 });
    // The page itself is untouched and still works.
    expect(await page.evaluate(() => document.body.textContent!.includes('Zhipu AI'))).toBe(true);
  });
});
