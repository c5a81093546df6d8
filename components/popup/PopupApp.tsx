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
import { EntityDetail } from '../EntityDetail';
import { chineseName, KIND_PLURALS } from '../relations';

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
  return (
    <div class="popup">
      <header class="popup-head">
        <h1>CN AI Context</h1>
        {state.status === 'ready' && state.summary && (
          <p class="page-title" title={state.summary.url}>
            {state.summary.title || state.summary.url}
          </p>
        )}
      </header>
      <main>
        {state.status === 'loading' && <p class="muted">Loading…</p>}
        {state.status === 'error' && <p role="alert">Could not read this tab: {state.message}</p>}
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
          Open library
        </button>
      </footer>
    </div>
  );
}

function EntityList({ summary, entities, onSelect }: { summary: TabSummary | null; entities: Map<string, Entity>; onSelect: (id: string) => void }) {
  const listRef = useRef<HTMLDivElement>(null);
  if (!summary) return <p class="muted">Nothing found yet on this page. Mentions are found on http(s) pages after they load.</p>;
  const groups = new Map<EntityKind, { entity: Entity; count: number }[]>();
  for (const [id, count] of Object.entries(summary.counts)) {
    const entity = entities.get(id);
    if (!entity || count <= 0) continue;
    const list = groups.get(entity.kind) ?? [];
    list.push({ entity, count });
    groups.set(entity.kind, list);
  }
  if (!groups.size) return <p class="muted">No known Chinese AI entity on this page.</p>;
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
        {total} mention{total === 1 ? '' : 's'} of {[...groups.values()].reduce((a, g) => a + g.length, 0)} entities
      </p>
      {ENTITY_KINDS.filter((k) => groups.has(k)).map((kind) => (
        <section key={kind} class={`kind-group kind-${kind}`} aria-labelledby={`group-${kind}`}>
          <h2 id={`group-${kind}`} class="group-title">
            <span class={`kind-dot kind-${kind}`} aria-hidden="true" />
            {KIND_PLURALS[kind]}
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
                      aria-label={`${entity.name.en}${zh ? ` (${zh})` : ''}, ${count} mention${count === 1 ? '' : 's'}`}
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
    setStatus(r.found ? 'Scrolled to the first mention.' : 'This entity is not highlighted on the page any more.');
  };
  return (
    <div class="detail-view">
      <button type="button" ref={backRef} class="back-button" onClick={props.onBack}>
        ← Back
      </button>
      {card === undefined && <p class="muted">Loading…</p>}
      {card === null && <p role="alert">This entity is no longer in the knowledge base.</p>}
      {card && (
        <EntityDetail
          card={card}
          headingId="detail-title"
          onSelect={props.onSelect}
          actions={
            props.mentions > 0 ? (
              <>
                <button type="button" class="primary" onClick={() => void jump()}>
                  Jump to first mention
                </button>
                <span class="muted">
                  {props.mentions} mention{props.mentions === 1 ? '' : 's'} on this page
                </span>
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
