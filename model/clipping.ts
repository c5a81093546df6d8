/**
 * Clippings: what a reader saved from a page. One Zod schema for storage, messages,
 * backups and imports. Pure (no browser API).
 *
 * Selectors follow the W3C Web Annotation Data Model:
 * - TextQuoteSelector: the exact text with up to 32 characters of prefix and suffix;
 * - TextPositionSelector: start/end offsets in the text of the clipped document's body
 *   (all its Text nodes in tree order, as anchoring/text.ts computes it).
 */
import { z } from './zod';
import { lazySchema } from './lazy-schema';
import { SlugSchema } from '../kb/schema';
import { ISSUE } from './issues';

export const QUOTE_CONTEXT_LENGTH = 32;
export const MAX_CLIPPING_TEXT = 100_000;
export const MAX_NOTE = 50_000;

/** A selection longer than a clipping may be; the UI words it in the reader's language. */
export class ClipTooLongError extends Error {
  override name = 'ClipTooLongError';
  constructor(readonly length: number, readonly limit = MAX_CLIPPING_TEXT) {
    super(`This selection is too long to save (${length.toLocaleString('en-US')} characters; the limit is ${limit.toLocaleString('en-US')}).`);
  }
}

export const TextQuoteSelectorSchema = lazySchema(() =>
  z.strictObject({
    type: z.literal('TextQuoteSelector'),
    exact: z.string().min(1, ISSUE.notEmpty).max(MAX_CLIPPING_TEXT),
    prefix: z.string().max(QUOTE_CONTEXT_LENGTH * 4).optional(),
    suffix: z.string().max(QUOTE_CONTEXT_LENGTH * 4).optional(),
  }),
);
export type TextQuoteSelector = z.infer<typeof TextQuoteSelectorSchema>;

export const TextPositionSelectorSchema = lazySchema(() =>
  z
    .strictObject({
      type: z.literal('TextPositionSelector'),
      start: z.number().int().nonnegative(),
      end: z.number().int().nonnegative(),
    })
    .refine((s) => s.end > s.start, { message: ISSUE.endAfterStart, path: ['end'] }),
);
export type TextPositionSelector = z.infer<typeof TextPositionSelectorSchema>;

/** ISO 8601 timestamp as produced by Date.prototype.toISOString(). */
export const TimestampSchema = lazySchema(() => z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/, ISSUE.timestamp));

export const TagSchema = lazySchema(() =>
  z
    .string()
    .trim()
    .min(1, ISSUE.notEmpty)
    .max(64, ISSUE.tagLength)
    .refine((t) => !/[\n\r\t,]/.test(t), ISSUE.tagChars),
);

export const PageUrlSchema = lazySchema(() =>
  z
    .string()
    .max(8192)
    .refine((u) => {
      try {
        return ['http:', 'https:'].includes(new URL(u).protocol);
      } catch {
        return false;
      }
    }, ISSUE.httpUrl),
);

export const ClippingSchema = lazySchema(() =>
  z.strictObject({
    id: z.string().uuid(ISSUE.uuid),
    /** The page, normalized: no fragment, no tracking parameters (model/url.ts). */
    url: PageUrlSchema,
    title: z.string().max(2000),
    /** Host name of the page, e.g. "www.example.com". */
    site: z.string().max(300),
    /**
     * The clipped text as the page showed it: blocks on their own lines, table cells
     * separated by " | ", white space collapsed (content/clip/readable.ts). What the library
     * shows and searches and the exports write. It may differ from `quote.exact`, the text
     * the selectors count (the page's Text nodes joined as they are); clippings saved
     * before it did, and imported ones, have that text here.
     */
    text: z.string().min(1, ISSUE.notEmpty).max(MAX_CLIPPING_TEXT),
    quote: TextQuoteSelectorSchema,
    position: TextPositionSelectorSchema.optional(),
    /** Entity ids mentioned in the clipped text (found by the recognition engine). */
    entities: z.array(SlugSchema).max(500),
    note: z.string().max(MAX_NOTE),
    tags: z.array(TagSchema).max(100),
    created: TimestampSchema,
    updated: TimestampSchema,
  }),
);
export type Clipping = z.infer<typeof ClippingSchema>;
