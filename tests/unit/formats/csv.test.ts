import { renderMessage } from '../../../i18n/render';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { csvField, neutralizeFormula, parseCsv, restoreFormula, writeCsv } from '../../../formats/csv';

describe('RFC 4180 writing', () => {
  it('quotes only fields that need it, doubles quotes, ends every record with CRLF', () => {
    expect(writeCsv([['a', 'b,c', 'say "hi"', 'two\nlines', 'cr\rhere', '']])).toBe('a,"b,c","say ""hi""","two\nlines","cr\rhere",\r\n');
  });

  it('can start with a byte order mark for Excel', () => {
    expect(writeCsv([['x']], { bom: true })).toBe('\uFEFFx\r\n');
    expect(writeCsv([['x']])).toBe('x\r\n');
  });

  it('neutralizes formula injection', () => {
    expect(writeCsv([['=HYPERLINK("http://evil","click")', '+1', '-2', '@SUM(A1)', '\t=x', '\r=y', 'ok', "'=z", "'plain"]])).toBe(
      `"'=HYPERLINK(""http://evil"",""click"")",'+1,'-2,'@SUM(A1),'\t=x,"'\r=y",ok,''=z,'plain\r\n`,
    );
    // Unless asked not to.
    expect(writeCsv([['=1']], { neutralizeFormulas: false })).toBe('=1\r\n');
  });

  it('undoes exactly its own neutralization (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom("'", '=', '+', '-', '@', '\t', '\r', 'a', ' ') }), (s) => {
        expect(restoreFormula(neutralizeFormula(s))).toBe(s);
        expect(neutralizeFormula(s)).not.toMatch(/^[=+\-@\t\r]/);
      }),
    );
  });
});

describe('RFC 4180 reading', () => {
  it('reads quoted fields with line breaks and doubled quotes', () => {
    expect(parseCsv('a,"b ""c""\r\nd",e\r\n1,2,3\r\n').rows).toEqual([
      ['a', 'b "c"\r\nd', 'e'],
      ['1', '2', '3'],
    ]);
  });

  it('accepts LF and CR line ends, a BOM, and no final line break', () => {
    expect(parseCsv('\uFEFFa,b\nc,d').rows).toEqual([['a', 'b'], ['c', 'd']]);
    expect(parseCsv('a,b\rc,d\r').rows).toEqual([['a', 'b'], ['c', 'd']]);
  });

  it('keeps empty fields and blank lines', () => {
    expect(parseCsv(',\r\n\r\n"",x,\r\n').rows).toEqual([['', ''], [''], ['', 'x', '']]);
    expect(parseCsv('').rows).toEqual([]);
    expect(parseCsv('a,').rows).toEqual([['a', '']]);
  });

  it('numbers records by the line they start on', () => {
    expect(parseCsv('h\r\n"x\r\ny"\r\nz\r\n').lines).toEqual([1, 2, 4]);
  });

  it('tolerates stray quotes and reports an unclosed one', () => {
    const r = parseCsv('a"b,"c"d,e\r\n"open,f\r\n');
    expect(r.rows).toEqual([['a"b', 'cd', 'e']]);
    expect(r.problems.map((p) => renderMessage(p.message, 'en'))).toEqual(['text after a closing quote ("d") was kept as part of the field']);
    expect(r.unclosed).toEqual({ line: 2, recordLine: 2, field: 0 });
  });

  it('leaves out the record an unclosed quote opens, and says where it starts', () => {
    // The third record starts on line 4 (the one before spans two lines); its third field's quote, on line 5, never closes.
    const r = parseCsv('h1,h2,h3\r\n"x\r\ny",z,\r\nok,"two\r\nlines","never\r\nclosed\r\n');
    expect(r.rows).toEqual([['h1', 'h2', 'h3'], ['x\r\ny', 'z', '']]);
    expect(r.unclosed).toEqual({ line: 5, recordLine: 4, field: 2 });
    expect(parseCsv('a,b\r\n').unclosed).toBeUndefined();
  });

  it('reads back whatever it writes (property)', () => {
    const field = fc.string({ unit: fc.constantFrom('a', ',', '"', '\r', '\n', '\r\n', '中', '😀', "'", '=', ' ') });
    fc.assert(
      fc.property(fc.array(fc.array(field, { minLength: 2, maxLength: 5 }), { maxLength: 6 }), fc.boolean(), (rows, bom) => {
        const text = writeCsv(rows, { bom, neutralizeFormulas: false });
        expect(parseCsv(text).rows).toEqual(rows);
        expect(parseCsv(text).problems).toEqual([]);
      }),
    );
  });

  it('csvField leaves plain text alone', () => {
    expect(csvField('智谱 AI 😀')).toBe('智谱 AI 😀');
  });
});
