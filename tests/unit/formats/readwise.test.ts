import { renderMessage } from '../../../i18n/render';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { fromReadwiseCsv, toReadwiseCsv } from '../../../formats/readwise';
import { parseCsv } from '../../../formats/csv';
import { formatProblems } from '../../../formats/problems';
import { siteOf } from '../../../model/url';
import type { Clipping } from '../../../model/clipping';
import { clippingArb, expectGolden, NOW, SAMPLE_CLIPPINGS, sequentialIds } from './samples';

/** What the CSV carries of a clipping. */
function carried(c: Clipping) {
  return {
    text: c.text,
    title: c.title,
    url: c.url,
    site: siteOf(c.url),
    note: c.note,
    tags: c.tags,
    // The anchoring selectors (an empty prefix or suffix comes back absent: the same to anchoring).
    quote: { type: 'TextQuoteSelector', exact: c.quote.exact, ...(c.quote.prefix ? { prefix: c.quote.prefix } : {}), ...(c.quote.suffix ? { suffix: c.quote.suffix } : {}) },
    ...(c.position ? { position: c.position } : {}),
    created: `${c.created.slice(0, 19)}.000Z`,
  };
}

describe('Readwise CSV export', () => {
  it('writes the golden file', () => {
    expectGolden('clippings-readwise.csv', toReadwiseCsv(SAMPLE_CLIPPINGS));
  });

  it('has the Readwise columns plus Tags and the anchoring, CRLF line ends, dates as YYYY-MM-DD HH:MM:SS', () => {
    const csv = toReadwiseCsv(SAMPLE_CLIPPINGS);
    expect(csv.startsWith('Highlight,Title,Author,URL,Note,Location,Date,Tags,Anchor Quote,Anchor Prefix,Anchor Suffix,Anchor Start,Anchor End\r\n')).toBe(true);
    const rows = parseCsv(csv).rows;
    expect(rows[1]).toEqual([
      SAMPLE_CLIPPINGS[0]!.text,
      SAMPLE_CLIPPINGS[0]!.title,
      'example.com',
      'https://www.example.com/tech/deepseek-r1',
      'Compare with Llama licence.',
      '120',
      '2026-11-20 08:15:30',
      'open weights, licensing',
      // The quote is the Highlight: not written twice.
      '',
      'In January, ',
      ' The move',
      '120',
      '198',
    ]);
  });

  it('neutralizes cells a spreadsheet would run as formulas', () => {
    const rows = parseCsv(toReadwiseCsv(SAMPLE_CLIPPINGS)).rows;
    expect(rows[2]![4]).toBe("'=SUM(A1:A9)\n---\ntitle: not front matter");
    expect(rows[2]![7]).toBe("'-leading dash, a/b");
    expect(rows[4]![0]!.startsWith("'@everyone")).toBe(true);
    for (const row of rows) for (const cell of row) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
  });

  it('can start with a BOM', () => {
    expect(toReadwiseCsv(SAMPLE_CLIPPINGS, { bom: true }).startsWith('\uFEFFHighlight,')).toBe(true);
  });
});

describe('Readwise CSV import', () => {
  it('reads its own export back (golden file)', () => {
    const r = fromReadwiseCsv(toReadwiseCsv(SAMPLE_CLIPPINGS, { bom: true }), { newId: sequentialIds(), now: NOW });
    expect(r.problems).toEqual([]);
    expect(r.clippings.map(carried)).toEqual(SAMPLE_CLIPPINGS.map(carried));
    expect(r.clippings.map((c) => c.id)).toEqual(['00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000002', '00000000-0000-4000-8000-000000000003', '00000000-0000-4000-8000-000000000004']);
    expect(r.clippings[0]).toMatchObject({ entities: [], updated: '2026-11-20T08:15:30.000Z', position: SAMPLE_CLIPPINGS[0]!.position });
  });

  it('round-trips every field the format carries (property)', () => {
    fc.assert(
      // At least one: a file without rows cannot be imported (below).
      fc.property(fc.array(clippingArb, { minLength: 1, maxLength: 5 }), fc.boolean(), (clippings, bom) => {
        const r = fromReadwiseCsv(toReadwiseCsv(clippings, { bom }), { newId: sequentialIds(), now: NOW });
        expect(r.problems).toEqual([]);
        expect(r.clippings.map(carried)).toEqual(clippings.map(carried));
      }),
      { numRuns: 200 },
    );
  });

  it('reads a Readwise-style file from elsewhere, with per-row problems', () => {
    const csv = [
      'Highlight,Title,Author,URL,Note,Location,Date',
      '"Qwen is Alibaba\'s model family.",Qwen explained,Jane Doe,https://example.com/qwen?utm_source=newsletter#top,,12,2024-05-01 10:20:30',
      'No address here,A book,Someone,,,,',
      ',Empty highlight,,https://example.com/x,,,',
      'Bad date,T,,https://example.com/y,,,"yesterday, maybe"',
      'PDF,T,,file:///home/me/a.pdf,,,',
      'ISO date with offset,T,,https://example.com/z,note,,2024-05-01T18:20:30+08:00',
    ].join('\n');
    const r = fromReadwiseCsv(csv, { newId: sequentialIds(), now: NOW });
    expect(r.clippings).toHaveLength(3);
    expect(r.clippings[0]).toEqual({
      id: '00000000-0000-4000-8000-000000000001',
      url: 'https://example.com/qwen',
      title: 'Qwen explained',
      site: 'example.com',
      text: "Qwen is Alibaba's model family.",
      quote: { type: 'TextQuoteSelector', exact: "Qwen is Alibaba's model family." },
      entities: [],
      note: '',
      tags: [],
      created: '2024-05-01T10:20:30.000Z',
      updated: '2024-05-01T10:20:30.000Z',
    });
    expect(r.clippings[1]!.created).toBe(NOW.toISOString());
    expect(r.clippings[2]!.created).toBe('2024-05-01T10:20:30.000Z');
    expect(r.skipped).toBe(3);
    expect(formatProblems(r.problems).split('\n')).toEqual([
      'Row 3, URL: is empty, but a clipping needs the address (http:// or https://) of its web page; the row was skipped.',
      'Row 4, Highlight: is empty; the row was skipped.',
      'Row 5, Date: “yesterday, maybe” could not be read as a date (expected e.g. 2026-11-22 14:05:00); the import time was used instead.',
      'Row 6, URL: “file:///home/me/a.pdf” is not a web address (http:// or https://); the row was skipped.',
    ]);
  });

  it("reads Readwise's own export columns and tags", () => {
    const csv =
      'Highlight,Book Title,Book Author,Amazon Book ID,Note,Color,Tags,Location Type,Location,Highlighted at,Document tags,URL\r\n' +
      'Text,Title,Author,,A note,yellow,"ai, policy ,, 政策",order,3,2023-01-05 14:03:00+00:00,,https://example.com/a\r\n';
    const r = fromReadwiseCsv(csv, { newId: sequentialIds(), now: NOW });
    expect(r.problems).toEqual([]);
    expect(r.clippings[0]).toMatchObject({ title: 'Title', note: 'A note', tags: ['ai', 'policy', '政策'], created: '2023-01-05T14:03:00.000Z' });
  });

  it('names the row and its line when cells span lines, and reports bad tags', () => {
    const csv = `Highlight,URL,Tags\r\n"two\r\nlines",https://example.com/,"${'x'.repeat(70)}, fine"\r\n`;
    const r = fromReadwiseCsv(csv, { newId: sequentialIds(), now: NOW });
    expect(r.clippings[0]!.tags).toEqual(['fine']);
    expect(formatProblems(r.problems)).toBe(`Row 2, Tags: the tag “${'x'.repeat(40)}” must be at most 64 characters; it was left out.`);
    const r2 = fromReadwiseCsv(`Highlight,URL\r\n"a\r\nb",https://example.com/\r\n,https://example.com/\r\n`, { newId: sequentialIds(), now: NOW });
    expect(renderMessage(r2.problems[0]!.record, 'en')).toBe('row 3 (line 4)');
  });

  it('refuses a file without a Highlight column, or without rows, as unreadable', () => {
    const r = fromReadwiseCsv('Title,URL\r\nx,https://example.com/\r\n');
    expect(r).toMatchObject({ clippings: [], unreadable: true });
    expect(formatProblems(r.problems)).toContain('has no “Highlight” column');
    expect(fromReadwiseCsv('')).toMatchObject({ unreadable: true });
    expect(formatProblems(fromReadwiseCsv('').problems)).toBe('The file: is empty.');
    const headerOnly = fromReadwiseCsv(toReadwiseCsv([]));
    expect(headerOnly).toMatchObject({ clippings: [], skipped: 0, unreadable: true });
    expect(formatProblems(headerOnly.problems)).toBe('The file: names its columns but has no rows under them.');
    expect(fromReadwiseCsv('Highlight,URL\r\nx,https://example.com/\r\n').unreadable).toBeUndefined();
  });

  it('reports an unclosed quote alone, with the row, column and line where it starts', () => {
    const csv = 'Highlight,URL,Note\r\nFine,https://example.com/a,\r\nBroken,https://example.com/b,"never closed\r\nNext,https://example.com/c,\r\n';
    const r = fromReadwiseCsv(csv, { newId: sequentialIds(), now: NOW });
    expect(r.clippings.map((c) => c.text)).toEqual(['Fine']);
    expect(r.skipped).toBe(1);
    expect(r.unreadable).toBeUndefined();
    expect(formatProblems(r.problems)).toBe(
      'Row 3, Note: the quote that opens this field on line 3 is never closed, so the rest of the file cannot be read; this row and any after it were skipped.',
    );
    // In the header, it leaves nothing to read.
    const header = fromReadwiseCsv('"Highlight,URL\r\nx,https://example.com/\r\n');
    expect(header.unreadable).toBe(true);
    expect(formatProblems(header.problems)).toBe('The header (line 1): the quote on line 1 is never closed, so the column names and everything after them cannot be read.');
  });
});
