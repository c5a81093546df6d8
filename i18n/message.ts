/**
 * Messages as codes with parameters: what the pure logic (import formats, validation)
 * says, to be put in words in the reader's language where it is shown
 * (i18n/index.ts renderMessage). Plain data, so a message crosses from the transfer
 * worker to the page as it is. Pure.
 */
import type { MessageKey } from './en';

/** A parameter: text or a number put in as it is, another message, or a list of them. */
export type Param = string | number | Message | ParamList;

/** Parameters joined with the language's separator: a field path ("tags › item 1"), clauses ("a; b"), a list ("a, b"). */
export interface ParamList {
  list: readonly Param[];
  sep: 'path' | 'semicolon' | 'comma';
}

export interface Message {
  code: MessageKey;
  params?: Readonly<Record<string, Param>>;
}

export function msg(code: MessageKey, params?: Record<string, Param>): Message {
  return params ? { code, params } : { code };
}

/** A field path: names as they are, numbers as list positions (0-based: 0 → "item 1"). */
export function fieldPath(parts: readonly (string | number | Message)[]): ParamList {
  return { list: parts.map((p) => (typeof p === 'number' ? msg('problem.item', { n: p + 1 }) : p)), sep: 'path' };
}

export const list = (items: readonly Param[], sep: ParamList['sep'] = 'comma'): ParamList => ({ list: items, sep });
