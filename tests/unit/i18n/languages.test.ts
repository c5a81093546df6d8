/**
 * The three interface languages: English, 简体中文 and 繁體中文 (Taiwan). 'auto' picks one
 * from the browser's language; every table has every key of the English one, with the
 * same placeholders and plural forms; the traditional tables are in traditional script.
 */
import { afterEach, describe, expect, it } from 'vitest';
import * as OpenCC from 'opencc-js';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { resolveLanguage, setLanguage, t, tn } from '../../../i18n';
import { en } from '../../../i18n/en';
import { zhCN } from '../../../i18n/zh-CN';
import { zhTW } from '../../../i18n/zh-TW';
import { commonEn } from '../../../i18n/common.en';
import { commonZhCN } from '../../../i18n/common.zh-CN';
import { commonZhTW } from '../../../i18n/common.zh-TW';
import { problemsZhTW } from '../../../i18n/problems.zh-TW';
import { renderCommon } from '../../../i18n/common';
import { renderMessage } from '../../../i18n/render';
import { msg } from '../../../i18n/message';
import { DEFAULT_SETTINGS, parseSettings } from '../../../model/settings';

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
const forms = (s: string) => s.split('|').length;

describe('resolveLanguage', () => {
  it('keeps a language the reader chose', () => {
    expect(resolveLanguage('en', 'zh-TW')).toBe('en');
    expect(resolveLanguage('zh-CN', 'zh-TW')).toBe('zh-CN');
    expect(resolveLanguage('zh-TW', 'en-US')).toBe('zh-TW');
  });

  it('follows the browser on auto: traditional for Taiwan, Hong Kong, Macao, Hant and Cantonese', () => {
    for (const tag of ['zh-TW', 'zh-HK', 'zh-MO', 'zh_TW', 'zh-Hant', 'zh-Hant-TW', 'zh-Hant-HK', 'zh-hant', 'yue', 'yue-HK', 'yue-Hant']) expect(resolveLanguage('auto', tag), tag).toBe('zh-TW');
  });

  it('follows the browser on auto: simplified for any other Chinese, Hans first', () => {
    for (const tag of ['zh', 'zh-CN', 'zh-SG', 'zh-Hans', 'zh-Hans-CN', 'zh-Hans-HK', 'zh_CN', 'ZH-cn', 'yue-Hans']) expect(resolveLanguage('auto', tag), tag).toBe('zh-CN');
  });

  it('follows the browser on auto: English for anything else', () => {
    for (const tag of ['en', 'en-US', 'fr-FR', 'ja-JP', 'zu', 'zha', '']) expect(resolveLanguage('auto', tag), tag).toBe('en');
  });
});

describe('interface tables', () => {
  const keys = Object.keys(en).sort();
  it.each([
    ['zh-CN', zhCN],
    ['zh-TW', zhTW],
  ] as const)('%s has every English key, with the same placeholders and plural forms', (_, table) => {
    expect(Object.keys(table).sort()).toEqual(keys);
    for (const k of keys as (keyof typeof en)[]) {
      expect(table[k], k).toBeTruthy();
      expect(placeholders(table[k]), k).toEqual(placeholders(en[k]));
      expect(forms(table[k]), k).toBe(forms(en[k]));
    }
  });

  it.each([
    ['zh-CN', commonZhCN],
    ['zh-TW', commonZhTW],
  ] as const)('the in-page messages in %s have every code, with the same placeholders', (_, table) => {
    expect(Object.keys(table).sort()).toEqual(Object.keys(commonEn).sort());
    for (const k of Object.keys(commonEn) as (keyof typeof commonEn)[]) expect(placeholders(table[k]), k).toEqual(placeholders(commonEn[k]));
  });

  it('writes 繁體中文 in traditional characters only (OpenCC cn → tw changes nothing)', () => {
    const toTraditional = OpenCC.Converter({ from: 'cn', to: 'tw' });
    // Where Taiwan writes a character that is also a simplified one, OpenCC picks another
    // form: the Ministry of Education's 宣布 (OpenCC 宣佈), the everyday 這台電腦 (這臺).
    const standard = (s: string) => s.replace(/宣布|這台/g, '');
    const changed = Object.entries({ ...zhTW, ...problemsZhTW }).filter(([, s]) => toTraditional(standard(s)) !== standard(s));
    expect(changed.map(([k, s]) => `${k}: ${s} → ${toTraditional(s)}`)).toEqual([]);
  });

  it('keeps Taiwan’s terms, not the mainland’s', () => {
    const all = Object.values({ ...zhTW, ...problemsZhTW }).join('\n');
    for (const mainland of ['标签页', '標籤頁', '設置', '導入', '導出', '默認', '信息', '文件', '數據', '擴展', '高亮', '快捷鍵', '“', '”']) expect(all, mainland).not.toContain(mainland);
    expect(zhTW['lib.title']).toBe('收藏庫');
    expect(zhTW['lib.settings']).toBe('設定');
    expect(zhTW['data.title']).toBe('匯入與匯出');
  });
});

describe('the 繁體中文 interface', () => {
  afterEach(() => setLanguage('en'));

  it('is used by t, tn and the message renderers', () => {
    setLanguage('zh-TW');
    expect(t('popup.openLibrary')).toBe('開啟收藏庫');
    expect(tn('lib.count', 3)).toBe('3 則摘錄');
    expect(renderCommon(msg('clip.gone'))).toBe('這則摘錄已不存在。');
    expect(renderMessage(msg('import.zip', { name: 'a.zip' }))).toBe('「a.zip」是 ZIP 壓縮檔。請先解壓縮，再匯入其中的檔案。');
  });

  it('is a setting that parses, as do the settings stored before it', () => {
    expect(parseSettings({ ...DEFAULT_SETTINGS, language: 'zh-TW' }).language).toBe('zh-TW');
    expect(parseSettings({ ...DEFAULT_SETTINGS, language: 'zh-CN' }).language).toBe('zh-CN');
    expect(parseSettings({ ...DEFAULT_SETTINGS, language: 'auto' }).language).toBe('auto');
  });
});

describe('numbers in interface strings', () => {
  afterEach(() => setLanguage('en'));

  it('groups digits as the interface language does, in counts and progress alike', () => {
    expect(t('data.imported', { added: 10000, merged: 0 })).toMatch(/^Imported 10,000 new /);
    expect(tn('lib.count', 2400)).toBe('2,400 clippings');
    expect(t('data.progress', { phase: 'Saving', done: 2000, total: 10000 })).toBe('Saving: 2,000 of 10,000');
    setLanguage('zh-CN');
    expect(tn('lib.count', 12345)).toBe('12,345 条摘录');
    setLanguage('zh-TW');
    expect(tn('lib.count', 999)).toBe('999 則摘錄');
  });
});

describe('the manifest’s name and description (public/_locales)', () => {
  const read = (locale: string) => JSON.parse(readFileSync(path.resolve(__dirname, '../../../public/_locales', locale, 'messages.json'), 'utf8')) as Record<string, { message: string }>;
  it('has every English message in zh_CN and zh_TW, zh_TW in traditional characters', () => {
    const keys = Object.keys(read('en')).sort();
    expect(Object.keys(read('zh_CN')).sort()).toEqual(keys);
    expect(Object.keys(read('zh_TW')).sort()).toEqual(keys);
    const toTraditional = OpenCC.Converter({ from: 'cn', to: 'tw' });
    for (const [k, { message }] of Object.entries(read('zh_TW'))) expect(toTraditional(message), k).toBe(message);
    expect(read('zh_TW').extName!.message).toBe('中國 AI 語境');
  });
});
