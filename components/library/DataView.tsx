/** Export (Markdown, CSV, W3C, JSON backup) and import, with progress and a plain-words report in the interface language. */
import { useEffect, useRef, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { currentLanguage, t, type MessageKey } from '../../i18n';
import { renderMessage } from '../../i18n/render';
import { msg } from '../../i18n/message';
import { formatProblem } from '../../formats/problems';
import type { Entity } from '../../kb/schema';
import { filtersFromQuery } from '../../library/filters';
import { runExport, runImport } from '../../library/transfer-client';
import type { ExportFormat, ImportReport } from '../../library/transfer';
import { MATCHER_STORAGE_KEY } from '../../storage/keys';
import { readSettings, updateSettings } from '../../storage/settings';
import { restoreSettings } from '../../library/restore';
import { sameJson } from '../../model/same-json';
import { downloadBlob } from './download';
import { entityLabel, kindLabel } from '../relations';
import type { ClippingFilters } from '../../library/filters';

const FORMATS: ExportFormat[] = ['markdown', 'markdown-pages', 'csv', 'w3c', 'backup'];

export function DataView({ query, entities }: { query: string; entities: Entity[] }) {
  const params = new URLSearchParams(query);
  const [format, setFormat] = useState<ExportFormat>('markdown');
  const [scope, setScope] = useState<'all' | 'filter' | 'entity'>(
    // One entity's clippings when that is all the filter asks; the filter when it asks more.
    params.get('entity') && [...params.keys()].length === 1 ? 'entity' : params.toString() ? 'filter' : 'all',
  );
  const [entity, setEntity] = useState(params.get('entity') ?? '');
  const [includeHistory, setIncludeHistory] = useState(false);
  const [mode, setMode] = useState<'all' | 'valid'>('all');
  const [busy, setBusy] = useState('');
  const [exportStatus, setExportStatus] = useState('');
  const [report, setReport] = useState<ImportReport & { settingsKept?: boolean }>();
  // The published matcher (about 1 MB) is read while the reader picks a file, not after.
  const matcher = useRef<Promise<unknown>>();
  const readMatcher = () =>
    browser.storage.local.get(MATCHER_STORAGE_KEY).then(
      (r) => (r as Record<string, unknown>)[MATCHER_STORAGE_KEY],
      () => undefined,
    );
  useEffect(() => {
    matcher.current = readMatcher();
  }, []);
  // A phase starts at 0 and only writing counts up as it goes: "Formatting: 0 of 10000"
  // would stay on screen until the end, so a phase shows counts once it has some.
  const progress = (done: number, total: number, phase: string) => {
    const name = t(`data.phase.${phase}` as MessageKey);
    setBusy(done > 0 ? t('data.progress', { phase: name, done, total }) : t('data.progressStart', { phase: name }));
  };

  const doExport = async () => {
    setExportStatus('');
    setBusy(t('loading'));
    try {
      const filters = filtersFromQuery(query);
      const file = await runExport(
        {
          format,
          scope: scope === 'entity' && entity ? { kind: 'entity', id: entity } : scope === 'filter' ? { kind: 'filter', filters } : { kind: 'all' },
          includeHistory,
          settings: format === 'backup' ? await readSettings() : undefined,
          timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone,
        },
        progress,
      );
      const data = typeof file.data === 'string' ? `${file.data}` : file.data;
      downloadBlob(file.name, new Blob([data as BlobPart], { type: file.type }));
      setExportStatus(t('data.exported', { n: file.count, name: file.name }));
    } catch (e) {
      setExportStatus(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy('');
    }
  };

  const doImport = async (file: File) => {
    setReport(undefined);
    setBusy(t('data.importing', { name: file.name }));
    try {
      const bytes = new Uint8Array(await file.arrayBuffer());
      const published = await (matcher.current ?? readMatcher());
      // Read afresh next time: the knowledge base may change while this view stays open.
      matcher.current = readMatcher();
      const r = await runImport({ name: file.name, bytes, mode, matcher: published }, progress);
      // A backup's settings fill in only what the reader has left at its default (library/restore.ts).
      let settingsKept = false;
      if (r.ok && r.settings) {
        const current = await readSettings();
        const restored = restoreSettings(current, r.settings);
        if (!sameJson(restored.settings, current)) await updateSettings(restored.settings);
        settingsKept = restored.kept;
      }
      setReport({ ...r, settingsKept });
    } catch (e) {
      setReport({ ok: false, added: 0, merged: 0, unchanged: 0, problems: [], error: msg('import.crashed', { error: e instanceof Error ? e.message : String(e) }) });
    } finally {
      setBusy('');
    }
  };

  return (
    <div class="data-view">
      <section class="panel" aria-labelledby="export-title">
        <h2 id="export-title">{t('data.export')}</h2>
        <p class="muted">{t('data.exportHelp')}</p>
        <fieldset>
          <legend>{t('data.format')}</legend>
          {FORMATS.map((f) => (
            <label key={f} class="check">
              <input type="radio" name="format" value={f} checked={format === f} onChange={() => setFormat(f)} />
              {t(`data.fmt.${f}` as MessageKey)}
            </label>
          ))}
        </fieldset>
        <fieldset>
          <legend>{t('data.scope')}</legend>
          <label class="check">
            <input type="radio" name="scope" checked={scope === 'all'} onChange={() => setScope('all')} />
            {t('data.scope.all')}
          </label>
          <label class="check">
            <input type="radio" name="scope" checked={scope === 'filter'} onChange={() => setScope('filter')} disabled={!query} />
            {t('data.scope.filter')}
            {query && <span class="muted small"> ({describeFilters(filtersFromQuery(query), entities)})</span>}
          </label>
          <label class="check">
            <input type="radio" name="scope" checked={scope === 'entity'} onChange={() => setScope('entity')} />
            {t('data.scope.entity')}
          </label>
          {scope === 'entity' && (
            <select aria-label={t('data.scope.entity')} value={entity} onChange={(e) => setEntity((e.target as HTMLSelectElement).value)}>
              <option value="">—</option>
              {entities.map((e) => (
                <option key={e.id} value={e.id}>
                  {entityLabel(e)}
                </option>
              ))}
            </select>
          )}
        </fieldset>
        {format === 'backup' && (
          <label class="check">
            <input type="checkbox" checked={includeHistory} onChange={(e) => setIncludeHistory((e.target as HTMLInputElement).checked)} />
            {t('data.includeHistory')}
          </label>
        )}
        <div class="row-actions">
          <button type="button" class="primary" disabled={!!busy || (scope === 'entity' && !entity)} onClick={() => void doExport()}>
            {t('data.exportButton')}
          </button>
        </div>
        <p class="muted" role="status" aria-live="polite">
          {exportStatus}
        </p>
      </section>

      <section class="panel" aria-labelledby="import-title">
        <h2 id="import-title">{t('data.import')}</h2>
        <p class="muted">{t('data.importHelp')}</p>
        <fieldset>
          <label class="check">
            <input type="radio" name="mode" checked={mode === 'all'} onChange={() => setMode('all')} />
            {t('data.mode.all')}
          </label>
          <label class="check">
            <input type="radio" name="mode" checked={mode === 'valid'} onChange={() => setMode('valid')} />
            {t('data.mode.valid')}
          </label>
        </fieldset>
        <label class="button secondary file-button">
          {t('data.chooseFile')}
          <input
            type="file"
            class="visually-hidden"
            accept=".json,.jsonld,.csv,application/json,application/ld+json,text/csv"
            disabled={!!busy}
            onChange={(e) => {
              const input = e.target as HTMLInputElement;
              const f = input.files?.[0];
              if (f) void doImport(f);
              input.value = '';
            }}
          />
        </label>
        {report && (
          <div class={`report ${report.ok ? 'ok' : 'error'}`} role="alert">
            <p>
              {report.ok ? t('data.imported', { added: report.added, merged: report.merged }) : report.error ? renderMessage(report.error) : t('data.failed')}
              {report.ok && report.unchanged > 0 && ` ${t('data.unchanged', { n: report.unchanged })}`}
            </p>
            {report.kept?.entities ? <p>{t('data.keptEntities', { n: report.kept.entities })}</p> : null}
            {report.kept?.prefs ? <p>{t('data.keptPrefs', { n: report.kept.prefs })}</p> : null}
            {report.settingsKept && <p>{t('data.settingsKept')}</p>}
            {report.problems.length > 0 && (
              <>
                {/* A failed import's message already says that nothing was imported. */}
                <p>{report.ok ? t('data.skipped') : report.error ? t('data.problems') : t('data.failed')}</p>
                <ul>
                  {report.problems.slice(0, 500).map((p, i) => (
                    <li key={i}>{formatProblem(p, currentLanguage())}</li>
                  ))}
                </ul>
                {report.problems.length > 500 && <p>{t('data.more', { n: report.problems.length - 500 })}</p>}
              </>
            )}
          </div>
        )}
      </section>
      <p class="progress" role="status" aria-live="polite">
        {busy}
      </p>
    </div>
  );
}

/** The Clippings view's filter in words ("“Kimi” · Site: example.org · Tag: policy"), not its query string. */
function describeFilters(f: ClippingFilters, entities: readonly Entity[]): string {
  const entity = f.entity ? entities.find((e) => e.id === f.entity) : undefined;
  return [
    f.q ? `“${f.q}”` : '',
    f.site ? `${t('lib.filterSite')}: ${f.site}` : '',
    f.url ? `${t('lib.filterPage')}: ${f.url}` : '',
    f.entity ? `${t('lib.filterEntity')}: ${entity ? entityLabel(entity) : f.entity}` : '',
    f.kind ? `${t('lib.filterKind')}: ${kindLabel(f.kind)}` : '',
    f.tag ? `${t('lib.filterTag')}: ${f.tag}` : '',
    f.from ? `${t('lib.filterFrom')}: ${f.from}` : '',
    f.to ? `${t('lib.filterTo')}: ${f.to}` : '',
  ]
    .filter(Boolean)
    .join(' · ');
}
