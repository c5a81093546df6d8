/**
 * RFC 4180 CSV: writing (quotes doubled; fields with comma, quote, CR or LF quoted;
 * CRLF after every record; optional UTF-8 byte order mark for Excel) and reading
 * (quoted fields with line breaks and doubled quotes, CRLF/LF/CR line ends, a leading
 * byte order mark). Plus spreadsheet formula-injection neutralization. Pure.
 */
import { msg } from '../i18n/message';
import type { Problem } from './problems';

export const BOM = '\uFEFF';

/**
 * Characters that make a spreadsheet treat a cell as a formula (OWASP "CSV injection"):
 * =, +, -, @, tab and carriage return at the start of the cell.
 */
const FORMULA_START = /^'*[=+\-@\t\r]/;
const NEUTRALIZED = /^'+[=+\-@\t\r]/;

/**
 * A cell that a spreadsheet will show as text: one apostrophe is put in front of a cell
 * that starts with a formula character — or with apostrophes followed by one, so that
 * {@link restoreFormula} can undo exactly this and nothing else.
 */
export function neutralizeFormula(cell: string): string {
  return FORMULA_START.test(cell) ? `'${cell}` : cell;
}

/** Undoes {@link neutralizeFormula}: restoreFormula(neutralizeFormula(x)) === x for every string. */
export function restoreFormula(cell: string): string {
  return NEUTRALIZED.test(cell) ? cell.slice(1) : cell;
}

/** One field, quoted when RFC 4180 requires it. */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

export interface WriteCsvOptions {
  /** Start with a UTF-8 byte order mark so that Excel reads the file as UTF-8. */
  bom?: boolean;
  /** Neutralize formula-like cells (default true). */
  neutralizeFormulas?: boolean;
}

/** Rows (the first usually the header) as CSV text with CRLF line ends. */
export function writeCsv(rows: readonly (readonly string[])[], { bom = false, neutralizeFormulas = true }: WriteCsvOptions = {}): string {
  const cell = neutralizeFormulas ? (v: string) => csvField(neutralizeFormula(v)) : csvField;
  return (bom ? BOM : '') + rows.map((r) => `${r.map(cell).join(',')}\r\n`).join('');
}

export interface ParsedCsv {
  /** Records, each a list of fields. Blank lines are kept as [''] so that numbering matches the file. */
  rows: string[][];
  /** 1-based line of the file on which each record starts. */
  lines: number[];
  /** Deviations from RFC 4180 that were tolerated. */
  problems: Problem[];
  /**
   * A quoted field that is never closed: the line its quote is on, the line its record
   * starts on, and its place in the record (0-based). That record and the rest of the
   * file are not in `rows`: past an unclosed quote nothing can be split into records.
   */
  unclosed?: { line: number; recordLine: number; field: number };
}

/** Reads CSV text (RFC 4180, tolerant of LF or CR line ends and of stray quotes; an unclosed quote ends it). */
export function parseCsv(text: string): ParsedCsv {
  const rows: string[][] = [];
  const lines: number[] = [];
  const problems: Problem[] = [];
  let i = text.startsWith(BOM) ? 1 : 0;
  const n = text.length;
  let line = 1;
  let row: string[] = [];
  let rowLine = 1;
  let field = '';
  /** A record has been started and not yet ended. */
  let pending = false;
  let unclosed: ParsedCsv['unclosed'];

  const endRow = () => {
    pending = false;
    row.push(field);
    rows.push(row);
    lines.push(rowLine);
    row = [];
    field = '';
  };

  while (i < n) {
    // At the start of a field.
    pending = true;
    if (text[i] === '"') {
      const quoteLine = line;
      i++;
      let closed = false;
      // Whole runs are sliced out of the text: appending character by character builds
      // deep rope strings that every later trim or test has to flatten (a third of an import).
      while (i < n) {
        const q = text.indexOf('"', i);
        const end = q < 0 ? n : q;
        for (let k = i; k < end; k++) {
          const ch = text.charCodeAt(k);
          if (ch === 10 || (ch === 13 && text.charCodeAt(k + 1) !== 10)) line++;
        }
        field += text.slice(i, end);
        if (q < 0) {
          i = n;
          break;
        }
        if (text.charCodeAt(q + 1) === 34) {
          field += '"';
          i = q + 2;
          continue;
        }
        i = q + 1;
        closed = true;
        break;
      }
      if (!closed) {
        unclosed = { line: quoteLine, recordLine: rowLine, field: row.length };
        pending = false;
        break;
      }
      // After the closing quote: a separator, a line end or the end of the file.
      let stray = '';
      while (i < n && text[i] !== ',' && text[i] !== '\r' && text[i] !== '\n') stray += text[i++];
      if (stray) {
        problems.push({ record: msg('problem.record.line', { n: line }), field: [], message: msg('problem.csv.strayText', { text: JSON.stringify(stray.slice(0, 20)) }) });
        field += stray;
      }
    } else {
      let j = i;
      while (j < n) {
        const ch = text.charCodeAt(j);
        if (ch === 44 || ch === 13 || ch === 10) break;
        j++;
      }
      field += text.slice(i, j);
      i = j;
    }
    if (i >= n) break;
    const c = text[i]!;
    if (c === ',') {
      row.push(field);
      field = '';
      i++;
      if (i >= n) break; // "a,b," at the very end: one more (empty) field
    } else {
      i += c === '\r' && text[i + 1] === '\n' ? 2 : 1;
      endRow();
      line++;
      rowLine = line;
    }
  }
  // The last record, unless the text ended with a line break.
  if (pending) endRow();
  return unclosed ? { rows, lines, problems, unclosed } : { rows, lines, problems };
}
