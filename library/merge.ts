/**
 * Merging an imported clipping into the one already stored for it (same id, or the same
 * selection of the same page: formats/common sameSelection). Idempotent: merging the same record again changes nothing, so
 * importing a file twice leaves the library as importing it once did. Pure.
 */
import { MAX_NOTE, type Clipping } from '../model/clipping';
import { tagKey } from '../model/tags';

const MAX_TAGS = 100;
const MAX_ENTITIES = 500;

/**
 * A paragraph as compared: NFC, whitespace collapsed and trimmed, so that a file saved
 * again elsewhere (re-wrapped, CRLF, decomposed accents) still matches what is stored.
 */
export function paragraphKey(paragraph: string): string {
  return paragraph.normalize('NFC').replace(/\s+/g, ' ').trim();
}

/** A note's paragraphs (split at blank lines), without empty ones. */
export function paragraphsOf(note: string): string[] {
  return note.split(/\n\s*\n/).filter((p) => paragraphKey(p) !== '');
}

// Tags compared without letter case (model/tags.ts): a file's "ai" adds nothing to a
// clipping tagged "AI"; the stored spelling is kept.

export interface MergeResult {
  clipping: Clipping;
  /** False when the stored clipping already held everything the incoming one brings. */
  changed: boolean;
  /** The incoming note had something new, but adding it would exceed the note's size limit: it was left out. */
  noteLeftOut?: boolean;
}

/** The note with the incoming note's paragraphs that it does not already hold. */
function mergeNotes(existing: string, incoming: string): string {
  if (!paragraphKey(existing)) return paragraphKey(incoming) ? incoming : existing;
  const have = new Set(paragraphsOf(existing).map(paragraphKey));
  const missing: string[] = [];
  for (const p of paragraphsOf(incoming)) {
    const key = paragraphKey(p);
    if (have.has(key)) continue;
    have.add(key);
    missing.push(p.trim());
  }
  return missing.length ? [existing.trimEnd(), ...missing].join('\n\n') : existing;
}

/**
 * The stored clipping with what the incoming one adds: note paragraphs, tags and
 * entities it lacks, and a title when it has none. Its id, text, selectors and
 * creation date stay; `updated` moves on only when something was added.
 */
export function mergeClipping(existing: Clipping, incoming: Clipping): MergeResult {
  let note = mergeNotes(existing.note, incoming.note);
  let noteLeftOut = false;
  if (note.length > MAX_NOTE) {
    note = existing.note;
    noteLeftOut = true;
  }

  const tags = [...existing.tags];
  const tagKeys = new Set(tags.map(tagKey));
  for (const t of incoming.tags) {
    if (tags.length >= MAX_TAGS) break;
    if (tagKeys.has(tagKey(t))) continue;
    tagKeys.add(tagKey(t));
    tags.push(t);
  }

  const entities = [...existing.entities];
  for (const e of incoming.entities) if (entities.length < MAX_ENTITIES && !entities.includes(e)) entities.push(e);

  const title = existing.title || incoming.title;
  // Only ever appended to, so a longer list or another string is a change.
  const changed = note !== existing.note || tags.length !== existing.tags.length || entities.length !== existing.entities.length || title !== existing.title;
  if (!changed) return { clipping: existing, changed, ...(noteLeftOut ? { noteLeftOut } : {}) };
  const updated = existing.updated > incoming.updated ? existing.updated : incoming.updated;
  return { clipping: { ...existing, note, tags, entities, title, updated }, changed, ...(noteLeftOut ? { noteLeftOut } : {}) };
}
