/**
 * The popup's error line is in the reader's language: no tab, a storage failure, the
 * extension reloaded; an unknown failure keeps its own words inside the localized line.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { setLanguage } from '../../../i18n';
import { loadFailureText, NoTabError } from '../../../components/popup/PopupApp';

const quota = Object.assign(new Error('The quota has been exceeded.'), { name: 'QuotaExceededError' });
const gone = new Error('Could not establish connection. Receiving end does not exist.');

afterEach(() => setLanguage('en'));

describe('popup load failure', () => {
  it('words each failure in English', async () => {
    expect(await loadFailureText(new NoTabError())).toMatch(/^There is no tab to describe here/);
    expect(await loadFailureText(quota)).toMatch(/^Could not read this tab: .*(full|space)/i);
    expect(await loadFailureText(gone)).toMatch(/^Could not read this tab: .*reload/i);
    expect(await loadFailureText(new Error('Something odd'))).toBe('Could not read this tab: Something odd');
  });

  it('words each failure in Chinese', async () => {
    setLanguage('zh-CN');
    expect(await loadFailureText(new NoTabError())).toBe('这里没有可描述的标签页。请在网页窗口的工具栏中打开弹出窗口。');
    for (const e of [quota, gone]) {
      const text = await loadFailureText(e);
      expect(text).toMatch(/^无法读取此标签页：/);
      // Nothing English left: the reason is the Chinese table's.
      expect(text).not.toMatch(/[A-Za-z]{4,}/);
    }
    expect(await loadFailureText(new Error('Something odd'))).toBe('无法读取此标签页：Something odd');
  });
});
