/** Types and helpers shared by the export/import formats. Pure. */
import type { Clipping } from '../model/clipping';
import { collapseWhiteSpace } from './text';
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


/**
 * The keys of a clipping's selection: two clippings of one page with a key in common are
 * the same selection ({@link sameSelection}). One is the quote; the other the text with
 * its white space collapsed (so the same text, too).
 */
export function selectionKeys(c: Pick<Clipping, 'text' | 'quote'>): [quote: string, text: string] {
  return [`q\u0000${c.quote.exact}`, `t\u0000${collapseWhiteSpace(c.text)}`];
}

/**
 * Whether two clippings of one page are the same selection: the same text, the same
 * quote, or texts that differ only in white space. A clipping saved before clippings kept
 * the text as the page shows it (cells apart, blocks on their own lines, white space
 * collapsed) has the page's raw text as its `text`, which is what the quote of the same
 * selection saved now holds; the raw text of an old paragraph and its readable text now
 * differ only in white space. Saving (storage/clippings.ts) and importing
 * (library/transfer.ts) both go by it.
 */
export function sameSelection(a: Pick<Clipping, 'text' | 'quote'>, b: Pick<Clipping, 'text' | 'quote'>): boolean {
  const [qa, ta] = selectionKeys(a);
  const [qb, tb] = selectionKeys(b);
  return qa === qb || ta === tb;
}

/** Keys under which an import looks for a stored duplicate: the page URL with each of {@link selectionKeys}. */
export function dedupeKeys(c: Pick<Clipping, 'url' | 'text' | 'quote'>): string[] {
  return selectionKeys(c).map((k) => `${c.url}\u0000${k}`);
}

export function defaultNewId(): string {
  return globalThis.crypto.randomUUID();
}

/** Entity display name, falling back to the id. */
export function nameOf(ctx: EntityNames, id: string): string {
  const n = ctx.entityName(id);
  return n && n.trim() ? n.trim() : id;
}
