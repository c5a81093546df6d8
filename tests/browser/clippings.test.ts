/**
 * Clippings in the browser: select text on a served page, save it with the in-page
 * button, see it highlighted as cnai-clipping after a reload, and see it re-anchored
 * or reported as not found when the page changed between visits.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { axClick, axNodes, axText, axWait, deleteRecord, FIXTURES_DIR, getRecords, highlightedTexts, selectText, setInterfaceLanguage, settledQuad, waitForHighlights, useExtensionBrowser, useStaticServer, saveSelection } from './harness';

/** The article as served; tests edit it between visits. */
let articleHtml = readFileSync(path.join(FIXTURES_DIR, 'article.html'), 'utf8');
const server = useStaticServer((url) => (url.pathname === '/changing.html' ? { body: articleHtml } : undefined));
const browser = useExtensionBrowser();

async function clippingTexts(page: import('playwright-core').Page) {
  await page.waitForFunction(() => (CSS.highlights.get('cnai-clipping')?.size ?? 0) > 0, undefined, { timeout: 5000 });
  return (await highlightedTexts(page, ['cnai-clipping']))['cnai-clipping'];
}

describe('saving a clipping', () => {
  const quote = 'requires providers to label AI-generated content';

  it('saves the selection with the in-page button, across elements', async () => {
    const page = await browser.context.newPage();
    await page.goto(server.url('/changing.html'));
    await waitForHighlights(page, 3);
    await saveSelection(page, '#p2', quote);
    expect(await clippingTexts(page)).toEqual([quote]);
    // The stored record has the selectors and the entities of the clipped text.
    const stored = await getRecords(browser.worker, 'clippings');
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({
      text: quote,
      url: server.url('/changing.html'),
      site: '127.0.0.1',
      quote: { type: 'TextQuoteSelector', exact: quote },
      position: { type: 'TextPositionSelector' },
      note: '',
      tags: [],
    });
    await page.close();
  });

  it('highlights it again after a reload', async () => {
    const page = await browser.context.newPage();
    await page.goto(server.url('/changing.html?utm_source=newsletter#top'));
    expect(await clippingTexts(page)).toEqual([quote]);
    await page.close();
  });

  it('says so when the same selection is saved again, and the panel stays open', async () => {
    const page = await browser.context.newPage();
    await page.goto(server.url('/changing.html'));
    await waitForHighlights(page, 3);
    await saveSelection(page, '#p2', quote, { dialog: /Already in your clippings/ });
    // The click's own mouseup used to schedule a selection check that, landing after a
    // fast save, replaced the panel with the save button again.
    await page.waitForTimeout(600);
    const nodes = await axNodes(page);
    expect(nodes.some((n) => !n.ignored && n.role === 'dialog' && /Already in your clippings/.test(n.name))).toBe(true);
    expect(nodes.some((n) => !n.ignored && n.role === 'button' && n.name === 'Save clipping')).toBe(false);
    expect(await getRecords(browser.worker, 'clippings')).toHaveLength(1);
    await page.close();
  });

  it('keeps the panel of a save by keyboard shortcut when the keys are released', async () => {
    const page = await browser.context.newPage();
    await page.goto(server.url('/changing.html'));
    await waitForHighlights(page, 3);
    await selectText(page, '#p2', quote);
    await page.keyboard.down('Alt');
    await page.keyboard.down('Shift');
    // What the Alt+Shift+S command does (headless Chromium does not deliver extension shortcuts).
    const tabId = await browser.tabIdOf(page);
    await browser.worker.evaluate(
      // eslint-disable-next-line @typescript-eslint/no-explicit-any
      (tab) => (globalThis as any).chrome.tabs.sendMessage(tab, { type: 'content/save-selection' }, { frameId: 0 }),
      tabId,
    );
    await axWait(page, 'dialog', /Already in your clippings/);
    await page.keyboard.up('Shift');
    await page.keyboard.up('Alt');
    await page.waitForTimeout(600);
    const nodes = await axNodes(page);
    expect(nodes.some((n) => !n.ignored && n.role === 'dialog' && /Already in your clippings/.test(n.name))).toBe(true);
    // A new selection does replace the panel with the save button.
    await selectText(page, '#p2', 'label AI-generated content');
    await axWait(page, 'button', 'Save clipping');
    await page.close();
  });

  it('re-anchors it when the page changed a little, and reports it missing when its text is gone', async () => {
    articleHtml = articleHtml.replace('<p id="p1">', '<p id="new">A new paragraph was added above.</p>\n<p id="p1">');
    const page = await browser.context.newPage();
    await page.goto(server.url('/changing.html'));
    expect(await clippingTexts(page)).toEqual([quote]);
    await page.close();

    articleHtml = articleHtml.replace('requires providers to <em>label</em> AI-generated content', 'asks platforms to mark synthetic media');
    const gone = await browser.context.newPage();
    await gone.goto(server.url('/changing.html'));
    await waitForHighlights(gone, 3);
    const tabId = await browser.tabIdOf(gone);
    const popup = await browser.openExtensionPage('popup.html', `?tabId=${tabId}`);
    await popup.locator('.orphaned', { hasText: quote }).waitFor({ timeout: 5000 });
    await popup.close();
    await gone.close();
  });
});

/** The stored clipping of this text, if any. */
async function storedClipping(text: string) {
  const all = await getRecords<{ text: string; note: string; tags: string[] }>(browser.worker, 'clippings');
  return all.find((c) => c.text === text);
}

/** Where an element with this accessible role and name is drawn (closed shadow roots included). */
async function axBox(page: Page, role: string, name: string | RegExp) {
  const node = await axWait(page, role, name);
  const cdp = await page.context().newCDPSession(page);
  try {
    const q = await settledQuad(page, cdp, node.backendDOMNodeId!, 'border');
    return { left: q[0]!, top: q[1]!, right: q[4]!, bottom: q[5]! };
  } finally {
    await cdp.detach();
  }
}

/** A screenshot to look at, when CNAI_SCREENSHOTS names a folder. */
async function shoot(page: Page, name: string) {
  if (process.env.CNAI_SCREENSHOTS) await page.screenshot({ path: path.join(process.env.CNAI_SCREENSHOTS, `${name}.png`) });
}

const dialogOpen = async (page: Page) => (await axNodes(page)).some((n) => !n.ignored && n.role === 'dialog' && /Saved to your clippings/.test(n.name));

describe('the saved panel keeps the note and tags', () => {
  const PARAS = [
    'The U.S. Commerce Department added Zhipu AI to the Entity List in January 2025.',
    'Moonshot AI released Kimi K2 as an open-weight model later that year.',
    'Alibaba answered DeepSeek-R1 with Qwen2.5-Max a few days after its release.',
    'Baidu said Ernie would be open-sourced, and Tencent kept shipping Hunyuan models.',
    'The Cyberspace Administration of China published draft rules for labelling AI content.',
    'ByteDance released Doubao 1.5 Pro, priced well below its rivals.',
  ];
  beforeAll(() => {
    server.route((url) => (url.pathname === '/panel.html' ? { body: `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Panel</title></head><body><article>${PARAS.map((p, i) => `<p id="q${i}">${p}</p>`).join('')}</article></body></html>` } : undefined));
  });

  /** Saves a paragraph with the in-page button and types a note and tags in the panel. */
  async function saveAndType(page: Page, i: number, note: string, tags: string) {
    await page.goto(server.url(`/panel.html?t=${i}`));
    await waitForHighlights(page, 1);
    await saveSelection(page, `#q${i}`, PARAS[i]!);
    await axClick(page, 'textbox', 'Note');
    await page.keyboard.type(note);
    await axClick(page, 'textbox', 'Tags (comma-separated)');
    await page.keyboard.type(tags);
  }

  it('stays open while the reader works in it, and saves when it closes by itself (the real 10 s)', async () => {
    const page = await browser.context.newPage();
    await saveAndType(page, 0, 'Check the Federal Register notice.', 'export controls, 2025');
    // Past the timeout with focus in the panel: still open, nothing lost.
    await page.waitForTimeout(11_000);
    expect(await dialogOpen(page)).toBe(true);
    // Focus leaves it (Tab past Done): it closes 10 s later, saving what was typed.
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    await page.waitForTimeout(8000);
    expect(await dialogOpen(page)).toBe(true);
    await expect.poll(() => dialogOpen(page), { timeout: 6000, interval: 250 }).toBe(false);
    await expect.poll(() => storedClipping(PARAS[0]!), { timeout: 5000 }).toMatchObject({ note: 'Check the Federal Register notice.', tags: ['export controls', '2025'] });
    await page.close();
  }, 60_000);

  it('saves them on Esc', async () => {
    const page = await browser.context.newPage();
    await saveAndType(page, 1, 'Open weights.', 'moonshot');
    await shoot(page, 'panel');
    await page.keyboard.press('Escape');
    expect(await dialogOpen(page)).toBe(false);
    await expect.poll(() => storedClipping(PARAS[1]!), { timeout: 5000 }).toMatchObject({ note: 'Open weights.', tags: ['moonshot'] });
    await page.close();
  });

  it('saves them on a click elsewhere on the page', async () => {
    const page = await browser.context.newPage();
    await saveAndType(page, 2, 'A quick answer.', 'alibaba, deepseek');
    await page.mouse.click(5, 5);
    await expect.poll(() => dialogOpen(page), { timeout: 2000 }).toBe(false);
    await expect.poll(() => storedClipping(PARAS[2]!), { timeout: 5000 }).toMatchObject({ note: 'A quick answer.', tags: ['alibaba', 'deepseek'] });
    await page.close();
  });

  it('saves them when the page navigates on its own (history.pushState), not on an in-page link', async () => {
    const page = await browser.context.newPage();
    await saveAndType(page, 3, 'Ernie goes open.', 'baidu');
    // A "#section" link is the same page (the extension records pages without fragments):
    // the panel stays open past the once-a-second navigation check.
    await page.evaluate(() => (location.hash = '#q5'));
    await page.waitForTimeout(1500);
    expect(await dialogOpen(page)).toBe(true);
    await page.evaluate(() => history.pushState({}, '', '/panel.html?t=elsewhere'));
    await expect.poll(() => dialogOpen(page), { timeout: 5000 }).toBe(false);
    await expect.poll(() => storedClipping(PARAS[3]!), { timeout: 5000 }).toMatchObject({ note: 'Ernie goes open.', tags: ['baidu'] });
    await page.close();
  });

  it('saves them when the reader leaves the page', async () => {
    const page = await browser.context.newPage();
    await saveAndType(page, 5, 'Cheap tokens.', 'bytedance');
    await page.goto(server.url('/article.html'));
    await expect.poll(() => storedClipping(PARAS[5]!), { timeout: 5000 }).toMatchObject({ note: 'Cheap tokens.', tags: ['bytedance'] });
    await page.close();
  });

  it('keeps Undo: the clipping and what was typed are gone', async () => {
    const page = await browser.context.newPage();
    await saveAndType(page, 4, 'Never mind.', 'cac');
    await axClick(page, 'button', 'Undo');
    await expect.poll(() => dialogOpen(page), { timeout: 5000 }).toBe(false);
    await page.waitForTimeout(500);
    expect(await storedClipping(PARAS[4]!)).toBeUndefined();
    await page.close();
  });
});

describe('the button and messages stay in the window', () => {
  const VIEW = { width: 1200, height: 900 };
  const FILLER = 'Readers kept reading long plain sentences about the river and the town, and nothing else happened. ';
  beforeAll(() => {
    const tall = `<p id="start">DeepSeek released DeepSeek-R1 in January 2025.</p>${Array.from({ length: 60 }, (_, i) => `<p id="f${i}">${FILLER}</p>`).join('')}<p id="end">The end of the selection.</p><div style="height: 600px"></div>`;
    // 171 paragraphs of 1,000 characters each.
    const para = FILLER.repeat(11).slice(0, 1000);
    const huge = `<p id="intro">Zhipu AI and a very long text.</p><div id="huge">${Array.from({ length: 171 }, () => `<p>${para}</p>`).join('')}</div>`;
    const page = (title: string, body: string) => `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title></head><body>${body}</body></html>`;
    server.route((url) => (url.pathname === '/tall.html' ? { body: page('Tall', tall) } : url.pathname === '/huge.html' ? { body: page('Huge', huge) } : undefined));
  });

  const inView = (b: { left: number; top: number; right: number; bottom: number }) => b.left >= 0 && b.top >= 0 && b.right <= VIEW.width && b.bottom <= VIEW.height;

  it('puts the button inside the window when the selection ends below it, and follows the selection as the page scrolls', async () => {
    const page = await browser.context.newPage();
    await page.goto(server.url('/tall.html'));
    await waitForHighlights(page, 1);
    await page.evaluate(() => {
      const r = document.createRange();
      r.setStart(document.getElementById('start')!.firstChild!, 0);
      r.setEnd(document.getElementById('end')!.firstChild!, 'The end of the selection.'.length);
      getSelection()!.removeAllRanges();
      getSelection()!.addRange(r);
    });
    const box = await axBox(page, 'button', 'Save clipping');
    expect(inView(box), JSON.stringify(box)).toBe(true);
    await shoot(page, 'button-in-view');
    // Scrolled so that the selection's end is in view: the button is right below it.
    await page.evaluate(() => document.getElementById('end')!.scrollIntoView({ block: 'center' }));
    const end = await page.evaluate(() => document.getElementById('end')!.getBoundingClientRect().toJSON() as DOMRect);
    const after = await axBox(page, 'button', 'Save clipping');
    expect(inView(after)).toBe(true);
    expect(after.top - end.bottom).toBeGreaterThanOrEqual(0);
    expect(after.top - end.bottom).toBeLessThan(20);
    await shoot(page, 'button-below');
    await page.close();
  });

  it('says in words, inside the window and to screen readers, that a selection is too long', async () => {
    const page = await browser.context.newPage();
    await page.goto(server.url('/huge.html'));
    await waitForHighlights(page, 1, 30_000);
    await page.evaluate(() => {
      const r = document.createRange();
      r.selectNodeContents(document.getElementById('huge')!);
      getSelection()!.removeAllRanges();
      getSelection()!.addRange(r);
    });
    await axClick(page, 'button', 'Save clipping');
    const message = 'This selection is too long to save (171,000 characters; the limit is 100,000).';
    const box = await axBox(page, 'alert', message);
    expect(inView(box), JSON.stringify(box)).toBe(true);
    await shoot(page, 'too-long');
    await page.close();
  });
});

describe('the panel speaks the reader’s language', () => {
  const TEXT = 'Zhipu AI released GLM-4.5 as an open-weight model.';
  const setLanguage = (language: 'zh-CN' | 'en') => setInterfaceLanguage(browser.worker, language);
  beforeAll(async () => {
    server.route((url) => (url.pathname === '/zh-panel.html' ? { body: `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Panel zh</title></head><body><p id="z">${TEXT}</p></body></html>` } : undefined));
    await setLanguage('zh-CN');
  });
  afterAll(() => setLanguage('en'));

  it('shows in Chinese why the background refused to save the note (the clipping was deleted meanwhile)', async () => {
    const page = await browser.context.newPage();
    await page.goto(server.url('/zh-panel.html'));
    await waitForHighlights(page, 1);
    await saveSelection(page, '#z', TEXT, { button: '保存摘录', dialog: /已保存到你的摘录/ });
    // Deleted elsewhere (the library, another tab) while the panel is open.
    const id = (await storedClipping(TEXT) as unknown as { id: string }).id;
    await deleteRecord(browser.worker, 'clippings', id);
    await axClick(page, 'textbox', '笔记');
    await page.keyboard.type('稍后核实。');
    await page.keyboard.press('Escape');
    // The background refuses (clip.gone): the panel comes back with what was typed and says why, in Chinese.
    await axWait(page, 'dialog', /已保存到你的摘录/);
    await expect.poll(() => axText(page), { timeout: 5000 }).toContain('无法保存：这条摘录已不存在。');
    expect(await axText(page)).not.toMatch(/no longer exists/);
    // And the page no longer paints it as saved.
    await page.waitForFunction(() => (CSS.highlights.get('cnai-clipping')?.size ?? 0) === 0, undefined, { timeout: 5000 });
    await shoot(page, 'panel-error-zh');
    await page.close();
  });
});
