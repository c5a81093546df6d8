/**
 * Typed messages between the extension's contexts, validated with Zod on both ends.
 *
 * - BackgroundRequest: content scripts and extension pages → background.
 * - ContentRequest: background and extension pages → a tab's content script.
 * Every response is `{ ok: true, data }` or `{ ok: false, error }`.
 */
import { z } from '../model/zod';
import { lazySchema } from '../model/lazy-schema';
import { EntityKindSchema, EntitySchema, NamesSchema, SlugSchema } from '../kb/schema';
import { ClippingSchema, TagSchema } from '../model/clipping';
import { HistoryEntrySchema } from '../model/history';
import { describeIssues, issuesMessage } from '../formats/problems';
import { FRAME_TEXT_MAX } from './frame-limits';
import type { Message, Param } from '../i18n/message';

const TabId = lazySchema(() => z.number().int().nonnegative());
const PageUrl = lazySchema(() => z.string().max(8192));
/** Mention counts per entity id on one frame or tab. */
export const CountsSchema = lazySchema(() => z.record(SlugSchema, z.number().int().nonnegative()));

/** Each request by type: a sender validates with its own (the content script then builds only the schemas it sends). */
export const BackgroundRequestSchemas = {
  /** One entity with the names and kinds of the entities its relations point to. */
  'kb/entity': lazySchema(() => z.strictObject({ type: z.literal('kb/entity'), id: SlugSchema })),
  /** A frame reports the entities highlighted in it (after each change). */
  'page/report': lazySchema(() => z.strictObject({
    type: z.literal('page/report'),
    url: PageUrl,
    title: z.string().max(2000),
    counts: CountsSchema,
    /** Clippings of this page: placed on the page, or not found on it. */
    clippings: z.strictObject({ anchored: z.array(z.string().uuid()).max(10_000), orphaned: z.array(z.string().uuid()).max(10_000) }).optional(),
  })),
  /** May this frame (now at `url`) compile WebAssembly, by its Content-Security-Policy headers? */
  'page/scan-engine': lazySchema(() => z.strictObject({ type: z.literal('page/scan-engine'), url: PageUrl })),
  /**
   * Is this frame worth a scan: does its text (at most FRAME_TEXT_MAX characters), read with
   * every rule, name something, or show a clipping of its page (`url`, content/page-url.ts)?
   */
  'frame/worth': lazySchema(() => z.strictObject({ type: z.literal('frame/worth'), url: PageUrl, text: z.string().max(FRAME_TEXT_MAX) })),
  /**
   * A frame worth a scan asks for the core (content/frame-loader.ts): the background
   * injects the listed core's file into the sending document.
   */
  'frame/start': lazySchema(() => z.strictObject({ type: z.literal('frame/start') })),
  /** Everything the hover card shows for an entity seen on `url`. */
  'kb/card': lazySchema(() => z.strictObject({ type: z.literal('kb/card'), id: SlugSchema, url: PageUrl })),
  /** Mute (no more highlights) or unmute an entity. */
  'kb/mute': lazySchema(() => z.strictObject({ type: z.literal('kb/mute'), id: SlugSchema, muted: z.boolean() })),
  /** Open an extension page (content scripts cannot open tabs). */
  'ui/open': lazySchema(() => z.strictObject({ type: z.literal('ui/open'), page: z.enum(['library']), hash: z.string().max(500).regex(/^#[\w\-/=&%.?]*$/).optional() })),
  'clip/save': lazySchema(() => z.strictObject({ type: z.literal('clip/save'), clipping: ClippingSchema })),
  'clip/update': lazySchema(() => z.strictObject({
    type: z.literal('clip/update'),
    id: z.string().uuid(),
    note: z.string().max(50_000).optional(),
    tags: z.array(TagSchema).max(100).optional(),
  })),
  'clip/delete': lazySchema(() => z.strictObject({ type: z.literal('clip/delete'), id: z.string().uuid() })),
  'clip/restore': lazySchema(() => z.strictObject({ type: z.literal('clip/restore'), clipping: ClippingSchema })),
  'clip/forPage': lazySchema(() => z.strictObject({ type: z.literal('clip/forPage'), url: PageUrl })),
  /** What the tab's frames reported, merged. */
  'tab/summary': lazySchema(() => z.strictObject({ type: z.literal('tab/summary'), tabId: TabId })),
  /** Scroll the tab to the first mention of an entity. */
  'tab/jump': lazySchema(() => z.strictObject({ type: z.literal('tab/jump'), tabId: TabId, entityId: SlugSchema })),
  /** The tab's entities whose every mention is in a part of the page its style hides (the popup marks them). */
  'tab/hidden': lazySchema(() => z.strictObject({ type: z.literal('tab/hidden'), tabId: TabId })),
  /** Build and publish the matcher if it is missing (a content script started before seeding finished). */
  'matcher/ensure': lazySchema(() => z.strictObject({ type: z.literal('matcher/ensure') })),
};
type BackgroundRequestSchemasOption = (typeof BackgroundRequestSchemas)[keyof typeof BackgroundRequestSchemas];
export const BackgroundRequestSchema = lazySchema(() =>
  z.discriminatedUnion('type', Object.values(BackgroundRequestSchemas) as [BackgroundRequestSchemasOption, ...BackgroundRequestSchemasOption[]]),
);
export type BackgroundRequest = z.infer<typeof BackgroundRequestSchema>;

export const RelatedSchema = lazySchema(() =>
  z.strictObject({
    id: SlugSchema,
    name: z.string(),
    /** Its Chinese names; the card shows the one in the reader's script (components/relations.ts chineseName). */
    zhHans: z.string().optional(),
    zhHant: z.string().optional(),
    kind: EntityKindSchema,
  }),
);
export type Related = z.infer<typeof RelatedSchema>;

export const EntityCardSchema = lazySchema(() =>
  z.strictObject({
    entity: EntitySchema,
    origin: z.enum(['builtin', 'added', 'edited']),
    /** Entities that the relations point to, and entities whose relations point here. */
    related: z.array(RelatedSchema),
    /** Relations of other entities that point to this one (e.g. models developed by a company). */
    incoming: z.array(z.strictObject({ type: z.string(), source: SlugSchema })),
  }),
);
export type EntityCard = z.infer<typeof EntityCardSchema>;

export const TabSummarySchema = lazySchema(() =>
  z.strictObject({
    url: z.string(),
    title: z.string(),
    counts: CountsSchema,
    frames: z.number().int().nonnegative(),
    /** Clippings placed on the page and not found on it, across frames. */
    anchored: z.array(z.string()),
    orphaned: z.array(z.string()),
    /** Labels of the entities counted (the popup paints its list from them without another read). */
    labels: z.record(z.string(), z.strictObject({ id: z.string(), kind: EntityKindSchema, name: NamesSchema })).optional(),
  }),
);
export type TabSummary = z.infer<typeof TabSummarySchema>;

export const CardDataSchema = lazySchema(() =>
  z.strictObject({
    card: EntityCardSchema,
    muted: z.boolean(),
    clippings: z.strictObject({ total: z.number().int(), latest: z.array(ClippingSchema) }),
    seenOn: z.strictObject({ total: z.number().int(), pages: z.array(HistoryEntrySchema) }),
  }),
);
export type CardData = z.infer<typeof CardDataSchema>;

const ClippingResult = lazySchema(() => z.strictObject({ clipping: ClippingSchema, duplicate: z.boolean() }));

export const BackgroundResponseSchemas = {
  'kb/entity': lazySchema(() => EntityCardSchema.nullable()),
  'kb/card': lazySchema(() => CardDataSchema.nullable()),
  'kb/mute': lazySchema(() => z.null()),
  'ui/open': lazySchema(() => z.null()),
  'clip/save': lazySchema(() => ClippingResult),
  'clip/update': lazySchema(() => z.strictObject({ clipping: ClippingSchema })),
  'clip/delete': lazySchema(() => z.strictObject({ deleted: ClippingSchema.nullable() })),
  'clip/restore': lazySchema(() => z.null()),
  'clip/forPage': lazySchema(() => z.strictObject({ clippings: z.array(ClippingSchema) })),
  'page/report': lazySchema(() => z.null()),
  'page/scan-engine': lazySchema(() => z.strictObject({ wasm: z.boolean() })),
  'frame/worth': lazySchema(() => z.strictObject({ worth: z.boolean() })),
  'frame/start': lazySchema(() => z.null()),
  'tab/summary': lazySchema(() => TabSummarySchema.nullable()),
  /** `hidden`: the entity's mentions are all in parts of the page its style hides (a closed menu). */
  'tab/jump': lazySchema(() => z.strictObject({ found: z.boolean(), hidden: z.optional(z.boolean()) })),
  'tab/hidden': lazySchema(() => z.strictObject({ hidden: z.array(SlugSchema).max(100_000) })),
  'matcher/ensure': lazySchema(() => z.strictObject({ published: z.boolean() })),
} satisfies Record<BackgroundRequest['type'], z.ZodType>;

export type BackgroundResponse<T extends BackgroundRequest['type']> = z.infer<(typeof BackgroundResponseSchemas)[T]>;

/** Each request to a content script by type. */
export const ContentRequestSchemas = {
  'content/jump': lazySchema(() => z.strictObject({ type: z.literal('content/jump'), entityId: SlugSchema })),
  'content/counts': lazySchema(() => z.strictObject({ type: z.literal('content/counts') })),
  /** The frame's entities whose every mention here is in a part of the page its style hides. */
  'content/hidden': lazySchema(() => z.strictObject({ type: z.literal('content/hidden') })),
  /** Keyboard command: move to the next / previous mention and open its card. */
  'content/navigate': lazySchema(() => z.strictObject({ type: z.literal('content/navigate'), direction: z.enum(['next', 'prev']) })),
  /** Context menu or keyboard command: save the current selection as a clipping. */
  'content/save-selection': lazySchema(() => z.strictObject({ type: z.literal('content/save-selection') })),
  /** Scroll to a clipping of this page (from the popup or library). */
  'content/show-clipping': lazySchema(() => z.strictObject({ type: z.literal('content/show-clipping'), id: z.string().uuid() })),
  /** Keyboard command: tell the reader in the page why nothing happened (no frame had a selection to save, the tab has no mention to move to). */
  'content/notice': lazySchema(() => z.strictObject({ type: z.literal('content/notice'), notice: z.enum(['no-selection', 'no-mentions']) })),
};
type ContentRequestSchemasOption = (typeof ContentRequestSchemas)[keyof typeof ContentRequestSchemas];
export const ContentRequestSchema = lazySchema(() =>
  z.discriminatedUnion('type', Object.values(ContentRequestSchemas) as [ContentRequestSchemasOption, ...ContentRequestSchemasOption[]]),
);
export type ContentRequest = z.infer<typeof ContentRequestSchema>;

export const ContentResponseSchemas = {
  'content/jump': lazySchema(() => z.strictObject({ found: z.boolean(), hidden: z.optional(z.boolean()) })),
  'content/counts': lazySchema(() => z.strictObject({
    url: z.string(),
    title: z.string(),
    counts: CountsSchema,
    /** How the frame's automaton pass runs (diagnostics). */
    scan: z.enum(['webassembly', 'javascript', 'none']),
  })),
  'content/hidden': lazySchema(() => z.strictObject({ hidden: z.array(SlugSchema).max(100_000) })),
  'content/navigate': lazySchema(() => z.strictObject({ found: z.boolean() })),
  'content/save-selection': lazySchema(() => z.strictObject({ saved: z.boolean(), reason: z.string().optional() })),
  'content/show-clipping': lazySchema(() => z.strictObject({ found: z.boolean() })),
  'content/notice': lazySchema(() => z.null()),
} satisfies Record<ContentRequest['type'], z.ZodType>;
export type ContentResponse<T extends ContentRequest['type']> = z.infer<(typeof ContentResponseSchemas)[T]>;

/**
 * A message code with parameters (i18n/message.ts): why a request failed, for the
 * receiver to put in the reader's language. Codes are dotted names ("clip.gone"), so
 * never an Object method's name.
 */
const ParamSchema: z.ZodType<Param> = z.lazy(() =>
  z.union([
    z.string().max(20_000),
    z.number(),
    MessageSchema,
    z.strictObject({ list: z.array(ParamSchema).max(1000), sep: z.enum(['path', 'semicolon', 'comma']) }),
  ]),
);
export const MessageSchema = lazySchema(
  () =>
    z.strictObject({
      code: z.string().max(100).regex(/^[a-z]+(\.[\w-]+)+$/i),
      params: z.record(z.string().max(64).regex(/^\w+$/), ParamSchema).optional(),
    }) as unknown as z.ZodType<Message>,
);

export const EnvelopeSchema = lazySchema(() =>
  z.union([
    z.strictObject({ ok: z.literal(true), data: z.unknown() }),
    /** `error` in English (logs); `problem`, where there is one, the same as a code for the reader. */
    z.strictObject({ ok: z.literal(false), error: z.string(), problem: MessageSchema.optional() }),
  ]),
);
export type Envelope = z.infer<typeof EnvelopeSchema>;

/** A readable one-line description of why a message was rejected (`input`: what was parsed, for plainer words). */
export function describeZodError(error: z.ZodError, input?: unknown): string {
  return describeIssues(error, input, 'message');
}

export class MessageError extends Error {
  override name = 'MessageError';
  /** The request type whose answer carried this error, when it came from the other side. */
  request?: string;
  /** The same as a message code, to put in the reader's language (`message` is English). */
  detail?: Message;
}

/** A MessageError whose English text is its message code's. */
export function messageError(detail: Message, english: string): MessageError {
  const e = new MessageError(english);
  e.detail = detail;
  return e;
}

/** Validates an incoming request; throws MessageError with a clear reason. */
export function parseBackgroundRequest(raw: unknown): BackgroundRequest {
  const r = BackgroundRequestSchema.safeParse(raw);
  if (!r.success) throw rejected(r.error, raw);
  return r.data;
}

function rejected(error: z.ZodError, raw: unknown): MessageError {
  return messageError({ code: 'message.rejected', params: { issues: issuesMessage(error, raw, 'message') } }, `Rejected message: ${describeZodError(error, raw)}`);
}

export function parseContentRequest(raw: unknown): ContentRequest {
  const r = ContentRequestSchema.safeParse(raw);
  if (!r.success) throw rejected(r.error, raw);
  return r.data;
}

/** Validates a response envelope and its data against the schema of the request type. */
export function parseResponse<S extends z.ZodType>(raw: unknown, schema: S, what: string): z.infer<S> {
  const env = EnvelopeSchema.safeParse(raw);
  if (!env.success) throw new MessageError(`Malformed response to ${what}: ${describeZodError(env.error)}`);
  if (!env.data.ok) {
    // The other side's message: in English, and as a code for the reader's language.
    const err = new MessageError(env.data.error);
    err.request = what;
    if (env.data.problem) err.detail = env.data.problem;
    throw err;
  }
  const data = schema.safeParse(env.data.data);
  if (!data.success) throw new MessageError(`Invalid response to ${what}: ${describeZodError(data.error, env.data.data)}`);
  return data.data;
}
