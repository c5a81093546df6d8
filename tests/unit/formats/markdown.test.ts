import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { clippingLink, obsidianTag, toMarkdown, wikiLink } from '../../../formats/markdown';
import { yamlString } from '../../../formats/yaml';
import type { Clipping } from '../../../model/clipping';
import { clippingArb, ctx, expectGolden, nastyText, NOW, SAMPLE_CLIPPINGS } from './samples';

const mdCtx = { ...ctx, now: NOW, timeZone: 'Asia/Shanghai' };

/** Reads a YAML double-quoted scalar (the subset yamlString writes, plus the other YAML escapes). */
function readYamlString(s: string): string {
  expect(s.startsWith('"') && s.endsWith('"')).toBe(true);
  const body = s.slice(1, -1);
  // Nothing outside YAML's printable set may appear raw, nor a bare quote or line break.
  expect(body).not.toMatch(/[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u2028\u2029\ufeff\ufffe\uffff]/);
  const simple: Record<string, string> = { '0': '\0', a: '\u0007', b: '\b', t: '\t', n: '\n', v: '\u000b', f: '\f', r: '\r', e: '\u001b', '"': '"', '\\': '\\', '/': '/', ' ': ' ', N: '\u0085', _: '\u00a0', L: '\u2028', P: '\u2029' };
  let out = '';
  for (let i = 0; i < body.length; i++) {
    const c = body[i]!;
    if (c === '"') throw new Error('unescaped quote');
    if (c !== '\\') {
      out += c;
      continue;
    }
    const e = body[++i]!;
    const width = { x: 2, u: 4, U: 8 }[e];
    if (width) {
      out += String.fromCodePoint(parseInt(body.slice(i + 1, i + 1 + width), 16));
      i += width;
    } else if (e in simple) out += simple[e];
    else throw new Error(`bad escape \\${e}`);
  }
  return out;
}

/** The front matter of a Markdown file as key → string | string[]. */
function frontMatterOf(content: string): Record<string, string | string[]> {
  const m = /^---\n([\s\S]*?)\n---\n/.exec(content);
  expect(m).not.toBeNull();
  const out: Record<string, string | string[]> = {};
  let list: string[] | undefined;
  for (const line of m![1]!.split('\n')) {
    const item = /^ {2}- (".*")$/.exec(line);
    if (item) {
      list!.push(readYamlString(item[1]!));
      continue;
    }
    const kv = /^([a-z]+):(?: (.*))?$/.exec(line);
    expect(kv, line).not.toBeNull();
    const [, key, value] = kv!;
    if (value === undefined) out[key!] = list = [];
    else if (value === '[]') out[key!] = [];
    else out[key!] = value.startsWith('"') ? readYamlString(value) : value;
  }
  return out;
}

/** Undo Markdown backslash escapes (CommonMark: a backslash before ASCII punctuation). */
const unescapeMd = (s: string) => s.replace(/\\([!-/:-@[-`{-~])/g, '$1');

/** What escaping keeps of a text: its lines, trimmed of spaces and tabs, with NUL and lone surrogates replaced. */
function expectedLines(text: string): string[] {
  const lines = text
    .replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD')
    .replace(/\r\n?|[\u2028\u2029\u0085]/g, '\n')
    .split('\n')
    .map((l) => l.replace(/\0/g, '\uFFFD').replace(/^[ \t]+|[ \t]+$/g, ''));
  while (lines.length && lines[0] === '') lines.shift();
  while (lines.length && lines[lines.length - 1] === '') lines.pop();
  return lines;
}

describe('Markdown export', () => {
  it('writes the golden files (one file)', () => {
    const files = toMarkdown(SAMPLE_CLIPPINGS, mdCtx, { split: 'single' });
    expect(files.map((f) => f.name)).toEqual(['cnai-clippings-2026-11-22-all.md']);
    expectGolden('clippings-single.md', files[0]!.content);
  });

  it('writes the golden files (one per page)', () => {
    const files = toMarkdown(SAMPLE_CLIPPINGS, mdCtx, { split: 'per-page' });
    expect(files.map((f) => f.name)).toEqual(['DeepSeek-R1 open reasoning, 1 on the charts.md', '智谱发布 GLM-4.5：「开源」新模型 🚀.md', 'example.org.md']);
    expectGolden('clippings-per-page.md', files.map((f) => `<!-- ${f.name} -->\n${f.content}`).join('\n'));
  });

  it('names the single file after the scope', () => {
    expect(toMarkdown(SAMPLE_CLIPPINGS, mdCtx, { split: 'single', scope: { entity: 'deepseek' } })[0]!.name).toBe('cnai-clippings-2026-11-22-entity-deepseek.md');
  });

  it('writes front matter that reads back to the page data', () => {
    const [file] = toMarkdown(SAMPLE_CLIPPINGS.slice(0, 2), mdCtx, { split: 'per-page' });
    expect(frontMatterOf(file!.content)).toEqual({
      title: 'DeepSeek-R1: "open" reasoning, #1 on the charts?',
      url: 'https://www.example.com/tech/deepseek-r1',
      site: 'example.com',
      saved: '2026-11-20',
      // In page order: the second clipping comes first on the page.
      tags: ['leading-dash', 'a/b', 'open-weights', 'licensing'],
      entities: ['[[DeepSeek]]', '[[mystery-lab]]', '[[DeepSeek-R1]]'],
    });
  });

  it('quotes any string safely in YAML (property)', () => {
    fc.assert(
      fc.property(fc.oneof(nastyText, fc.string({ unit: 'binary' })), (s) => {
        const expected = s.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');
        expect(readYamlString(yamlString(s))).toBe(expected);
      }),
    );
    expect(yamlString('a: "b" #c\n中文 😀 \u2028')).toBe('"a: \\"b\\" #c\\n中文 😀 \\L"');
  });

  it('keeps every clipping a single blockquote whose text reads back, whatever the text (property)', () => {
    fc.assert(
      fc.property(clippingArb, (c0) => {
        const c: Clipping = { ...c0, note: '', tags: [], entities: [] };
        const [file] = toMarkdown([c], mdCtx, { split: 'per-page' });
        const body = file!.content.split('\n');
        // After front matter, heading and source line: the quote, up to the end of the file.
        const start = body.findIndex((l) => l.startsWith('Source: ')) + 2;
        const quote = body.slice(start, body.length - 1);
        // The last line ends with the link to the clipping's place on the page.
        const link = ` ${clippingLink(c)}`;
        expect(quote[quote.length - 1]!.endsWith(link)).toBe(true);
        quote[quote.length - 1] = quote[quote.length - 1]!.slice(0, -link.length) || '>';
        for (const line of quote) expect(line === '>' || line.startsWith('> ')).toBe(true);
        const lines = quote.map((l) => l.replace(/^> ?/, ''));
        // Nothing in a line starts a Markdown block or Obsidian syntax once quoted.
        for (const l of lines) {
          expect(l).not.toMatch(/^([ \t]|[#>*+=`~|<]|-|\d+[.)])/);
          expect(l).not.toMatch(/(^|[^\\])(\[\[|==|%%|\$|#|`|<|\|)/);
        }
        expect(lines.map(unescapeMd)).toEqual(expectedLines(c.text).length ? expectedLines(c.text) : ['']);
      }),
      { numRuns: 300 },
    );
  });

  it('keeps notes as plain paragraphs after the quote, and front matter intact (property)', () => {
    fc.assert(
      fc.property(clippingArb, (c) => {
        const [file] = toMarkdown([c], mdCtx, { split: 'single' });
        const fm = frontMatterOf(file!.content);
        expect(fm.title).toBe('CNAI clippings');
        expect(fm.url).toBe(c.url);
        // Exactly two front matter fences, at the top.
        expect(file!.content.split('\n').filter((l) => l === '---').length).toBeGreaterThanOrEqual(2);
        const after = file!.content.slice(file!.content.indexOf('\n---\n') + 5);
        expect(after).not.toMatch(/^---$/m);
        if (c.note.trim()) {
          const note = expectedLines(c.note).map((l) => l);
          const noteLines = after.split('\n').filter((l) => note.length && unescapeMd(l) === note[0]);
          expect(noteLines.length).toBeGreaterThan(0);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('ends each quote with a link to its place on the page; the page itself is linked plain', () => {
    // "文心一言" twice on one page: each clipping's link has its own context, after its own quote (page order).
    const page = '百度公司发布了文心一言大模型，用户可以在手机上免费使用文心一言的应用。';
    const at = (n: number) => (n ? page.lastIndexOf('文心一言') : page.indexOf('文心一言'));
    const clip = (n: number, id: string): Clipping => ({
      ...SAMPLE_CLIPPINGS[2]!,
      id,
      text: '文心一言',
      quote: { type: 'TextQuoteSelector', exact: '文心一言', prefix: page.slice(0, at(n)), suffix: page.slice(at(n) + 4) },
      position: { type: 'TextPositionSelector', start: at(n), end: at(n) + 4 },
      note: '',
      tags: [],
      entities: [],
    });
    const url = SAMPLE_CLIPPINGS[2]!.url;
    const enc = encodeURIComponent;
    for (const split of ['single', 'per-page'] as const) {
      const [file] = toMarkdown([clip(1, '00000000-0000-4000-8000-000000000002'), clip(0, '00000000-0000-4000-8000-000000000001')], mdCtx, { split });
      const quotes = file!.content.split('\n').filter((l) => l.startsWith('> '));
      expect(quotes).toEqual([
        `> 文心一言 [↗](<${url}#:~:text=${enc('公司发布了')}-,${enc('文心一言')},-${enc('大模型，用户')}>)`,
        `> 文心一言 [↗](<${url}#:~:text=${enc('上免费使用')}-,${enc('文心一言')},-${enc('的应用。')}>)`,
      ]);
      expect(file!.content).toContain(`Source: [news.example.cn](<${url}>)`);
    }
  });

  it('writes a link that is one link destination, whatever the page URL', () => {
    const c: Clipping = { ...SAMPLE_CLIPPINGS[2]!, url: 'https://a.example/p?x=<b>\\(y)#top', text: 'Zhipu AI', quote: { type: 'TextQuoteSelector', exact: 'Zhipu AI' } };
    expect(clippingLink(c)).toBe('[↗](<https://a.example/p?x=\\<b\\>\\\\(y)#top:~:text=Zhipu%20AI>)');
  });

  it('escapes Markdown and Obsidian syntax in the clipped text', () => {
    const [file] = toMarkdown([SAMPLE_CLIPPINGS[1]!], mdCtx, { split: 'single' });
    expect(file!.content).toContain(
      [
        '> \\# Not a heading',
        '> \\- not a list',
        '> \\> not a quote',
        '> \\`\\`\\`js',
        '> code()',
        '> \\`\\`\\`',
        '> \\[\\[Not a link\\]\\] \\#not-a-tag \\=\\=not highlighted\\=\\= \\%\\%not a comment\\%\\% \\$x\\$ \\| a \\| b \\|',
        '> 1\\. not an item',
        '> \\---',
        '> not code',
        '> \\<b\\>not bold\\</b\\> \\&amp; \\*not emphasis\\* back\\\\slash',
      ].join('\n'),
    );
  });

  it('makes tags safe for Obsidian and entity names into wiki links', () => {
    expect(obsidianTag('open weights')).toBe('open-weights');
    expect(obsidianTag('政策 解读')).toBe('政策-解读');
    expect(obsidianTag('AI & policy')).toBe('AI-policy');
    expect(obsidianTag('2026')).toBe('_2026');
    expect(obsidianTag('#hash')).toBe('hash');
    expect(obsidianTag('a//b/')).toBe('a/b');
    expect(obsidianTag('🚀 launch')).toBe('🚀-launch');
    expect(obsidianTag('!!!')).toBe('');
    expect(wikiLink('DeepSeek')).toBe('[[DeepSeek]]');
    expect(wikiLink('MIIT/工信部')).toBe('[[MIIT 工信部|MIIT/工信部]]');
    expect(wikiLink('Interim Measures [2023]')).toBe('[[Interim Measures 2023]]');
    expect(wikiLink('a|b')).toBe('[[a b]]');
  });

  it('gives every page file a unique, safe name', () => {
    const page = (url: string, title: string): Clipping => ({ ...SAMPLE_CLIPPINGS[0]!, url, title });
    const files = toMarkdown(
      [
        page('https://a.example/1', 'Same: title'),
        page('https://a.example/2', 'same title'),
        page('https://a.example/3', 'SAME? TITLE'),
        page('https://a.example/4', 'CON'),
        page('https://a.example/5', '...hidden. '),
        page('https://a.example/6', 'x'.repeat(300)),
        page('https://a.example/7', '文'.repeat(100)),
        page('https://a.example/8', 'evil\u202Egpj.exe'),
      ],
      mdCtx,
      { split: 'per-page' },
    );
    expect(files.map((f) => f.name)).toEqual([
      'Same title.md',
      'same title (2).md',
      'SAME TITLE (3).md',
      '_CON.md',
      'hidden.md',
      `${'x'.repeat(120)}.md`,
      `${'文'.repeat(40)}.md`,
      'evilgpj.exe.md',
    ]);
  });
});
