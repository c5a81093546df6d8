/** Everything about one entity: its card, relations, the clippings mentioning it, and where it was seen. */
import { liveQuery } from 'dexie';
import { useEffect, useState } from 'preact/hooks';
import { t } from '../../i18n';
import type { EntityCard } from '../../messaging/protocol';
import type { Clipping } from '../../model/clipping';
import type { HistoryEntry } from '../../model/history';
import { entityCard } from '../../storage/cards';
import { db } from '../../storage/db';
import { setMuted } from '../../storage/knowledge';
import { EntityDetail } from '../EntityDetail';
import { safeHref } from '../relations';
import { navigate } from './useRoute';

interface Data {
  card: EntityCard | null;
  clippings: Clipping[];
  seen: HistoryEntry[];
  muted: boolean;
}

export function EntityView({ id }: { id: string }) {
  const [data, setData] = useState<Data>();
  useEffect(() => {
    const sub = liveQuery(async () => {
      const [card, clippings, seen, pref] = await Promise.all([
        entityCard(id),
        db().clippings.where('entities').equals(id).toArray(),
        db().history.where('entityId').equals(id).toArray(),
        db().entityPrefs.get(id),
      ]);
      clippings.sort((a, b) => b.created.localeCompare(a.created));
      seen.sort((a, b) => b.lastSeen.localeCompare(a.lastSeen));
      return { card, clippings, seen, muted: !!pref?.muted };
    }).subscribe({ next: setData, error: (e) => console.error(e) });
    return () => sub.unsubscribe();
  }, [id]);
  if (!data) return <p class="muted">{t('loading')}</p>;
  if (!data.card) return <p role="alert">{t('lib.entityNotFound', { id })}</p>;
  return (
    <div class="entity-view">
      <EntityDetail
        card={data.card}
        headingId="entity-title"
        onSelect={(next) => navigate(`/entity/${encodeURIComponent(next)}`)}
        actions={
          <>
            <button type="button" class="secondary" aria-pressed={data.muted} onClick={() => void setMuted(id, !data.muted)}>
              {t(data.muted ? 'card.unmute' : 'card.mute')}
            </button>
            <a class="button secondary" href={`#/kb/edit/${encodeURIComponent(id)}`}>
              {t('kb.edit')}
            </a>
          </>
        }
      >
        <section class="card-section" aria-labelledby="entity-clippings">
          <h3 id="entity-clippings">
            {t('lib.entityClippings')} ({data.clippings.length})
          </h3>
          {data.clippings.length === 0 ? (
            <p class="muted">{t('card.noClippings')}</p>
          ) : (
            <>
              <ul class="clip-list">
                {data.clippings.slice(0, 20).map((c) => (
                  <li key={c.id}>
                    <blockquote>{c.text.length > 400 ? `${c.text.slice(0, 400)}…` : c.text}</blockquote>
                    {c.note && <p class="clip-note">{c.note}</p>}
                    <p class="muted small">
                      {c.title || c.site} · {c.created.slice(0, 10)}
                    </p>
                  </li>
                ))}
              </ul>
              <a href={`#/clippings?entity=${encodeURIComponent(id)}`}>{t('lib.showAllClippings')}</a>
            </>
          )}
        </section>
        <section class="card-section" aria-labelledby="entity-seen">
          <h3 id="entity-seen">
            {t('lib.entitySeen')} ({data.seen.length})
          </h3>
          {data.seen.length === 0 ? (
            <p class="muted">{t('card.notSeen')}</p>
          ) : (
            <ul class="seen-list">
              {data.seen.slice(0, 50).map((h) => {
                const href = safeHref(h.url);
                return (
                  <li key={h.key}>
                    {href ? (
                      <a href={href} target="_blank" rel="noopener noreferrer">
                        {h.title || h.url}
                      </a>
                    ) : (
                      h.title
                    )}
                    <span class="muted">
                      {' '}
                      — {h.site}, {h.lastSeen.slice(0, 10)}
                    </span>
                  </li>
                );
              })}
            </ul>
          )}
        </section>
      </EntityDetail>
    </div>
  );
}
