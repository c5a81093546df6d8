/**
 * Interface strings in English, simplified Chinese and traditional Chinese (Taiwan). The reader picks the language
 * in settings ('auto' follows the browser), so lookups cannot go through
 * browser.i18n (fixed to the browser's locale); the manifest's own name and
 * description are in public/_locales.
 */
import { en, type MessageKey } from './en';
import { zhCN } from './zh-CN';
import { zhTW } from './zh-TW';
import type { Settings } from '../model/settings';

export type { MessageKey };
export type Language = 'en' | 'zh-CN' | 'zh-TW';

const tables: Record<Language, Record<MessageKey, string>> = { en, 'zh-CN': zhCN, 'zh-TW': zhTW };
let current: Language = 'en';

/**
 * The script a Chinese language tag writes in: the one it names ("zh-Hans-HK" is
 * simplified), else traditional for Taiwan, Hong Kong and Macao and for Cantonese (yue),
 * simplified for any other Chinese; undefined for a tag that is not Chinese. Tags are
 * read as pages and browsers write them, with "-" or "_".
 */
export function scriptOfTag(tag: string | null | undefined): ChineseScript | undefined {
  const parts = tag?.toLowerCase().split(/[-_]/) ?? [];
  if (parts[0] !== 'zh' && parts[0] !== 'yue') return undefined;
  if (parts.includes('hans')) return 'zh-Hans';
  if (parts.includes('hant')) return 'zh-Hant';
  return parts[0] === 'yue' || parts.some((p) => p === 'tw' || p === 'hk' || p === 'mo' || p === 'yue') ? 'zh-Hant' : 'zh-Hans';
}

/** 'auto' follows the browser's language: 繁體中文 for a traditional Chinese tag (scriptOfTag), 简体中文 for another Chinese one, else English. */
export function resolveLanguage(setting: 'auto' | Language, browserLanguage = typeof navigator !== 'undefined' ? navigator.language : 'en'): Language {
  if (setting !== 'auto') return setting;
  const script = scriptOfTag(browserLanguage);
  return script === 'zh-Hant' ? 'zh-TW' : script === 'zh-Hans' ? 'zh-CN' : 'en';
}

export function setLanguage(lang: Language): void {
  current = lang;
}

/** The script Chinese names are shown in, where an entity has both. */
export type ChineseScript = 'zh-Hans' | 'zh-Hant';
let script: ChineseScript = 'zh-Hans';

/**
 * 'auto' follows the first Chinese language tag of `languages` (the page's, then the
 * interface's and the browser's, in order) by scriptOfTag; simplified when none is Chinese.
 */
export function resolveChineseScript(setting: Settings['chineseScript'], languages: readonly (string | null | undefined)[]): ChineseScript {
  if (setting === 'simplified') return 'zh-Hans';
  if (setting === 'traditional') return 'zh-Hant';
  for (const tag of languages) {
    const script = scriptOfTag(tag);
    if (script) return script;
  }
  return 'zh-Hans';
}

/** The browser's languages, in the reader's order. */
export function browserLanguages(): readonly string[] {
  if (typeof navigator === 'undefined') return [];
  return navigator.languages?.length ? navigator.languages : [navigator.language];
}

export function setChineseScript(value: ChineseScript): void {
  script = value;
}

/**
 * Applies the settings that choose how text is shown: the interface language, and the
 * script of Chinese names ('auto': `pageLanguage` first, where there is a page, then the
 * interface language the reader chose, then the browser's languages). Returns the
 * interface language.
 */
export function applyDisplaySettings(settings: Pick<Settings, 'language' | 'chineseScript'>, pageLanguage?: string): Language {
  const lang = resolveLanguage(settings.language);
  setLanguage(lang);
  // A reader who chose a Chinese interface reads names in its script where the page says nothing.
  setChineseScript(resolveChineseScript(settings.chineseScript, [pageLanguage, settings.language === 'auto' ? undefined : lang, ...browserLanguages()]));
  return lang;
}

export function currentChineseScript(): ChineseScript {
  return script;
}

export function currentLanguage(): Language {
  return current;
}

const numberFormats = new Map<Language, Intl.NumberFormat>();

/** A number as the interface language writes it: 10,000 clippings, not 10000. */
export function formatNumber(n: number): string {
  let f = numberFormats.get(current);
  if (!f) numberFormats.set(current, (f = new Intl.NumberFormat(current)));
  return f.format(n);
}

/** The string of `key` in the interface language, with its {placeholders} filled; numbers (counts, limits) in that language's digits grouping. */
export function t(key: MessageKey, vars?: Record<string, string | number>): string {
  const s = tables[current][key] ?? en[key];
  if (!vars) return s;
  return s.replace(/\{(\w+)\}/g, (m, k: string) => {
    if (!(k in vars)) return m;
    const v = vars[k]!;
    return typeof v === 'number' ? formatNumber(v) : v;
  });
}

/** Chooses between singular and plural forms written as "one|other" in the tables. */
export function tn(key: MessageKey, n: number, vars?: Record<string, string | number>): string {
  const [one, other] = t(key, { n, ...vars }).split('|');
  return n === 1 || other === undefined ? one! : other;
}

