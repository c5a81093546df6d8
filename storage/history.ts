/**
 * Reading history ("seen on"): per page visit, which entities appeared. Written by the
 * background from the content scripts' reports; read by cards, popup and library.
 */
import { historyKey, type HistoryEntry } from '../model/history';
import { siteOf } from '../model/url';
import { db, type CnaiDatabase } from './db';

/** Records the entities a page shows now. First-seen stays, last-seen and count update. */
export async function recordVisit(
  visit: { url: string; title: string; counts: Record<string, number> },
  now = new Date(),
  database: CnaiDatabase = db(),
): Promise<number> {
  const ids = Object.keys(visit.counts).filter((id) => visit.counts[id]! > 0);
  if (!ids.length) return 0;
  const stamp = now.toISOString();
  const site = siteOf(visit.url);
  return database.transaction('rw', database.history, async () => {
    const keys = ids.map((id) => historyKey(id, visit.url));
    const existing = await database.history.bulkGet(keys);
    const rows: HistoryEntry[] = ids.map((entityId, i) => ({
      key: keys[i]!,
      entityId,
      url: visit.url,
      title: visit.title || existing[i]?.title || visit.url,
      site,
      firstSeen: existing[i]?.firstSeen ?? stamp,
      lastSeen: stamp,
      count: visit.counts[entityId]!,
    }));
    await database.history.bulkPut(rows);
    return rows.length;
  });
}

/** Pages where an entity was seen, most recent first, optionally excluding one URL. */
export async function seenOn(entityId: string, opts: { excludeUrl?: string; limit?: number } = {}, database: CnaiDatabase = db()) {
  const all = await database.history.where('entityId').equals(entityId).toArray();
  const pages = all.filter((h) => h.url !== opts.excludeUrl).sort((a, b) => b.lastSeen.localeCompare(a.lastSeen));
  return { total: pages.length, pages: opts.limit ? pages.slice(0, opts.limit) : pages };
}

/** Number of distinct pages per entity (other than `excludeUrl`), for the popup's "seen on N pages". */
export async function seenCounts(entityIds: readonly string[], database: CnaiDatabase = db(), excludeUrl?: string): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  await Promise.all(
    entityIds.map(async (id) => {
      out[id] = await database.history
        .where('entityId')
        .equals(id)
        .filter((h) => h.url !== excludeUrl)
        .count();
    }),
  );
  return out;
}

export async function clearHistory(site?: string, database: CnaiDatabase = db()): Promise<number> {
  if (!site) {
    const n = await database.history.count();
    await database.history.clear();
    return n;
  }
  return database.history.where('site').equals(site).delete();
}
