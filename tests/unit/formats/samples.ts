/** Sample data and helpers for the format tests. */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import fc from 'fast-check';
import type { Clipping } from '../../../model/clipping';
import { ClippingSchema } from '../../../model/clipping';
import { normalizePageUrl, siteOf } from '../../../model/url';
import { DEFAULT_SETTINGS } from '../../../model/settings';
import type { BackupData } from '../../../formats/backup';

const GOLDEN_DIR = fileURLToPath(new URL('../../fixtures/golden/', import.meta.url));

/**
 * Compares `content` with tests/fixtures/golden/<name>, exactly. With UPDATE_GOLDEN=1
 * the file is (re)written instead: review the diff before committing it.
 */
export function expectGolden(name: string, content: string): void {
  const path = GOLDEN_DIR + name;
  if (process.env.UPDATE_GOLDEN === '1') {
    writeFileSync(path, content);
    return;
  }
  if (!existsSync(path)) throw new Error(`Missing golden file ${name}; run with UPDATE_GOLDEN=1 to create it`);
  expect(content).toBe(readFileSync(path, 'utf8'));
}

export function readGolden(name: string): string {
  return readFileSync(GOLDEN_DIR + name, 'utf8');
}

const NAMES: Record<string, string> = {
  deepseek: 'DeepSeek',
  'deepseek-r1': 'DeepSeek-R1',
  'zhipu-ai': 'Zhipu AI',
  glm: 'GLM',
  cac: 'Cyberspace Administration of China',
  miit: 'MIIT/工信部',
  'interim-measures': 'Interim Measures for Generative AI [2023]',
};

export const ctx = { entityName: (id: string) => NAMES[id] };

/** A counter-based id generator (valid v4 UUIDs). */
export function sequentialIds(): () => string {
  let n = 0;
  return () => `00000000-0000-4000-8000-${String(++n).padStart(12, '0')}`;
}

export const NOW = new Date('2026-11-22T09:30:00.000Z');

export const SAMPLE_CLIPPINGS: Clipping[] = [
  {
    id: '3f1c2a9e-8b7d-4c6e-9a5b-1d2e3f4a5b6c',
    url: 'https://www.example.com/tech/deepseek-r1',
    title: 'DeepSeek-R1: "open" reasoning, #1 on the charts?',
    site: 'example.com',
    text: 'DeepSeek released R1 under the MIT licence, with weights anyone can download.',
    quote: {
      type: 'TextQuoteSelector',
      exact: 'DeepSeek released R1 under the MIT licence, with weights anyone can download.',
      prefix: 'In January, ',
      suffix: ' The move',
    },
    position: { type: 'TextPositionSelector', start: 120, end: 198 },
    entities: ['deepseek', 'deepseek-r1'],
    note: 'Compare with Llama licence.',
    tags: ['open weights', 'licensing'],
    created: '2026-11-20T08:15:30.123Z',
    updated: '2026-11-21T10:00:00.000Z',
  },
  {
    id: '7a8b9c0d-1e2f-4a3b-8c4d-5e6f7a8b9c0d',
    url: 'https://www.example.com/tech/deepseek-r1',
    title: 'DeepSeek-R1: "open" reasoning, #1 on the charts?',
    site: 'example.com',
    text: '# Not a heading\n- not a list\n> not a quote\n```js\ncode()\n```\n[[Not a link]] #not-a-tag ==not highlighted== %%not a comment%% $x$ | a | b |\n1. not an item\n---\n    not code\n<b>not bold</b> &amp; *not emphasis* back\\slash',
    quote: { type: 'TextQuoteSelector', exact: '# Not a heading\n- not a list\n> not a quote\n```js\ncode()\n```\n[[Not a link]] #not-a-tag ==not highlighted== %%not a comment%% $x$ | a | b |\n1. not an item\n---\n    not code\n<b>not bold</b> &amp; *not emphasis* back\\slash' },
    position: { type: 'TextPositionSelector', start: 20, end: 30 },
    entities: ['deepseek', 'mystery-lab'],
    note: '=SUM(A1:A9)\n---\ntitle: not front matter',
    tags: ['-leading dash', 'a/b'],
    created: '2026-11-20T08:20:00.000Z',
    updated: '2026-11-20T08:20:00.000Z',
  },
  {
    id: 'c4d5e6f7-a8b9-4c0d-9e1f-2a3b4c5d6e7f',
    url: 'https://news.example.cn/ai/2026/11/glm-4-5.html',
    title: '智谱发布 GLM-4.5：「开源」新模型 🚀',
    site: 'news.example.cn',
    text: '智谱AI今天发布了GLM-4.5，\n并同时开源了权重。',
    quote: { type: 'TextQuoteSelector', exact: '智谱AI今天发布了GLM-4.5，\n并同时开源了权重。', prefix: '北京消息，', suffix: '该模型' },
    entities: ['zhipu-ai', 'glm', 'miit'],
    note: '值得关注 👍🏽 — 与 Qwen 比较',
    tags: ['政策 解读', '2026', 'AI & policy'],
    created: '2026-11-19T23:59:59.000Z',
    updated: '2026-11-19T23:59:59.000Z',
  },
  {
    id: 'e1f2a3b4-c5d6-4e7f-8a9b-0c1d2e3f4a5b',
    url: 'https://example.org/wiki/Foo_(bar)?q=a%20b&lang=%E4%B8%AD',
    title: '',
    site: 'example.org',
    text: '@everyone: "quotes", commas, and مرحبا بالعالم (right-to-left)\r\n+1 from me',
    quote: { type: 'TextQuoteSelector', exact: '@everyone: "quotes", commas, and مرحبا بالعالم (right-to-left)\r\n+1 from me' },
    entities: ['cac', 'interim-measures'],
    note: '',
    tags: [],
    created: '2026-11-18T12:00:00.000Z',
    updated: '2026-11-18T12:00:00.000Z',
  },
];

for (const c of SAMPLE_CLIPPINGS) ClippingSchema.parse(c);

export const SAMPLE_BACKUP: BackupData = {
  clippings: SAMPLE_CLIPPINGS,
  userEntities: [
    {
      id: 'example-lab',
      kind: 'organization',
      origin: 'added',
      name: { en: 'Example Lab', zhHans: '示例实验室' },
      aliases: [{ text: 'Example Lab', lang: 'en' }, { text: '示例实验室', lang: 'zh-Hans' }],
      summary: 'A research lab the reader added by hand.',
      facts: { orgType: 'lab', headquarters: 'Hangzhou' },
      relations: [],
      sources: [{ title: 'Lab website', publisher: 'Example Lab', url: 'https://lab.example.org/' }],
      updated: '2026-11-01',
    },
    {
      id: 'zhipu-ai',
      kind: 'company',
      origin: 'edited',
      baseUpdated: '2026-10-01',
      name: { en: 'Zhipu AI', zhHans: '智谱AI' },
      aliases: [{ text: 'Zhipu AI', lang: 'en' }, { text: '智谱', lang: 'zh-Hans' }],
      summary: 'Beijing company behind the GLM models; edited by the reader.',
      facts: { headquarters: 'Beijing', founded: '2019' },
      relations: [{ type: 'invests_in', target: 'example-lab', note: 'reader note' }],
      sources: [{ title: 'Fixture', publisher: 'Tests', date: '2026-10' }],
      updated: '2026-11-02',
    },
  ],
  entityPrefs: [
    { id: 'kimi', hidden: true },
    { id: 'spark', muted: true, hiddenAliases: ['Spark', '星火'] },
  ],
  settings: { ...DEFAULT_SETTINGS, disabledSites: ['mail.example.com'], language: 'zh-CN' },
  history: [
    {
      key: 'deepseek https://www.example.com/tech/deepseek-r1',
      entityId: 'deepseek',
      url: 'https://www.example.com/tech/deepseek-r1',
      title: 'DeepSeek-R1: "open" reasoning',
      site: 'example.com',
      firstSeen: '2026-11-20T08:00:00.000Z',
      lastSeen: '2026-11-21T08:00:00.000Z',
      count: 4,
    },
  ],
};

// ------------------------------------------------------------------ arbitraries

/** Text that exercises escaping: emoji, RTL, Chinese, quotes, commas, line breaks, formula starts. */
const nastyChar = fc.constantFrom(
  'a', 'Z', ' ', ',', '"', "'", '\n', '\r\n', '\r', '\t', '=', '+', '-', '@', '#', '>', '*', '|', '\\', '[', ']', '$', '%', '&',
  '中', '文', '智', '谱', '😀', '👍🏽', '👨‍👩‍👧', 'م', 'ر', 'ح', 'ب', 'ש', 'ל', '\u200f', '\u202e', 'é', 'e\u0301', '\u00a0', '\u2028',
);
export const nastyText = fc.oneof(
  { weight: 3, arbitrary: fc.array(nastyChar, { maxLength: 40 }).map((a) => a.join('')) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.constantFrom('=1+2', '+SUM(A1)', '-3', '@cmd', '\t=x', "'=x", "''+y", '\r=z', "'plain", 'a,b', '"q"') },
);
const nonBlank = (s: string) => s.trim().length > 0;

const url = fc
  .oneof(
    fc.webUrl({ withQueryParameters: true, withFragments: true }),
    fc.constantFrom(
      'https://example.org/wiki/Foo_(bar)?q=a%20b&x=(1)',
      'https://例子.测试/路径/文章?标题=中文',
      'http://example.com:8080/a/b/../c?utm_source=x&id=5#frag',
      "https://example.com/it's?a='b'&c=\"d\"",
      'https://example.com/%E4%B8%AD?q=%F0%9F%98%80',
    ),
  )
  .map(normalizePageUrl)
  .filter((u) => u.length < 8000 && /^https?:/.test(u));

const tag = nastyText
  .map((s) => s.replace(/[\n\r\t,]/g, '').trim().slice(0, 64).trim())
  .filter((t) => t.length > 0);
const slug = fc.stringMatching(/^[a-z0-9]{1,8}(-[a-z0-9]{1,6}){0,2}$/);
const timestamp = fc
  .integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2099, 11, 31) })
  .map((t) => new Date(t).toISOString());

export const clippingArb: fc.Arbitrary<Clipping> = fc
  .record({
    id: fc.uuid({ version: 4 }),
    url,
    title: fc.oneof(nastyText, fc.constant('')),
    text: fc.oneof({ weight: 4, arbitrary: nastyText.filter(nonBlank) }, { weight: 1, arbitrary: fc.string({ minLength: 1000, maxLength: 3000 }).filter(nonBlank) }),
    prefix: fc.option(nastyText.map((s) => Array.from(s).slice(0, 32).join('')), { nil: undefined }),
    suffix: fc.option(nastyText.map((s) => Array.from(s).slice(0, 32).join('')), { nil: undefined }),
    position: fc.option(
      fc.tuple(fc.nat({ max: 1_000_000 }), fc.integer({ min: 1, max: 5000 })).map(([start, len]) => ({ type: 'TextPositionSelector' as const, start, end: start + len })),
      { nil: undefined },
    ),
    entities: fc.uniqueArray(slug, { maxLength: 4 }),
    note: fc.oneof(nastyText, fc.constant(''), fc.string({ minLength: 2000, maxLength: 20000 })),
    tags: fc.uniqueArray(tag, { maxLength: 5 }),
    created: timestamp,
    updated: timestamp,
  })
  .map(({ prefix, suffix, position, ...r }) => {
    const c: Clipping = {
      id: r.id,
      url: r.url,
      title: r.title,
      site: siteOf(r.url),
      text: r.text,
      quote: { type: 'TextQuoteSelector', exact: r.text, ...(prefix !== undefined ? { prefix } : {}), ...(suffix !== undefined ? { suffix } : {}) },
      ...(position ? { position } : {}),
      entities: r.entities,
      note: r.note,
      tags: r.tags,
      created: r.created,
      updated: r.updated,
    };
    return c;
  })
  // Only what storage can hold: parsing must not change the record.
  .filter((c) => {
    const p = ClippingSchema.safeParse(c);
    return p.success && JSON.stringify(p.data) === JSON.stringify(c);
  });
