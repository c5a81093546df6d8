/**
 * The library page: clippings, entity views, the knowledge base, settings, and
 * import/export. Hash routes: #/clippings?filters, #/entity/ID, #/kb, #/kb/new,
 * #/kb/edit/ID, #/settings, #/data.
 */
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { t } from '../../i18n';
import { ClippingSearch } from '../../library/clipping-search';
import { DbNotice } from '../DbNotice';
import { ClippingsView } from './ClippingsView';
import { DataView } from './DataView';
import { EntityEditor } from './EntityEditor';
import { EntityView } from './EntityView';
import { KnowledgeView } from './KnowledgeView';
import { SettingsView } from './SettingsView';
import { Toast, type ToastState } from './Toast';
import { useClippings, useEntities } from './useLibraryData';
import { useRoute } from './useRoute';
import { useSettings } from '../useSettings';

const SECTIONS = [
  ['clippings', 'lib.clippings'],
  ['kb', 'lib.knowledge'],
  ['settings', 'lib.settings'],
  ['data', 'lib.data'],
] as const;

export function LibraryApp() {
  const route = useRoute();
  const settings = useSettings();
  const section = route.path[0] ?? 'clippings';
  const clippings = useClippings(section === 'clippings');
  const entities = useEntities();
  const search = useMemo(() => new ClippingSearch(), []);
  const [indexed, setIndexed] = useState(false);
  // Bumped after every index update, so search results are recomputed with the new index.
  const [indexVersion, setIndexVersion] = useState(0);
  const [toast, setToast] = useState<ToastState>();
  const toastSeq = useRef(0);
  const showToast = (next: Omit<ToastState, 'id'>) => setToast({ ...next, id: ++toastSeq.current });

  // Keep the search index current; the first build runs in chunks after the first paint.
  useEffect(() => {
    if (!clippings?.complete) return;
    let cancelled = false;
    if (!indexed) void search.syncInChunks(clippings.list).then(() => !cancelled && (setIndexed(true), setIndexVersion((v) => v + 1)));
    else {
      search.sync(clippings.list);
      setIndexVersion((v) => v + 1);
    }
    return () => {
      cancelled = true;
    };
  }, [clippings]);
  useEffect(() => {
    if (!toast) return;
    const timer = setTimeout(() => setToast(undefined), 10_000);
    return () => clearTimeout(timer);
  }, [toast]);

  // The clippings view's filter as last seen, carried by the link to Import & export so
  // that its "current filter" scope has one (the link alone dropped it, which left that
  // choice disabled however the clippings were filtered).
  const clippingsQuery = useRef('');
  if (section === 'clippings') clippingsQuery.current = route.query;

  const entityMap = useMemo(() => new Map((entities ?? []).map((e) => [e.entity.id, e.entity])), [entities]);
  useEffect(() => {
    document.title = `${t('lib.title')} — ${t('appName')}`;
  }, [settings?.language]);
  if (!settings) return null;

  let view;
  if (section === 'entity' && route.path[1]) view = <EntityView id={route.path[1]} />;
  else if (section === 'kb' && route.path[1] === 'new') view = <EntityEditor entities={entities} />;
  else if (section === 'kb' && route.path[1] === 'edit' && route.path[2]) view = <EntityEditor key={route.path[2]} id={route.path[2]} entities={entities} />;
  else if (section === 'kb') view = <KnowledgeView entities={entities} />;
  else if (section === 'settings') view = <SettingsView settings={settings} />;
  else if (section === 'data') view = <DataView query={route.query} entities={[...entityMap.values()].sort((a, b) => a.name.en.localeCompare(b.name.en))} />;
  else view = <ClippingsView query={route.query} clippings={clippings} entities={entityMap} search={search} indexed={indexed} indexVersion={indexVersion} toast={showToast} />;

  const current = section === 'entity' ? 'kb' : section;
  return (
    <div class="library">
      <header class="lib-head">
        <h1>
          {t('appName')} · {t('lib.title')}
        </h1>
        <nav aria-label={t('lib.nav')}>
          {SECTIONS.map(([id, label]) => (
            <a key={id} href={`#/${id}${id === 'data' && section !== 'data' ? clippingsQuery.current : ''}`} aria-current={current === id ? 'page' : undefined}>
              {t(label)}
            </a>
          ))}
        </nav>
      </header>
      <DbNotice />
      <main class={`lib-main section-${section}`}>{view}</main>
      <Toast toast={toast} onDismiss={() => setToast(undefined)} />
    </div>
  );
}
