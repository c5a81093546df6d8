/**
 * Messages as codes with parameters: what the pure logic (import formats, validation)
 * says, put in words in the reader's language where it is shown (i18n/render.ts). Plain
 * data, so a message crosses from the transfer worker to the page as it is. The wording
 * is in problems.en.ts and problems.zh-CN.ts, apart from the interface strings: contexts
 * that never show these messages (content scripts) do not load the Chinese. Pure.
 */
import { problemsEn, type MessageCode } from './problems.en';

export type { MessageCode };

/** A parameter: text or a number put in as it is, another message, or a list of them. */
export type Param = string | number | Message | ParamList;

/** Parameters joined with the language's separator: a field path ("tags › item 1"), clauses ("a; b"), a list ("a, b"). */
export interface ParamList {
  list: readonly Param[];
  sep: 'path' | 'semicolon' | 'comma';
}

export interface Message {
  code: MessageCode;
  params?: Readonly<Record<string, Param>>;
}

export function msg(code: MessageCode, params?: Record<string, Param>): Message {
  return params ? { code, params } : { code };
}

/** A field path: names as they are, numbers as list positions (0-based: 0 → "item 1"). */
export function fieldPath(parts: readonly (string | number | Message)[]): ParamList {
  return { list: parts.map((p) => (typeof p === 'number' ? msg('problem.item', { n: p + 1 }) : p)), sep: 'path' };
}

export const list = (items: readonly Param[], sep: ParamList['sep'] = 'comma'): ParamList => ({ list: items, sep });

export type MessageTable = Readonly<Record<MessageCode, string>>;

const own = (table: Readonly<Record<string, string>>, key: string): string | undefined => (Object.hasOwn(table, key) ? table[key] : undefined);

/** A message in words with one language's table; parameters that are messages or lists too. */
export function renderWith(table: MessageTable, m: Message): string {
  // An unknown code (a message from a newer version, say) shows as itself rather than failing.
  // Own entries only: a code or parameter name from a message is never an Object method.
  const s: string = own(table, m.code) ?? own(problemsEn, m.code) ?? m.code;
  const params = m.params;
  if (!params) return s;
  return s.replace(/\{(\w+)\}/g, (all, k: string) => (Object.hasOwn(params, k) ? renderParamWith(table, params[k]!) : all));
}

export function renderParamWith(table: MessageTable, p: Param): string {
  if (typeof p === 'string') return p;
  if (typeof p === 'number') return String(p);
  if ('list' in p) return p.list.map((x) => renderParamWith(table, x)).join(table[`sep.${p.sep}`]);
  return renderWith(table, p);
}

/** A message in English: for errors and logs. */
export const english = (m: Message | Param): string => renderParamWith(problemsEn, m);
