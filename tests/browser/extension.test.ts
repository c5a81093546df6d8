/**
 * The extension end to end in Debian's Chromium: highlights on a served page,
 * nothing in hidden places, the page's DOM untouched, and the popup's linked context.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { EXTENSION_DIR, getRecords, highlightedTexts, saveSelection, waitForHighlights, watchStartupMarks, useExtensionBrowser, useStaticServer } from './harness';

/** The extension API inside extension pages (evaluated there, not in Node). */
declare const chrome: {
  storage: { session: { get(key: string): Promise<Record<string, unknown>> } };
  tabs: { sendMessage(tab: number, m: unknown, o?: unknown): Promise<unknown> };
};

const server = useStaticServer((u) => {
  if (u.pathname === '/slow-page.html') {
    return { body: '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Slow</title></head><body><p>Zhipu AI released ChatGLM-6B.</p><script src="/slow.js"></script><p>Baidu.</p></body></html>' };
  }
  return u.pathname === '/slow.js' ? { body: '', type: 'text/javascript', delayMs: 600 } : undefined;
});
const browser = useExtensionBrowser();
let page: Page;

beforeAll(async () => {
  page = await browser.context.newPage();
  await page.goto(server.url('/basic.html'));
  await waitForHighlights(page, 10);
});

describe('highlighting', () => {
  it('registers one highlight per kind under the public names', async () => {
    const names = await page.evaluate(() => [...CSS.highlights.keys()]);
    expect(names).toEqual(expect.arrayContaining(['cnai-model', 'cnai-company', 'cnai-organization', 'cnai-policy']));
  });

  it('highlights exactly the mentions, coloured by kind', async () => {
    const texts = await highlightedTexts(page, ['cnai-model', 'cnai-company', 'cnai-organization', 'cnai-policy']);
    expect(texts['cnai-organization']).toEqual(['Cyberspace Administration of China', 'CAC', 'Tsinghua University', '清华大学']);
    expect(texts['cnai-company']).toEqual(['Zhipu AI', '智谱', 'Zhipu AI']);
    // The second one is split across <b>Chat</b>GLM-6B.
    expect(texts['cnai-model']).toEqual(['ChatGLM-6B', 'ChatGLM-6B']);
    expect(texts['cnai-policy']).toEqual(['Interim Measures for the Administration of Generative Artificial Intelligence Services']);
  });

  it('reads Chinese names under ruby annotations (pinyin) as the base text, in highlights and clippings', async () => {
    const ruby = await browser.context.newPage();
    await ruby.goto(server.url('/ruby.html'));
    await waitForHighlights(ruby, 4);
    // A mention read over annotations is painted character by character, so the pinyin
    // between stays untinted; a name inside one base text is one range.
    expect(await highlightedTexts(ruby, ['cnai-model', 'cnai-company'])).toEqual({
      'cnai-model': ['文', '心', '一', '言', '混元'],
      'cnai-company': ['百', '度', '腾讯'],
    });
    await saveSelection(ruby, '#per-char', '百bǎi度dù发布了文(wén)心(xīn)一yī言yán。');
    const saved = await getRecords<{ text: string; entities: string[]; url: string }>(browser.worker, 'clippings');
    const clip = saved.find((c) => c.url.endsWith('/ruby.html'))!;
    expect([clip.text, [...clip.entities].sort()]).toEqual(['百度发布了文心一言。', ['baidu', 'ernie-bot']]);
    // Found again on the next visit.
    await ruby.reload();
    await ruby.waitForFunction(() => (CSS.highlights.get('cnai-clipping')?.size ?? 0) === 1, undefined, { timeout: 10_000 });
    await ruby.close();
  });

  it('highlights nothing in scripts, styles, forms, editable regions, attributes or URLs', async () => {
    const outside = await page.evaluate(() => {
      const bad: string[] = [];
      for (const [name, h] of CSS.highlights) {
        if (!name.startsWith('cnai-')) continue;
        for (const r of h) {
          for (const node of [r.startContainer, r.endContainer]) {
            const el = node.parentElement!;
            if (el.closest('script, style, noscript, template, textarea, input, select, [contenteditable]') || !el.closest('article')) bad.push(`${name}: ${el.outerHTML}`);
          }
        }
      }
      return bad;
    });
    expect(outside).toEqual([]);
  });

  it('lists the loader and then the core in one manifest entry for the top document (their options must stay the same), a small part for every frame, and the reads at document_start', () => {
    const manifest = JSON.parse(readFileSync(path.join(EXTENSION_DIR, 'manifest.json'), 'utf8')) as { content_scripts: { js: string[]; run_at: string; all_frames: boolean; css?: string[] }[] };
    expect(manifest.content_scripts.map((c) => [c.run_at, c.all_frames, c.js, c.css ?? []])).toEqual([
      ['document_idle', false, ['content-scripts/content.js', 'content-scripts/scan.js'], []],
      // Frames get the core injected once they are worth a scan (content/frame-loader.ts); the styles go everywhere.
      ['document_idle', true, ['content-scripts/frames.js'], ['content-scripts/frames.css']],
      ['document_start', true, ['content-scripts/prefetch.js'], []],
    ]);
  });

  /** Opens a page in a new tab, waits for its first highlights, and reads the content script's start-up marks. */
  async function openWithMarks(path: string) {
    const fresh = await browser.context.newPage();
    const marks = await watchStartupMarks(fresh);
    await fresh.goto(server.url(path));
    await waitForHighlights(fresh, 1);
    return { fresh, m: await marks() };
  }

  it('records its start-up steps in order, in its own world only (what npm run bench times)', async () => {
    const { fresh, m } = await openWithMarks('/article.html');
    expect(m).toBeDefined();
    const steps = [m!.prefetch, m!.loader, m!.app, m!.stored, m!.matcher, m!.firstPaint];
    expect(steps.every((t) => typeof t === 'number' && t > 0)).toBe(true);
    expect([...steps].sort((a, b) => a! - b!)).toEqual(steps);
    expect(m!.storageAnswer).toBeLessThanOrEqual(m!.stored!);
    // The document_start part watched for the page's first frame after parsing (content/first-frame.ts).
    expect(m!.layoutReady).toBeGreaterThan(m!.prefetch!);
    // The scan waited for the background's answer on WebAssembly too, or for at most 100 ms
    // from the loader's start (content/main.ts: a slow answer means the JavaScript scan; a
    // busy machine, as under the whole test suite, gives one now and then).
    expect(m!.engineAnswer! < m!.matcher! || m!.matcher! - m!.loader! >= 100).toBe(true);
    // The page's own world has none of it.
    expect(await fresh.evaluate(() => (globalThis as Record<symbol, unknown>)[Symbol.for('cnai-context.startup')])).toBeUndefined();
    await fresh.close();
  });

  it('reads the stored matcher from document_start: on a page slow to load, it is in hand before the scan can start', async () => {
    // A parser-blocking script that arrives after 600 ms: the reads sent at document_start
    // are answered while the page waits for it, long before document_idle.
    const { fresh, m } = await openWithMarks('/slow-page.html');
    expect(m?.prefetch).toBeDefined();
    expect(m!.storageAnswer).toBeLessThan(m!.loader!);
    await fresh.close();
  });

  it('leaves the page DOM as the server sent it', async () => {
    const same = await page.evaluate(async () => {
      const html = await (await fetch(location.href)).text();
      const fresh = new DOMParser().parseFromString(html, 'text/html');
      const ours = [...document.documentElement.children].filter((c) => !c.hasAttribute('data-cnai-ui'));
      return { body: document.body.innerHTML === fresh.body.innerHTML, head: document.head.innerHTML === fresh.head.innerHTML, top: ours.length };
    });
    expect(same).toEqual({ body: true, head: true, top: 2 });
  });
});

describe('popup', () => {
  let popup: Page;
  beforeAll(async () => {
    const tabId = await browser.tabIdOf(page);
    popup = await browser.openExtensionPage('popup.html', `?tabId=${tabId}`);
    await popup.setViewportSize({ width: 400, height: 600 });
    await popup.waitForSelector('.entity-row');
  });

  it('lists the entities found in the tab, grouped by kind, with mention counts', async () => {
    const groups = await popup.$$eval('.kind-group', (sections) =>
      sections.map((s) => ({
        title: s.querySelector('h2')!.textContent,
        rows: [...s.querySelectorAll('.entity-row')].map((b) => `${b.getAttribute('data-entity')}:${b.querySelector('.count')!.textContent}`),
      })),
    );
    expect(groups).toEqual([
      { title: 'Models', rows: ['chatglm-6b:2'] },
      { title: 'Companies', rows: ['zhipu-ai:3'] },
      { title: 'Organizations', rows: ['cac:2', 'tsinghua-university:2'] },
      { title: 'Policies', rows: ['interim-measures-generative-ai:1'] },
    ]);
  });

  it('shows linked context: names, kind, summary, facts, related entities and sources', async () => {
    await popup.click('[data-entity="chatglm-6b"]');
    const detail = popup.locator('.entity-detail');
    await detail.waitFor();
    await expect(detail.locator('h2').innerText()).resolves.toContain('ChatGLM-6B');
    await expect(detail.locator('.kind-badge').innerText()).resolves.toMatch(/model/i);
    await expect(detail.locator('.entity-summary').innerText()).resolves.toMatch(/dialogue model/);
    const developedBy = await detail.locator('.relation', { hasText: 'Developed by' }).locator('.related-link').allInnerTexts();
    expect(developedBy.join(' | ')).toMatch(/Zhipu AI/);
    expect(developedBy.join(' | ')).toMatch(/Tsinghua University/);
    expect(await detail.locator('.entity-sources li').count()).toBeGreaterThan(0);
    // Following a relation shows that entity, Escape goes back.
    await detail.locator('.related-link', { hasText: 'Zhipu AI' }).click();
    await expect(popup.locator('.entity-detail h2').innerText()).resolves.toContain('Zhipu AI');
    await popup.keyboard.press('Escape');
    await expect(popup.locator('.entity-detail h2').innerText()).resolves.toContain('ChatGLM-6B');
  });

  it('jumps to the first mention on the page', async () => {
    const long = await browser.context.newPage();
    await long.goto(server.url('/long.html'));
    await waitForHighlights(long, 2);
    const tabId = await browser.tabIdOf(long);
    const p = await browser.openExtensionPage('popup.html', `?tabId=${tabId}`);
    await p.click('[data-entity="deepseek-r1"]');
    expect(await long.evaluate(() => window.scrollY)).toBe(0);
    await p.click('text=Jump to first mention');
    await p.locator('.status', { hasText: 'Scrolled to the first mention.' }).waitFor();
    await long.waitForFunction(() => {
      const r = document.getElementById('far')!.getBoundingClientRect();
      return r.top >= 0 && r.bottom <= innerHeight;
    });
    // The jumped-to mention flashes for two seconds. A second jump a second into the first
    // flash gets its own two seconds: the first flash's timer must not clear it.
    const flashing = () => long.evaluate(() => CSS.highlights.get('cnai-focus')?.size ?? 0);
    expect(await flashing()).toBe(1);
    const { second } = await p.evaluate(async (tab) => {
      const send = (entityId: string) =>
        chrome.tabs.sendMessage(tab, { type: 'content/jump', entityId }, { frameId: 0 });
      const sleepUntil = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms - (performance.now() - t0)));
      await send('deepseek-r1');
      const t0 = performance.now();
      await sleepUntil(1000);
      await send('deepseek');
      const second = performance.now() - t0;
      // Past the first flash's two seconds, well before the second one's end.
      await sleepUntil(2300);
      return { second };
    }, tabId);
    // Otherwise the first flash had ended before the second jump and this proves nothing.
    expect(second).toBeLessThan(1800);
    expect(await flashing()).toBe(1);
    await long.waitForFunction(() => (CSS.highlights.get('cnai-focus')?.size ?? 0) === 0);
    await p.close();
    await long.close();
  });

  it('jumps and moves only to mentions the reader can see, not into a closed menu', async () => {
    // The scan reads no styles: names in a `display: none` drop-down or a `visibility: hidden`
    // panel are found and counted, but jumping there scrolled nowhere, the popup said it had,
    // and the next-mention key opened the card at the window's corner.
    const menu = await browser.context.newPage();
    await menu.goto(server.url('/hidden-menu.html'));
    await waitForHighlights(menu, 5);
    const tabId = await browser.tabIdOf(menu);
    const farInView = () =>
      menu.waitForFunction(() => {
        const r = document.getElementById('far')!.getBoundingClientRect();
        return r.top >= 0 && r.bottom <= innerHeight;
      });
    const p = await browser.openExtensionPage('popup.html', `?tabId=${tabId}`);
    // The list marks what is only in the closed menu, once the page has checked its styles.
    const moonshot = p.locator('.entity-row.hidden-only[data-entity="moonshot-ai"]');
    await moonshot.waitFor();
    expect(await moonshot.textContent()).toContain('only in hidden parts of the page');
    expect(await moonshot.getAttribute('aria-label')).toContain('only in hidden parts of the page');
    expect(await p.locator('.entity-row.hidden-only').count()).toBe(1);
    // Listed after the entities the reader can see.
    expect(await p.locator('.entity-row').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-entity')).at(-1))).toBe('moonshot-ai');
    for (const entity of ['deepseek', 'baidu']) {
      await menu.evaluate(() => window.scrollTo(0, 0));
      await p.click(`[data-entity="${entity}"]`);
      await p.click('text=Jump to first mention');
      await p.locator('.status', { hasText: 'Scrolled to the first mention.' }).waitFor();
      // Read before waiting for the (smooth) scroll: the mark lasts two seconds, and a busy
      // machine scrolled the background tab for longer than that once.
      expect(await highlightedTexts(menu, ['cnai-focus'])).toEqual({ 'cnai-focus': [entity === 'baidu' ? 'Baidu' : 'DeepSeek'] });
      await farInView();
      await p.keyboard.press('Escape');
    }
    // Only in the closed menu: the popup says so rather than claiming a scroll.
    await menu.evaluate(() => window.scrollTo(0, 0));
    await p.click('[data-entity="moonshot-ai"]');
    await p.click('text=Jump to first mention');
    await p.locator('.status', { hasText: 'in parts the page hides' }).waitFor();
    expect(await menu.evaluate(() => window.scrollY)).toBe(0);
    await p.close();
    // The next-mention command passes over the hidden ones and opens the card at the visible one.
    const next = () => popup.evaluate((tab) => chrome.tabs.sendMessage(tab, { type: 'content/navigate', direction: 'next' }, { frameId: 0 }), tabId);
    await expect(next()).resolves.toEqual({ ok: true, data: { found: true } });
    await farInView();
    await menu.close();
  });

  it('paints its list from the labels kept with the tab report (one storage read)', async () => {
    const labels = await popup.evaluate(async () => {
      const reports = (await chrome.storage.session.get('tabReports')).tabReports as Record<string, Record<string, { labels?: Record<string, { name: { en: string } }> }>>;
      return Object.values(reports).flatMap((frames) => Object.values(frames)).map((r) => r.labels?.['zhipu-ai']?.name.en);
    });
    expect(labels).toContain('Zhipu AI');
  });

  it('searches the whole knowledge base, in Chinese too, and opens a result', async () => {
    const p = await browser.openExtensionPage('popup.html', `?tabId=${await browser.tabIdOf(page)}`);
    await p.waitForSelector('.entity-row');
    await p.fill('input.search', '通义千问');
    await p.locator('.entity-row[data-entity="qwen"]').waitFor();
    expect(await p.locator('[role="status"]').first().innerText()).toMatch(/result/);
    await p.click('.entity-row[data-entity="qwen"]');
    await expect(p.locator('.entity-detail h2').innerText()).resolves.toContain('Qwen');
    await p.keyboard.press('Escape');
    await p.fill('input.search', 'no such entity here');
    await p.locator('text=No entity matches').waitFor();
    await p.close();
  });

  it('is keyboard navigable', async () => {
    await popup.keyboard.press('Escape');
    await popup.waitForSelector('.entity-row');
    await popup.locator('.entity-row').first().focus();
    await popup.keyboard.press('ArrowDown');
    expect(await popup.evaluate(() => document.activeElement?.getAttribute('data-entity'))).toBe('zhipu-ai');
    await popup.keyboard.press('Enter');
    await popup.waitForSelector('.entity-detail');
    expect(await popup.evaluate(() => document.activeElement?.textContent)).toContain('Back');
  });

  // Last: it renames an entity for the rest of this file.
  it('shows an entity renamed in the knowledge base under its new name in an open tab', async () => {
    const page = await browser.context.newPage();
    await page.goto(server.url('/article.html'));
    await waitForHighlights(page, 5);
    const tabId = await browser.tabIdOf(page);
    const rowName = async () => {
      const popup = await browser.openExtensionPage('popup.html', `?tabId=${tabId}`);
      await popup.waitForSelector('.entity-row[data-entity="zhipu-ai"]');
      const name = await popup.locator('.entity-row[data-entity="zhipu-ai"] .row-name').innerText();
      await popup.close();
      return name;
    };
    expect(await rowName()).toMatch(/^Zhipu AI\b/);

    // The reader renames it in the library's editor; the background republishes the matcher and labels.
    const lib = await browser.openExtensionPage('library.html', '#/kb/edit/zhipu-ai');
    await lib.getByLabel('English name').fill('Zhipu (renamed)');
    await lib.getByRole('button', { name: 'Save entity' }).click();
    await lib.locator('[role=status]', { hasText: 'Saved.' }).waitFor();
    await lib.close();

    const deadline = Date.now() + 10_000;
    let name = '';
    while (Date.now() < deadline && !(name = await rowName()).startsWith('Zhipu (renamed)')) await new Promise((r) => setTimeout(r, 250));
    expect(name).toMatch(/^Zhipu \(renamed\)/);
    await page.close();
  });
});
