/**
 * The hover card: an entity's linked context next to its mention on the page.
 * Rendered by the content script inside a closed shadow root (content/card).
 */
import { useEffect, useRef } from 'preact/hooks';
import { t, tn } from '../../i18n';
import type { CardData } from '../../messaging/protocol';
import { EntityDetail } from '../EntityDetail';
import { safeHref } from '../relations';

export interface HoverCardProps {
  /** undefined while loading, null when the entity could not be loaded. */
  data: CardData | null | undefined;
  canGoBack: boolean;
  status?: string;
  /** Move focus into the card when it opens (keyboard navigation). */
  focusOnOpen?: boolean;
  onSelect(id: string): void;
  onBack(): void;
  onClose(): void;
  onSaveSentence?(): void;
  onMute(muted: boolean): void;
  onOpenLibrary(hash: string): void;
}

const fmtDate = (iso: string) => iso.slice(0, 10);

export function HoverCard(props: HoverCardProps) {
  const { data } = props;
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (props.focusOnOpen && data) ref.current?.focus();
  }, [props.focusOnOpen, data?.card.entity.id]);
  const name = data?.card.entity.name.en ?? '';
  const id = data?.card.entity.id;
  return (
    <div
      ref={ref}
      class="card"
      role="dialog"
      aria-modal="false"
      aria-labelledby={data ? 'cnai-card-title' : undefined}
      aria-label={data ? undefined : t('loading')}
      tabIndex={-1}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.stopPropagation();
          props.onClose();
        }
      }}
    >
      <div class="card-bar">
        {props.canGoBack ? (
          <button type="button" class="back-button" onClick={props.onBack}>
            {t('back')}
          </button>
        ) : (
          <span />
        )}
        <button type="button" class="icon-button" aria-label={t('card.close')} title={t('card.close')} onClick={props.onClose}>
          ×
        </button>
      </div>
      {data === undefined && <p class="muted">{t('loading')}</p>}
      {data === null && <p role="alert">{t('card.failed')}</p>}
      {data && id && (
        <EntityDetail
          card={data.card}
          headingId="cnai-card-title"
          onSelect={props.onSelect}
          actions={
            <>
              {props.onSaveSentence && (
                <button type="button" class="secondary" onClick={props.onSaveSentence}>
                  {t('card.saveSentence')}
                </button>
              )}
              <button type="button" class="secondary" aria-pressed={data.muted} onClick={() => props.onMute(!data.muted)}>
                {t(data.muted ? 'card.unmute' : 'card.mute')}
              </button>
              <button type="button" class="secondary" onClick={() => props.onOpenLibrary(`#/entity/${id}`)}>
                {t('card.openLibrary')}
              </button>
            </>
          }
        >
          <section class="card-section" aria-labelledby="cnai-card-clippings">
            <h3 id="cnai-card-clippings">{t('card.clippings')}</h3>
            {data.clippings.total === 0 ? (
              <p class="muted">{t('card.noClippings')}</p>
            ) : (
              <>
                <ul class="clip-list">
                  {data.clippings.latest.map((c) => (
                    <li key={c.id}>
                      <blockquote>{c.text.length > 220 ? `${c.text.slice(0, 220)}…` : c.text}</blockquote>
                      {c.note && <p class="clip-note">{c.note.length > 160 ? `${c.note.slice(0, 160)}…` : c.note}</p>}
                      <p class="muted clip-meta">
                        {c.title || c.site} · {fmtDate(c.created)}
                      </p>
                    </li>
                  ))}
                </ul>
                <button type="button" class="link-button" onClick={() => props.onOpenLibrary(`#/clippings?entity=${id}`)}>
                  {t('card.clippingsCount', { shown: data.clippings.latest.length, total: data.clippings.total })}
                </button>
              </>
            )}
          </section>
          <section class="card-section" aria-labelledby="cnai-card-seen">
            <h3 id="cnai-card-seen">
              {t('card.seenOn')}
              {data.seenOn.total > 0 && <span class="muted"> · {tn('card.seenOnCount', data.seenOn.total)}</span>}
            </h3>
            {data.seenOn.total === 0 ? (
              <p class="muted">{t('card.notSeen')}</p>
            ) : (
              <ul class="seen-list">
                {data.seenOn.pages.map((p) => {
                  const href = safeHref(p.url);
                  return (
                    <li key={p.key}>
                      {href ? (
                        <a href={href} target="_blank" rel="noopener noreferrer">
                          {p.title || p.url}
                        </a>
                      ) : (
                        <span>{p.title}</span>
                      )}
                      <span class="muted">
                        {' '}
                        — {p.site}, {fmtDate(p.lastSeen)}
                      </span>
                    </li>
                  );
                })}
              </ul>
            )}
          </section>
        </EntityDetail>
      )}
      <p class="card-status" role="status" aria-live="polite">
        {props.status ?? ''}
      </p>
    </div>
  );
}
