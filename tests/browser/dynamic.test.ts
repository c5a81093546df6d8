/**
 * The recognition engine on living pages: infinite scroll, edits, removals, SPA
 * navigation, a ticking clock, open shadow roots and same-origin iframes.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { broadcastSave, getRecords, highlightedTexts, startupMarksByFrame, useExtensionBrowser, useStaticServer, waitForHighlights } from './harness';

let page: Page;

const all = async (p: Page) => Object.entries(await highlightedTexts(p, ['cnai-model', 'cnai-company', 'cnai-organization', 'cnai-policy'])).flatMap(([k, v]) => v.map((t) => `${k.slice(5)}:${t}`)).sort();

/** Waits until a company mention with this text is highlighted (yes) or no longer is. */
const companyShown = (text: string, yes: boolean) =>
  page.waitForFunction(
    ([t, want]) => [...CSS.highlights.get('cnai-company')!].some((r) => r.startContainer.isConnected && r.startContainer.textContent!.slice(r.startOffset, r.endOffset) === t) === want,
    [text, yes] as const,
  );

const byIdIn = async (p: Page, id: string) => (await (await p.$(`#${id}`))!.contentFrame())!;
const server = useStaticServer();
const browser = useExtensionBrowser();

/** Sets the list of sites where the extension is off, as the settings page does. */
const setSites = (sites: string[]) =>
  browser.worker.evaluate(async (sites) => {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const { chrome } = globalThis as any;
    const current = (await chrome.storage.local.get('settings')).settings ?? {};
    await chrome.storage.local.set({ settings: { ...current, disabledSites: sites } });
  }, sites);

beforeAll(async () => {
  page = await browser.context.newPage();
  await page.goto(server.url('/dynamic.html'));
  await waitForHighlights(page, 2);
});

describe('dynamic pages', () => {
  it('highlights text inside open shadow roots, styled there', async () => {
    expect(await all(page)).toEqual(expect.arrayContaining(['company:Moonshot AI', 'model:Kimi K2']));
    const styled = await page.evaluate(() => document.getElementById('host')!.shadowRoot!.adoptedStyleSheets.some((s) => [...s.cssRules].some((r) => r.cssText.includes('cnai-model'))));
    expect(styled).toBe(true);
  });

  it('finds a shadow root attached after the scan (a custom element whose definition came late)', async () => {
    await page.evaluate(() => {
      const root = document.getElementById('late')!.attachShadow({ mode: 'open' });
      root.innerHTML = '<p>Upgraded late: Tencent Cloud.</p>';
    });
    // No DOM change announces it: the scanner looks at such elements again after 1 s, 4 s and 15 s.
    await page.waitForFunction(
      () => {
        const root = document.getElementById('late')!.shadowRoot!;
        return [...CSS.highlights.get('cnai-company')!].some((r) => r.startContainer.getRootNode() === root && r.startContainer.textContent!.slice(r.startOffset, r.endOffset) === 'Tencent Cloud');
      },
      undefined,
      { timeout: 8000 },
    );
    const styled = await page.evaluate(() => document.getElementById('late')!.shadowRoot!.adoptedStyleSheets.some((s) => [...s.cssRules].some((r) => r.cssText.includes('cnai-company'))));
    expect(styled).toBe(true);
  });

  it('picks up appended content (infinite scroll)', async () => {
    await page.evaluate(() => (window as unknown as { appendItem: () => void }).appendItem());
    await page.waitForFunction(() => [...CSS.highlights.get('cnai-company')!].some((r) => r.startContainer.textContent!.slice(r.startOffset, r.endOffset) === 'Zhipu AI'));
    expect(await all(page)).toEqual(expect.arrayContaining(['company:Zhipu AI', 'model:GLM']));
  });

  it('finds every mention in a long block added later, scanned in parts', async () => {
    // One text node of 640,000 characters: forty parts of the rescan's 16,000, with a mention
    // every 40,000 characters and one at the very end.
    const made = await page.evaluate(() => {
      const filler = 'the reader kept reading long plain sentences, while the river ran past the quiet town. ';
      const parts: string[] = [];
      let length = 0;
      let mentions = 0;
      let next = 40_000;
      while (length < 640_000) {
        if (length >= next) {
          parts.push('Tencent ');
          length += 8;
          mentions++;
          next += 40_000;
        }
        parts.push(filler);
        length += filler.length;
      }
      parts.push('and at the end Baidu');
      const text = parts.join('');
      const pre = document.createElement('pre');
      pre.id = 'long-block';
      pre.textContent = text;
      document.body.append(pre);
      return { mentions: mentions + 1, length: text.length };
    });
    const inBlock = () =>
      page.evaluate(() =>
        [...CSS.highlights.get('cnai-company')!].filter((r) => r.startContainer.parentElement?.id === 'long-block').map((r) => [r.startOffset, r.endOffset]),
      );
    await expect.poll(async () => (await inBlock()).length, { timeout: 10_000 }).toBe(made.mentions);
    const ranges = await inBlock();
    expect(Math.max(...ranges.map((r) => r[1]!))).toBe(made.length);
    await page.evaluate(() => document.getElementById('long-block')!.remove());
  });

  it('rescans edited text and drops ranges of removed nodes', async () => {
    await page.evaluate(() => (window as unknown as { editFirst: (t: string) => void }).editFirst('First item, edited: Tencent launched Hunyuan.'));
    const hasText = (name: string, text: string) =>
      page.waitForFunction(
        ([n, t]) =>
          [...CSS.highlights.get(n as string)!].some((r) => {
            const range = document.createRange();
            range.setStart(r.startContainer, r.startOffset);
            range.setEnd(r.endContainer, r.endOffset);
            return range.toString() === t;
          }),
        [name, text],
      );
    await hasText('cnai-model', 'Hunyuan');
    let texts = await all(page);
    expect(texts).toEqual(expect.arrayContaining(['company:Tencent', 'model:Hunyuan']));
    expect(texts).not.toContain('company:Baidu');
    await page.evaluate(() => (window as unknown as { removeFirst: () => void }).removeFirst());
    await page.waitForFunction(() => ![...CSS.highlights.get('cnai-model')!].some((r) => r.startContainer.textContent?.includes('Hunyuan')));
    texts = await all(page);
    expect(texts).not.toContain('model:Hunyuan');
    // Every remaining range points into the live document.
    expect(await page.evaluate(() => [...CSS.highlights].every(([, h]) => [...h].every((r) => r.startContainer.isConnected)))).toBe(true);
  });

  it('follows `hidden` and `contenteditable` being switched on and off', async () => {
    const shown = (text: string, yes: boolean) =>
      page.waitForFunction(
        ([t, want]) =>
          [...CSS.highlights.get('cnai-company')!].some((r) => {
            const range = document.createRange();
            range.setStart(r.startContainer, r.startOffset);
            range.setEnd(r.endContainer, r.endOffset);
            return range.toString() === t && r.startContainer.isConnected;
          }) === want,
        [text, yes] as const,
      );
    const set = (id: string, name: string, value: string | null) =>
      page.evaluate(([i, n, v]) => (v === null ? document.getElementById(i!)!.removeAttribute(n!) : document.getElementById(i!)!.setAttribute(n!, v!)), [id, name, value] as const);
    await page.evaluate(() => {
      const feed = document.getElementById('feed')!;
      feed.insertAdjacentHTML('beforeend', '<p id="toggled" hidden>Shown later: SenseTime.</p><p>Inline: <span id="inline" hidden>Kunlunxin</span> chips.</p>');
    });
    // Added hidden: not highlighted (the ByteDance paragraph added with it is the sign the scan ran).
    await page.evaluate(() => (window as unknown as { appendItem: (t: string) => void }).appendItem('Added at the same time: ByteDance.'));
    await shown('ByteDance', true);
    expect(await all(page)).not.toEqual(expect.arrayContaining(['company:SenseTime']));
    await set('toggled', 'hidden', null);
    await shown('SenseTime', true);
    await set('inline', 'hidden', null);
    await shown('Kunlunxin', true);
    await set('toggled', 'contenteditable', '');
    await shown('SenseTime', false);
    await set('toggled', 'contenteditable', 'false');
    await shown('SenseTime', true);
    await set('inline', 'hidden', 'until-found');
    await shown('Kunlunxin', false);
    expect(await all(page)).toEqual(expect.arrayContaining(['company:SenseTime', 'company:ByteDance']));
  });

  it('follows a <details> being opened and closed: only its summary shows while closed', async () => {
    await page.evaluate(() => {
      document.getElementById('feed')!.insertAdjacentHTML('beforeend', '<details id="more"><summary>Summary: Megvii</summary><p>Inside: iFlytek.</p></details>');
    });
    await companyShown('Megvii', true);
    expect(await all(page)).not.toEqual(expect.arrayContaining(['company:iFlytek']));
    // The reader opens it (the browser sets `open`), then closes it.
    await page.click('#more > summary');
    await companyShown('iFlytek', true);
    await page.click('#more > summary');
    await companyShown('iFlytek', false);
    expect(await all(page)).toEqual(expect.arrayContaining(['company:Megvii']));
  });

  it('follows a <dialog> being shown and closed', async () => {
    await page.evaluate(() => {
      document.getElementById('feed')!.insertAdjacentHTML('beforeend', '<dialog id="dlg"><p>In a dialog: Baichuan AI.</p></dialog><p>Next to it: StepFun.</p>');
    });
    await companyShown('StepFun', true);
    expect(await all(page)).not.toEqual(expect.arrayContaining(['company:Baichuan AI']));
    await page.evaluate(() => (document.getElementById('dlg') as HTMLDialogElement).showModal());
    await companyShown('Baichuan AI', true);
    await page.evaluate(() => (document.getElementById('dlg') as HTMLDialogElement).close());
    await companyShown('Baichuan AI', false);
  });

  it('follows single-page navigation', async () => {
    await page.evaluate(() => (window as unknown as { navigate: (p: string, h: string) => void }).navigate('/dynamic.html?page=2', '<article><p>New view: the State Council issued the New Generation Artificial Intelligence Development Plan.</p></article>'));
    await page.waitForFunction(() => CSS.highlights.get('cnai-policy')!.size >= 1);
    const texts = await all(page);
    expect(texts).toEqual(expect.arrayContaining(['policy:New Generation Artificial Intelligence Development Plan']));
    expect(texts).not.toContain('company:Zhipu AI');
    // The report follows the new URL.
    const tabId = await browser.tabIdOf(page);
    expect(tabId).toBeGreaterThan(0);
  });

  it('stays quiet on a ticking clock: no rescans outside the changed block', async () => {
    await page.evaluate(() => (window as unknown as { startClock: () => void }).startClock());
    const before = await all(page);
    await page.waitForTimeout(1200);
    expect(await all(page)).toEqual(before);
  });
});

describe('context on a living page', () => {
  it("marks a short name once a model of its maker shows up, whose longer name took the maker's word, and unmarks it when that goes", async () => {
    const p = await browser.context.newPage();
    await p.goto(server.url('/dynamic.html'));
    await waitForHighlights(p, 2);
    const models = (want: string[]) =>
      p.waitForFunction(
        (w) => {
          const got = [...(CSS.highlights.get('cnai-model') ?? [])].filter((r) => r.startContainer.isConnected).map((r) => r.startContainer.textContent!.slice(r.startOffset, r.endOffset));
          return w.every((t) => got.includes(t)) && !got.some((t) => t === 'Yuanbao' && !w.includes(t));
        },
        want,
        { timeout: 10_000 },
      );
    await p.evaluate(() => {
      const note = document.createElement('p');
      note.id = 'app-note';
      note.textContent = 'Yuanbao is an app.';
      document.body.append(note);
    });
    await p.waitForTimeout(500);
    await models([]);
    await p.evaluate(() => {
      const news = document.createElement('p');
      news.id = 'model-news';
      news.textContent = 'Tencent Hunyuan-T1 is out.';
      document.body.append(news);
    });
    await models(['Tencent Hunyuan-T1', 'Yuanbao']);
    await p.evaluate(() => document.getElementById('model-news')!.remove());
    await models([]);
    await p.close();
  });
});

describe('veto words on a living page', () => {
  // 清華大學 on a page that says 國立清華大學 is National Tsing Hua University (Taiwan), not
  // Tsinghua (Beijing): the bare name counts only while the full one is not on the page.
  it('drops and restores a name as the page stops and starts saying its veto word', async () => {
    const p = await browser.context.newPage();
    await p.goto(server.url('/taiwan.html'));
    await waitForHighlights(p, 1);
    const texts = () => highlightedTexts(p, ['cnai-model', 'cnai-company', 'cnai-organization', 'cnai-policy']);
    const organizations = (want: string[]) =>
      p.waitForFunction(
        (w) => {
          const got = [...(CSS.highlights.get('cnai-organization') ?? [])].filter((r) => r.startContainer.isConnected).map((r) => r.startContainer.textContent!.slice(r.startOffset, r.endOffset));
          return JSON.stringify(got.sort()) === JSON.stringify(w);
        },
        want,
        { timeout: 10_000 },
      );
    await organizations([]);
    expect(Object.values(await texts()).flat()).toEqual(['DeepSeek']);
    await p.evaluate(() => (window as unknown as { dropIntro: () => void }).dropIntro());
    await organizations(['清華大學']);
    await p.evaluate(() => (window as unknown as { restoreIntro: () => void }).restoreIntro());
    await organizations([]);
    await p.close();
  });
});

describe('frames', () => {
  // Was a cost: every frame read and built the matcher and loaded the in-page interface,
  // about 45 ms of tasks and 1.1 MB per empty ad slot on the page's own thread.
  it('leaves frames without text alone until they have some', async () => {
    const p = await browser.context.newPage();
    await p.goto(server.url('/empty-frames.html'));
    await waitForHighlights(p, 2);
    const slots = p.mainFrame().childFrames();
    expect(slots).toHaveLength(6);
    const slot = (i: number) => slots[i]!;
    expect(await Promise.all(slots.map((f) => f.frameElement().then((e) => e.getAttribute('id'))))).toEqual(['slot0', 'slot1', 'slot2', 'slot3', 'slot4', 'slot5']);
    // The frame with text is scanned; the sponsored line's name is highlighted there.
    await slot(1).waitForFunction(() => (CSS.highlights.get('cnai-company')?.size ?? 0) === 1, undefined, { timeout: 10_000 });
    // The frame that gets text a second after load is scanned then.
    await slot(5).waitForFunction(() => (CSS.highlights.get('cnai-model')?.size ?? 0) === 1, undefined, { timeout: 10_000 });
    // The empty ones and those with only an image: no highlight registered, no interface host.
    for (const i of [0, 2, 3, 4]) {
      expect(await slot(i).evaluate(() => [CSS.highlights.size, document.querySelectorAll('[data-cnai-ui]').length])).toEqual([0, 0]);
    }
    await p.close();
  });

  // A frame that shows text naming nothing ("Advertisement", a widget) paid the full set-up
  // too: the background, which has the matcher built, now answers from the frame's text.
  it('leaves frames whose text names nothing alone until a name shows up, the reader selects in them, or they hold clippings', async () => {
    const p = await browser.context.newPage();
    await p.goto(server.url('/ad-frames.html'));
    await waitForHighlights(p, 2);
    // The slot whose text comes to name a company a second after load is scanned then.
    const rotating = await byIdIn(p, 'rotating');
    await rotating.waitForFunction(() => (CSS.highlights.get('cnai-company')?.size ?? 0) === 1, undefined, { timeout: 10_000 });
    // Nothing registered, no interface, in the frames whose text names nothing.
    const unstarted = () => [CSS.highlights.size, document.querySelectorAll('[data-cnai-ui]').length];
    const plain = await byIdIn(p, 'plain-ad');
    const widget = await byIdIn(p, 'widget');
    expect(await plain.evaluate(unstarted)).toEqual([0, 0]);
    expect(await widget.evaluate(unstarted)).toEqual([0, 0]);
    // "Spark" and "Kimi" are names only beside iFlytek and Moonshot AI, which that ad's own
    // text (its document: a frame's scanner judges context within it) does not name.
    expect(await (await byIdIn(p, 'spark-ad')).evaluate(unstarted)).toEqual([0, 0]);
    // Nor has the core run in them: the top document and the rotating slot started it
    // (the "app" mark), the three waiting frames only ran their small part.
    const marks = await startupMarksByFrame(p);
    expect(marks.filter((m) => m.app !== undefined)).toHaveLength(2);
    expect(marks.filter((m) => m.loader !== undefined && m.app === undefined)).toHaveLength(3);
    // Selecting in the widget starts it, so the selection can be saved.
    await widget.evaluate(() => {
      const r = document.createRange();
      r.selectNodeContents(document.getElementById('plain')!);
      getSelection()!.removeAllRanges();
      getSelection()!.addRange(r);
    });
    await widget.waitForFunction(() => CSS.highlights.size > 0 && document.querySelectorAll('[data-cnai-ui]').length === 1, undefined, { timeout: 10_000 });
    const tabId = await browser.tabIdOf(p);
    expect(await broadcastSave(browser.worker, tabId)).toHaveProperty('answer');
    const widgetUrl = server.url('/plain-frame.html');
    const saved = () => getRecords<{ url: string; text: string }>(browser.worker, 'clippings').then((cs) => cs.filter((c) => c.url === widgetUrl).map((c) => c.text));
    await expect.poll(saved, { timeout: 10_000 }).toEqual(['Gardening tools are on sale this week at the corner shop.']);
    // On the next visit the widget starts for its clipping, and paints it; the ad slot still waits.
    await p.reload();
    await waitForHighlights(p, 2);
    await (await byIdIn(p, 'widget')).waitForFunction(() => (CSS.highlights.get('cnai-clipping')?.size ?? 0) === 1, undefined, { timeout: 10_000 });
    expect(await (await byIdIn(p, 'plain-ad')).evaluate(unstarted)).toEqual([0, 0]);
    await p.close();
  });

  it('does not start the core in a frame of a site that is off, and starts it when the site is turned on', async () => {
    await setSites(['127.0.0.1']);
    const p = await browser.context.newPage();
    try {
      await p.goto(server.url('/ad-frames.html'));
      // The slot whose text comes to name a company a second after load.
      const rotating = await byIdIn(p, 'rotating');
      await rotating.waitForFunction(() => document.body?.textContent?.includes('Zhipu'), undefined, { timeout: 10_000 });
      await p.waitForTimeout(2000);
      const companies = () => CSS.highlights.get('cnai-company')?.size ?? 0;
      expect(await rotating.evaluate(companies)).toBe(0);
      // Only the top document's core ran (and stopped at the settings): no frame's core was injected.
      const marks = await startupMarksByFrame(p);
      expect(marks.filter((m) => m.app !== undefined)).toHaveLength(1);
      expect(marks.filter((m) => m.loader !== undefined && m.app === undefined)).toHaveLength(4);
      await setSites([]);
      await rotating.waitForFunction(() => (CSS.highlights.get('cnai-company')?.size ?? 0) === 1, undefined, { timeout: 10_000 });
      await p.waitForFunction(() => [...CSS.highlights.keys()].some((n) => n.startsWith('cnai-')), undefined, { timeout: 10_000 });
    } finally {
      await setSites([]);
      await p.close();
    }
  });

  it("keeps an inline frame's clippings under its page's address, starts it again only for them, and turns it off with the page's site", async () => {
    const p = await browser.context.newPage();
    // With an embed from another origin (localhost against 127.0.0.1) that names a model.
    const pageUrl = server.url(`/inline-frames.html?embed=${encodeURIComponent(server.url('/frame-child.html').replace('127.0.0.1', 'localhost'))}`);
    await p.goto(pageUrl);
    await waitForHighlights(p, 2);
    const named = await byIdIn(p, 'named');
    await named.waitForFunction(() => (CSS.highlights.get('cnai-model')?.size ?? 0) === 1, undefined, { timeout: 10_000 });
    await (await byIdIn(p, 'embed')).waitForFunction(() => (CSS.highlights.get('cnai-model')?.size ?? 0) === 1, undefined, { timeout: 10_000 });
    const unstarted = () => [CSS.highlights.size, document.querySelectorAll('[data-cnai-ui]').length];
    const note = await byIdIn(p, 'note');
    expect(await note.evaluate(unstarted)).toEqual([0, 0]);
    await note.evaluate(() => {
      const r = document.createRange();
      r.selectNodeContents(document.getElementById('plain')!);
      getSelection()!.removeAllRanges();
      getSelection()!.addRange(r);
    });
    await note.waitForFunction(() => document.querySelectorAll('[data-cnai-ui]').length === 1, undefined, { timeout: 10_000 });
    const tabId = await browser.tabIdOf(p);
    expect(await broadcastSave(browser.worker, tabId)).toHaveProperty('answer');
    const text = 'Orchard growers expect a late harvest after the cold spring.';
    // Saved under the page's address, not "about:blank": that is where the reader clipped it.
    const saved = () => getRecords<{ url: string; text: string }>(browser.worker, 'clippings').then((cs) => cs.filter((c) => c.text === text).map((c) => c.url));
    await expect.poll(saved, { timeout: 10_000 }).toEqual([pageUrl]);
    // On the next visit the frame showing the clipping starts and paints it; the ad slot,
    // which shares the page's address but not the clipping, still waits.
    await p.reload();
    await waitForHighlights(p, 2);
    await (await byIdIn(p, 'note')).waitForFunction(() => (CSS.highlights.get('cnai-clipping')?.size ?? 0) === 1, undefined, { timeout: 10_000 });
    expect(await (await byIdIn(p, 'ad')).evaluate(unstarted)).toEqual([0, 0]);
    // The popup lists it among the page's clippings, as placed (the frame anchored it).
    const popup = await browser.openExtensionPage('popup.html', `?tabId=${tabId}`);
    await popup.locator('.clip-row:not(.orphaned)', { hasText: 'Orchard growers' }).waitFor();
    expect(await popup.locator('.clip-row.orphaned').count()).toBe(0);
    await popup.close();
    // Turning the page's site off turns its frames off too: the inline ones, whose site is
    // the page's, and the embed from another site, framed in it.
    await setSites(['127.0.0.1']);
    const marked = () => [...CSS.highlights.keys()].some((n) => n.startsWith('cnai-'));
    const unmarked = () => ![...CSS.highlights.keys()].some((n) => n.startsWith('cnai-'));
    await p.waitForFunction(unmarked, undefined, { timeout: 10_000 });
    // The srcdoc frame, which named a model, and the note frame, which painted its clipping.
    await (await byIdIn(p, 'named')).waitForFunction(unmarked, undefined, { timeout: 10_000 });
    await (await byIdIn(p, 'note')).waitForFunction(unmarked, undefined, { timeout: 10_000 });
    await (await byIdIn(p, 'embed')).waitForFunction(unmarked, undefined, { timeout: 10_000 });
    await setSites([]);
    await (await byIdIn(p, 'named')).waitForFunction(marked, undefined, { timeout: 10_000 });
    await (await byIdIn(p, 'embed')).waitForFunction(marked, undefined, { timeout: 10_000 });
    // The embed's own site turned off leaves the page alone.
    await setSites(['localhost']);
    await (await byIdIn(p, 'embed')).waitForFunction(unmarked, undefined, { timeout: 10_000 });
    expect(await p.evaluate(marked)).toBe(true);
    await setSites([]);
    await p.close();
  });

  it('highlights same-origin and srcdoc iframes in their own documents', async () => {
    const p = await browser.context.newPage();
    await p.goto(server.url('/frames.html'));
    await waitForHighlights(p, 1);
    const child = p.frames().find((f) => f.url().endsWith('/frame-child.html'))!;
    await child.waitForFunction(() => (CSS.highlights.get('cnai-organization')?.size ?? 0) > 0, undefined, { timeout: 10_000 });
    const childTexts = await child.evaluate(() =>
      [...CSS.highlights].flatMap(([n, h]) =>
        [...h].map((r) => {
          const range = document.createRange();
          range.setStart(r.startContainer, r.startOffset);
          range.setEnd(r.endContainer, r.endOffset);
          return `${n}:${range.toString()}`;
        }),
      ),
    );
    expect(childTexts.sort()).toEqual(['cnai-model:DeepSeek-R1', 'cnai-organization:Cyberspace Administration of China']);
    const srcdoc = p.frames().find((f) => f.url() === 'about:srcdoc')!;
    await srcdoc.waitForFunction(() => (CSS.highlights.get('cnai-model')?.size ?? 0) > 0, undefined, { timeout: 10_000 });
    // The popup's counts cover every frame.
    const tabId = await browser.tabIdOf(p);
    const popup = await browser.openExtensionPage('popup.html', `?tabId=${tabId}`);
    await popup.locator('[data-entity="deepseek-r1"]').waitFor();
    await popup.locator('[data-entity="tencent"]').waitFor();
    await popup.close();
    await p.close();
  });
});
