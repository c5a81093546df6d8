/**
 * The viewport looked at between slices (ScannerOptions.layoutReady): before the page has
 * rendered a frame after parsing, the content script's scan starts at the top, and once the
 * layout is ready it scans the block on screen, if the in-order walk has not reached it,
 * then passes over it (content/first-frame.ts says why). Driven through the benchmark's
 * page bundle, which runs the scanner as the content script does, on a tall page scrolled
 * to its middle.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openBenchBrowser, type BenchBrowser } from '../../bench/browser';
import { loadRealKb, makeDictionary, type Dictionary } from '../../bench/dictionaries';

const SENTENCES = [
  'Baidu released ERNIE Bot to the public, and DeepSeek-R1 followed.',
  '百度发布文心一言，智谱AI发布ChatGLM-6B。',
  'Analysts compared <b>Chat</b>GLM-6B with Qwen2.5-Max from Alibaba.',
  'The CAC issued the Interim Measures for the Administration of Generative Artificial Intelligence Services.',
  'A paragraph with no name in it at all, only ordinary words about the weather and the river.',
];

/** Paragraphs without margins: the viewport check looks at the element at the top of the screen, and a margin there is the body's. */
function tallPage(paragraphs: number): string {
  const body: string[] = [];
  for (let i = 0; i < paragraphs; i++) body.push(`<p id="p${i}">${i}: ${SENTENCES[i % SENTENCES.length]} ${SENTENCES[(i * 7 + 3) % SENTENCES.length]}</p>`);
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Tall</title><style>p { margin: 0 }</style></head><body>${body.join('\n')}</body></html>`;
}

type Mention = { startPath: string; start: number; endPath: string; end: number; entity: string };
const key = (m: Mention) => `${m.startPath}:${m.start}-${m.endPath}:${m.end}=${m.entity}`;

/**
 * A page whose middle (where the benchmark scrolls) is one huge paragraph, far enough
 * down that the walk from the top has not reached it after its first slice.
 */
function wallPage(): string {
  const short = (i: number) => `<p>${i}: ${SENTENCES[i % SENTENCES.length]}</p>`;
  const above = Array.from({ length: 3_000 }, (_, i) => short(i)).join('\n');
  const below = Array.from({ length: 3_000 }, (_, i) => short(i + 3)).join('\n');
  const wall: string[] = [];
  for (let i = 0; wall.join(' ').length < 700_000; i++) wall.push(SENTENCES[(i * 3) % SENTENCES.length]!.replace(/<\/?b>/g, ''));
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Wall</title><style>p { margin: 0 }</style></head><body>${above}<p id="wall">${wall.join(' ')}</p>${below}</body></html>`;
}

let bb: BenchBrowser;
let dict: Dictionary;

beforeAll(async () => {
  dict = makeDictionary(await loadRealKb(), 'real');
  const html = tallPage(6_000);
  const wall = wallPage();
  bb = await openBenchBrowser([
    { name: 'tall', html, bytes: html.length, origin: 'generated' },
    { name: 'wall', html: wall, bytes: wall.length, origin: 'generated' },
  ]);
}, 120_000);

afterAll(async () => {
  await bb?.close();
});

type Run = { lateViewport: boolean; ranges: number; mentions: string[]; characters: number; read: number; onScreen: string };

async function run(layoutReadyAfter?: number, page = 'tall'): Promise<Run> {
  await bb.load(page);
  await bb.page.evaluate((data) => window.__bench.setData(data), dict.data);
  const r = await bb.page.evaluate((after) => window.__bench.ours({ scroll: true, layoutReadyAfter: after }), layoutReadyAfter);
  const mentions = ((await bb.page.evaluate(() => window.__bench.oursMentions())) as Mention[]).map(key);
  const onScreen = await bb.page.evaluate(() => document.elementFromPoint(innerWidth / 2, 10)?.id ?? '');
  return { lateViewport: r.lateViewport, ranges: r.ranges, mentions, characters: r.characters, read: r.read, onScreen };
}

describe('the viewport looked at between slices', () => {
  it('scans the block on screen once the layout is ready, and finds each mention once, as the scan that looked at once', async () => {
    const atOnce = await run();
    expect(atOnce.lateViewport).toBe(false);
    expect(atOnce.mentions.length).toBeGreaterThan(10_000);
    // The layout is ready at the second ask: after the first slice from the top.
    const later = await run(2);
    expect(later.lateViewport).toBe(true);
    expect(later.ranges).toBe(atOnce.ranges);
    expect(new Set(later.mentions).size).toBe(later.mentions.length);
    expect([...later.mentions].sort()).toEqual([...atOnce.mentions].sort());
    // Nothing read twice.
    expect(later.read).toBe(later.characters);
  }, 120_000);

  it('scans a huge block on screen from the viewport pass on, reading it once', async () => {
    const atOnce = await run(undefined, 'wall');
    expect(atOnce.onScreen).toBe('wall');
    expect(atOnce.lateViewport).toBe(false);
    const later = await run(2, 'wall');
    expect(later.lateViewport).toBe(true);
    // Its first part in the viewport pass, the rest in the slices after it: no read dropped.
    expect(later.read).toBe(later.characters);
    expect(later.characters).toBe(atOnce.characters);
    expect(later.ranges).toBe(atOnce.ranges);
    expect(new Set(later.mentions).size).toBe(later.mentions.length);
    expect([...later.mentions].sort()).toEqual([...atOnce.mentions].sort());
  }, 120_000);

  it('does nothing more when the walk has passed the screen by then', async () => {
    // Never ready during the scan: the walk reaches the end first.
    const never = await run(1_000_000);
    expect(never.lateViewport).toBe(false);
    const atOnce = await run();
    expect([...never.mentions].sort()).toEqual([...atOnce.mentions].sort());
  }, 120_000);
});
