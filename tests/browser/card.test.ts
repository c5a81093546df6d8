/**
 * The hover card on a real mention: opens after the hover delay, shows summary and
 * relations, follows relations, is unreadable by the page, closes on Esc, and the
 * keyboard command moves between mentions.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { axNodes, axText, axWait, axClick, highlightCenter, settledQuad, waitForHighlights, useExtensionBrowser, useStaticServer } from './harness';

const server = useStaticServer();
const browser = useExtensionBrowser();
let page: Page;

beforeAll(async () => {
  page = await browser.context.newPage();
  await page.goto(server.url('/basic.html'));
  await waitForHighlights(page, 10);
});

async function hover(name: string, index = 0) {
  const { x, y } = await highlightCenter(page, name, index);
  await page.mouse.move(x, y);
}

/** How the in-page UI host is rendered (it is attached at start). */
const hostDisplay = () => page.evaluate(() => getComputedStyle(document.querySelector('[data-cnai-ui]')!).display);

describe('hover card', () => {
  it('opens on hover with the entity summary and relations', async () => {
    // Until the UI shows something its host takes no part in layout (see content/ui/host.ts).
    expect(await hostDisplay()).toBe('none');
    await hover('cnai-model', 0);
    await axWait(page, 'dialog', /ChatGLM-6B/, 3000);
    const text = await axText(page);
    expect(text).toMatch(/dialogue model/);
    expect(text).toMatch(/Developed by/);
    expect(text).toMatch(/Zhipu AI/);
    expect(text).toMatch(/Your clippings/i);
    expect(text).toMatch(/Seen on/i);
    expect(await hostDisplay()).toBe('block');
  });

  it('stays whole in a window a few lines high (a small frame), over the mention if need be', async () => {
    const p = await browser.context.newPage();
    try {
      await p.setViewportSize({ width: 700, height: 130 });
      await p.goto(server.url('/basic.html'));
      await waitForHighlights(p, 3);
      // The mention a line below the top of the window: neither side has room for the card.
      const at = await highlightCenter(p, 'cnai-model', 0);
      await p.evaluate((dy) => scrollBy(0, dy), at.y - 40);
      await p.waitForTimeout(100);
      const { x, y } = await highlightCenter(p, 'cnai-model', 0);
      await p.mouse.move(x, y);
      const dialog = await axWait(p, 'dialog', /ChatGLM-6B/, 3000);
      const cdp = await p.context().newCDPSession(p);
      try {
        const q = await settledQuad(p, cdp, dialog.backendDOMNodeId!, 'border');
        const ys = [q[1]!, q[3]!, q[5]!, q[7]!];
        expect(Math.min(...ys)).toBeGreaterThanOrEqual(0);
        expect(Math.max(...ys)).toBeLessThanOrEqual(130);
      } finally {
        await cdp.detach();
      }
    } finally {
      await p.close();
    }
  });

  it('cannot be read by the page', async () => {
    const leaked = await page.evaluate(() => {
      const host = document.querySelector('[data-cnai-ui]') as HTMLElement | null;
      const html = document.documentElement.outerHTML;
      return {
        hasHost: !!host,
        shadowRoot: host?.shadowRoot ?? null,
        inHtml: html.includes('dialogue model'),
        inText: document.documentElement.innerText.includes('dialogue model'),
      };
    });
    expect(leaked).toEqual({ hasHost: true, shadowRoot: null, inHtml: false, inText: false });
  });

  it('follows a relation and comes back', async () => {
    await axClick(page, 'button', /^Zhipu AI/);
    await axWait(page, 'dialog', /Zhipu AI/);
    await axClick(page, 'button', '← Back');
    await axWait(page, 'dialog', /ChatGLM-6B/);
  });

  it('closes on Escape', async () => {
    await page.keyboard.press('Escape');
    // Polled: a loaded CI machine can take longer than a fixed pause to update the tree.
    await expect.poll(async () => (await axNodes(page)).some((n) => n.role === 'dialog'), { timeout: 5000 }).toBe(false);
  });

  it('opens on click and stays pinned when the pointer leaves', async () => {
    const { x, y } = await highlightCenter(page, 'cnai-policy', 0);
    await page.mouse.click(x, y);
    await axWait(page, 'dialog', /Interim Measures/);
    await page.mouse.move(5, 880);
    await page.waitForTimeout(700);
    expect((await axNodes(page)).some((n) => n.role === 'dialog')).toBe(true);
    await page.keyboard.press('Escape');
  });

  it('moves between mentions with the keyboard command and focuses the card', async () => {
    const tabId = await browser.tabIdOf(page);
    const send = (direction: 'next' | 'prev') =>
      browser.worker.evaluate(
        // eslint-disable-next-line @typescript-eslint/no-explicit-any
        ([tab, dir]) => (globalThis as any).chrome.tabs.sendMessage(tab, { type: 'content/navigate', direction: dir }, { frameId: 0 }),
        [tabId, direction] as const,
      );
    const first = await send('next');
    expect(first).toEqual({ ok: true, data: { found: true } });
    await axWait(page, 'dialog', /Cyberspace Administration of China/);
    await send('next');
    await axWait(page, 'dialog', /Cyberspace Administration of China/);
    await send('next');
    await axWait(page, 'dialog', /Interim Measures/);
    await send('prev');
    await axWait(page, 'dialog', /Cyberspace Administration of China/);
    // Focus is inside the card (a labelled dialog), so screen readers announce it.
    const focused = await page.evaluate(() => document.activeElement?.hasAttribute('data-cnai-ui'));
    expect(focused).toBe(true);
    await page.keyboard.press('Escape');
  });

  it('on a page that names nothing, finds no mention to move to, and the notice the background then sends is announced', async () => {
    const plain = await browser.context.newPage();
    await plain.goto(server.url('/plain-frame.html'));
    const tabId = await browser.tabIdOf(plain);
    const send = (message: unknown) =>
      browser.worker.evaluate(
        // eslint-disable-next-line @typescript-eslint/no-explicit-any
        ([tab, m]) => (globalThis as any).chrome.tabs.sendMessage(tab, m, { frameId: 0 }),
        [tabId, message] as const,
      );
    await expect.poll(() => send({ type: 'content/navigate', direction: 'next' }).catch(() => null), { timeout: 10_000 }).toEqual({ ok: true, data: { found: false } });
    // The tab counted no mention (background/commands.ts): it sends this.
    expect(await send({ type: 'content/notice', notice: 'no-mentions' })).toEqual({ ok: true, data: null });
    await axWait(plain, 'alert', 'No known Chinese AI entity on this page.');
    await plain.close();
  });
});

describe('Chinese names in the page’s script', () => {
  const pages: Record<string, string> = {
    '/script-tw.html': '<!doctype html><html lang="zh-TW"><head><meta charset="utf-8"><title>台灣</title></head><body><p>阿里雲發布通義千問新版本。</p></body></html>',
    '/script-en.html': '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>English</title></head><body><p>Alibaba Cloud updated 通義千問, its Qwen family.</p></body></html>',
  };
  beforeAll(() => {
    server.route((u) => (pages[u.pathname] ? { body: pages[u.pathname]! } : undefined));
  });

  /** The card's name (its heading: the English name, then the Chinese one) and its related entity's button. */
  async function cardNames(path: string): Promise<{ heading: string; related: string }> {
    const p = await browser.context.newPage();
    try {
      await p.goto(server.url(path));
      await waitForHighlights(p, 2);
      const { x, y } = await highlightCenter(p, 'cnai-model', 0);
      await p.mouse.move(x, y);
      const heading = (await axWait(p, 'dialog', /Qwen/, 3000)).name;
      const related = (await axWait(p, 'button', /^Alibaba Cloud/, 3000)).name;
      return { heading, related };
    } finally {
      await p.close();
    }
  }

  it('shows the traditional names on a Taiwanese page, the simplified ones elsewhere (setting: auto)', async () => {
    const tw = await cardNames('/script-tw.html');
    expect(tw.heading).toMatch(/通義千問/);
    expect(tw.related).toMatch(/阿里雲/);
    // An English page in a browser set to English: simplified, whatever the page wrote.
    const en = await cardNames('/script-en.html');
    expect(en.heading).toMatch(/通义千问/);
    expect(en.related).toMatch(/阿里云/);
  });
});
