import type { ComponentChildren } from 'preact';
import type { EntityCard, Related } from '../messaging/protocol';
import { t } from '../i18n';
import type { RelationType } from '../kb/schema';
import { chineseName, keyFacts, kindLabel, relationLabel, safeHref } from './relations';
import { KindBadge } from './KindBadge';

export interface EntityDetailProps {
  card: EntityCard;
  /** Follow a relation to another entity. */
  onSelect?: (id: string) => void;
  /** Extra actions (jump, mute …) shown under the title. */
  actions?: ComponentChildren;
  /** Heading level id for aria-labelledby. */
  headingId?: string;
  /** Extra sections after the sources. */
  children?: ComponentChildren;
}

interface RelationRow {
  label: string;
  items: Related[];
}

function relationRows(card: EntityCard): RelationRow[] {
  const byId = new Map(card.related.map((r) => [r.id, r]));
  const rows = new Map<string, Related[]>();
  const add = (label: string, id: string) => {
    const r = byId.get(id);
    if (!r) return;
    const list = rows.get(label) ?? [];
    if (!list.some((x) => x.id === id)) list.push(r);
    rows.set(label, list);
  };
  for (const r of card.entity.relations) add(relationLabel(r.type, 'out'), r.target);
  for (const r of card.incoming) add(relationLabel(r.type as RelationType, 'in'), r.source);
  return [...rows].map(([label, items]) => ({ label, items }));
}

export function EntityDetail({ card, onSelect, actions, headingId, children }: EntityDetailProps) {
  const { entity } = card;
  const zh = chineseName(entity);
  const facts = keyFacts(entity);
  const rows = relationRows(card);
  return (
    <article class="entity-detail" aria-labelledby={headingId}>
      <header class="entity-head">
        <h2 id={headingId} class="entity-name">
          <span lang="en">{entity.name.en}</span>
          {zh && (
            <span class="entity-name-zh" lang={zh.lang}>
              {zh.text}
            </span>
          )}
        </h2>
        <KindBadge kind={entity.kind} />
        {card.origin !== 'builtin' && <span class="origin-badge">{t(card.origin === 'added' ? 'origin.added' : 'origin.edited')}</span>}
      </header>
      {actions && <div class="entity-actions">{actions}</div>}
      <p class="entity-summary">{entity.summary}</p>
      {facts.length > 0 && (
        <dl class="entity-facts">
          {facts.map((f) => (
            <div class="fact" key={f.label}>
              <dt>{f.label}</dt>
              <dd>{f.value}</dd>
            </div>
          ))}
        </dl>
      )}
      {rows.length > 0 && (
        <section class="entity-relations" aria-label={t('detail.relatedLabel')}>
          <h3>{t('detail.related')}</h3>
          <dl>
            {rows.map((row) => (
              <div class="relation" key={row.label}>
                <dt>{row.label}</dt>
                <dd>
                  <ul class="related-list">
                    {row.items.map((r) => {
                      const rz = chineseName({ name: { en: r.name, zhHans: r.zhHans, zhHant: r.zhHant } });
                      return (
                        <li key={r.id}>
                          <button type="button" class={`related-link kind-${r.kind}`} onClick={() => onSelect?.(r.id)} title={kindLabel(r.kind)}>
                            {r.name}
                            {rz && <span lang={rz.lang}> {rz.text}</span>}
                          </button>
                        </li>
                      );
                    })}
                  </ul>
                </dd>
              </div>
            ))}
          </dl>
        </section>
      )}
      <section class="entity-sources" aria-label={t('detail.sources')}>
        <h3>{t('detail.sources')}</h3>
        <ul>
          {entity.sources.map((s, i) => {
            const href = safeHref(s.url);
            const meta = [s.publisher, s.date].filter(Boolean).join(', ');
            return (
              <li key={i}>
                {href ? (
                  <a href={href} target="_blank" rel="noopener noreferrer">
                    {s.title}
                  </a>
                ) : (
                  <span>{s.title}</span>
                )}
                <span class="source-meta"> — {meta}</span>
              </li>
            );
          })}
        </ul>
      </section>
      {children}
    </article>
  );
}
