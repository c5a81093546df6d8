// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { describeFailure, describeSaveError } from '../../../components/clip/save-error';
import { clippingFromRange, SelectionInvalidError } from '../../../content/clip/capture';
import { MessageError, messageError, parseResponse, BackgroundResponseSchemas } from '../../../messaging/protocol';
import { msg } from '../../../i18n/message';
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
    setLanguage('zh-CN');
    expect(describeSaveError(Object.assign(new Error('x'), { name: 'QuotaExceededError' }))).toMatch(/^无法保存：磁盘或浏览器存储空间已满/);
    expect(describeSaveError(Object.assign(new Error('x'), { name: 'DatabaseClosedError' }))).toBe('无法保存：此页面打开期间扩展已更新。请重新加载页面；没有丢失任何内容。');
  });

  it('refuses a selection that makes no valid clipping with a code, in the reader’s language', () => {
    let error: unknown;
    try {
      clippingFromRange(rangeOver('Zhipu AI'), { ...ctx, id: 'not-a-uuid' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(SelectionInvalidError);
    expect((error as Error).message).toBe('This selection cannot be saved: id: must be a UUID');
    expect(describeSaveError(error)).toBe('Could not save: This selection cannot be saved: id: must be a UUID');
    setLanguage('zh-CN');
    expect(describeSaveError(error)).toBe('无法保存：无法保存此选区：id：必须是 UUID');
  });

  it('words what the background refused, as its code says, in the reader’s language', () => {
    const refused = (env: unknown) => {
      try {
        parseResponse(env, BackgroundResponseSchemas['clip/save'], 'clip/save');
      } catch (e) {
        return e;
      }
    };
    const tooLong = refused({ ok: false, error: 'This selection is too long to save (171,000 characters; the limit is 100,000).', problem: { code: 'clip.textTooLong', params: { count: '171,000', limit: '100,000' } } });
    const gone = refused({ ok: false, error: 'This clipping no longer exists.', problem: { code: 'clip.gone' } });
    const full = refused({ ok: false, error: 'Your disk … full', problem: { code: 'storage.full' } });
    const internal = refused({ ok: false, error: 'Internal error: boom', problem: { code: 'message.internal', params: { detail: 'boom' } } });
    // An answer without a code (an older background) keeps its English words.
    const plain = refused({ ok: false, error: 'Something in English' });
    expect(describeSaveError(gone)).toBe('Could not save: This clipping no longer exists.');
    expect(describeSaveError(plain)).toBe('Could not save: Something in English');
    setLanguage('zh-CN');
    expect(describeSaveError(tooLong)).toBe('无法保存：选中的文字太长，无法保存（171,000 个字符，上限为 100,000 个）。');
    expect(describeSaveError(gone)).toBe('无法保存：这条摘录已不存在。');
    expect(describeSaveError(full)).toMatch(/^无法保存：磁盘或浏览器存储空间已满/);
    expect(describeSaveError(internal)).toBe('无法保存：内部错误：boom');
    expect(describeSaveError(plain)).toBe('无法保存：Something in English');
    // Undo: the reason alone.
    expect(describeFailure(messageError(msg('storage.blocked'), 'held'))).toBe('扩展的另一个页面正占用数据库。请关闭其他资料库或弹出窗口后重试。');
    // The extension reloaded under the page: its messages go nowhere.
    expect(describeFailure(new Error('Extension context invalidated.'))).toBe('打开此页面后扩展已重新加载或更新。请重新加载页面后重试。');
    expect(gone).toBeInstanceOf(MessageError);
  });
});
