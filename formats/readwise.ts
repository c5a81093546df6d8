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
import { msg, type Message } from '../i18n/message';
import { describeIssue, withOutcome, zodProblems, type Problem } from './problems';

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
function columnLabel(header: readonly string[], index: number | undefined, fallback: string | Message): string | Message {
  return index === undefined ? fallback : header[index]!.trim() || fallback;
}

/** "row 3", or "row 3 (line 5)" where earlier rows ran over several lines. */
const rowName = (row: number, line: number): Message => (line === row ? msg('problem.record.row', { n: row }) : msg('problem.record.rowLine', { n: row, line }));

const FILE = msg('problem.record.file');

/** Reads a Readwise-style CSV into clippings. */
export function fromReadwiseCsv(text: string, { newId = defaultNewId, now = new Date() }: ImportOptions = {}): ImportResult {
  const parsed = parseCsv(text);
  const problems: Problem[] = [...parsed.problems];
  const clippings: Clipping[] = [];
  let skipped = 0;
  // Problems of the whole file: nothing in it can be imported, in either mode.
  const unreadable = (record: Message, message: Message): ImportResult => {
    problems.push({ record, field: [], message });
    return { clippings, problems, skipped, unreadable: true };
  };
  const { unclosed } = parsed;

  const headerIndex = parsed.rows.findIndex((r) => r.some((f) => f.trim() !== ''));
  if (headerIndex < 0) {
    // Only blank lines before an unclosed quote: it opened in the header.
    if (unclosed) return unreadable(msg('problem.record.header', { line: unclosed.recordLine }), msg('problem.csv.headerUnclosed', { line: unclosed.line }));
    return unreadable(FILE, msg('problem.empty'));
  }
  const header = parsed.rows[headerIndex]!.map((h) => restoreFormula(h));
  const col: Partial<Record<Column, number>> = {};
  header.forEach((h, i) => {
    const key = HEADER_NAMES[h.trim().toLowerCase().replace(/\s+/g, ' ')];
    if (key && col[key] === undefined) col[key] = i;
  });
  if (col.highlight === undefined)
    return unreadable(FILE, msg('problem.csv.noHighlight', { columns: READWISE_COLUMNS.join(',') }));
  const label = (c: Column, fallback: string) => [columnLabel(header, col[c], fallback)];

  for (let r = headerIndex + 1; r < parsed.rows.length; r++) {
    const cells = parsed.rows[r]!;
    if (cells.every((f) => f.trim() === '')) continue; // blank line
    const line = parsed.lines[r]!;
    const record = rowName(r + 1, line);
    const rowProblems: Problem[] = [];
    const skip = (field: Problem['field'], message: Message) => {
      problems.push(...rowProblems, { record, field, message: withOutcome('problem.rowSkipped', message) });
      skipped++;
    };
    if (cells.length > header.length)
      rowProblems.push({ record, field: [], message: msg('problem.csv.extraFields', { count: cells.length, header: header.length }) });
    const get = (c: Column) => (col[c] === undefined ? '' : restoreFormula(cells[col[c]!] ?? ''));

    const highlight = get('highlight');
    if (highlight.trim() === '') {
      skip(label('highlight', 'Highlight'), msg('problem.empty'));
      continue;
    }
    if (highlight.length > MAX_CLIPPING_TEXT) {
      skip(label('highlight', 'Highlight'), msg('problem.tooLong', { max: MAX_CLIPPING_TEXT }));
      continue;
    }
    const rawUrl = get('url').trim();
    if (!rawUrl) {
      skip(label('url', 'URL'), msg('problem.csv.noUrl'));
      continue;
    }
    const url = normalizePageUrl(rawUrl);
    if (!PageUrlSchema.safeParse(url).success) {
      skip(label('url', 'URL'), msg('problem.csv.badUrl', { url: rawUrl.length > 80 ? `${rawUrl.slice(0, 77)}…` : rawUrl }));
      continue;
    }
    const note = get('note');
    if (note.length > MAX_NOTE) {
      skip(label('note', 'Note'), msg('problem.tooLong', { max: MAX_NOTE }));
      continue;
    }
    let title = get('title');
    if (title.length > 2000) {
      title = title.slice(0, 2000);
      rowProblems.push({ record, field: label('title', 'Title'), message: msg('problem.titleShortened', { max: 2000 }) });
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
          message: msg('problem.csv.badDate', { value: rawDate.slice(0, 40) }),
        });
    }

    const tags: string[] = [];
    for (const raw of get('tags').split(',')) {
      const t = raw.trim();
      if (!t) continue;
      const parsedTag = TagSchema.safeParse(t);
      if (!parsedTag.success) {
        const issue = parsedTag.error.issues[0];
        rowProblems.push({ record, field: label('tags', 'Tags'), message: msg('problem.tagLeftOut', { tag: t.slice(0, 40), issue: issue ? describeIssue(issue, t) : msg('issue.invalid') }) });
        continue;
      }
      if (!tags.includes(parsedTag.data)) tags.push(parsedTag.data);
    }
    if (tags.length > 100) {
      rowProblems.push({ record, field: label('tags', 'Tags'), message: msg('problem.csv.tooManyTags', { count: tags.length, max: 100 }) });
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
      problems.push(...rowProblems, ...zodProblems(record, checked.error, candidate).map((p) => ({ ...p, message: withOutcome('problem.rowSkipped', p.message) })));
      skipped++;
      continue;
    }
    problems.push(...rowProblems);
    clippings.push(checked.data);
  }
  if (unclosed) {
    // The unread record is reported alone: its fields were never split, so checking them would only confuse.
    const r = parsed.rows.length;
    const record = rowName(r + 1, unclosed.recordLine);
    const field = columnLabel(header, unclosed.field < header.length ? unclosed.field : undefined, msg('problem.fieldN', { n: unclosed.field + 1 }));
    problems.push({ record, field: [field], message: msg('problem.csv.unclosed', { line: unclosed.line }) });
    skipped++;
  }
  if (!clippings.length && !skipped) return unreadable(FILE, msg('problem.csv.noRows'));
  return { clippings, problems, skipped };
}
