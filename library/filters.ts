/** Filtering clippings in the library (pure). */
import type { EntityKind } from '../kb/schema';
import type { Clipping } from '../model/clipping';
import { tagKey } from '../model/tags';

export interface ClippingFilters {
  q?: string;
  site?: string;
  url?: string;
  entity?: string;
  kind?: EntityKind;
  tag?: string;
  /** Inclusive dates, YYYY-MM-DD, compared with the creation date. */
  from?: string;
  to?: string;
}

export const FILTER_KEYS = ['q', 'site', 'url', 'entity', 'kind', 'tag', 'from', 'to'] as const;

export function filtersFromQuery(query: string): ClippingFilters {
  const p = new URLSearchParams(query);
  const out: Record<string, string> = {};
  for (const k of FILTER_KEYS) {
    const v = p.get(k);
    if (v) out[k] = v;
  }
  return out as ClippingFilters;
}

export function filtersToQuery(f: ClippingFilters): string {
  const p = new URLSearchParams();
  for (const k of FILTER_KEYS) if (f[k]) p.set(k, f[k]!);
  const s = p.toString();
  return s ? `?${s}` : '';
}

/** Applies every filter but the text query (which MiniSearch answers). Newest first. */
export function applyFilters(list: readonly Clipping[], f: ClippingFilters, kindOf: (entityId: string) => EntityKind | undefined): Clipping[] {
  const toEnd = f.to ? `${f.to}T23:59:59.999Z` : undefined;
  // "AI" and "ai" are one tag.
  const tag = f.tag ? tagKey(f.tag) : undefined;
  return list.filter(
    (c) =>
      (!f.site || c.site === f.site) &&
      (!f.url || c.url === f.url) &&
      (!f.entity || c.entities.includes(f.entity)) &&
      (!f.kind || c.entities.some((e) => kindOf(e) === f.kind)) &&
      (!tag || c.tags.some((t) => tagKey(t) === tag)) &&
      (!f.from || c.created >= f.from) &&
      (!toEnd || c.created <= toEnd),
  );
}

/** Text-fragment link that scrolls the source page to the clipping (Chromium, Firefox 131+). */
export function linkToClipping(c: Pick<Clipping, 'url' | 'text'>): string {
  const enc = (s: string) => encodeURIComponent(s).replace(/-/g, '%2D');
  // A text fragment's start (or end) matches inside one block of the page: a clipping over
  // several (its lines and table cells, see content/clip/readable.ts) is linked by the
  // start of its first and the end of its last.
  const blocks = c.text
    .split(/\n| \| /)
    .map((b) => b.replace(/\s+/g, ' ').trim())
    .filter(Boolean);
  if (blocks.length > 1) return `${c.url}#:~:text=${enc(edge(blocks[0]!, 'start'))},${enc(edge(blocks[blocks.length - 1]!, 'end'))}`;
  const words = c.text.replace(/\s+/g, ' ').trim();
  if (words.length <= 120) return `${c.url}#:~:text=${enc(words)}`;
  // Long quotes: a start and an end, cut at word boundaries (text fragments match whole words).
  const parts = words.split(' ');
  if (parts.length > 12) return `${c.url}#:~:text=${enc(parts.slice(0, 6).join(' '))},${enc(parts.slice(-6).join(' '))}`;
  return `${c.url}#:~:text=${enc(words.slice(0, 40))},${enc(words.slice(-40))}`;
}

/** The first (or last) words of a block for a text fragment: up to 6 words, or 40 characters of text without spaces. */
function edge(block: string, side: 'start' | 'end'): string {
  const words = block.split(' ');
  if (words.length > 6) return (side === 'start' ? words.slice(0, 6) : words.slice(-6)).join(' ');
  if (block.length <= 80) return block;
  return side === 'start' ? block.slice(0, 40) : block.slice(-40);
}
