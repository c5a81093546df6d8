/**
 * All clippings, newest first: full-text search (MiniSearch), filters by page, site,
 * entity, kind, tag and date range, a virtualized list, and a detail panel to read,
 * edit (note, tags) and delete with undo.
 */
import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import { t, tn } from '../../i18n';
import { ENTITY_KINDS, type Entity, type EntityKind } from '../../kb/schema';
import { ClippingSearch } from '../../library/clipping-search';
import { applyFilters, filtersFromQuery, filtersToQuery, type ClippingFilters } from '../../library/filters';
import { listPreview } from '../../library/preview';
import type { Clipping } from '../../model/clipping';
import { entityLabel, kindLabel } from '../relations';
import { ClippingDetail } from './ClippingDetail';
import type { ClippingsState } from './useLibraryData';
import { navigate, parseHash } from './useRoute';
import { VirtualList } from './VirtualList';
import type { ToastState } from './Toast';
import { tagKey, tagSpellings } from '../../model/tags';

export interface ClippingsViewProps {
  query: string;
  clippings: ClippingsState | undefined;
  entities: Map<string, Entity>;
  search: ClippingSearch;
  indexed: boolean;
  /** Changes whenever the search index changed. */
  indexVersion: number;
  toast: (t: Omit<ToastState, 'id'>) => void;
}

/**
 * A row is as tall as its content: one to three lines of the clipping's text (library.css:
 * .clip-text) and one of its site, date and tags. Before any row is measured, one counts as
 * about two lines.
 */
const ROW_ESTIMATE = 80;
const clippingKey = (c: Clipping) => c.id;
const fmtDate = (iso: string) => iso.slice(0, 10);

export function ClippingsView({ query, clippings, entities, search, indexed, indexVersion, toast }: ClippingsViewProps) {
  const filters = useMemo(() => filtersFromQuery(query), [query]);
  const [q, setQ] = useState(filters.q ?? '');
  const [selectedId, setSelectedId] = useState<string>();
  const [active, setActive] = useState(0);
  const listRef = useRef<HTMLDivElement>(null);
  // True while the box holds text the reader typed that is not in the URL yet.
  const typed = useRef(false);
  // The box's latest text, set in the same task as the keystroke. A pending write compares
  // against it: Preact swaps a pause's timer for the next one only after paint, and an older
  // timer firing in between wrote the older text and took the new keystroke back.
  const latest = useRef(q);
  // Any navigation (a link, the back button) brings the box in line with the URL. A layout
  // effect, in the same task as the URL change: Preact runs useEffect up to a frame later,
  // and a keystroke landing in between (right after the box's own text reached the URL)
  // was thrown away. A clean-clone CI run lost a search that way.
  useLayoutEffect(() => {
    typed.current = false;
    latest.current = filters.q ?? '';
    setQ(latest.current);
  }, [query]);

  const setFilters = (next: ClippingFilters) => navigate(`/clippings${filtersToQuery(next)}`, true);
  // What the reader types goes into the URL after a short pause, so results stay instant
  // while typing. Only typing schedules it (not a navigation that changed the URL under a
  // stale box), and it is dropped if the URL changed or the reader left meanwhile.
  useEffect(() => {
    if (!typed.current || (filters.q ?? '') === q) return;
    const timer = setTimeout(() => {
      if (latest.current !== q) return;
      const current = parseHash(location.hash);
      if (current.query !== query || (current.path[0] !== undefined && current.path[0] !== 'clippings')) return;
      typed.current = false;
      setFilters({ ...filters, q: q || undefined });
    }, 250);
    return () => clearTimeout(timer);
  }, [q, query]);

  const all = clippings?.list ?? [];
  const kindOf = (id: string): EntityKind | undefined => entities.get(id)?.kind;
  const visible = useMemo(() => {
    const filtered = applyFilters(all, filters, kindOf);
    if (!q.trim() || !indexed) return filtered;
    const ids = search.search(q);
    const allowed = new Map(filtered.map((c) => [c.id, c]));
    return ids.map((id) => allowed.get(id)).filter((c): c is Clipping => !!c);
  }, [all, filters, q, indexed, search, indexVersion]);

  const options = useMemo(() => {
    const sites = new Set<string>();
    const ents = new Set<string>();
    for (const c of all) {
      sites.add(c.site);
      c.entities.forEach((x) => ents.add(x));
    }
    // One entry per tag, letter case aside ("AI" and "ai" are one tag), in the library's spelling.
    const tags = tagSpellings(all);
    return {
      sites: [...sites].filter(Boolean).sort(),
      tags: [...tags.values()].sort((a, b) => a.localeCompare(b)),
      entities: [...ents].map((id) => entities.get(id)).filter((e): e is Entity => !!e).sort((a, b) => a.name.en.localeCompare(b.name.en)),
    };
  }, [all, entities]);

  const labelOf = (id: string) => {
    const e = entities.get(id);
    return e ? entityLabel(e) : id;
  };
  const selected = selectedId ? all.find((c) => c.id === selectedId) : undefined;
  const hasFilters = Object.keys(filters).some((k) => k !== 'q');

  // The row the keyboard is on: the selected clipping where the list shows it, else the last
  // row moved to, within the list as it is now. A search or filter that shortened the list
  // left the old index past its end: no row could take focus, and Tab passed over the list.
  const selectedIndex = selectedId ? visible.findIndex((c) => c.id === selectedId) : -1;
  const current = selectedIndex >= 0 ? selectedIndex : Math.min(active, Math.max(0, visible.length - 1));

  const onListKey = (e: KeyboardEvent) => {
    if (!visible.length) return;
    let next = current;
    if (e.key === 'ArrowDown') next = Math.min(visible.length - 1, current + 1);
    else if (e.key === 'ArrowUp') next = Math.max(0, current - 1);
    else if (e.key === 'Home') next = 0;
    else if (e.key === 'End') next = visible.length - 1;
    else return;
    e.preventDefault();
    setActive(next);
    setSelectedId(visible[next]!.id);
    requestAnimationFrame(() => listRef.current?.querySelector<HTMLButtonElement>(`[data-index="${next}"]`)?.focus());
  };

  const select = (c: Clipping, i: number) => {
    setActive(i);
    setSelectedId(c.id);
  };

  return (
    <div class="clippings-view">
      <div class="toolbar" role="search">
        <input
          type="search"
          class="search-input"
          aria-label={t('lib.search')}
          placeholder={t('lib.searchPlaceholder')}
          value={q}
          onInput={(e) => {
            typed.current = true;
            latest.current = (e.target as HTMLInputElement).value;
            setQ(latest.current);
          }}
        />
        <Select label={t('lib.filterSite')} value={filters.site} onChange={(site) => setFilters({ ...filters, site })} options={options.sites.map((s) => [s, s])} />
        <Select
          label={t('lib.filterEntity')}
          value={filters.entity}
          onChange={(entity) => setFilters({ ...filters, entity })}
          options={[...(filters.entity && !options.entities.some((e) => e.id === filters.entity) ? [[filters.entity, labelOf(filters.entity)] as [string, string]] : []), ...options.entities.map((e) => [e.id, entityLabel(e)] as [string, string])]}
        />
        <Select label={t('lib.filterKind')} value={filters.kind} onChange={(kind) => setFilters({ ...filters, kind: kind as EntityKind | undefined })} options={ENTITY_KINDS.map((k) => [k, kindLabel(k)])} />
        <Select label={t('lib.filterTag')} value={filters.tag && (options.tags.find((x) => tagKey(x) === tagKey(filters.tag!)) ?? filters.tag)} onChange={(tag) => setFilters({ ...filters, tag })} options={options.tags.map((x) => [x, x])} />
        {/* The two dates wrap together: "To" alone on a line of its own reads as a filter of its own. */}
        <span class="date-range">
          <label class="date-filter">
            <span>{t('lib.filterFrom')}</span>
            <input type="date" value={filters.from ?? ''} onInput={(e) => setFilters({ ...filters, from: (e.target as HTMLInputElement).value || undefined })} />
          </label>
          <label class="date-filter">
            <span>{t('lib.filterTo')}</span>
            <input type="date" value={filters.to ?? ''} onInput={(e) => setFilters({ ...filters, to: (e.target as HTMLInputElement).value || undefined })} />
          </label>
        </span>
        {filters.url && (
          <span class="chip">
            {t('lib.filterPage')}: {all.find((c) => c.url === filters.url)?.title || filters.url}
          </span>
        )}
        {(hasFilters || q) && (
          <button type="button" class="link-button" onClick={() => ((latest.current = ''), setQ(''), setFilters({}))}>
            {t('lib.clearFilters')}
          </button>
        )}
      </div>
      <p class="result-line muted" role="status" aria-live="polite">
        {clippings ? (visible.length === all.length ? tn('lib.count', all.length) : t('lib.countOf', { n: visible.length, total: all.length })) : t('loading')}
        {q.trim() && !indexed ? ` · ${t('lib.indexing')}` : ''}
      </p>
      <div class="split">
        <div class="list-pane" ref={listRef}>
          {clippings && !all.length && <p class="muted empty">{t('lib.empty')}</p>}
          {clippings && all.length > 0 && !visible.length && <p class="muted empty">{t('lib.noMatch')}</p>}
          <VirtualList
            items={visible}
            itemKey={clippingKey}
            estimatedRowHeight={ROW_ESTIMATE}
            activeIndex={current}
            label={t('lib.list')}
            onKeyDown={onListKey}
            renderRow={(c, i) => (
              <button
                type="button"
                class={`clip-item${c.id === selectedId ? ' selected' : ''}`}
                data-index={i}
                data-id={c.id}
                aria-current={c.id === selectedId ? 'true' : undefined}
                onClick={() => select(c, i)}
                tabIndex={i === current ? 0 : -1}
              >
                <span class="clip-text">{listPreview(c.text)}</span>
                <span class="clip-meta">
                  {c.site} · {fmtDate(c.created)}
                  {c.tags.length > 0 && ` · ${c.tags.map((x) => `#${x}`).join(' ')}`}
                  {c.note && <span class="clip-note-preview"> · {c.note}</span>}
                </span>
              </button>
            )}
          />
        </div>
        <div class="detail-pane">
          {selected ? (
            <ClippingDetail
              key={selected.id}
              clipping={selected}
              entities={entities}
              toast={toast}
              onFilterPage={(url) => setFilters({ url })}
              onDeleted={() => setSelectedId(undefined)}
            />
          ) : (
            <p class="muted">{t('lib.selectHint')}</p>
          )}
        </div>
      </div>
    </div>
  );
}

function Select({ label, value, onChange, options }: { label: string; value?: string; onChange: (v: string | undefined) => void; options: [string, string][] }) {
  return (
    <label class="select-filter">
      <span>{label}</span>
      <select value={value ?? ''} onChange={(e) => onChange((e.target as HTMLSelectElement).value || undefined)}>
        <option value="">{t('lib.any')}</option>
        {options.map(([v, l]) => (
          <option key={v} value={v}>
            {l}
          </option>
        ))}
      </select>
    </label>
  );
}
