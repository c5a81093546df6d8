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
