/**
 * The script Chinese names are shown in: the reader's choice, or on 'auto' the page's
 * language (on its cards), then the browser's; an entity without a name in that script
 * shows the other.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { chineseName, entityLabel } from '../../../components/relations';
import { applyDisplaySettings, currentChineseScript, resolveChineseScript, setChineseScript, setLanguage } from '../../../i18n';
import { DEFAULT_SETTINGS, parseSettings } from '../../../model/settings';

describe('resolveChineseScript', () => {
  it('follows the first Chinese language tag on auto', () => {
    expect(resolveChineseScript('auto', ['zh-TW', 'en-US'])).toBe('zh-Hant');
    expect(resolveChineseScript('auto', ['zh-HK'])).toBe('zh-Hant');
    expect(resolveChineseScript('auto', ['zh-Hant-TW'])).toBe('zh-Hant');
    expect(resolveChineseScript('auto', ['zh-MO'])).toBe('zh-Hant');
    expect(resolveChineseScript('auto', ['zh-CN', 'zh-TW'])).toBe('zh-Hans');
    expect(resolveChineseScript('auto', ['zh'])).toBe('zh-Hans');
    expect(resolveChineseScript('auto', ['zh-SG'])).toBe('zh-Hans');
    expect(resolveChineseScript('auto', ['zh-Hans-HK'])).toBe('zh-Hans');
    // An English page on a browser set to Taiwanese Chinese: the browser decides.
    expect(resolveChineseScript('auto', ['en', 'zh-TW'])).toBe('zh-Hant');
    expect(resolveChineseScript('auto', ['', undefined, 'en-GB'])).toBe('zh-Hans');
    // As pages write them, and Cantonese.
    expect(resolveChineseScript('auto', ['zh_TW'])).toBe('zh-Hant');
    expect(resolveChineseScript('auto', ['ZH-hk'])).toBe('zh-Hant');
    expect(resolveChineseScript('auto', ['yue'])).toBe('zh-Hant');
    expect(resolveChineseScript('auto', ['zh-yue'])).toBe('zh-Hant');
    expect(resolveChineseScript('auto', ['yue-Hans'])).toBe('zh-Hans');
    // Not Chinese, though it starts with the letters.
    expect(resolveChineseScript('auto', ['zha', 'zh-TW'])).toBe('zh-Hant');
  });

  it('keeps the reader’s choice whatever the page', () => {
    expect(resolveChineseScript('simplified', ['zh-TW'])).toBe('zh-Hans');
    expect(resolveChineseScript('traditional', ['zh-CN'])).toBe('zh-Hant');
  });
});

describe('applyDisplaySettings', () => {
  afterEach(() => {
    setChineseScript('zh-Hans');
    setLanguage('en');
  });
  // The test runs with an English navigator: only the page and the chosen interface speak Chinese.
  it('shows names in the script of a Chinese interface the reader chose, where the page is not Chinese', () => {
    expect(applyDisplaySettings({ language: 'zh-TW', chineseScript: 'auto' }, 'en')).toBe('zh-TW');
    expect(currentChineseScript()).toBe('zh-Hant');
    applyDisplaySettings({ language: 'zh-CN', chineseScript: 'auto' });
    expect(currentChineseScript()).toBe('zh-Hans');
  });

  it('lets a Chinese page, and the reader’s explicit script, decide before the interface', () => {
    applyDisplaySettings({ language: 'zh-TW', chineseScript: 'auto' }, 'zh-CN');
    expect(currentChineseScript()).toBe('zh-Hans');
    applyDisplaySettings({ language: 'zh-TW', chineseScript: 'simplified' }, 'en');
    expect(currentChineseScript()).toBe('zh-Hans');
    applyDisplaySettings({ language: 'en', chineseScript: 'auto' }, 'zh-HK');
    expect(currentChineseScript()).toBe('zh-Hant');
  });
});

describe('chineseName', () => {
  afterEach(() => setChineseScript('zh-Hans'));
  const both = { name: { en: 'Qwen', zhHans: '通义千问', zhHant: '通義千問' } };
  const simplifiedOnly = { name: { en: 'Baidu', zhHans: '百度' } };
  const traditionalOnly = { name: { en: 'Example', zhHant: '範例' } };

  it('shows the name in the current script, with its language tag', () => {
    expect(chineseName(both)).toEqual({ text: '通义千问', lang: 'zh-Hans' });
    setChineseScript('zh-Hant');
    expect(chineseName(both)).toEqual({ text: '通義千問', lang: 'zh-Hant' });
  });

  it('falls back to the other script, tagged as such', () => {
    setChineseScript('zh-Hant');
    expect(chineseName(simplifiedOnly)).toEqual({ text: '百度', lang: 'zh-Hans' });
    setChineseScript('zh-Hans');
    expect(chineseName(traditionalOnly)).toEqual({ text: '範例', lang: 'zh-Hant' });
    expect(chineseName({ name: { en: 'Only English' } })).toBeUndefined();
  });
});

describe('the chineseScript setting', () => {
  it('defaults to auto, also for settings stored before it existed', () => {
    expect(DEFAULT_SETTINGS.chineseScript).toBe('auto');
    const { chineseScript: _omitted, ...older } = DEFAULT_SETTINGS;
    expect(parseSettings({ ...older, paused: true }).chineseScript).toBe('auto');
    expect(parseSettings({ ...DEFAULT_SETTINGS, chineseScript: 'traditional' }).chineseScript).toBe('traditional');
    expect(parseSettings({ ...DEFAULT_SETTINGS, chineseScript: 'cyrillic' }).chineseScript).toBe('auto');
  });
});

describe('entityLabel', () => {
  afterEach(() => setChineseScript('zh-Hans'));
  it('gives the English name and the Chinese one in the reader’s script', () => {
    const e = { name: { en: 'Alibaba Cloud', zhHans: '阿里云', zhHant: '阿里雲' } };
    setChineseScript('zh-Hans');
    expect(entityLabel(e)).toBe('Alibaba Cloud (阿里云)');
    setChineseScript('zh-Hant');
    expect(entityLabel(e)).toBe('Alibaba Cloud (阿里雲)');
    expect(entityLabel({ name: { en: 'GLM-4' } })).toBe('GLM-4');
  });
});
