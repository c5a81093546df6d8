/**
 * The messages the schemas give their own checks, in English (what Zod reports, and what
 * logs and the kb:check script print). formats/problems.ts turns each into its message
 * code (`issue.<name>` in i18n/en.ts and zh-CN.ts) so the reader sees it in their
 * language. Pure.
 */
export const ISSUE = {
  slug: 'must be a lowercase slug such as "zhipu-ai"',
  partialDate: 'must be a date as YYYY, YYYY-MM or YYYY-MM-DD',
  day: 'must be a date as YYYY-MM-DD',
  httpUrl: 'must be an http:// or https:// URL',
  notEmpty: 'must not be empty',
  needsAlias: 'needs at least one alias',
  summary: 'must be a 1–3 sentence summary',
  summaryLong: 'must be a 1–3 sentence summary (at most 700 characters)',
  needsSource: 'needs at least one source',
  endAfterStart: 'end must be after start',
  timestamp: 'must be an ISO 8601 UTC timestamp',
  tagLength: 'must be at most 64 characters',
  tagChars: 'must not contain commas, tabs or line breaks',
  uuid: 'must be a UUID',
  color: 'must be a colour like #2563eb',
} as const;

export type IssueName = keyof typeof ISSUE;
