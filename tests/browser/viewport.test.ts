/**
 * Viewport first, on a page the reader is already scrolled into: the block on screen is
 * scanned before the rest of the page. When that block is one huge paragraph, only its
 * first part is scanned before the first yield (the walk pauses only between blocks, so
 * the viewport's batch can be megabytes long), and the rest follows in slices, every
 * mention found. The scanning core runs as a page script here, so that how far the first
 * step went can be read synchronously.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pageBundle } from '../../bench/browser';
import { compileMatcher, type MatcherData } from '../../engine/compile';
import { loadBuiltinPack } from '../../kb/builtin';
import { ROOT, startServer, type StaticServer } from './harness';
import { launchPlain, type PlainBrowser } from './robustness';
import type { ScanProgress } from './pages/scanner-entry';

let server: StaticServer;
let plain: PlainBrowser;
let bundle: string;
let data: MatcherData;

const FILLER = 'the reader kept reading long plain sentences without any names in them, while the river ran past the town. ';

/** A tall page scrolled to a paragraph of `chars` characters with a mention every `every` characters. */
function wallPage(chars: number, every: number): { html: string; mentions: number } {
  let text = '';
  let mentions = 0;
  let next = every;
  while (text.length < chars) {
    if (text.length >= next) {
      text += 'Tencent ';
      mentions++;
      next += every;
    }
    text += FILLER;
  }
  text += 'and at its end DeepSeek-R1.';
  mentions++;
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Wall</title></head><body>
<div style="height: 3000px"><p>Far above: Zhipu AI.</p></div>
<p id="wall">${text}</p>
<p>Below the wall: Baidu.</p>
<script>document.getElementById('wall').scrollIntoView();</script>
</body></html>`;
  return { html, mentions: mentions + 2 };
}

/** A tall page scrolled to a closed <details> whose summary fills the top of the screen. */
const detailsPage = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Details</title></head><body>
<div style="height: 3000px"><p>Far above: Zhipu AI.</p></div>
<details id="wall"><summary style="display: block; height: 300px">Summary: Megvii.</summary><p>Hidden: iFlytek.</p></details>
<p>Below it: Baidu.</p><div style="height: 3000px"></div>
<script>document.getElementById('wall').scrollIntoView();</script>
</body></html>`;

const pages = new Map<string, { html: string; mentions: number }>([
  ['/wall.html', wallPage(600_000, 40_000)],
  ['/short-wall.html', wallPage(12_000, 5_000)],
  ['/details.html', { html: detailsPage, mentions: 3 }],
]);

beforeAll(async () => {
  data = compileMatcher(loadBuiltinPack().entities).data;
  bundle = await pageBundle(path.join(ROOT, 'tests/browser/pages/scanner-entry.ts'));
  server = await startServer();
  server.route((u) => {
    const p = pages.get(u.pathname);
    return p ? { body: p.html } : undefined;
  });
  plain = await launchPlain();
}, 60_000);
afterAll(async () => {
  await plain?.close();
  await server?.close();
});

async function scan(pathname: string): Promise<ScanProgress & { scrollY: number; wallChars: number }> {
  const page = await plain.context.newPage();
  await page.goto(server.url(pathname), { waitUntil: 'load' });
  await page.evaluate(bundle);
  const result = await page.evaluate((d) => window.__scanner.run(d), data);
  const facts = await page.evaluate(() => ({ scrollY: window.scrollY, wallChars: document.getElementById('wall')!.textContent!.length }));
  await page.close();
  return { ...result, ...facts };
}

describe('viewport first, scrolled into the page', () => {
  it('scans only the first part of a huge block on screen before yielding, then every mention', async () => {
    const r = await scan('/wall.html');
    expect(r.scrollY).toBeGreaterThan(2000);
    expect(r.wallChars).toBeGreaterThan(600_000);
    // The first step: a part of the wall (a part ends within twice the viewport budget of 20,000).
    expect(r.firstStep).toBeGreaterThan(0);
    expect(r.firstStep).toBeLessThanOrEqual(40_000);
    // Then everything, the wall once.
    expect(r.characters).toBeGreaterThanOrEqual(r.wallChars);
    expect(r.characters).toBeLessThan(r.wallChars + 200);
    expect(r.mentions).toHaveLength(pages.get('/wall.html')!.mentions);
    expect(r.mentions[0]).toBe('Zhipu AI');
    expect(r.mentions.at(-2)).toBe('DeepSeek-R1');
    expect(r.mentions.at(-1)).toBe('Baidu');
    expect(r.mentions.filter((m) => m === 'Tencent')).toHaveLength(pages.get('/wall.html')!.mentions - 3);
  });

  it('starts at a closed <details> whose summary is on screen, and reads only the summary', async () => {
    const r = await scan('/details.html');
    expect(r.scrollY).toBeGreaterThan(2000);
    expect(r.mentions).toEqual(['Zhipu AI', 'Megvii', 'Baidu']);
  });

  it('scans a block on screen that fits the budget whole in the first step', async () => {
    const r = await scan('/short-wall.html');
    expect(r.scrollY).toBeGreaterThan(2000);
    expect(r.firstStep).toBeGreaterThanOrEqual(r.wallChars);
    expect(r.mentions).toHaveLength(pages.get('/short-wall.html')!.mentions);
  });
});
