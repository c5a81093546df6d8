/**
 * Import and validation messages (i18n/message.ts) in the reader's language: by default
 * the interface language (i18n/index.ts), or the one given.
 */
import { currentLanguage, type Language } from './index';
import { renderParamWith, renderWith, type Message, type MessageTable, type Param } from './message';
import { problemsEn } from './problems.en';
import { problemsZhCN } from './problems.zh-CN';
import { problemsZhTW } from './problems.zh-TW';

const tables: Record<Language, MessageTable> = { en: problemsEn, 'zh-CN': problemsZhCN, 'zh-TW': problemsZhTW };

export function renderMessage(m: Message, lang: Language = currentLanguage()): string {
  return renderWith(tables[lang], m);
}

export function renderParam(p: Param, lang: Language = currentLanguage()): string {
  return renderParamWith(tables[lang], p);
}

export type { Message, Param };
