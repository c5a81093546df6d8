/**
 * "The real web": the built extension over every real news page in ../shared/pages
 * (Mozilla Readability's test pages), served from 127.0.0.1 with every request that
 * would leave the machine aborted. For each page:
 *
 * - the DOM is the one a Chromium WITHOUT the extension builds for the same page
 *   (serialized at the same moment), apart from the extension's one host element;
 *   when the page's own scripts make the DOM differ between two loads without the
 *   extension, the comparison is made again on the page served with its scripts
 *   stripped (and the test says so);
 * - no page error or console error appears that does not also appear without it;
 * - every highlighted range is an alias of the knowledge base (after normalization)
 *   of the highlight's kind and lies in visible prose (not in scripts, styles,
 *   noscript, templates, form fields, editable regions, SVG, attributes or URLs);
 * - mentions of Baidu, Tencent, Alibaba, Huawei and Xiaomi in visible prose are
 *   highlighted (every one, plus a list of mentions checked by reading the pages);
 * - the extension's service worker and content scripts report no error.
 *
 * Without ../shared this suite reports a visible skip.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { hasShared, launchWithExtension, SHARED_DIR, startServer, type ExtensionBrowser, type StaticServer } from './harness';
import {
  aliasChecker,
  blockExternal,
  cnaiRanges,
  collectPageErrors,
  ExtensionErrors,
  launchPlain,
  sleep,
  waitForStableMentions,
  type PlainBrowser,
  type RangeInfo,
} from './robustness';

const pagesDir = path.join(SHARED_DIR, 'pages');
const PAGES = hasShared ? readdirSync(pagesDir).filter((d) => existsSync(path.join(pagesDir, d, 'source.html'))).sort() : [];

/**
 * Mentions checked by reading the pages (source.html): text, kind, and a piece of the
 * visible block that holds it. Pages not listed name none of the five companies in
 * visible prose — only in scripts, URLs, attributes or comments (cnet-svg-classes:
 * Huawei and Xiaomi in a JSON data attribute; youth: 百度 in a comment and 腾讯 in a
 * title attribute) — which the generic checks cover.
 */
const EXPECTED: Record<string, { text: string; kind: string; context: string }[]> = {
  'bug-1255978': [
    { text: 'Alibaba', kind: 'company', context: 'Alibaba hits back over ‘fake’ claims' },
    { text: 'Alibaba', kind: 'company', context: 'Alibaba has hit out at Gucci’s owner, Kering' },
    { text: 'Alibaba', kind: 'company', context: 'Change at the top for Alibaba' },
    { text: 'Alibaba', kind: 'company', context: 'Chinese ecommerce giant Alibaba replaced its chief executive' },
  ],
  'nytimes-2': [
    { text: 'Alibaba Group', kind: 'company', context: 'The first step will be the transfer of any assets related to Yahoo' },
    { text: 'Alibaba', kind: 'company', context: 'In the second step, at the closing, Yahoo will sell the stock' },
  ],
  msn: [{ text: 'Huawei', kind: 'company', context: 'Huawei launches ‘most powerful smartphone in the world’' }],
  qq: [
    { text: '腾讯公司', kind: 'company', context: '中文相关权益归腾讯公司独家所有' },
    { text: '华为', kind: 'company', context: '华为Mate 8成功的内外因素是什么' },
    { text: 'Tencent', kind: 'company', context: 'Copyright © 1998 - 2016 Tencent. All Rights Reserved' },
    { text: '腾讯', kind: 'company', context: '关于腾讯' },
  ],
  gmw: [
    { text: '腾讯', kind: 'company', context: '腾讯微博' },
    { text: '百度', kind: 'company', context: '百度空间' },
    { text: '网易', kind: 'company', context: '来源：网易科学人' },
  ],
  wordpress: [{ text: 'Baidu', kind: 'company', context: 'Beware of Links to Baidu in Skype Messages' }],
  youth: [{ text: '人民日报', kind: 'organization', context: '人民日报海外版' }],
};

/** The five companies, as a reader writes them in visible prose. */
const FIVE = /\b(?:Baidu|Tencent|Alibaba|Huawei|Xiaomi)\b|百度|腾讯|騰訊|阿里巴巴|华为|華為/g;

const HOST = /<div data-cnai-ui=""[^>]*><\/div>/g;

interface Snapshot {
  html: string;
  errors: string[];
}

describe.skipIf(!hasShared)('real pages (../shared/pages) with and without the extension', () => {
  let server: StaticServer;
  let ext: ExtensionBrowser;
  let plain: PlainBrowser;
  let extErrors: ExtensionErrors;
  const isAlias = aliasChecker();
  /** Pages whose own scripts made the DOM differ between two loads without the extension. */
  const nondeterministic: string[] = [];

  beforeAll(async () => {
    server = await startServer();
    // The same page with every <script> element removed, for pages whose scripts make the DOM nondeterministic.
    server.route((url) => {
      const m = /^\/stripped\/([\w-]+)\.html$/.exec(url.pathname);
      if (!m || !PAGES.includes(m[1]!)) return undefined;
      const html = readFileSync(path.join(pagesDir, m[1]!, 'source.html'), 'utf8');
      return { body: html.replace(/<script\b[\s\S]*?<\/script\s*>/gi, '') };
    });
    [ext, plain] = await Promise.all([launchWithExtension(), launchPlain()]);
    await Promise.all([blockExternal(ext.context), blockExternal(plain.context)]);
    extErrors = new ExtensionErrors(ext);
    await extErrors.start();
  });

  afterAll(async () => {
    if (nondeterministic.length) {
      console.info(`[real-pages] DOM compared with scripts stripped (the pages' own scripts are nondeterministic): ${nondeterministic.join(', ')}`);
    }
    await ext?.close();
    await plain?.close();
    await server?.close();
  });

  /** The document as Playwright serializes it (in its utility world, so page patches do not matter). */
  async function snapshot(page: Page, errors: string[]): Promise<Snapshot> {
    return { html: await page.content(), errors: [...errors] };
  }

  async function loadPlain(url: string, settleMs: number): Promise<Snapshot> {
    const page = await plain.context.newPage();
    const errors = collectPageErrors(page);
    try {
      await page.goto(url, { waitUntil: 'load', timeout: 30_000 });
      await sleep(settleMs);
      return await snapshot(page, errors);
    } finally {
      await page.close();
    }
  }

  /** Loads the page in both browsers at once and serializes both when the extension has finished with it. */
  async function loadBoth(url: string): Promise<{ extPage: Page; withExt: Snapshot; without: Snapshot; elapsed: number }> {
    const extPage = extErrors.watch(await ext.context.newPage());
    const extPageErrors = collectPageErrors(extPage);
    const plainPage = await plain.context.newPage();
    const plainErrors = collectPageErrors(plainPage);
    const t0 = Date.now();
    await Promise.all([
      (async () => {
        await extPage.goto(url, { waitUntil: 'load', timeout: 30_000 });
        // The host exists once the content script started; the report follows its first full pass.
        await extPage.waitForSelector('[data-cnai-ui]', { state: 'attached', timeout: 15_000 });
        await Promise.all([ext.tabIdOf(extPage), waitForStableMentions(extPage, 300)]);
      })(),
      plainPage.goto(url, { waitUntil: 'load', timeout: 30_000 }),
    ]);
    await sleep(100);
    const [withExt, without] = await Promise.all([snapshot(extPage, extPageErrors), snapshot(plainPage, plainErrors)]);
    await plainPage.close();
    return { extPage, withExt, without, elapsed: Date.now() - t0 };
  }

  function firstDifference(a: string, b: string): string {
    let i = 0;
    while (i < a.length && a[i] === b[i]) i++;
    const around = (s: string) => JSON.stringify(s.slice(Math.max(0, i - 120), i + 120));
    return `at character ${i}:\n  with the extension:    ${around(a)}\n  without the extension: ${around(b)}`;
  }

  /** The serialization without the extension's host; fails when the host is missing, doubled or misplaced. */
  function withoutHost(html: string): string {
    const hosts = html.match(HOST) ?? [];
    expect(hosts, 'exactly one extension host element').toHaveLength(1);
    return html.replace(HOST, '');
  }

  it('finds the real pages to test (skipped, visibly, without ../shared)', () => {
    expect(PAGES.length).toBeGreaterThan(10);
  });

  for (const name of PAGES) {
    it(`${name}: same DOM and errors as without the extension; correct highlights; no extension error`, async () => {
      const url = server.url(`/shared/pages/${name}/source.html`);
      const before = await extErrors.list();
      const { extPage, withExt, without, elapsed } = await loadBoth(url);
      try {
        // ---- the host: one element, a child of <html>, nothing else added ----
        const host = await extPage.evaluate(() => {
          const hosts = document.querySelectorAll('[data-cnai-ui]');
          return { count: hosts.length, parentIsRoot: hosts[0]?.parentNode === document.documentElement, shadowRoot: (hosts[0] as HTMLElement | undefined)?.shadowRoot ?? null };
        });
        expect(host).toEqual({ count: 1, parentIsRoot: true, shadowRoot: null });

        // ---- the DOM ----
        let mine = withoutHost(withExt.html);
        let theirs = without.html;
        const baselineErrors = new Set(without.errors);
        if (mine !== theirs) {
          const again = await loadPlain(url, Math.min(elapsed, 3000));
          for (const e of again.errors) baselineErrors.add(e);
          if (again.html === theirs && again.html !== mine) {
            // Page scripts can race (nytimes-2 inserts two ad scripts whose order flipped in
            // one CI load under load): a difference the extension makes comes back when both
            // are loaded again; one that timing made usually does not.
            const retry = await loadBoth(url);
            await retry.extPage.close();
            if (withoutHost(retry.withExt.html) === retry.without.html) {
              console.info(`[real-pages] ${name}: the DOM differed once and matched on a second load of both`);
              mine = theirs;
            }
          }
          if (mine !== theirs && (again.html !== theirs || again.html === mine)) {
            // The page's own scripts change the DOM from one load to the next: compare without them.
            nondeterministic.push(name);
            console.info(`[real-pages] ${name}: the page's scripts make its DOM nondeterministic; comparing it with scripts stripped`);
            const stripped = await loadBoth(server.url(`/stripped/${name}.html`));
            mine = withoutHost(stripped.withExt.html);
            theirs = stripped.without.html;
            await stripped.extPage.close();
          }
        }
        if (mine !== theirs) expect.fail(`${name}: the DOM differs from the page without the extension ${firstDifference(mine, theirs)}`);

        // ---- page errors that appear only with the extension ----
        // A persistent profile (the one the extension needs) fetches <link rel="manifest">; the baseline's
        // off-the-record context does not. Those 404s are the profile's, not the extension's.
        const onlyWithExt = withExt.errors.filter((e) => !baselineErrors.has(e) && !/^console\.error: Manifest fetch from \S+ failed, code 404$/.test(e));
        expect(onlyWithExt, 'errors only with the extension').toEqual([]);

        // ---- highlights ----
        const ranges = await cnaiRanges(extPage);
        const wrong = ranges
          .filter((r) => r.problems.length || r.root === 'detached' || !isAlias(r.name.slice('cnai-'.length), r.text))
          .map((r) => `${r.name} "${r.text}": ${r.problems.join('; ') || 'not an alias of this kind'} — in "${r.block.slice(0, 120)}"`);
        expect(wrong, 'highlights outside visible prose or not aliases').toEqual([]);

        const missing = (EXPECTED[name] ?? [])
          .filter((want) => !ranges.some((r: RangeInfo) => r.name === `cnai-${want.kind}` && r.text === want.text && r.block.includes(want.context)))
          .map((w) => `${w.kind} "${w.text}" in "${w.context}"`);
        expect(missing, 'mentions verified by reading the page').toEqual([]);

        // Every mention of the five companies in visible prose is covered by a highlight.
        const uncovered = await extPage.evaluate((source) => {
          const re = new RegExp(source, 'g');
          const ranges: Range[] = [];
          for (const [n, h] of CSS.highlights) {
            if (!n.startsWith('cnai-')) continue;
            for (const r of h) {
              const range = document.createRange();
              range.setStart(r.startContainer, r.startOffset);
              range.setEnd(r.endContainer, r.endOffset);
              ranges.push(range);
            }
          }
          const out: string[] = [];
          const walker = document.createTreeWalker(document.body ?? document.documentElement, NodeFilter.SHOW_TEXT);
          for (let t = walker.nextNode() as Text | null; t; t = walker.nextNode() as Text | null) {
            const el = t.parentElement;
            if (!el || el.closest('script, style, noscript, template, textarea, input, select, option, title, svg, math, [hidden], [contenteditable]:not([contenteditable="false"])')) continue;
            for (const m of t.data.matchAll(re)) {
              const s = m.index!;
              const e = s + m[0].length;
              if (!ranges.some((r) => r.comparePoint(t!, s) === 0 && r.comparePoint(t!, e) === 0)) out.push(`${m[0]} in "${t.data.slice(Math.max(0, s - 40), e + 40).trim()}"`);
            }
          }
          return out;
        }, FIVE.source);
        expect(uncovered, 'visible mentions of Baidu/Tencent/Alibaba/Huawei/Xiaomi left unhighlighted').toEqual([]);

        // ---- the extension's own errors ----
        expect(await extErrors.since(before), 'errors of the extension').toEqual([]);
      } finally {
        await extPage.close();
      }
    });
  }
});
