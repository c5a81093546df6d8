/**
 * Export and import of the reader's data, over the database. Runs in a worker from the
 * library page (library/transfer.worker.ts) so large files never freeze the page, and
 * in Node for tests.
 *
 * Imports are all-or-nothing by default: everything is validated first, then written
 * in one Dexie transaction, so an invalid file — or a failure halfway (an exception,
 * a full disk, a closed tab) — leaves the database as it was. Duplicates (same id, or
 * the same selection of the same page, as saving decides: formats/common sameSelection)
 * are merged, not doubled, and merging is idempotent: importing a file again changes
 * nothing (library/merge.ts).
 */
import Dexie from 'dexie';
import { strToU8, zipSync, type Zippable } from 'fflate';
import { compileMatcher } from '../engine/compile';
import { textMentions } from '../engine/text-mentions';
import { Matcher } from '../engine/matcher';
import { parseMatcherData } from '../engine/matcher-schema';
import {
  dedupeKeys,
  exportFileName,
  fromReadwiseCsv,
  fromW3C,
  parseBackup,
  toBackup,
  toMarkdown,
  toReadwiseCsv,
  toW3C,
  type ExportScope,
  type Problem,
} from '../formats';
import { msg, type Message } from '../i18n/message';
import { MAX_NOTE, type Clipping } from '../model/clipping';
import type { HistoryEntry } from '../model/history';
import type { Settings } from '../model/settings';
import { db, type CnaiDatabase, type EntityPref, type UserEntity } from '../storage/db';
import { highlightableEntities, loadEffectiveEntities } from '../storage/knowledge';
import { ClippingSearch } from './clipping-search';
import { applyFilters, type ClippingFilters } from './filters';
import { mergeClipping } from './merge';
import { restoreEntityPrefs, restoreHistory, restoreUserEntities } from './restore';
import { tagKey, tagSpellings, uniqueTags } from '../model/tags';

export type ExportFormat = 'markdown' | 'markdown-pages' | 'csv' | 'w3c' | 'backup';
export type Progress = (done: number, total: number, phase: string) => void;

export interface ExportRequest {
  format: ExportFormat;
  /** Which clippings: all, one entity's, one page's, or the library's current filter. */
  scope: { kind: 'all' } | { kind: 'entity'; id: string } | { kind: 'page'; url: string } | { kind: 'filter'; filters: ClippingFilters };
  /** Backups: include reading history. */
  includeHistory?: boolean;
  /** Backups: the reader's settings (from browser.storage.local). */
  settings?: Settings;
  now?: Date;
  timeZone?: string;
}

export interface ExportedFile {
  name: string;
  type: string;
  data: string | Uint8Array;
  count: number;
}

/**
 * Files smaller than this are stored, larger ones deflated. Deflating a file costs about
 * 70 µs whatever its size (a per-page export of 10,000 clippings: 5,716 files of at most
 * 756 bytes took 0.4-0.5 s in Node and 1.5 s in the library's worker, for a ZIP of 2.8
 * instead of 4.2 MB); from a few kilobytes on, compression is worth its time.
 */
export const ZIP_STORE_BELOW = 1024;

/** A ZIP archive of text files (UTF-8), in the given order. */
export function zipFiles(files: readonly { name: string; content: string }[]): Uint8Array {
  const entries: Zippable = {};
  for (const f of files) {
    const bytes = strToU8(f.content);
    entries[f.name] = [bytes, { level: bytes.length < ZIP_STORE_BELOW ? 0 : 6 }];
  }
  return zipSync(entries);
}

async function selectClippings(req: ExportRequest, database: CnaiDatabase, kindOf: (id: string) => ReturnType<Parameters<typeof applyFilters>[2]>): Promise<Clipping[]> {
  const s = req.scope;
  let list: Clipping[];
  if (s.kind === 'entity') list = await database.clippings.where('entities').equals(s.id).toArray();
  else if (s.kind === 'page') list = await database.clippings.where('url').equals(s.url).toArray();
  else list = await database.clippings.toArray();
  if (s.kind === 'filter') {
    list = applyFilters(list, s.filters, kindOf);
    // The filter's search text too, answered as the library answers it (applyFilters leaves
    // it out): a search exported every clipping the other filters let through.
    if (s.filters.q?.trim()) {
      const search = new ClippingSearch();
      search.sync(list);
      const found = new Set(search.search(s.filters.q));
      list = list.filter((c) => found.has(c.id));
    }
  }
  return list.sort((a, b) => a.created.localeCompare(b.created) || a.id.localeCompare(b.id));
}

function scopeName(req: ExportRequest, clippings: Clipping[]): ExportScope {
  const s = req.scope;
  if (s.kind === 'entity') return { entity: s.id };
  if (s.kind === 'page') return { page: clippings[0]?.title || s.url };
  if (s.kind === 'filter') {
    if (s.filters.entity) return { entity: s.filters.entity };
    if (s.filters.site) return { site: s.filters.site };
    if (s.filters.tag) return { tag: s.filters.tag };
  }
  return 'all';
}

export async function exportData(req: ExportRequest, database: CnaiDatabase = db(), progress?: Progress): Promise<ExportedFile> {
  const now = req.now ?? new Date();
  const effective = await loadEffectiveEntities(database, true);
  const byId = new Map(effective.map((e) => [e.entity.id, e.entity]));
  const names = { entityName: (id: string) => byId.get(id)?.name.en };
  progress?.(0, 1, 'reading');
  const clippings = await selectClippings(req, database, (id) => byId.get(id)?.kind);
  progress?.(0, clippings.length, 'formatting');
  const scope = scopeName(req, clippings);
  switch (req.format) {
    case 'markdown': {
      const [file] = toMarkdown(clippings, { ...names, now, timeZone: req.timeZone }, { split: 'single' });
      return { name: exportFileName('markdown', scope, now, req.timeZone), type: 'text/markdown', data: file?.content ?? '', count: clippings.length };
    }
    case 'markdown-pages': {
      const files = toMarkdown(clippings, { ...names, now, timeZone: req.timeZone }, { split: 'per-page' });
      progress?.(0, files.length, 'zipping');
      const data = zipFiles(files);
      return { name: exportFileName('markdown', scope, now, req.timeZone).replace(/\.md$/, '.zip'), type: 'application/zip', data, count: clippings.length };
    }
    case 'csv':
      return { name: exportFileName('csv', scope, now, req.timeZone), type: 'text/csv', data: toReadwiseCsv(clippings, { bom: true }), count: clippings.length };
    case 'w3c':
      return { name: exportFileName('annotations', scope, now, req.timeZone), type: 'application/ld+json', data: toW3C(clippings, { ...names, now }), count: clippings.length };
    case 'backup': {
      const [userEntities, entityPrefs, history] = await Promise.all([
        database.userEntities.toArray(),
        database.entityPrefs.toArray(),
        req.includeHistory ? database.history.toArray() : Promise.resolve(undefined),
      ]);
      const data = toBackup({ clippings, userEntities, entityPrefs, settings: req.settings, history }, now);
      return { name: exportFileName('backup', scope, now, req.timeZone), type: 'application/json', data, count: clippings.length };
    }
  }
}

// ---------------------------------------------------------------------------- import

export const MAX_IMPORT_BYTES = 200 * 1024 * 1024;
export type ImportFormat = 'backup' | 'w3c' | 'csv';

export interface ImportRequest {
  name: string;
  bytes: Uint8Array;
  /** 'all': nothing is written unless every record is valid. 'valid': write the valid records, list the rest. */
  mode: 'all' | 'valid';
  now?: Date;
  newId?: () => string;
  /**
   * The matcher the background published (extension storage), to find the entities of
   * clippings that come without them; compiled here from the database when absent or stale.
   */
  matcher?: unknown;
}

export interface ImportReport {
  ok: boolean;
  format?: ImportFormat;
  /** New clippings written. */
  added: number;
  /** Duplicates of stored clippings that brought something new (a note, tags, entities). */
  merged: number;
  /** Duplicates of stored clippings that brought nothing new: left as they were. */
  unchanged: number;
  /**
   * Records left out or changed, with why: codes with parameters, put in words in the
   * reader's language by the library (formats/problems.ts formatProblem).
   */
  problems: Problem[];
  /** Settings from a backup, for the caller to store (they live outside the database). */
  settings?: Settings;
  /** A backup's records not restored because the stored copy is newer (library/restore.ts): entities, entity choices. */
  kept?: { entities: number; prefs: number };
  /** Why nothing was imported, when it was not (a code with parameters, like the problems). */
  error?: Message;
}

/** Refuses what is obviously not a text export before parsing it. */
export function checkFile(name: string, bytes: Uint8Array): Message | undefined {
  if (bytes.length === 0) return msg('import.empty', { name });
  if (bytes.length > MAX_IMPORT_BYTES) return msg('import.tooLarge', { name, size: (bytes.length / 1024 / 1024).toFixed(0), max: MAX_IMPORT_BYTES / 1024 / 1024 });
  const head = bytes.subarray(0, 8192);
  if (head.includes(0)) return msg('import.binary', { name });
  if (head[0] === 0x50 && head[1] === 0x4b) return msg('import.zip', { name });
  return undefined;
}

export function detectFormat(name: string, text: string): ImportFormat | undefined {
  const start = text.replace(/^\uFEFF/, '').trimStart();
  if (start.startsWith('{') || start.startsWith('[')) {
    if (/"format"\s*:\s*"cnai-backup"/.test(start.slice(0, 4096))) return 'backup';
    return 'w3c';
  }
  if (/\.csv$/i.test(name) || /(^|,)"?Highlight"?(,|\r?\n)/i.test(start.slice(0, 2048))) return 'csv';
  return undefined;
}

/** Entities mentioned in imported clippings that carry none (CSV, other annotators). */
async function entityFinder(published: unknown, database: CnaiDatabase): Promise<(text: string) => string[]> {
  // The published matcher is what the content scripts use when a clipping is saved on a page.
  const data = parseMatcherData(published) ?? compileMatcher(highlightableEntities(await loadEffectiveEntities(database))).data;
  const matcher = new Matcher(data);
  return (text) => [...new Set(textMentions(matcher, text).map((r) => matcher.ids[r.entity]!))];
}

const shorten = (s: string, max = 60) => (s.length > max ? `${s.slice(0, max - 1)}…` : s);

/** A report of an import that changed nothing. */
function failed(error: Message, problems: Problem[] = [], format?: ImportFormat): ImportReport {
  return { ok: false, ...(format ? { format } : {}), added: 0, merged: 0, unchanged: 0, problems, error };
}

const FORMAT_CODES = { backup: 'import.format.backup', w3c: 'import.format.w3c', csv: 'import.format.csv' } as const satisfies Record<ImportFormat, Message['code']>;

export async function importData(req: ImportRequest, database: CnaiDatabase = db(), progress?: Progress): Promise<ImportReport> {
  const refused = checkFile(req.name, req.bytes);
  if (refused) return failed(refused);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(req.bytes);
  } catch {
    return failed(msg('import.notUtf8', { name: req.name }));
  }
  const format = detectFormat(req.name, text);
  if (!format) return failed(msg('import.unknownFormat', { name: req.name }));
  progress?.(0, 1, 'parsing');

  const opts = { now: req.now, newId: req.newId };
  let clippings: Clipping[] = [];
  let userEntities: UserEntity[] = [];
  let entityPrefs: EntityPref[] = [];
  let history: HistoryEntry[] = [];
  let settings: Settings | undefined;
  let problems: Problem[] = [];
  if (format === 'backup') {
    const r = parseBackup(text, { mode: req.mode === 'all' ? 'strict' : 'lenient' });
    if (!r.ok) return failed(msg('import.backupProblems'), r.problems, format);
    ({ clippings, userEntities, entityPrefs } = r.data);
    history = r.data.history ?? [];
    settings = r.data.settings;
    problems = r.problems;
  } else {
    const r = format === 'w3c' ? fromW3C(text, opts) : fromReadwiseCsv(text, opts);
    clippings = r.clippings;
    problems = r.problems;
    // A problem of the whole file (no "Highlight" column, no annotations…) fails the import in either mode.
    if (r.unreadable) return failed(msg('import.unreadable', { name: req.name, format: msg(FORMAT_CODES[format]) }), problems, format);
    if (req.mode === 'all' && r.skipped > 0) return failed(msg('import.someUnreadable', { n: r.skipped }), problems, format);
    // Importing "the valid records" of a file that has none is no success either.
    if (!clippings.length) return failed(msg('import.noneReadable', { n: r.skipped }), problems, format);
  }

  // Entities for clippings that came without them, from other tools (CSV, W3C). A backup's
  // clippings are restored as they were: one saved with no entity keeps none, even if its
  // text names one now (the reader may have muted it, or the knowledge base grown since).
  if (format !== 'backup' && clippings.some((c) => !c.entities.length)) {
    const find = await entityFinder(req.matcher, database);
    clippings = clippings.map((c) => (c.entities.length ? c : { ...c, entities: find(c.text).slice(0, 500) }));
  }

  progress?.(0, clippings.length, 'writing');
  let added = 0;
  let merged = 0;
  let unchanged = 0;
  const kept = { entities: 0, prefs: 0 };
  await database.transaction('rw', [database.clippings, database.userEntities, database.entityPrefs, database.history], async () => {
    const existing = await database.clippings.toArray();
    const byId = new Map(existing.map((c) => [c.id, c]));
    // Tags of new clippings from other tools take the library's spelling ("ai" joins "AI"),
    // the first used; a backup's clippings are restored exactly as they were.
    const spelling = format !== 'backup' ? tagSpellings(existing) : new Map<string, string>();
    // A duplicate is the same id, or the same selection of the same page (formats/common
    // sameSelection, as saving decides): found by the page with the quote, or with the text
    // white space collapsed. Each key names the first clipping that had it.
    const byKey = new Map<string, string>();
    const index = (id: string, keys: readonly string[]) => {
      for (const k of keys) if (!byKey.has(k)) byKey.set(k, id);
    };
    for (const c of existing) index(c.id, dedupeKeys(c));
    const out = new Map<string, Clipping>();
    for (let c of clippings) {
      const keys = dedupeKeys(c);
      const keyed = keys.find((k) => byKey.has(k));
      const same = byId.get(c.id) ?? (keyed ? byId.get(byKey.get(keyed)!) : undefined);
      if (same) {
        // Its text and quote stay as stored: its keys do not change.
        const m = mergeClipping(out.get(same.id) ?? same, c);
        if (m.noteLeftOut)
          problems.push({ record: msg('problem.record.clippingText', { text: shorten(same.text) }), field: ['note'], message: msg('problem.noteTooLong', { max: MAX_NOTE }) });
        if (!m.changed) {
          unchanged++;
          continue;
        }
        out.set(same.id, m.clipping);
        merged++;
      } else {
        if (format !== 'backup' && c.tags.length) {
          c = { ...c, tags: uniqueTags(c.tags, (k) => spelling.get(k)) };
          for (const t of c.tags) if (!spelling.has(tagKey(t))) spelling.set(tagKey(t), t);
        }
        out.set(c.id, c);
        byId.set(c.id, c);
        index(c.id, keys);
        added++;
      }
    }
    const rows = [...out.values()];
    await putAll(database, 'clippings', rows, (done) => progress?.(done, rows.length, 'writing'));
    // The backup's other parts: the newer of each record wins (library/restore.ts).
    if (userEntities.length) {
      const r = restoreUserEntities(await database.userEntities.toArray(), userEntities);
      if (r.put.length) await database.userEntities.bulkPut(r.put);
      kept.entities = r.kept;
    }
    if (entityPrefs.length) {
      const r = restoreEntityPrefs(await database.entityPrefs.toArray(), entityPrefs);
      if (r.put.length) await database.entityPrefs.bulkPut(r.put);
      kept.prefs = r.kept;
    }
    if (history.length) {
      const put = restoreHistory(await database.history.toArray(), history);
      if (put.length) await putAll(database, 'history', put);
    }
  });
  return { ok: true, format, added, merged, unchanged, problems, settings, ...(kept.entities || kept.prefs ? { kept } : {}) };
}

/**
 * Writes many validated records inside the current Dexie transaction straight through
 * IndexedDB: Dexie's per-record bookkeeping (change tracking for live queries) doubled
 * the time of a 10,000-clipping import. Failures still abort the whole transaction.
 * Pages showing these tables read them afresh when they are next shown.
 */
async function putAll(database: CnaiDatabase, table: 'clippings' | 'history', rows: readonly object[], progress?: (done: number) => void): Promise<void> {
  const trans = Dexie.currentTransaction as unknown as { idbtrans?: IDBTransaction } | null;
  const store = trans?.idbtrans?.objectStore(table);
  if (!store) {
    await database.table(table).bulkPut(rows as never[]);
    progress?.(rows.length);
    return;
  }
  await new Promise<void>((resolve, reject) => {
    if (!rows.length) return resolve();
    let done = 0;
    for (const row of rows) {
      const req = store.put(row);
      req.onerror = () => reject(req.error);
      req.onsuccess = () => {
        done++;
        if (done % 2000 === 0) progress?.(done);
        if (done === rows.length) resolve();
      };
    }
  });
  progress?.(rows.length);
}
