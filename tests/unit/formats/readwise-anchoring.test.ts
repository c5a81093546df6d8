// @vitest-environment happy-dom
/**
 * A CSV round trip keeps what finds a clipping on its page again: a table clipping's text
 * (cells apart, ' | ') is not the page's text the selectors count, so the CSV carries the
 * quote, its context and the position beside the Highlight.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { anchor } from '../../../anchoring/anchor';
import { clippingFromRange } from '../../../content/clip/capture';
import { fromReadwiseCsv, toReadwiseCsv } from '../../../formats/readwise';
import { parseCsv } from '../../../formats/csv';

// (./samples reads files through import.meta.url, which happy-dom's environment does not give.)
const NOW = new Date('2026-11-22T10:00:00.000Z');
const sequentialIds = () => {
  let i = 0;
  return () => `00000000-0000-4000-8000-${String(++i).padStart(12, '0')}`;
};

const ctx = { href: 'https://news.example/models', title: 'Models', entitiesIn: () => [], now: NOW };
const PAGE = `
  <p>-- Chinese models released in 2025 --</p>
  <table>
    <tr>
      <td>Zhipu AI</td>
      <td>GLM-4.5</td>
    </tr>
    <tr>
      <td>Tencent</td>
      <td>Hunyuan</td>
    </tr>
  </table>
  <p>Zhipu AI GLM-4.5 Tencent Hunyuan, said the summary.</p>`;

afterEach(() => {
  document.body.innerHTML = '';
});

function tableClipping() {
  document.body.innerHTML = PAGE;
  const r = document.createRange();
  r.selectNodeContents(document.querySelector('table')!);
  return clippingFromRange(r, ctx);
}

describe('CSV round trip of a table clipping', () => {
  it('keeps its selectors, so it anchors where it did', () => {
    const c = tableClipping();
    expect(c.text).toBe('Zhipu AI | GLM-4.5\nTencent | Hunyuan');
    expect(c.quote.exact).not.toBe(c.text);
    const csv = toReadwiseCsv([c]);
    const r = fromReadwiseCsv(csv, { newId: sequentialIds(), now: NOW });
    expect(r.problems).toEqual([]);
    const back = r.clippings[0]!;
    expect(back.text).toBe(c.text);
    expect(back.quote).toEqual(c.quote);
    expect(back.position).toEqual(c.position);

    const root = document.body;
    const original = anchor(root, c)!;
    expect(original.method).toBe('position');
    expect(anchor(root, back)).toMatchObject({ start: original.start, end: original.end, method: 'position' });
    // The page changed above it: the quote and its context find it (not the summary's words).
    document.querySelector('p')!.textContent = 'Models';
    const moved = anchor(root, back)!;
    expect(moved.range.toString()).toBe(anchor(root, c)!.range.toString());
    expect(moved.range.toString()).toContain('Zhipu AI');
  });

  it('writes the quote only where it differs from the Highlight, neutralized like every cell', () => {
    document.body.innerHTML = '<p>-leading dash</p><p>=SUM(A1) after</p>';
    const r = document.createRange();
    r.selectNodeContents(document.querySelectorAll('p')[1]!);
    const c = clippingFromRange(r, ctx);
    const [header, row] = parseCsv(toReadwiseCsv([c, tableClipping()])).rows;
    expect(header!.slice(8)).toEqual(['Anchor Quote', 'Anchor Prefix', 'Anchor Suffix', 'Anchor Start', 'Anchor End']);
    // Same as the Highlight: not written twice. The prefix starts with '-': neutralized, and restored on import.
    expect(row!.slice(8)).toEqual(['', "'-leading dash", '', String(c.position!.start), String(c.position!.end)]);
    // An empty context (the quote ends the page) comes back absent: the same to anchoring.
    expect(c.quote.suffix).toBe('');
    expect(fromReadwiseCsv(toReadwiseCsv([c])).clippings[0]!.quote).toEqual({ type: 'TextQuoteSelector', exact: '=SUM(A1) after', prefix: '-leading dash' });
  });

  it('reads a hand-made file without anchor columns as before: the quote is the Highlight', () => {
    const r = fromReadwiseCsv('Highlight,URL,Anchor Start,Anchor End\r\nZhipu AI,https://n.example/a,12,x\r\n');
    expect(r.clippings[0]!.quote).toEqual({ type: 'TextQuoteSelector', exact: 'Zhipu AI' });
    expect(r.clippings[0]).not.toHaveProperty('position');
  });
});
