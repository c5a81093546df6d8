/** Browse and search the knowledge base; hide entities; import and export knowledge packs. */
import { useMemo, useRef, useState } from 'preact/hooks';
import { currentLanguage, t, tn, type MessageKey } from '../../i18n';
import { msg } from '../../i18n/message';
import { ENTITY_KINDS, type EntityKind } from '../../kb/schema';
import { buildSearchIndex, searchEntities } from '../../kb/search';
import type { EffectiveEntity } from '../../storage/knowledge';
import { exportUserPack, importPack, KnowledgeError, setHidden } from '../../storage/user-kb';
import { formatProblemIn } from '../../kb/validate';
import { KindBadge } from '../KindBadge';
import { chineseName, kindLabel } from '../relations';
import { downloadText } from './download';
import { VirtualList } from './VirtualList';

const ROW = 58;

export function KnowledgeView({ entities }: { entities: EffectiveEntity[] | undefined }) {
  const [q, setQ] = useState('');
  const [kind, setKind] = useState<EntityKind | ''>('');
  const [showHidden, setShowHidden] = useState(false);
  const [report, setReport] = useState<{ ok: boolean; lines: string[] }>();
  const fileRef = useRef<HTMLInputElement>(null);
  const all = entities ?? [];
  const index = useMemo(() => buildSearchIndex(all.map((e) => e.entity)), [all]);
  const byId = useMemo(() => new Map(all.map((e) => [e.entity.id, e])), [all]);
  const list = useMemo(() => {
    const base = q.trim() ? searchEntities(index, q, 1000).map((e) => byId.get(e.id)!) : [...all].sort((a, b) => a.entity.name.en.localeCompare(b.entity.name.en));
    return base.filter((e) => (!kind || e.entity.kind === kind) && (showHidden || !e.pref?.hidden));
  }, [q, kind, showHidden, all, index, byId]);

  const onImport = async (file: File) => {
    setReport(undefined);
    try {
      if (file.size > 20 * 1024 * 1024) throw new KnowledgeError([{ entity: file.name, field: '', message: msg('kb.issue.tooLarge', { max: 20 }) }]);
      const r = await importPack(await file.text());
      setReport({ ok: true, lines: [t('kb.imported', r as unknown as Record<string, number>)] });
    } catch (e) {
      const lines = e instanceof KnowledgeError ? e.problems.map((p) => formatProblemIn(p, currentLanguage())) : [e instanceof Error ? e.message : String(e)];
      setReport({ ok: false, lines });
    }
  };

  return (
    <div class="kb-view">
      <div class="toolbar" role="search">
        <input type="search" class="search-input" aria-label={t('kb.search')} placeholder={t('popup.searchPlaceholder')} value={q} onInput={(e) => setQ((e.target as HTMLInputElement).value)} />
        <label class="select-filter">
          <span>{t('lib.filterKind')}</span>
          <select value={kind} onChange={(e) => setKind((e.target as HTMLSelectElement).value as EntityKind | '')}>
            <option value="">{t('lib.any')}</option>
            {ENTITY_KINDS.map((k) => (
              <option key={k} value={k}>
                {kindLabel(k)}
              </option>
            ))}
          </select>
        </label>
        <label class="check">
          <input type="checkbox" checked={showHidden} onChange={(e) => setShowHidden((e.target as HTMLInputElement).checked)} />
          {t('kb.showHidden')}
        </label>
        <a class="button primary" href="#/kb/new">
          {t('kb.add')}
        </a>
      </div>
      <p class="result-line muted" role="status" aria-live="polite">
        {entities ? tn('kb.count', list.length) : t('loading')}
      </p>
      <div class="kb-list">
        <VirtualList
          items={list}
          rowHeight={ROW}
          label={t('kb.title')}
          renderRow={(e) => {
            const zh = chineseName(e.entity);
            return (
              <div class={`kb-row kind-${e.entity.kind}${e.pref?.hidden ? ' is-hidden' : ''}`}>
                <a class="kb-name" href={`#/entity/${encodeURIComponent(e.entity.id)}`}>
                  {e.entity.name.en}
                  {zh && (
                    <span class="row-zh" lang={zh.lang}>
                      {' '}
                      {zh.text}
                    </span>
                  )}
                </a>
                <span class="kb-tags">
                  <KindBadge kind={e.entity.kind} />
                  {e.origin !== 'builtin' && <span class="origin-badge">{t(`kb.origin.${e.origin}` as MessageKey)}</span>}
                  {e.pref?.hidden && <span class="origin-badge">{t('kb.hidden')}</span>}
                  {e.pref?.muted && <span class="origin-badge">{t('kb.muted')}</span>}
                </span>
                <span class="kb-actions">
                  <a class="button secondary" href={`#/kb/edit/${encodeURIComponent(e.entity.id)}`} aria-label={`${t('kb.edit')} ${e.entity.name.en}`}>
                    {t('kb.edit')}
                  </a>
                  <button type="button" class="secondary" onClick={() => void setHidden(e.entity.id, !e.pref?.hidden)} aria-label={`${t(e.pref?.hidden ? 'kb.unhide' : 'kb.hide')}: ${e.entity.name.en}`}>
                    {t(e.pref?.hidden ? 'kb.unhide' : 'kb.hide')}
                  </button>
                </span>
              </div>
            );
          }}
        />
      </div>
      <section class="panel" aria-labelledby="packs-title">
        <h2 id="packs-title">{t('kb.packs')}</h2>
        <p class="muted">{t('kb.packsHelp')}</p>
        <div class="row-actions">
          <button
            type="button"
            class="secondary"
            onClick={async () => {
              const pack = await exportUserPack();
              downloadText(`cnai-knowledge-pack-${pack.version}.json`, `${JSON.stringify(pack, null, 2)}\n`, 'application/json');
            }}
          >
            {t('kb.exportPack')}
          </button>
          <label class="button secondary file-button">
            {t('kb.importPack')}
            <input
              ref={fileRef}
              type="file"
              accept="application/json,.json"
              class="visually-hidden"
              onChange={(e) => {
                const f = (e.target as HTMLInputElement).files?.[0];
                if (f) void onImport(f);
                if (fileRef.current) fileRef.current.value = '';
              }}
            />
          </label>
        </div>
        {report && (
          <div class={report.ok ? 'report ok' : 'report error'} role="alert">
            {!report.ok && <p>{t('kb.importFailed')}</p>}
            <ul>
              {report.lines.slice(0, 200).map((l, i) => (
                <li key={i}>{l}</li>
              ))}
            </ul>
          </div>
        )}
      </section>
    </div>
  );
}
