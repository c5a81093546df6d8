/**
 * The messages the in-page UI can show (common.en.ts) in the reader's language, without
 * the import-problem tables the library renders with (render.ts): the content script
 * loads this. A code outside the table shows in English (problemsEn, which message.ts
 * loads anyway), or as itself.
 */
import { currentLanguage, type Language } from './index';
import { commonEn } from './common.en';
import { commonZhCN } from './common.zh-CN';
import { commonZhTW } from './common.zh-TW';
import { renderParamWith, type MessageTable, type Param } from './message';

// The shared part of the full tables: renderWith looks other codes up in English.
const tables: Record<Language, Partial<MessageTable>> = { en: commonEn, 'zh-CN': commonZhCN, 'zh-TW': commonZhTW };

export function renderCommon(m: Param, lang: Language = currentLanguage()): string {
  return renderParamWith(tables[lang] as MessageTable, m);
}
