/**
 * Typed messages between the extension's contexts, validated with Zod on both ends.
 *
 * - BackgroundRequest: content scripts and extension pages → background.
 * - ContentRequest: background and extension pages → a tab's content script.
 * Every response is `{ ok: true, data }` or `{ ok: false, error }`.
 */
import { z } from 'zod';
import { EntityKindSchema, EntitySchema, SlugSchema } from '../kb/schema';
import { ClippingSchema, TagSchema } from '../model/clipping';
import { HistoryEntrySchema } from '../model/history';

const TabId = z.number().int().nonnegative();
const PageUrl = z.string().max(8192);
/** Mention counts per entity id on one frame or tab. */
export const CountsSchema = z.record(SlugSchema, z.number().int().nonnegative());

export const BackgroundRequestSchema = z.discriminatedUnion('type', [
  /** One entity with the names and kinds of the entities its relations point to. */
  z.strictObject({ type: z.literal('kb/entity'), id: SlugSchema }),
  /** A frame reports the entities highlighted in it (after each change). */
  z.strictObject({
    type: z.literal('page/report'),
    url: PageUrl,
    title: z.string().max(2000),
    counts: CountsSchema,
    /** Clippings of this page: placed on the page, or not found on it. */
    clippings: z.strictObject({ anchored: z.array(z.string().uuid()).max(10_000), orphaned: z.array(z.string().uuid()).max(10_000) }).optional(),
  }),
  /** May this frame (now at `url`) compile WebAssembly, by its Content-Security-Policy headers? */
  z.strictObject({ type: z.literal('page/scan-engine'), url: PageUrl }),
  /** Everything the hover card shows for an entity seen on `url`. */
  z.strictObject({ type: z.literal('kb/card'), id: SlugSchema, url: PageUrl }),
  /** Mute (no more highlights) or unmute an entity. */
  z.strictObject({ type: z.literal('kb/mute'), id: SlugSchema, muted: z.boolean() }),
  /** Open an extension page (content scripts cannot open tabs). */
  z.strictObject({ type: z.literal('ui/open'), page: z.enum(['library']), hash: z.string().max(500).regex(/^#[\w\-/=&%.?]*$/).optional() }),
  z.strictObject({ type: z.literal('clip/save'), clipping: ClippingSchema }),
  z.strictObject({
    type: z.literal('clip/update'),
    id: z.string().uuid(),
    note: z.string().max(50_000).optional(),
    tags: z.array(TagSchema).max(100).optional(),
  }),
  z.strictObject({ type: z.literal('clip/delete'), id: z.string().uuid() }),
  z.strictObject({ type: z.literal('clip/restore'), clipping: ClippingSchema }),
  z.strictObject({ type: z.literal('clip/forPage'), url: PageUrl }),
  /** What the tab's frames reported, merged. */
  z.strictObject({ type: z.literal('tab/summary'), tabId: TabId }),
  /** Scroll the tab to the first mention of an entity. */
  z.strictObject({ type: z.literal('tab/jump'), tabId: TabId, entityId: SlugSchema }),
  /** Build and publish the matcher if it is missing (a content script started before seeding finished). */
  z.strictObject({ type: z.literal('matcher/ensure') }),
]);
export type BackgroundRequest = z.infer<typeof BackgroundRequestSchema>;

export const RelatedSchema = z.strictObject({
  id: SlugSchema,
  name: z.string(),
  nameZh: z.string().optional(),
  kind: EntityKindSchema,
});
export type Related = z.infer<typeof RelatedSchema>;

export const EntityCardSchema = z.strictObject({
  entity: EntitySchema,
  origin: z.enum(['builtin', 'added', 'edited']),
  /** Entities that the relations point to, and entities whose relations point here. */
  related: z.array(RelatedSchema),
  /** Relations of other entities that point to this one (e.g. models developed by a company). */
  incoming: z.array(z.strictObject({ type: z.string(), source: SlugSchema })),
});
export type EntityCard = z.infer<typeof EntityCardSchema>;

export const TabSummarySchema = z.strictObject({
  url: z.string(),
  title: z.string(),
  counts: CountsSchema,
  frames: z.number().int().nonnegative(),
  /** Clippings placed on the page and not found on it, across frames. */
  anchored: z.array(z.string()),
  orphaned: z.array(z.string()),
});
export type TabSummary = z.infer<typeof TabSummarySchema>;

export const CardDataSchema = z.strictObject({
  card: EntityCardSchema,
  muted: z.boolean(),
  clippings: z.strictObject({ total: z.number().int(), latest: z.array(ClippingSchema) }),
  seenOn: z.strictObject({ total: z.number().int(), pages: z.array(HistoryEntrySchema) }),
});
export type CardData = z.infer<typeof CardDataSchema>;

const ClippingResult = z.strictObject({ clipping: ClippingSchema, duplicate: z.boolean() });

export const BackgroundResponseSchemas = {
  'kb/entity': EntityCardSchema.nullable(),
  'kb/card': CardDataSchema.nullable(),
  'kb/mute': z.null(),
  'ui/open': z.null(),
  'clip/save': ClippingResult,
  'clip/update': z.strictObject({ clipping: ClippingSchema }),
  'clip/delete': z.strictObject({ deleted: ClippingSchema.nullable() }),
  'clip/restore': z.null(),
  'clip/forPage': z.strictObject({ clippings: z.array(ClippingSchema) }),
  'page/report': z.null(),
  'page/scan-engine': z.strictObject({ wasm: z.boolean() }),
  'tab/summary': TabSummarySchema.nullable(),
  'tab/jump': z.strictObject({ found: z.boolean() }),
  'matcher/ensure': z.strictObject({ published: z.boolean() }),
} satisfies Record<BackgroundRequest['type'], z.ZodType>;

export type BackgroundResponse<T extends BackgroundRequest['type']> = z.infer<(typeof BackgroundResponseSchemas)[T]>;

export const ContentRequestSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('content/jump'), entityId: SlugSchema }),
  z.strictObject({ type: z.literal('content/counts') }),
  /** Keyboard command: move to the next / previous mention and open its card. */
  z.strictObject({ type: z.literal('content/navigate'), direction: z.enum(['next', 'prev']) }),
  /** Context menu or keyboard command: save the current selection as a clipping. */
  z.strictObject({ type: z.literal('content/save-selection') }),
  /** Scroll to a clipping of this page (from the popup or library). */
  z.strictObject({ type: z.literal('content/show-clipping'), id: z.string().uuid() }),
]);
export type ContentRequest = z.infer<typeof ContentRequestSchema>;

export const ContentResponseSchemas = {
  'content/jump': z.strictObject({ found: z.boolean() }),
  'content/counts': z.strictObject({
    url: z.string(),
    title: z.string(),
    counts: CountsSchema,
    /** How the frame's automaton pass runs (diagnostics). */
    scan: z.enum(['webassembly', 'javascript', 'none']),
  }),
  'content/navigate': z.strictObject({ found: z.boolean() }),
  'content/save-selection': z.strictObject({ saved: z.boolean(), reason: z.string().optional() }),
  'content/show-clipping': z.strictObject({ found: z.boolean() }),
} satisfies Record<ContentRequest['type'], z.ZodType>;
export type ContentResponse<T extends ContentRequest['type']> = z.infer<(typeof ContentResponseSchemas)[T]>;

export const EnvelopeSchema = z.union([
  z.strictObject({ ok: z.literal(true), data: z.unknown() }),
  z.strictObject({ ok: z.literal(false), error: z.string() }),
]);
export type Envelope = z.infer<typeof EnvelopeSchema>;

/** A readable one-line description of why a message was rejected. */
export function describeZodError(error: z.ZodError): string {
  return error.issues
    .map((i) => `${i.path.length ? i.path.join('.') : 'message'}: ${i.message}`)
    .join('; ');
}

export class MessageError extends Error {
  override name = 'MessageError';
  /** The request type whose answer carried this error, when it came from the other side. */
  request?: string;
}

/** Validates an incoming request; throws MessageError with a clear reason. */
export function parseBackgroundRequest(raw: unknown): BackgroundRequest {
  const r = BackgroundRequestSchema.safeParse(raw);
  if (!r.success) throw new MessageError(`Rejected message: ${describeZodError(r.error)}`);
  return r.data;
}

export function parseContentRequest(raw: unknown): ContentRequest {
  const r = ContentRequestSchema.safeParse(raw);
  if (!r.success) throw new MessageError(`Rejected message: ${describeZodError(r.error)}`);
  return r.data;
}

/** Validates a response envelope and its data against the schema of the request type. */
export function parseResponse<S extends z.ZodType>(raw: unknown, schema: S, what: string): z.infer<S> {
  const env = EnvelopeSchema.safeParse(raw);
  if (!env.success) throw new MessageError(`Malformed response to ${what}: ${describeZodError(env.error)}`);
  if (!env.data.ok) {
    // The other side's message is already meant for the reader.
    const err = new MessageError(env.data.error);
    err.request = what;
    throw err;
  }
  const data = schema.safeParse(env.data.data);
  if (!data.success) throw new MessageError(`Invalid response to ${what}: ${describeZodError(data.error)}`);
  return data.data;
}
