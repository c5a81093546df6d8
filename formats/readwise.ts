/**
 * CSV in the layout of Readwise's CSV import: Highlight, Title, Author, URL, Note,
 * Location, Date — plus Tags. Both ways. Pure.
 *
 * Export:
 * - Highlight: the clipped text; Title: the page title; Author: the site (a web page has
 *   no reliable author, and Readwise groups highlights by title and author);
 * - URL: the page; Note: the reader's note;
 * - Location: the clipping's start offset in the page text when known (Readwise sorts the
 *   highlights of a document by location);
 * - Date: when the clipping was made, "YYYY-MM-DD HH:MM:SS" in UTC (whole seconds);
 * - Tags: the clipping's tags separated by ", " (a tag never contains a comma);
 * - Anchor Quote, Anchor Prefix, Anchor Suffix, Anchor Start, Anchor End: the selectors that
 *   find the clipping on its page again (TextQuoteSelector exact, prefix and suffix, and
 *   TextPositionSelector start and end). The quote is the page's text as the selectors count
 *   it, which differs from the Highlight for a table or a list (cells run together, the
 *   page's line breaks and indentation); it is left empty where it is the Highlight.
 * Cells that a spreadsheet would run as a formula get a leading apostrophe (see csv.ts).
 *
 * Import reads such files, Readwise's own export (Book Title, Book Author, Highlighted at)
 * and hand-made ones: the columns are found by name, case-insensitively; only Highlight
 * and URL are needed. The format carries text, title, URL, note, tags, the date to the
 * second and the anchoring selectors; the site is taken from the URL; a new id comes from
 * `newId`. Location is not read back (in files from elsewhere it is a page or Kindle
 * location, not a text offset): Anchor Start and End are, when both are whole numbers.
 */
import { ClippingSchema, MAX_CLIPPING_TEXT, MAX_NOTE, PageUrlSchema, TagSchema, type Clipping } from '../model/clipping';
import { normalizePageUrl, siteOf } from '../model/url';
import { defaultNewId, type ImportOptions, type ImportResult } from './common';
import { parseCsv, restoreFormula, writeCsv, type WriteCsvOptions } from './csv';
import { parseDate, readwiseDate } from './dates';
import { zodProblems, type Problem } from './problems';

export const READWISE_COLUMNS = ['Highlight', 'Title', 'Author', 'URL', 'Note', 'Location', 'Date', 'Tags'] as const;
/** After Readwise's columns (which it reads by name, ignoring others): what re-anchoring needs. */
export const ANCHOR_COLUMNS = ['Anchor Quote', 'Anchor Prefix', 'Anchor Suffix', 'Anchor Start', 'Anchor End'] as const;

export const TAG_SEPARATOR = ', ';

/** The clippings as CSV text for Readwise (and spreadsheets). */
export function toReadwiseCsv(clippings: readonly Clipping[], options: WriteCsvOptions = {}): string {
  const rows = clippings.map((c) => [
    c.text,
    c.title,
    c.site,
    c.url,
    c.note,
    c.position ? String(c.position.start) : '',
    readwiseDate(c.created),
    c.tags.join(TAG_SEPARATOR),
    c.quote.exact === c.text ? '' : c.quote.exact,
    c.quote.prefix ?? '',
    c.quote.suffix ?? '',
    c.position ? String(c.position.start) : '',
    c.position ? String(c.position.end) : '',
  ]);
  return writeCsv([[...READWISE_COLUMNS, ...ANCHOR_COLUMNS], ...rows], options);
}

type Column = 'highlight' | 'title' | 'author' | 'url' | 'note' | 'location' | 'date' | 'tags' | 'exact' | 'prefix' | 'suffix' | 'start' | 'end';

const HEADER_NAMES: Record<string, Column> = {
  highlight: 'highlight',
  text: 'highlight',
  quote: 'highlight',
  title: 'title',
  'book title': 'title',
  'document title': 'title',
  author: 'author',
  'book author': 'author',
  url: 'url',
  'source url': 'url',
  link: 'url',
  note: 'note',
  notes: 'note',
  location: 'location',
  date: 'date',
  'highlighted at': 'date',
  created: 'date',
  'created at': 'date',
  tags: 'tags',
  'highlight tags': 'tags',
  'anchor quote': 'exact',
  'anchor prefix': 'prefix',
  'anchor suffix': 'suffix',
  'anchor start': 'start',
  'anchor end': 'end',
};

/** The name a reader sees for a column: the file's own header text. */
function columnLabel(header: readonly string[], index: number | undefined, fallback: string): string {
  return index === undefined ? fallback : header[index]!.trim() || fallback;
}

/** Reads a Readwise-style CSV into clippings. */
export function fromReadwiseCsv(text: string, { newId = defaultNewId, now = new Date() }: ImportOptions = {}): ImportResult {
  const parsed = parseCsv(text);
  const problems: Problem[] = [...parsed.problems];
  const clippings: Clipping[] = [];
  let skipped = 0;
  // Problems of the whole file: nothing in it can be imported, in either mode.
  const unreadable = (record: string, message: string): ImportResult => {
    problems.push({ record, field: '', message });
    return { clippings, problems, skipped, unreadable: true };
  };
  const { unclosed } = parsed;

  const headerIndex = parsed.rows.findIndex((r) => r.some((f) => f.trim() !== ''));
  if (headerIndex < 0) {
    // Only blank lines before an unclosed quote: it opened in the header.
    if (unclosed) return unreadable(`the header (line ${unclosed.recordLine})`, `the quote on line ${unclosed.line} is never closed, so the column names and everything after them cannot be read`);
    return unreadable('the file', 'is empty');
  }
  const header = parsed.rows[headerIndex]!.map((h) => restoreFormula(h));
  const col: Partial<Record<Column, number>> = {};
  header.forEach((h, i) => {
    const key = HEADER_NAMES[h.trim().toLowerCase().replace(/\s+/g, ' ')];
    if (key && col[key] === undefined) col[key] = i;
  });
  if (col.highlight === undefined)
    return unreadable('the file', `has no “Highlight” column; its first line must name the columns, e.g. ${READWISE_COLUMNS.join(',')}`);
  const label = (c: Column, fallback: string) => columnLabel(header, col[c], fallback);

  for (let r = headerIndex + 1; r < parsed.rows.length; r++) {
    const cells = parsed.rows[r]!;
    if (cells.every((f) => f.trim() === '')) continue; // blank line
    const line = parsed.lines[r]!;
    const record = line === r + 1 ? `row ${r + 1}` : `row ${r + 1} (line ${line})`;
    const rowProblems: Problem[] = [];
    const skip = (field: string, message: string) => {
      problems.push(...rowProblems, { record, field, message: `${message}; the row was skipped` });
      skipped++;
    };
    if (cells.length > header.length)
      rowProblems.push({ record, field: '', message: `has ${cells.length} fields but the header names ${header.length}; the extra fields were ignored` });
    const get = (c: Column) => (col[c] === undefined ? '' : restoreFormula(cells[col[c]!] ?? ''));

    const highlight = get('highlight');
    if (highlight.trim() === '') {
      skip(label('highlight', 'Highlight'), 'is empty');
      continue;
    }
    if (highlight.length > MAX_CLIPPING_TEXT) {
      skip(label('highlight', 'Highlight'), `is longer than ${MAX_CLIPPING_TEXT} characters`);
      continue;
    }
    const rawUrl = get('url').trim();
    if (!rawUrl) {
      skip(label('url', 'URL'), 'is empty, but a clipping needs the address (http:// or https://) of its web page');
      continue;
    }
    const url = normalizePageUrl(rawUrl);
    if (!PageUrlSchema.safeParse(url).success) {
      skip(label('url', 'URL'), `“${rawUrl.length > 80 ? `${rawUrl.slice(0, 77)}…` : rawUrl}” is not a web address (http:// or https://)`);
      continue;
    }
    const note = get('note');
    if (note.length > MAX_NOTE) {
      skip(label('note', 'Note'), `is longer than ${MAX_NOTE} characters`);
      continue;
    }
    let title = get('title');
    if (title.length > 2000) {
      title = title.slice(0, 2000);
      rowProblems.push({ record, field: label('title', 'Title'), message: 'is longer than 2000 characters and was shortened' });
    }

    const rawDate = get('date').trim();
    let created = now.toISOString();
    if (rawDate) {
      const d = parseDate(rawDate);
      if (d) created = d.toISOString();
      else
        rowProblems.push({
          record,
          field: label('date', 'Date'),
          message: `“${rawDate.slice(0, 40)}” could not be read as a date (expected e.g. 2026-11-22 14:05:00); the import time was used instead`,
        });
    }

    const tags: string[] = [];
    for (const raw of get('tags').split(',')) {
      const t = raw.trim();
      if (!t) continue;
      const parsedTag = TagSchema.safeParse(t);
      if (!parsedTag.success) {
        rowProblems.push({ record, field: label('tags', 'Tags'), message: `the tag “${t.slice(0, 40)}” ${parsedTag.error.issues[0]?.message ?? 'is not valid'}; it was left out` });
        continue;
      }
      if (!tags.includes(parsedTag.data)) tags.push(parsedTag.data);
    }
    if (tags.length > 100) {
      rowProblems.push({ record, field: label('tags', 'Tags'), message: `has ${tags.length} tags; only the first 100 were kept` });
      tags.length = 100;
    }

    // The anchoring selectors, as written by the export (a hand-made file has none).
    const quote: Clipping['quote'] = { type: 'TextQuoteSelector', exact: get('exact') || highlight };
    const prefix = get('prefix');
    const suffix = get('suffix');
    if (prefix) quote.prefix = prefix;
    if (suffix) quote.suffix = suffix;
    const start = get('start').trim();
    const end = get('end').trim();
    const candidate: Clipping = {
      id: newId(),
      url,
      title,
      site: siteOf(url),
      text: highlight,
      quote,
      ...(/^\d{1,15}$/.test(start) && /^\d{1,15}$/.test(end) && Number(end) > Number(start)
        ? { position: { type: 'TextPositionSelector' as const, start: Number(start), end: Number(end) } }
        : {}),
      entities: [],
      note,
      tags,
      created,
      updated: created,
    };
    const checked = ClippingSchema.safeParse(candidate);
    if (!checked.success) {
      problems.push(...rowProblems, ...zodProblems(record, checked.error, candidate).map((p) => ({ ...p, message: `${p.message}; the row was skipped` })));
      skipped++;
      continue;
    }
    problems.push(...rowProblems);
    clippings.push(checked.data);
  }
  if (unclosed) {
    // The unread record is reported alone: its fields were never split, so checking them would only confuse.
    const r = parsed.rows.length;
    const record = unclosed.recordLine === r + 1 ? `row ${r + 1}` : `row ${r + 1} (line ${unclosed.recordLine})`;
    const field = columnLabel(header, unclosed.field < header.length ? unclosed.field : undefined, `field ${unclosed.field + 1}`);
    problems.push({ record, field, message: `the quote that opens this field on line ${unclosed.line} is never closed, so the rest of the file cannot be read; this row and any after it were skipped` });
    skipped++;
  }
  if (!clippings.length && !skipped) return unreadable('the file', 'names its columns but has no rows under them');
  return { clippings, problems, skipped };
}
