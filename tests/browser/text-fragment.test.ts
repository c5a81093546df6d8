/**
 * The library's links to a clipping (formats/text-fragment.ts) in Chromium itself: each
 * must scroll its page to the clipping — not to an earlier occurrence of the same words,
 * and not nowhere (a piece cut inside a Chinese word is not found). Plain Chromium, no
 * extension: this is the browser's own text-fragment matching.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser } from 'playwright-core';
import { CHROMIUM_ARGS, chromiumPath, startServer, type StaticServer } from './harness';
import { linkToClipping } from '../../formats/text-fragment';

const ZH = '据报道，百度公司于二零二三年三月发布了文心一言大模型，随后阿里巴巴推出通义千问，用户可以在手机上免费使用文心一言的应用。';
const ZH_TW = '據報道，百度公司於二零二三年三月發布了文心一言大模型，隨後阿里巴巴推出通義千問，用戶可以在手機上免費使用文心一言的應用。';
const EN = 'The Cyberspace Administration of China published the interim measures for generative AI services in July, and Baidu opened ERNIE Bot to the public a month later.';
const ZH2 = '一年之后，文心一言的用户超过了三亿。';
const EN2 = 'Analysts said Baidu would follow with a larger model.';
const BLOCKS: [string, string][] = [
  ['zh', ZH],
  ['tw', ZH_TW],
  ['en', EN],
  ['zh2', ZH2],
  ['en2', EN2],
];
const TABLE = [
  ['百度', '文心一言', '2023'],
  ['阿里巴巴', '通义千问', '2023'],
  ['深度求索', 'DeepSeek-R1', '2025'],
];
const spacer = '<div style="height:2500px"></div>';
const PAGE = `<!doctype html><meta charset="utf-8"><title>Links</title><body>${spacer}${BLOCKS.map(([id, t]) => `<p id="${id}">${t}</p>${spacer}`).join('\n')}
<table id="table">${TABLE.map((r) => `\n  <tr>${r.map((c) => `\n    <td>${c}</td>`).join('')}\n  </tr>`).join('')}
</table>${spacer}</body>`;
/** The page's text as the selectors count it: its Text nodes joined (read from the page in beforeAll). */
let pageText = '';

/** A clipping of the nth `exact` in the page's text, with 32 characters of context each side; `text` is what the library shows. */
function clipOf(exact: string, nth = 0, text = exact) {
  let at = -1;
  for (let i = 0; i <= nth; i++) at = pageText.indexOf(exact, at + 1);
  if (at < 0) throw new Error(`${exact} is not on the page`);
  return { text, quote: { exact, prefix: pageText.slice(Math.max(0, at - 32), at), suffix: pageText.slice(at + exact.length, at + exact.length + 32) } };
}

let server: StaticServer;
let browser: Browser;
beforeAll(async () => {
  server = await startServer();
  server.route((u) => (u.pathname === '/links.html' ? { body: PAGE } : undefined));
  browser = await chromium.launch({ executablePath: chromiumPath(), headless: true, args: [...CHROMIUM_ARGS] });
  const page = await browser.newPage();
  await page.goto(server.url('/links.html'));
  pageText = await page.evaluate(() => document.body.textContent!);
  await page.close();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** The id of the block the browser scrolled to the middle of the window (a text fragment) or to its top (an element's fragment), or 'none'. */
async function scrolledTo(link: string): Promise<string> {
  const page = await browser.newPage({ viewport: { width: 900, height: 700 } });
  await page.goto(link);
  await page.waitForTimeout(600);
  const id = await page.evaluate(() => {
    if (window.scrollY === 0) return 'none';
    const middle = window.innerHeight / 2;
    for (const el of document.querySelectorAll('p, table')) {
      const r = el.getBoundingClientRect();
      if (r.top - 100 <= middle && r.bottom + 100 >= middle) return el.id;
    }
    // An element's fragment (#en2) scrolls it to the top of the window.
    for (const el of document.querySelectorAll('p, table')) if (Math.abs(el.getBoundingClientRect().top) < 2) return el.id;
    return `somewhere else (${window.scrollY})`;
  });
  await page.close();
  return id;
}

describe('links to a clipping in Chromium', () => {
  // The cases are built when the page's text is known.
  const cases = () => {
    const rows = pageText.slice(pageText.indexOf('阿里巴巴', pageText.indexOf('2023')), pageText.indexOf('2025') + 4);
    return [
      { label: 'a long simplified Chinese quote', clip: clipOf(ZH), to: 'zh' },
      { label: 'a long traditional Chinese quote', clip: clipOf(ZH_TW), to: 'tw' },
      { label: 'a long English quote', clip: clipOf(EN), to: 'en' },
      { label: 'the second “文心一言” of the traditional paragraph (a prefix tells it from the first)', clip: clipOf('文心一言', 3), to: 'tw' },
      { label: 'the “文心一言” of a later paragraph', clip: clipOf('文心一言', 4), to: 'zh2' },
      { label: '“Baidu” in the later paragraph', clip: clipOf('Baidu', 1), to: 'en2' },
      { label: 'a quote that begins inside a word (义千问 of 通义千问)', clip: clipOf('义千问'), to: 'zh' },
      { label: '40 characters of a Chinese sentence, from inside a word (度 of 百度)', clip: clipOf(ZH.slice(5, 45)), to: 'zh' },
      { label: 'two rows of a table, whose first cell is on the page before', clip: clipOf(rows, 0, TABLE.slice(1).map((r) => r.join(' | ')).join('\n')), to: 'table' },
      // An imported clipping's page address may have a fragment: the directive follows it, and the text wins.
      { label: 'a page address with a fragment of its own (#en)', clip: clipOf('文心一言', 4), to: 'zh2', fragment: '#en' },
      // … and where the text is gone from the page, the fragment still leads to its element (not with `#en2#:~:text=`).
      { label: 'text no longer on the page, at an address with a fragment (#en2)', clip: { text: 'A sentence the page no longer has.' }, to: 'en2', fragment: '#en2' },
    ];
  };
  it.each([...Array(11).keys()])('case %i', async (i) => {
    const { label, clip, to, fragment = '' } = cases()[i]!;
    const link = linkToClipping({ url: server.url('/links.html') + fragment, ...clip });
    expect(await scrolledTo(link), `${label}: ${decodeURIComponent(link)}`).toBe(to);
  });
});
