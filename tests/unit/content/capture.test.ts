// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { describeSaveError } from '../../../components/clip/save-error';
import { clippingFromRange } from '../../../content/clip/capture';
import { setLanguage } from '../../../i18n';
import { ClipTooLongError } from '../../../model/clipping';

const ctx = { href: 'https://news.example/a', title: 'A page', entitiesIn: () => [] };

function rangeOver(text: string): Range {
  document.body.innerHTML = '<p></p>';
  const p = document.querySelector('p')!;
  p.textContent = text;
  const r = document.createRange();
  r.selectNodeContents(p);
  return r;
}

afterEach(() => setLanguage('en'));

describe('capturing a selection', () => {
  it('turns a selection into a clipping', () => {
    const c = clippingFromRange(rangeOver('Zhipu AI released GLM-4.5.'), ctx);
    expect(c).toMatchObject({ text: 'Zhipu AI released GLM-4.5.', url: 'https://news.example/a', site: 'news.example' });
  });

  it('refuses a selection over the limit with its length and the limit, in the reader’s language', () => {
    let error: unknown;
    try {
      clippingFromRange(rangeOver('长'.repeat(171_000)), ctx);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ClipTooLongError);
    expect(describeSaveError(error)).toBe('This selection is too long to save (171,000 characters; the limit is 100,000).');
    setLanguage('zh-CN');
    expect(describeSaveError(error)).toBe('选中的文字太长，无法保存（171,000 个字符，上限为 100,000 个）。');
  });

  it('refuses a table whose shown text, with its separators, is over the limit though its quote is not', () => {
    // Five rows of two 9,999-character cells: a 99,990-character quote, shown as 100,009 with " | " and line breaks.
    const cell = `<td>${'a'.repeat(9_999)}</td>`;
    document.body.innerHTML = `<table>${`<tr>${cell}${cell}</tr>`.repeat(5)}</table>`;
    const r = document.createRange();
    r.selectNodeContents(document.querySelector('table')!);
    expect(r.toString().length).toBeLessThan(100_000);
    expect(() => clippingFromRange(r, ctx)).toThrow(ClipTooLongError);
  });

  it('explains other failures as storage errors', () => {
    expect(describeSaveError(Object.assign(new Error('x'), { name: 'QuotaExceededError' }))).toMatch(/^Could not save: Your disk or browser storage is full/);
  });
});
