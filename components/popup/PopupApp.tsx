/**
 * The toolbar popup: the entities found in the current tab, grouped by kind with
 * mention counts; choosing one shows its linked context.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { ENTITY_KINDS, type Entity, type EntityKind } from '../../kb/schema';
import { askBackground } from '../../messaging/client';
import type { EntityCard, TabSummary } from '../../messaging/protocol';
import { entityCard } from '../../storage/cards';
import { loadEffectiveEntities } from '../../storage/knowledge';
import { t, tn } from '../../i18n';
import { isSiteEnabled } from '../../model/settings';
import { siteOf } from '../../model/url';
import { EntityDetail } from '../EntityDetail';
import { chineseName, kindPlural } from '../relations';
import { useSettings } from '../useSettings';

type State =
  | { status: 'loading' }
  | { status: 'error'; message: string }
  | { status: 'ready'; tabId: number; summary: TabSummary | null; entities: Map<string, Entity> };

/** The tab the popup describes: `?tabId=` (tests, keyboard users opening it in a tab) or the active tab. */
async function targetTabId(): Promise<number | undefined> {
  const fromUrl = Number(new URLSearchParams(location.search).get('tabId'));
  if (Number.isInteger(fromUrl) && fromUrl >= 0 && location.search.includes('tabId=')) return fromUrl;
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  return tab?.id;
}

export function PopupApp() {
  const [state, setState] = useState<State>({ status: 'loading' });
  const [stack, setStack] = useState<string[]>([]);
  const settings = useSettings();

  useEffect(() => {
    let cancelled = false;
    (async () => {
      const tabId = await targetTabId();
      if (tabId === undefined) throw new Error('No tab to describe.');
      const [summary, effective] = await Promise.all([askBackground({ type: 'tab/summary', tabId }), loadEffectiveEntities()]);
      const entities = new Map(effective.map((e) => [e.entity.id, e.entity]));
      if (!cancelled) setState({ status: 'ready', tabId, summary, entities });
    })().catch((e) => !cancelled && setState({ status: 'error', message: e instanceof Error ? e.message : String(e) }));
    return () => {
      cancelled = true;
    };
  }, []);

  const selected = stack[stack.length - 1];
  if (!settings) return null;
  const site = state.status === 'ready' && state.summary ? siteOf(state.summary.url) : '';
  return (
    <div class="popup">
      <header class="popup-head">
        <h1>{t('appName')}</h1>
        {state.status === 'ready' && state.summary && (
          <p class="page-title" title={state.summary.url}>
            {state.summary.title || state.summary.url}
          </p>
        )}
      </header>
      <main>
        {state.status === 'loading' && <p class="muted">{t('loading')}</p>}
        {state.status === 'error' && <p role="alert">{t('popup.couldNotRead', { error: state.message })}</p>}
        {settings.paused ? (
          <p class="notice">{t('popup.paused')}</p>
        ) : (
          site && !isSiteEnabled(settings, site) && <p class="notice">{t('popup.disabledHere')}</p>
        )}
        {state.status === 'ready' &&
          (selected ? (
            <DetailView
              key={selected}
              id={selected}
              tabId={state.tabId}
              onSelect={(id) => setStack([...stack, id])}
              onBack={() => setStack(stack.slice(0, -1))}
              mentions={state.summary?.counts[selected] ?? 0}
            />
          ) : (
            <EntityList summary={state.summary} entities={state.entities} onSelect={(id) => setStack([id])} />
          ))}
      </main>
      <footer class="popup-foot">
        <button type="button" class="link-button" onClick={() => void browser.tabs.create({ url: browser.runtime.getURL('/library.html') })}>
          {t('popup.openLibrary')}
        </button>
      </footer>
    </div>
  );
}

function EntityList({ summary, entities, onSelect }: { summary: TabSummary | null; entities: Map<string, Entity>; onSelect: (id: string) => void }) {
  const listRef = useRef<HTMLDivElement>(null);
  if (!summary) return <p class="muted">{t('popup.nothingYet')}</p>;
  const groups = new Map<EntityKind, { entity: Entity; count: number }[]>();
  for (const [id, count] of Object.entries(summary.counts)) {
    const entity = entities.get(id);
    if (!entity || count <= 0) continue;
    const list = groups.get(entity.kind) ?? [];
    list.push({ entity, count });
    groups.set(entity.kind, list);
  }
  if (!groups.size) return <p class="muted">{t('popup.noEntities')}</p>;
  const total = Object.values(summary.counts).reduce((a, b) => a + b, 0);
  // Arrow keys move between entity buttons; Tab still works as usual.
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp') return;
    const buttons = [...(listRef.current?.querySelectorAll<HTMLButtonElement>('button.entity-row') ?? [])];
    const i = buttons.indexOf(document.activeElement as HTMLButtonElement);
    const next = buttons[Math.max(0, Math.min(buttons.length - 1, i + (e.key === 'ArrowDown' ? 1 : -1)))];
    next?.focus();
    e.preventDefault();
  };
  return (
    <div ref={listRef} class="entity-list" onKeyDown={onKeyDown}>
      <p class="muted summary-line">
        {t('popup.mentionsOf', { mentions: total, entities: [...groups.values()].reduce((a, g) => a + g.length, 0) })}
      </p>
      {ENTITY_KINDS.filter((k) => groups.has(k)).map((kind) => (
        <section key={kind} class={`kind-group kind-${kind}`} aria-labelledby={`group-${kind}`}>
          <h2 id={`group-${kind}`} class="group-title">
            <span class={`kind-dot kind-${kind}`} aria-hidden="true" />
            {kindPlural(kind)}
          </h2>
          <ul>
            {groups
              .get(kind)!
              .sort((a, b) => b.count - a.count || a.entity.name.en.localeCompare(b.entity.name.en))
              .map(({ entity, count }) => {
                const zh = chineseName(entity);
                return (
                  <li key={entity.id}>
                    <button
                      type="button"
                      class="entity-row"
                      data-entity={entity.id}
                      aria-label={t('popup.rowLabel', { name: `${entity.name.en}${zh ? ` (${zh})` : ''}`, count: tn('popup.mentionCount', count) })}
                      onClick={() => onSelect(entity.id)}
                    >
                      <span class="row-name">
                        {entity.name.en}
                        {zh && (
                          <span class="row-zh" lang="zh">
                            {zh}
                          </span>
                        )}
                      </span>
                      <span class="count" aria-hidden="true">
                        {count}
                      </span>
                    </button>
                  </li>
                );
              })}
          </ul>
        </section>
      ))}
    </div>
  );
}

function DetailView(props: { id: string; tabId: number; mentions: number; onSelect: (id: string) => void; onBack: () => void }) {
  const [card, setCard] = useState<EntityCard | null | undefined>(undefined);
  const [status, setStatus] = useState('');
  const backRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    void entityCard(props.id).then(setCard, () => setCard(null));
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
    const r = await askBackground({ type: 'tab/jump', tabId: props.tabId, entityId: props.id }).catch(() => ({ found: false }));
    setStatus(t(r.found ? 'popup.jumped' : 'popup.notOnPage'));
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
            props.mentions > 0 ? (
              <>
                <button type="button" class="primary" onClick={() => void jump()}>
                  {t('popup.jump')}
                </button>
                <span class="muted">{t('popup.onThisPage', { count: tn('popup.mentionCount', props.mentions) })}</span>
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
