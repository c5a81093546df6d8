/**
 * Clippings in the database. Every write is validated with the Zod schema first;
 * the same selection of the same page (formats/common.ts sameSelection) is not stored twice.
 */
import { sameSelection } from '../formats/common';
import { issuesMessage } from '../formats/problems';
import { english, msg, type Message } from '../i18n/message';
import { ClippingSchema, MAX_CLIPPING_TEXT, type Clipping } from '../model/clipping';
import { tagKey, tagSpellings, uniqueTags } from '../model/tags';
import { db, type CnaiDatabase } from './db';

/**
 * A clipping that cannot be stored. `detail` says why as a message code (shown in the
 * reader's language, storage/errors.ts); `message` is the same in English.
 */
export class ValidationError extends Error {
  override name = 'ValidationError';
  constructor(
    message: string | Message,
    readonly detail: Message | undefined = typeof message === 'string' ? undefined : message,
  ) {
    super(typeof message === 'string' ? message : english(message));
  }
}

function validate(c: unknown): Clipping {
  const r = ClippingSchema.safeParse(c);
  if (!r.success) {
    throw new ValidationError(msg('clip.invalid', { issues: issuesMessage(r.error, c, 'clipping') }));
  }
  return r.data;
}

/** Stores a new clipping; returns the existing one when the same selection of the same page is already saved ({@link sameSelection}). */
export async function saveClipping(input: unknown, database: CnaiDatabase = db()): Promise<{ clipping: Clipping; duplicate: boolean }> {
  const text = (input as { text?: unknown } | null)?.text;
  if (typeof text === 'string' && text.length > MAX_CLIPPING_TEXT) {
    const n = (x: number) => x.toLocaleString('en-US');
    throw new ValidationError(msg('clip.textTooLong', { count: n(text.length), limit: n(MAX_CLIPPING_TEXT) }));
  }
  const clipping = validate(input);
  return database.transaction('rw', database.clippings, async () => {
    const same = await database.clippings.where('url').equals(clipping.url).filter((c) => sameSelection(c, clipping)).first();
    if (same) return { clipping: same, duplicate: true };
    await database.clippings.add(clipping);
    return { clipping, duplicate: false };
  });
}

export async function updateClipping(
  id: string,
  patch: { note?: string; tags?: string[] },
  now = new Date(),
  database: CnaiDatabase = db(),
): Promise<Clipping> {
  return database.transaction('rw', database.clippings, async () => {
    const current = await database.clippings.get(id);
    if (!current) throw new ValidationError(msg('clip.gone'));
    const tags = patch.tags ? uniqueTags(patch.tags, await spellingsInUse(patch.tags, current, database)) : current.tags;
    const next = validate({ ...current, ...patch, tags, updated: now.toISOString() });
    await database.clippings.put(next);
    return next;
  });
}

/**
 * The spelling other clippings already use for each tag typed differently from this
 * clipping's own (letter case aside): a tag typed "ai" joins the library's "AI". Tags
 * left as they were need no look; only the others cost a pass over the library (tags
 * are not indexed: every index slows imports). Read inside the caller's transaction.
 */
async function spellingsInUse(tags: readonly string[], current: Clipping, database: CnaiDatabase): Promise<(key: string) => string | undefined> {
  const own = new Set(current.tags);
  const wanted = new Set(tags.filter((t) => !own.has(t.trim())).map(tagKey).filter(Boolean));
  if (!wanted.size) return () => undefined;
  const spelling = tagSpellings(await database.clippings.filter((c) => c.id !== current.id).toArray());
  return (key) => (wanted.has(key) ? spelling.get(key) : undefined);
}

/** Deletes and returns the clipping, so the caller can offer undo. */
export async function deleteClipping(id: string, database: CnaiDatabase = db()): Promise<Clipping | null> {
  return database.transaction('rw', database.clippings, async () => {
    const c = await database.clippings.get(id);
    if (c) await database.clippings.delete(id);
    return c ?? null;
  });
}

/** Puts back a deleted clipping (undo). */
export async function restoreClipping(input: unknown, database: CnaiDatabase = db()): Promise<Clipping> {
  const c = validate(input);
  await database.clippings.put(c);
  return c;
}

export async function clippingsForPage(url: string, database: CnaiDatabase = db()): Promise<Clipping[]> {
  const list = await database.clippings.where('url').equals(url).toArray();
  return list.sort((a, b) => a.created.localeCompare(b.created));
}

/** The latest clippings mentioning an entity, and how many there are. */
export async function clippingsForEntity(entityId: string, limit = 3, database: CnaiDatabase = db()): Promise<{ total: number; latest: Clipping[] }> {
  const all = await database.clippings.where('entities').equals(entityId).toArray();
  all.sort((a, b) => b.created.localeCompare(a.created));
  return { total: all.length, latest: all.slice(0, limit) };
}
