/**
 * The toolbar popup: the entities found in the current tab, grouped by kind with
 * mention counts and "seen on N pages"; this page's clippings (and those not found on
 * it); a search over the whole knowledge base; and an entity's linked context.
 */
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { formatNumber, t, tn } from '../../i18n';
import { ENTITY_KINDS, type EntityKind } from '../../kb/kinds';
import type { Entity } from '../../kb/schema';
import type { EntityCard, TabSummary } from '../../messaging/protocol';
import type { Clipping } from '../../model/clipping';
import { isSiteEnabled } from '../../model/settings';
import { coveringSite, siteHost } from '../../model/sites';
import { updateSettings } from '../../storage/settings';
import { hostOf } from '../../model/url';
import { ENTITY_LABELS_KEY, TAB_REPORTS_KEY } from '../../storage/keys';
import { TabReports } from '../../background/tab-reports';
import type { EntityLabels } from '../../background/matcher';
import { DbNotice } from '../DbNotice';
import { EntityDetail } from '../EntityDetail';
import { chineseName, kindPlural } from '../relations';
import { useSettings } from '../useSettings';

/**
 * Everything else (IndexedDB, the knowledge base search, messages): a chunk of its own,
 * requested as soon as this module runs. Its 300 KB (Dexie, Zod) would otherwise load and
 * run before the first paint, which needs only extension storage.
 */
type AfterPaint = typeof import('./after-paint');
let afterPaintModule: Promise<AfterPaint> | undefined;
const afterPaint = (): Promise<AfterPaint> => (afterPaintModule ??= import('./after-paint'));

type State =
  | { status: 'loading' }
  | { status: 'error'; message: string }
  | {
      status: 'ready';
      tabId: number;
      summary: TabSummary | null;
      /** The tab's page (from its report, or from the tab where no report came: a site that is off). */
      url?: string;
      /** The entities found in the tab (all entities are loaded only for a search). */
      entities: Map<string, RowEntity>;
      clippings: Clipping[];
      seen: Record<string, number>;
      /** Entities whose every mention is in a part of the page its style hides (asked after the first paint). */
      hidden: string[];
    };

/** The tab the popup describes: `?tabId=` (tests, keyboard users opening it in a tab) or the active tab. */
async function targetTabId(): Promise<number | undefined> {
  const param = new URLSearchParams(location.search).get('tabId');
  if (param !== null && /^\d+$/.test(param)) return Number(param);
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  return tab?.id;
}

/**
 * What the tab's frames reported, read from session storage directly: the popup must
 * paint fast, and waking the background service worker takes longer than reading it.
 */
async function tabSummary(tabId: number): Promise<TabSummary | null> {
  const reports = new TabReports({
    get: async () => (await browser.storage.session.get(TAB_REPORTS_KEY))[TAB_REPORTS_KEY] as never,
    set: async () => {},
  });
  return reports.summary(tabId);
}

/** Labels the background published with the matcher (extension storage, no IndexedDB). */
async function readLabels(): Promise<EntityLabels> {
  const value = (await browser.storage.local.get(ENTITY_LABELS_KEY))[ENTITY_LABELS_KEY];
  return value && typeof value === 'object' ? (value as EntityLabels) : {};
}

/** The popup was opened where no tab is its own (as a page of its own, say). */
export class NoTabError extends Error {
  constructor() {
    super('No tab to describe.');
  }
}

/**
 * Why the popup could not describe the tab, in the reader's language: a storage failure
 * or a reloaded extension in the words the page's panel uses (the module that has them
 * loads only now: an error is rare).
 */
export async function loadFailureText(e: unknown): Promise<string> {
  if (e instanceof NoTabError) return t('popup.noTab');
  const error = await afterPaint().then(
    (m) => m.describeFailure(e),
    () => (e instanceof Error ? e.message : String(e)),
  );
  return t('popup.couldNotRead', { error });
}

async function load(): Promise<Extract<State, { status: 'ready' }>> {
  // IndexedDB is only needed for entities without a published label: start opening it
  // meanwhile, it is needed right after the first paint anyway.
  void afterPaint()
    .then((m) => m.db().open())
    .catch(() => undefined);
  const tabId = await targetTabId();
  if (tabId === undefined) throw new NoTabError();
  return describe(tabId);
}

/** The tab's report and the labels of what it counted (clippings and "seen on" come after the first paint). */
async function describe(tabId: number): Promise<Extract<State, { status: 'ready' }>> {
  const summary = await tabSummary(tabId).catch(async () => (await afterPaint()).askBackground({ type: 'tab/summary', tabId }));
  const ids = Object.keys(summary?.counts ?? {});
  const entities = new Map<string, RowEntity>();
  // The report carries the labels of what it counted; the full list is read only for the rest.
  const add = (labels: EntityLabels | undefined) => {
    for (const id of ids) {
      const l = labels?.[id];
      if (!entities.has(id) && l && typeof l.kind === 'string' && typeof l.name?.en === 'string') entities.set(id, l);
    }
  };
  add(summary?.labels);
  if (ids.some((id) => !entities.has(id))) add(await readLabels().catch(() => ({}) as EntityLabels));
  const missing = ids.filter((id) => !entities.has(id));
  if (missing.length) for (const [id, e] of await (await afterPaint()).loadEntitiesById(missing)) entities.set(id, e);
  const url = summary?.url ?? (await browser.tabs.get(tabId).then((tab) => tab.url, () => undefined));
  return { status: 'ready', tabId, summary, url, entities, clippings: [], seen: {}, hidden: [] };
}

let initialLoad: ReturnType<typeof load> | undefined;
/** Starts reading what the popup shows first; main.tsx calls it before the first render. */
export function startLoading(): ReturnType<typeof load> {
  return (initialLoad ??= load());
}

export function PopupApp() {
  const [state, setState] = useState<State>({ status: 'loading' });
  const [stack, setStack] = useState<string[]>([]);
  const [query, setQuery] = useState('');
  const settings = useSettings();

  useEffect(() => {
    let cancelled = false;
    let tabId: number | undefined;
    /** After the first paint: this page's clippings and the "seen on" counts. */
    const fillIn = (s: Extract<State, { status: 'ready' }>) => {
      const url = s.url;
      void afterPaint()
        .then((m) =>
          Promise.all([
            url ? m.clippingsForPage(url) : [],
            m.seenCounts(Object.keys(s.summary?.counts ?? {}), undefined, url),
            // The page checks its mentions' styles only now, not at every scan (it would lay the page out).
            s.summary ? m.askBackground({ type: 'tab/hidden', tabId: s.tabId }).then((r) => r.hidden, () => []) : [],
          ]),
        )
        .then(([clippings, seen, hidden]) => !cancelled && setState((prev) => (prev.status === 'ready' && prev.tabId === s.tabId ? { ...prev, clippings, seen, hidden } : prev)));
    };
    // The page reports again when its mentions change: the site turned off (nothing
    // highlighted any more) or on (scanned), a dynamic page, another page in the tab.
    let latest = 0;
    const onSession = (changes: Record<string, unknown>) => {
      if (tabId === undefined || !(TAB_REPORTS_KEY in changes)) return;
      const asked = ++latest;
      void describe(tabId).then(
        (next) => {
          if (cancelled || asked !== latest) return;
          setState((prev) => (prev.status === 'ready' ? { ...next, clippings: prev.clippings, seen: prev.seen, hidden: prev.hidden } : next));
          fillIn(next);
        },
        () => {},
      );
    };
    browser.storage.session.onChanged.addListener(onSession);
    startLoading().then(
      (s) => {
        if (cancelled) return;
        tabId = s.tabId;
        setState(s);
        fillIn(s);
      },
      (e) => void loadFailureText(e).then((message) => !cancelled && setState({ status: 'error', message })),
    );
    return () => {
      cancelled = true;
      browser.storage.session.onChanged.removeListener(onSession);
    };
  }, []);
  // The whole knowledge base and its search are loaded only when the reader searches.
  const [search, setSearch] = useState<{ m: AfterPaint; entities: Entity[] }>();
  const wantAll = () => {
    if (!search) void afterPaint().then(async (m) => setSearch({ m, entities: (await m.loadEffectiveEntities()).map((e) => e.entity) }));
  };

  const index = useMemo(() => search?.m.buildSearchIndex(search.entities), [search]);
  const selected = stack[stack.length - 1];
  if (!settings) return null;
  const host = state.status === 'ready' && state.url ? hostOf(state.url) : '';
  const off = settings.paused || (host !== '' && !isSiteEnabled(settings, host));
  const results = search && index && query.trim() ? search.m.searchEntities(index, query, 30) : undefined;
  return (
    <div class="popup">
      <header class="popup-head">
        <h1>{t('appName')}</h1>
        {state.status === 'ready' && state.summary && (
          <p class="page-title" title={state.summary.url}>
            {state.summary.title || state.summary.url}
          </p>
        )}
        {!selected && state.status === 'ready' && (
          <input
            type="search"
            class="search"
            aria-label={t('popup.search')}
            placeholder={t('popup.searchPlaceholder')}
            value={query}
            onFocus={wantAll}
            onInput={(e) => {
              wantAll();
              setQuery((e.target as HTMLInputElement).value);
            }}
          />
        )}
      </header>
      <main>
        <DbNotice />
        {state.status === 'loading' && <p class="muted">{t('loading')}</p>}
        {state.status === 'error' && <p role="alert">{state.message}</p>}
        {settings.paused ? <p class="notice">{t('popup.paused')}</p> : off && <p class="notice">{t('popup.disabledHere')}</p>}
        {state.status === 'ready' &&
          (selected ? (
            <DetailView
              key={selected}
              id={selected}
              tabId={state.tabId}
              onSelect={(id) => setStack([...stack, id])}
              onBack={() => setStack(stack.slice(0, -1))}
              mentions={state.summary?.counts[selected] ?? 0}
              seen={state.seen[selected]}
            />
          ) : results ? (
            <SearchResults query={query} results={results} onSelect={(id) => setStack([id])} />
          ) : (
            <>
              {/* Where the extension is off nothing is highlighted (a report from before would be stale): the notice above says so. */}
              {!off && <EntityList summary={state.summary} entities={state.entities} seen={state.seen} hidden={state.hidden} onSelect={(id) => setStack([id])} />}
              <PageClippings tabId={state.tabId} clippings={state.clippings} summary={state.summary} />
            </>
          ))}
      </main>
      <footer class="popup-foot">
        <button type="button" class="link-button" onClick={() => void browser.tabs.create({ url: browser.runtime.getURL('/library.html') })}>
          {t('popup.openLibrary')}
        </button>
        {host !== '' && /^https?:/i.test(state.status === 'ready' ? (state.url ?? '') : '') && !settings.paused && <SiteSwitch host={host} disabledSites={settings.disabledSites} />}
      </footer>
    </div>
  );
}

/**
 * Turns the extension off on the tab's site, or back on (removing the entry that covers
 * it, which may be a parent domain). The content script follows the setting live.
 */
function SiteSwitch({ host, disabledSites }: { host: string; disabledSites: readonly string[] }) {
  const site = siteHost(host);
  const covering = coveringSite(disabledSites, site);
  const [failed, setFailed] = useState(false);
  const save = (next: string[]) => void updateSettings({ disabledSites: next }).then(() => setFailed(false), () => setFailed(true));
  return (
    <>
      {covering === undefined ? (
        <button type="button" class="link-button" onClick={() => save([...disabledSites, site].sort())}>
          {t('popup.turnOffHere', { site })}
        </button>
      ) : (
        // Every entry that covers the site ("example.com" and "news.example.com" may both be listed).
        <button type="button" class="link-button" onClick={() => save(disabledSites.filter((s) => coveringSite([s], site) === undefined))}>
          {t('popup.turnOnHere', { site: covering })}
        </button>
      )}
      {failed && <span role="alert">{t('popup.couldNotSave')}</span>}
    </>
  );
}

/** What a row shows: a published label or a whole entity. */
type RowEntity = Pick<Entity, 'id' | 'kind' | 'name'>;

function EntityRow({ entity, count, seen, hidden, onSelect }: { entity: RowEntity; count?: number; seen?: number; hidden?: boolean; onSelect: (id: string) => void }) {
  const zh = chineseName(entity);
  const label = [
    `${entity.name.en}${zh ? ` (${zh.text})` : ''}`,
    count !== undefined ? tn('popup.mentionCount', count) : undefined,
    hidden ? t('popup.rowHidden') : undefined,
    seen ? tn('popup.seenOn', seen) : undefined,
  ]
    .filter(Boolean)
    .join(', ');
  return (
    <li>
      <button type="button" class={`entity-row kind-${entity.kind}${hidden ? ' hidden-only' : ''}`} data-entity={entity.id} aria-label={label} onClick={() => onSelect(entity.id)}>
        <span class="row-name">
          {entity.name.en}
          {zh && (
            <span class="row-zh" lang={zh.lang}>
              {zh.text}
            </span>
          )}
          {hidden ? <span class="row-hidden">{t('popup.rowHidden')}</span> : null}
          {seen ? <span class="row-seen">{tn('popup.seenOn', seen)}</span> : null}
        </span>
        {count !== undefined && (
          <span class="count" aria-hidden="true">
            {formatNumber(count)}
          </span>
        )}
      </button>
    </li>
  );
}

/** Arrow keys move between entity buttons; Tab still works as usual. */
function arrowNavigation(container: HTMLElement | null) {
  return (e: KeyboardEvent) => {
    if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp') return;
    const buttons = [...(container?.querySelectorAll<HTMLButtonElement>('button.entity-row') ?? [])];
    const i = buttons.indexOf(document.activeElement as HTMLButtonElement);
    const next = buttons[Math.max(0, Math.min(buttons.length - 1, i + (e.key === 'ArrowDown' ? 1 : -1)))];
    next?.focus();
    e.preventDefault();
  };
}

function EntityList(props: { summary: TabSummary | null; entities: Map<string, RowEntity>; seen: Record<string, number>; hidden: string[]; onSelect: (id: string) => void }) {
  const listRef = useRef<HTMLDivElement>(null);
  const { summary } = props;
  if (!summary) return <p class="muted">{t('popup.nothingYet')}</p>;
  const byId = props.entities;
  const hidden = new Set(props.hidden);
  const groups = new Map<EntityKind, { entity: RowEntity; count: number }[]>();
  for (const [id, count] of Object.entries(summary.counts)) {
    const entity = byId.get(id);
    if (!entity || count <= 0) continue;
    const list = groups.get(entity.kind) ?? [];
    list.push({ entity, count });
    groups.set(entity.kind, list);
  }
  if (!groups.size) return <p class="muted">{t('popup.noEntities')}</p>;
  const total = Object.values(summary.counts).reduce((a, b) => a + b, 0);
  return (
    <div ref={listRef} class="entity-list" onKeyDown={(e) => arrowNavigation(listRef.current)(e)}>
      <p class="muted summary-line">{t('popup.mentionsOf', { mentions: total, entities: [...groups.values()].reduce((a, g) => a + g.length, 0) })}</p>
      {ENTITY_KINDS.filter((k) => groups.has(k)).map((kind) => (
        <section key={kind} class={`kind-group kind-${kind}`} aria-labelledby={`group-${kind}`}>
          <h2 id={`group-${kind}`} class="group-title">
            <span class={`kind-dot kind-${kind}`} aria-hidden="true" />
            {kindPlural(kind)}
          </h2>
          <ul>
            {groups
              .get(kind)!
              // What the reader can see first; those only in hidden parts last.
              .sort((a, b) => Number(hidden.has(a.entity.id)) - Number(hidden.has(b.entity.id)) || b.count - a.count || a.entity.name.en.localeCompare(b.entity.name.en))
              .map(({ entity, count }) => (
                <EntityRow key={entity.id} entity={entity} count={count} seen={props.seen[entity.id]} hidden={hidden.has(entity.id)} onSelect={props.onSelect} />
              ))}
          </ul>
        </section>
      ))}
    </div>
  );
}

function SearchResults({ query, results, onSelect }: { query: string; results: Entity[]; onSelect: (id: string) => void }) {
  const listRef = useRef<HTMLDivElement>(null);
  if (!results.length) return <p class="muted">{t('popup.noResults', { q: query.trim() })}</p>;
  return (
    <div ref={listRef} class="entity-list" onKeyDown={(e) => arrowNavigation(listRef.current)(e)}>
      <p class="muted summary-line" role="status">
        {tn('popup.results', results.length)}
      </p>
      <ul>
        {results.map((e) => (
          <EntityRow key={e.id} entity={e} onSelect={onSelect} />
        ))}
      </ul>
    </div>
  );
}

function PageClippings({ tabId, clippings, summary }: { tabId: number; clippings: Clipping[]; summary: TabSummary | null }) {
  if (!clippings.length) return null;
  const orphaned = new Set(summary?.orphaned ?? []);
  const placed = clippings.filter((c) => !orphaned.has(c.id));
  const missing = clippings.filter((c) => orphaned.has(c.id));
  const show = (id: string) =>
    void afterPaint()
      .then((m) => m.askContent(tabId, { type: 'content/show-clipping', id }))
      .catch(() => {});
  return (
    <section class="page-clippings" aria-labelledby="clippings-title">
      <h2 id="clippings-title" class="group-title">
        {t('popup.clippings')}
      </h2>
      <ul class="clip-rows">
        {placed.map((c) => (
          <li key={c.id} class="clip-row">
            <button type="button" class="clip-button" onClick={() => show(c.id)} title={t('popup.showClipping')}>
              <q>{c.text.length > 200 ? `${c.text.slice(0, 200)}…` : c.text}</q>
              {c.note && <span class="clip-note">{c.note}</span>}
            </button>
          </li>
        ))}
      </ul>
      {missing.length > 0 && (
        <>
          <h3 class="group-title">{t('popup.notFound')}</h3>
          <p class="muted small">{t('popup.notFoundHelp')}</p>
          <ul class="clip-rows">
            {missing.map((c) => (
              <li key={c.id} class="clip-row orphaned">
                <q>{c.text.length > 200 ? `${c.text.slice(0, 200)}…` : c.text}</q>
                {c.note && <span class="clip-note">{c.note}</span>}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

function DetailView(props: { id: string; tabId: number; mentions: number; seen?: number; onSelect: (id: string) => void; onBack: () => void }) {
  const [card, setCard] = useState<EntityCard | null | undefined>(undefined);
  const [status, setStatus] = useState('');
  const backRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    void afterPaint()
      .then((m) => m.entityCard(props.id))
      .then(setCard, () => setCard(null));
    backRef.current?.focus();
  }, [props.id]);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') {
        e.preventDefault();
        props.onBack();
      }
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [props.onBack]);
  const jump = async () => {
    setStatus('');
    const r = await afterPaint()
      .then((m) => m.askBackground({ type: 'tab/jump', tabId: props.tabId, entityId: props.id }))
      .catch(() => ({ found: false, hidden: false }));
    setStatus(t(r.found ? 'popup.jumped' : r.hidden ? 'popup.onlyHidden' : 'popup.notOnPage'));
  };
  return (
    <div class="detail-view">
      <button type="button" ref={backRef} class="back-button" onClick={props.onBack}>
        {t('back')}
      </button>
      {card === undefined && <p class="muted">{t('loading')}</p>}
      {card === null && <p role="alert">{t('popup.gone')}</p>}
      {card && (
        <EntityDetail
          card={card}
          headingId="detail-title"
          onSelect={props.onSelect}
          actions={
            props.mentions > 0 || props.seen ? (
              <>
                {props.mentions > 0 && (
                  <button type="button" class="primary" onClick={() => void jump()}>
                    {t('popup.jump')}
                  </button>
                )}
                {props.mentions > 0 && <span class="muted">{t('popup.onThisPage', { count: tn('popup.mentionCount', props.mentions) })}</span>}
                {props.seen ? <span class="muted">{tn('popup.seenOn', props.seen)}</span> : null}
              </>
            ) : undefined
          }
        />
      )}
      <p class="status" role="status" aria-live="polite">
        {status}
      </p>
    </div>
  );
}
