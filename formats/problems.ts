/**
 * Problems found while reading an import file, in plain words. Shared by every
 * importer: `record` says which record ("row 3", "annotation 5 (id …)", "clipping 2
 * (id …)"), `field` which part of it ("" for the record as a whole), `message` what
 * is wrong and what happened (e.g. "…; the row was skipped"). Pure.
 */
import type { z } from '../model/zod';

export interface Problem {
  /** Which record, e.g. "row 3", "annotation 5 (id https://hypothes.is/a/x)", "the file". */
  record: string;
  /** Which field of the record, e.g. "Date", "quote › exact"; "" for the whole record. */
  field: string;
  /** What is wrong, as a phrase that reads after the field name, e.g. "must not be empty". */
  message: string;
}

const capitalize = (s: string) => (s ? s[0]!.toUpperCase() + s.slice(1) : s);

/** One problem as a sentence, e.g. "Row 3, Date: could not be read as a date; the import time was used instead." */
export function formatProblem(p: Problem): string {
  const head = capitalize(p.record.trim() || 'The file');
  const msg = p.message.trim().replace(/[.\s]+$/u, '');
  return p.field ? `${head}, ${p.field}: ${msg}.` : `${head}: ${msg}.`;
}

/** Several problems, one sentence per line. */
export function formatProblems(problems: readonly Problem[]): string {
  return problems.map(formatProblem).join('\n');
}

/** A Zod issue path in plain words: ['aliases', 0, 'text'] → "aliases › item 1 › text". */
export function fieldPath(path: readonly PropertyKey[]): string {
  return path.map((p) => (typeof p === 'number' ? `item ${p + 1}` : String(p))).join(' › ');
}

const TYPE_WORDS: Record<string, string> = {
  string: 'text',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  array: 'a list',
  object: 'an object',
  null: 'empty (null)',
  undefined: 'missing',
};

function typeOf(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  return typeof v;
}

/** A Zod issue as a phrase: the schema's own message when it has one ("must be a UUID"), else plain words. */
export function describeIssue(issue: z.core.$ZodIssue, input?: unknown): string {
  const own = issue.message;
  // Messages written in this code base read as phrases ("must …", "needs …", "end must be after start").
  if (own && !/^(Invalid|Too (big|small)|Unrecognized key)/.test(own)) return own;
  switch (issue.code) {
    case 'invalid_type': {
      const received = input !== undefined ? typeOf(valueAt(input, issue.path)) : /received (\w+)/.exec(own)?.[1];
      if (received === 'undefined' || received === undefined) return `is missing (it must be ${TYPE_WORDS[issue.expected] ?? issue.expected})`;
      return `must be ${TYPE_WORDS[issue.expected] ?? issue.expected}, not ${TYPE_WORDS[received] ?? received}`;
    }
    case 'too_big': {
      const n = Number(issue.maximum);
      if (issue.origin === 'string') return `must be at most ${n} characters long`;
      if (issue.origin === 'array' || issue.origin === 'set') return `must have at most ${n} items`;
      return `must be at most ${n}`;
    }
    case 'too_small': {
      const n = Number(issue.minimum);
      if (issue.origin === 'string') return n <= 1 ? 'must not be empty' : `must be at least ${n} characters long`;
      if (issue.origin === 'array' || issue.origin === 'set') return n <= 1 ? 'must not be an empty list' : `must have at least ${n} items`;
      return `must be at least ${n}`;
    }
    case 'unrecognized_keys':
      return `has ${issue.keys.length === 1 ? 'an unknown field' : 'unknown fields'}: ${issue.keys.map((k) => `“${k}”`).join(', ')}`;
    case 'invalid_value':
      return issue.values.length === 1
        ? `must be ${JSON.stringify(issue.values[0])}`
        : `must be one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
    case 'invalid_union':
      if ('options' in issue && Array.isArray((issue as { options?: unknown[] }).options))
        return `must be one of ${(issue as unknown as { options: unknown[] }).options.map((v) => JSON.stringify(v)).join(', ')}`;
      return 'does not match any allowed form';
    case 'invalid_format':
      return `is not in the expected format (${issue.format})`;
    default:
      return own || 'is not valid';
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

/** Every issue of a failed parse on one line, e.g. "id: must be a UUID; tags › item 1: must not be empty". */
export function describeIssues(error: z.core.$ZodError, input?: unknown, whole = 'value'): string {
  return error.issues.map((i) => `${fieldPath(i.path) || whole}: ${describeIssue(i, input)}`).join('; ');
}

/** Problems for every issue of a failed Zod parse of one record (`input` is the value that was parsed). */
export function zodProblems(record: string, error: z.core.$ZodError, input?: unknown, fieldPrefix: readonly PropertyKey[] = []): Problem[] {
  return error.issues.map((issue) => ({
    record,
    field: fieldPath([...fieldPrefix, ...issue.path]),
    message: describeIssue(issue, input),
  }));
}
