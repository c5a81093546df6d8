import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { dedupeKeys, sameSelection, selectionKeys } from '../../../formats/common';
import { parseDate, readwiseDate } from '../../../formats/dates';
import { exportFileName, safeFileName, uniqueFileNames } from '../../../formats/filenames';
import { describeIssue, formatProblem, formatProblems } from '../../../formats/problems';
import { renderMessage } from '../../../i18n/render';
import { msg } from '../../../i18n/message';
import { localDay } from '../../../formats/text';
import { ClippingSchema } from '../../../model/clipping';
import { nastyText, SAMPLE_CLIPPINGS } from './samples';

describe('problems', () => {
  it('reads as plain sentences', () => {
    expect(formatProblem({ record: msg('problem.record.row', { n: 3 }), field: ['Date'], message: msg('problem.csv.badDate', { value: 'soon' }) })).toBe(
      'Row 3, Date: “soon” could not be read as a date (expected e.g. 2026-11-22 14:05:00); the import time was used instead.',
    );
    const annotation = msg('problem.record.withId', { record: msg('problem.record.annotation', { n: 5 }), id: 'x' });
    expect(formatProblem({ record: annotation, field: [], message: msg('problem.w3c.notObject') })).toBe('Annotation 5 (id x): is not a JSON object.');
    expect(formatProblems([
      { record: msg('problem.record.row', { n: 2 }), field: ['URL'], message: msg('problem.empty') },
      { record: msg('problem.record.file'), field: ['tags', 0], message: msg('problem.empty') },
    ])).toBe('Row 2, URL: is empty.\nThe file, tags › item 1: is empty.');
  });

  it('turns Zod issues into plain words', () => {
    const r = ClippingSchema.safeParse({ ...SAMPLE_CLIPPINGS[0], title: 5, note: 'x'.repeat(50_001), tags: 'a', extra: 1, entities: undefined });
    expect(r.success).toBe(false);
    const input = { ...SAMPLE_CLIPPINGS[0], title: 5, note: 'x'.repeat(50_001), tags: 'a', extra: 1, entities: undefined };
    expect(r.error!.issues.map((i) => renderMessage(describeIssue(i, input), 'en'))).toEqual([
      'must be text, not a number',
      'is missing (it must be a list)',
      'must be at most 50000 characters long',
      'must be a list, not text',
      'has an unknown field: “extra”',
    ]);
  });
});

describe('sameSelection', () => {
  const q = (exact: string) => ({ type: 'TextQuoteSelector' as const, exact });
  it('is the same text, the same quote, or text differing only in white space', () => {
    expect(sameSelection({ text: 'a b', quote: q('x') }, { text: 'a b', quote: q('y') })).toBe(true);
    expect(sameSelection({ text: 'Zhipu AI | GLM', quote: q('Zhipu AIGLM') }, { text: 'Zhipu AIGLM', quote: q('Zhipu AIGLM') })).toBe(true);
    expect(sameSelection({ text: ' 智谱AI\n 发布了  GLM ', quote: q('x') }, { text: '智谱AI 发布了 GLM', quote: q('y') })).toBe(true);
    expect(sameSelection({ text: 'ab', quote: q('ab') }, { text: 'a b', quote: q('a b') })).toBe(false);
    for (const [a, b] of [['a b', ' a b'], ['a b', 'a b '], ['a b', 'a  b'], ['a b', 'a\tb'], ['a b', 'a\u00a0b'], ['a b', 'a\n\nb']] as const)
      expect(selectionKeys({ text: b, quote: q('y') })[1], JSON.stringify(b)).toBe(selectionKeys({ text: a, quote: q('x') })[1]);
    expect(selectionKeys({ text: 'a b c', quote: q('x') })[1]).toBe('t\u0000a b c');
  });
  it('collapses white space as a full replace would, whatever the text (property)', () => {
    const text = fc.array(fc.constantFrom('a', '智', ' ', '  ', '\t', '\n', '\u00a0', '\u3000', '\r\n', 'b'), { maxLength: 12 }).map((xs) => xs.join(''));
    fc.assert(
      fc.property(text, (s) => {
        expect(selectionKeys({ text: s, quote: q('x') })[1]).toBe(`t\u0000${s.replace(/\s+/g, ' ').trim()}`);
      }),
      { numRuns: 500 },
    );
  });
  it('goes by the keys an import indexes, each with the page URL', () => {
    const a = { url: 'https://a/', text: 'x  y', quote: q('x\ny') };
    expect(dedupeKeys(a)).toEqual(selectionKeys(a).map((k) => `https://a/\u0000${k}`));
    expect(dedupeKeys({ ...a, url: 'https://a/b' })).not.toEqual(expect.arrayContaining([dedupeKeys(a)[0]]));
    expect(dedupeKeys({ url: 'https://a/', text: 'bc', quote: q('bc') })).not.toEqual(expect.arrayContaining(dedupeKeys({ url: 'https://a/b', text: 'c', quote: q('c') })));
  });
});

describe('file names', () => {
  it('names export files by kind, day and scope', () => {
    const d = new Date('2026-11-22T09:30:00Z');
    expect(exportFileName('markdown', 'all', d, 'UTC')).toBe('cnai-clippings-2026-11-22-all.md');
    expect(exportFileName('annotations', { entity: 'deepseek' }, d, 'UTC')).toBe('cnai-clippings-2026-11-22-entity-deepseek.jsonld');
    expect(exportFileName('csv', { tag: '政策 解读' }, d, 'UTC')).toBe('cnai-clippings-2026-11-22-tag-政策-解读.csv');
    expect(exportFileName('csv', { site: 'www.Example.com' }, d, 'UTC')).toBe('cnai-clippings-2026-11-22-site-example-com.csv');
    expect(exportFileName('markdown', { page: 'https://www.example.com/tech/deepseek-r1?x=1' }, d, 'UTC')).toBe('cnai-clippings-2026-11-22-page-example-com-tech-deepseek-r1.md');
    expect(exportFileName('backup', 'all', d, 'UTC')).toBe('cnai-backup-2026-11-22-all.json');
    expect(exportFileName('backup', 'all', '2026-01-02')).toBe('cnai-backup-2026-01-02-all.json');
    expect(exportFileName('csv', { tag: '!!!' }, d, 'UTC')).toBe('cnai-clippings-2026-11-22-tag-unknown.csv');
  });

  it('uses the calendar day of the given time zone', () => {
    const lateUtc = new Date('2026-11-22T20:00:00Z');
    expect(exportFileName('csv', 'all', lateUtc, 'UTC')).toBe('cnai-clippings-2026-11-22-all.csv');
    expect(exportFileName('csv', 'all', lateUtc, 'Asia/Shanghai')).toBe('cnai-clippings-2026-11-23-all.csv');
  });

  it('makes any text a safe file name (property)', () => {
    fc.assert(
      fc.property(fc.oneof(nastyText, fc.string({ unit: 'binary', maxLength: 300 })), (s) => {
        const name = safeFileName(s);
        expect(name.length).toBeGreaterThan(0);
        expect(name).not.toMatch(/[<>:"/\\|?*\u0000-\u001f#^[\]\u202a-\u202e]/);
        expect(name).not.toMatch(/^[.\s]|[.\s]$/);
        expect(name).not.toMatch(/^(con|prn|aux|nul|com\d|lpt\d)(\.|$)/i);
        expect(new TextEncoder().encode(name).length).toBeLessThanOrEqual(120);
        expect(name).toBe(name.normalize('NFC'));
        expect(name).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/);
      }),
    );
  });

  it('never splits an emoji or accented letter when shortening', () => {
    expect(safeFileName('👨‍👩‍👧'.repeat(10), { maxBytes: 20 })).toBe('👨‍👩‍👧');
    expect(safeFileName('e\u0301'.repeat(10), { maxBytes: 5 })).toBe('éé');
  });

  it('makes names unique case-insensitively', () => {
    expect(uniqueFileNames([{ base: 'A', ext: '.md' }, { base: 'a', ext: '.md' }, { base: 'A (2)', ext: '.md' }], ['a (3).md'])).toEqual([
      'A.md',
      'a (2).md',
      'A (2) (2).md',
    ]);
  });
});

describe('dates', () => {
  it('reads the dates files carry', () => {
    expect(parseDate('2026-11-22')?.toISOString()).toBe('2026-11-22T00:00:00.000Z');
    expect(parseDate('2026-11-22 14:05')?.toISOString()).toBe('2026-11-22T14:05:00.000Z');
    expect(parseDate('2026-11-22 14:05:09')?.toISOString()).toBe('2026-11-22T14:05:09.000Z');
    expect(parseDate('2026-11-22T14:05:09.123456+08:00')?.toISOString()).toBe('2026-11-22T06:05:09.123Z');
    expect(parseDate('2026-11-22T14:05:09-0530')?.toISOString()).toBe('2026-11-22T19:35:09.000Z');
    expect(parseDate('2026-11-22T14:05:09Z')?.toISOString()).toBe('2026-11-22T14:05:09.000Z');
    expect(parseDate('2026/1/2 3:04')?.toISOString()).toBe('2026-01-02T03:04:00.000Z');
    for (const bad of ['2026-02-30', '2026-13-01', 'yesterday', '22/11/2026', '2026-11-22 25:00']) expect(parseDate(bad)).toBeUndefined();
  });

  it('writes Readwise dates in UTC to the second', () => {
    expect(readwiseDate('2026-11-22T14:05:09.999Z')).toBe('2026-11-22 14:05:09');
  });

  it('gives the calendar day in each time zone asked for (formatters are reused per zone)', () => {
    const late = '2026-11-22T20:30:00Z';
    for (let i = 0; i < 2; i++) {
      expect(localDay(late, 'UTC')).toBe('2026-11-22');
      expect(localDay(late, 'Asia/Shanghai')).toBe('2026-11-23');
      expect(localDay(new Date('2026-11-22T02:00:00Z'), 'America/Los_Angeles')).toBe('2026-11-21');
      expect(localDay('0099-03-04T12:00:00Z', 'UTC')).toBe('0099-03-04');
    }
    expect(localDay(late)).toMatch(/^2026-11-2[23]$/);
    for (let i = 0; i < 2; i++) expect(() => localDay(late, 'Not/AZone')).toThrow(RangeError);
    expect(() => localDay('not a date', 'UTC')).toThrow(RangeError);
  });
});
