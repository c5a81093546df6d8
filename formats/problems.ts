/**
 * Problems found while reading an import file, as message codes with parameters
 * (i18n/message.ts), put in words in the reader's language where they are shown. Shared
 * by every importer: `record` says which record ("row 3", "annotation 5 (id …)",
 * "clipping 2 (id …)"), `field` which part of it (empty for the record as a whole),
 * `message` what is wrong and what happened (e.g. "…; the row was skipped"). Pure.
 */
import type { z } from '../model/zod';
import type { Language } from '../i18n';
import { renderMessage } from '../i18n/render';
import { english, fieldPath, list, msg, type Message, type MessageCode, type ParamList } from '../i18n/message';
import { ISSUE, type IssueName } from '../model/issues';

export interface Problem {
  /** Which record, e.g. "row 3", "annotation 5 (id https://hypothes.is/a/x)", "the file". */
  record: Message;
  /**
   * Which field of the record: names as the file writes them ("Date", "target",
   * "selector"), numbers for list positions (0-based); empty for the whole record.
   */
  field: readonly (string | number | Message)[];
  /** What is wrong, as a phrase that reads after the field name, e.g. "must not be empty". */
  message: Message;
}

const capitalize = (s: string) => (s ? s[0]!.toUpperCase() + s.slice(1) : s);

/**
 * One problem as a sentence in `lang` (English unless told), e.g.
 * "Row 3, Date: could not be read as a date; the import time was used instead."
 */
export function formatProblem(p: Problem, lang: Language = 'en'): string {
  const record = capitalize(renderMessage(p.record, lang).trim()) || capitalize(renderMessage(msg('problem.record.file'), lang));
  const message = renderMessage(p.message, lang).trim().replace(/[.。\s]+$/u, '');
  return p.field.length
    ? renderMessage(msg('problem.line', { record, field: fieldPath(p.field), message }), lang)
    : renderMessage(msg('problem.lineWhole', { record, message }), lang);
}

/** Several problems, one sentence per line. */
export function formatProblems(problems: readonly Problem[], lang: Language = 'en'): string {
  return problems.map((p) => formatProblem(p, lang)).join('\n');
}

const TYPE_CODES: Record<string, MessageCode> = {
  string: 'issue.type.string',
  number: 'issue.type.number',
  int: 'issue.type.int',
  boolean: 'issue.type.boolean',
  array: 'issue.type.array',
  object: 'issue.type.object',
  null: 'issue.type.null',
  undefined: 'issue.type.undefined',
};
const typeWord = (type: string): Message => (TYPE_CODES[type] ? msg(TYPE_CODES[type]) : msg('issue.type.other', { type }));

function typeOf(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  return typeof v;
}

// Every message the schemas give their own checks has its code (checked by the compiler).
type IssueCode = `issue.${IssueName}`;
const _issueCodesExist: IssueCode extends MessageCode ? true : false = true;
void _issueCodesExist;
const OWN_MESSAGES = new Map<string, IssueCode>(Object.entries(ISSUE).map(([name, text]) => [text, `issue.${name as IssueName}`]));

/**
 * A Zod issue as a message code: the schema's own message when it has one ("must be a
 * UUID", model/issues.ts), else one for the kind of issue. Zod's own English never shows.
 */
export function describeIssue(issue: z.core.$ZodIssue, input?: unknown): Message {
  const own = OWN_MESSAGES.get(issue.message);
  if (own) return msg(own);
  switch (issue.code) {
    case 'invalid_type': {
      const received = input !== undefined ? typeOf(valueAt(input, issue.path)) : /received (\w+)/.exec(issue.message)?.[1];
      if (received === 'undefined' || received === undefined) return msg('issue.missing', { expected: typeWord(issue.expected) });
      return msg('issue.wrongType', { expected: typeWord(issue.expected), received: typeWord(received) });
    }
    case 'too_big': {
      const n = Number(issue.maximum);
      if (issue.origin === 'string') return msg('issue.maxChars', { n });
      if (issue.origin === 'array' || issue.origin === 'set') return msg('issue.maxItems', { n });
      return msg('issue.max', { n });
    }
    case 'too_small': {
      const n = Number(issue.minimum);
      if (issue.origin === 'string') return n <= 1 ? msg('issue.notEmpty') : msg('issue.minChars', { n });
      if (issue.origin === 'array' || issue.origin === 'set') return n <= 1 ? msg('issue.notEmptyList') : msg('issue.minItems', { n });
      return msg('issue.min', { n });
    }
    case 'unrecognized_keys':
      return msg(issue.keys.length === 1 ? 'issue.unknownKey' : 'issue.unknownKeys', { keys: list(issue.keys.map((k) => `“${k}”`)) });
    case 'invalid_value':
      return issue.values.length === 1
        ? msg('issue.mustBe', { value: JSON.stringify(issue.values[0]) })
        : msg('issue.oneOf', { values: list(issue.values.map((v) => JSON.stringify(v))) });
    case 'invalid_union':
      if ('options' in issue && Array.isArray((issue as { options?: unknown[] }).options))
        return msg('issue.oneOf', { values: list((issue as unknown as { options: unknown[] }).options.map((v) => JSON.stringify(v))) });
      return msg('issue.noForm');
    case 'invalid_format':
      return msg('issue.format', { format: issue.format });
    default:
      return msg('issue.invalid');
  }
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let v: unknown = root;
  for (const k of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<PropertyKey, unknown>)[k];
  }
  return v;
}

const pathParts = (path: readonly PropertyKey[]) => path.map((p) => (typeof p === 'number' ? p : String(p)));

/** Every issue of a failed parse as one message, e.g. "id: must be a UUID; tags › item 1: must not be empty". */
export function issuesMessage(error: z.core.$ZodError, input?: unknown, whole = 'value'): ParamList {
  return list(
    error.issues.map((i) => msg('issue.at', { field: i.path.length ? fieldPath(pathParts(i.path)) : whole, issue: describeIssue(i, input) })),
    'semicolon',
  );
}

/** Every issue of a failed parse on one line, in English (for errors and logs). */
export function describeIssues(error: z.core.$ZodError, input?: unknown, whole = 'value'): string {
  return english(issuesMessage(error, input, whole));
}

/** Problems for every issue of a failed Zod parse of one record (`input` is the value that was parsed). */
export function zodProblems(record: Message, error: z.core.$ZodError, input?: unknown, fieldPrefix: readonly PropertyKey[] = []): Problem[] {
  return error.issues.map((issue) => ({
    record,
    field: pathParts([...fieldPrefix, ...issue.path]),
    message: describeIssue(issue, input),
  }));
}

/** A problem's message with what happened to the record after it, e.g. "…; the row was skipped". */
export const withOutcome = (code: 'problem.rowSkipped' | 'problem.annotationSkipped' | 'problem.ignored', reason: Message): Message => msg(code, { reason });
