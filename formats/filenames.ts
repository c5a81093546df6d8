/**
 * File names that are safe on Windows, macOS and Linux (and as Obsidian note names),
 * and the names of export files. Pure.
 */
import { graphemes, localDay, truncateUtf8, wellFormed } from './text';

/** Characters no file name may contain somewhere: Windows' <>:"/\|?*, controls, and Obsidian's link syntax #^[]. */
const FORBIDDEN = /[<>:"/\\|?*\u0000-\u001f\u007f-\u009f#^[\]]/g;
/**
 * Bidirectional embeddings, overrides and isolates (they can disguise a name: "evil\u202Egpj.exe"),
 * and invisible characters with no use in a name. Joiners (needed by emoji and some scripts) stay.
 */
const INVISIBLE = /[\u200b\u202a-\u202e\u2060-\u2069\ufeff\ufff9-\ufffb]/g;
const RESERVED = /^(con|prn|aux|nul|conin\$|conout\$|com[0-9¹²³]|lpt[0-9¹²³])$/i;

export interface SafeNameOptions {
  /** Longest name in UTF-8 bytes, without the extension (Linux allows 255 for the whole name). */
  maxBytes?: number;
  /** Used when nothing usable is left. */
  fallback?: string;
}

/**
 * A file name (without extension) made from arbitrary text: forbidden characters become
 * spaces, runs of white space collapse, no leading dots, no trailing dots or spaces,
 * Windows' reserved device names are avoided, Unicode is NFC (macOS), and the length is
 * bounded without splitting a character.
 */
export function safeFileName(text: string, { maxBytes = 120, fallback = 'Untitled' }: SafeNameOptions = {}): string {
  let s = wellFormed(text).normalize('NFC').replace(INVISIBLE, '').replace(FORBIDDEN, ' ');
  s = s.replace(/\s+/gu, ' ').trim().replace(/^[.\s]+/u, '');
  s = truncateUtf8(s, maxBytes).replace(/[.\s]+$/u, '');
  if (!s) s = fallback;
  // "CON", "con.txt", "LPT1.backup" are device names on Windows whatever follows the first dot.
  if (RESERVED.test(s.split('.')[0]!.trim())) s = `_${s}`;
  return s;
}

/** Key under which two names collide on a case-insensitive, normalization-insensitive file system. */
export function fileNameKey(name: string): string {
  return name.normalize('NFC').toLowerCase();
}

/**
 * Makes names unique (case-insensitively, as on Windows and macOS) by appending
 * " (2)", " (3)"… before the extension. `taken` may hold names already in use.
 */
export function uniqueFileNames(names: readonly { base: string; ext: string }[], taken: Iterable<string> = []): string[] {
  const used = new Set(Array.from(taken, fileNameKey));
  return names.map(({ base, ext }) => {
    let name = base + ext;
    for (let i = 2; used.has(fileNameKey(name)); i++) name = `${base} (${i})${ext}`;
    used.add(fileNameKey(name));
    return name;
  });
}

/** What is being exported: everything, or the clippings of one entity, site, tag or page. */
export type ExportScope =
  | 'all'
  | { entity: string }
  | { site: string }
  | { tag: string }
  | { page: string };

export type ExportKind = 'markdown' | 'csv' | 'annotations' | 'backup';

const EXTENSIONS: Record<ExportKind, string> = { markdown: '.md', csv: '.csv', annotations: '.jsonld', backup: '.json' };

/** A short, file-name-safe slug: letters (any script) and digits, joined by "-". */
function slug(text: string, maxGraphemes = 48): string {
  const s = wellFormed(text)
    .normalize('NFC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\p{M}]+/gu, '-')
    .replace(/^-+|-+$/g, '');
  return graphemes(s).slice(0, maxGraphemes).join('').replace(/-+$/, '');
}

function scopeSuffix(scope: ExportScope): string {
  if (scope === 'all') return 'all';
  if ('entity' in scope) return `entity-${slug(scope.entity) || 'unknown'}`;
  if ('site' in scope) return `site-${slug(scope.site.replace(/^www\./, '')) || 'unknown'}`;
  if ('tag' in scope) return `tag-${slug(scope.tag) || 'unknown'}`;
  let page = scope.page;
  try {
    const u = new URL(page);
    page = u.hostname.replace(/^www\./, '') + u.pathname;
  } catch {
    /* a title or other text */
  }
  return `page-${slug(page) || 'unknown'}`;
}

/**
 * The name of an export file, e.g. `cnai-clippings-2026-11-22-all.md`,
 * `cnai-clippings-2026-11-22-entity-deepseek.jsonld`, `cnai-backup-2026-11-22-all.json`.
 * The date is the calendar day of `date` in `timeZone` (default: the runtime's).
 */
export function exportFileName(kind: ExportKind, scope: ExportScope, date: Date | string, timeZone?: string): string {
  const what = kind === 'backup' ? 'backup' : 'clippings';
  const day = /^\d{4}-\d{2}-\d{2}$/.test(String(date)) ? String(date) : localDay(date, timeZone);
  return `cnai-${what}-${day}-${scopeSuffix(scope)}${EXTENSIONS[kind]}`;
}
