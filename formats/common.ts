/** Types and helpers shared by the export/import formats. Pure. */
import type { Clipping } from '../model/clipping';
import type { Problem } from './problems';

/** What exporters need to know beyond the clippings themselves. */
export interface EntityNames {
  /** Display name of an entity id (e.g. "deepseek" → "DeepSeek"), or undefined when unknown. */
  entityName(id: string): string | undefined;
}

/** Options of the importers that create new clippings. */
export interface ImportOptions {
  /** Id generator for new clippings (default: crypto.randomUUID). Must return UUIDs. */
  newId?: () => string;
  /** Time used where a record has no (readable) date; default: the current time. */
  now?: Date;
}

/** What an importer produced: the clippings it could read, and a problem for anything it skipped or changed. */
export interface ImportResult {
  clippings: Clipping[];
  problems: Problem[];
  /** How many records were skipped entirely (each has at least one problem). */
  skipped: number;
  /**
   * The file as a whole cannot be read (not JSON, no “Highlight” column, no records at
   * all…): nothing may be imported from it, whatever the import mode.
   */
  unreadable?: boolean;
}

/** Key under which the storage layer considers two clippings the same: page URL and exact text. */
export function dedupeKey(clipping: Pick<Clipping, 'url' | 'text'>): string {
  return `${clipping.url}\u0000${clipping.text}`;
}

export function defaultNewId(): string {
  return globalThis.crypto.randomUUID();
}

/** A Date's ISO string, or undefined when the input is not a readable time. */
export function isoOrUndefined(d: Date): string | undefined {
  const t = d.getTime();
  return Number.isNaN(t) ? undefined : d.toISOString();
}

/** Entity display name, falling back to the id. */
export function nameOf(ctx: EntityNames, id: string): string {
  const n = ctx.entityName(id);
  return n && n.trim() ? n.trim() : id;
}
