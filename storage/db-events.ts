/**
 * Database events for extension pages, apart from the database itself: a component that
 * only listens (DbNotice) must not pull Dexie into a page's first chunk.
 */
export type DbEvent = 'versionchange' | 'blocked';
const dbListeners = new Set<(e: DbEvent) => void>();

/** Hears when a newer version of the extension upgrades the database under this page, or an upgrade is blocked. */
export function onDbEvent(cb: (e: DbEvent) => void): () => void {
  dbListeners.add(cb);
  return () => dbListeners.delete(cb);
}

export function emitDbEvent(e: DbEvent): void {
  for (const l of dbListeners) l(e);
}
