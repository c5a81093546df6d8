/**
 * The extension's IndexedDB database (Dexie). It lives in the extension's origin:
 * the background service worker and extension pages open it; content scripts never
 * do (they would get the page's IndexedDB) and go through messages instead.
 *
 * Versions are append-only: a new version adds its stores/upgrade below the last one,
 * and tests/unit/storage/upgrade.test.ts creates every earlier version with data and
 * checks that an upgrade keeps every record.
 */
import Dexie, { type EntityTable } from 'dexie';
import { emitDbEvent } from './db-events';
import type { Entity } from '../kb/schema';
import type { Clipping } from '../model/clipping';
import type { HistoryEntry } from '../model/history';

export const DB_NAME = 'cnai-context';

/** A user's own entity, or the user's edited copy of a built-in one. */
export type UserEntity = Entity & {
  /** 'added': created by the user; 'edited': overrides the built-in entity with the same id. */
  origin: 'added' | 'edited';
  /** For edited copies: the built-in `updated` date the edit started from. */
  baseUpdated?: string;
};

/** Per-entity reader choices that survive pack updates. */
export interface EntityPref {
  id: string;
  /** Hidden from the knowledge base: never highlighted, not listed. */
  hidden?: boolean;
  /** Muted: not highlighted, still listed and searchable. */
  muted?: boolean;
  /** Alias texts the reader hid. */
  hiddenAliases?: string[];
}

export interface MetaRow {
  key: string;
  value: unknown;
}

/**
 * Every schema version, oldest first. Append a new entry for a new version (with an
 * upgrade function when records must change); never edit an old one.
 */
export const SCHEMA_HISTORY: readonly { version: number; stores: Record<string, string | null> }[] = [
  {
    version: 1,
    stores: {
      builtin: 'id, kind',
      userEntities: 'id, kind, origin',
      entityPrefs: 'id',
      meta: 'key',
    },
  },
  {
    // Clippings and reading history. (Settings live in browser.storage.local.)
    version: 2,
    stores: {
      clippings: 'id, url, site, created, updated, *tags, *entities',
      history: 'key, entityId, url, site, lastSeen',
    },
  },
  {
    // Only the indexes queries use: every index costs on each write (an import of
    // 10,000 clippings spent most of its time maintaining the others). The library
    // filters by site, tag and date in memory.
    version: 3,
    stores: {
      clippings: 'id, url, created, *entities',
    },
  },
];

export class CnaiDatabase extends Dexie {
  builtin!: EntityTable<Entity, 'id'>;
  userEntities!: EntityTable<UserEntity, 'id'>;
  entityPrefs!: EntityTable<EntityPref, 'id'>;
  meta!: EntityTable<MetaRow, 'key'>;
  clippings!: EntityTable<Clipping, 'id'>;
  history!: EntityTable<HistoryEntry, 'key'>;

  constructor(name = DB_NAME, options?: { relaxedDurability?: boolean }) {
    // Relaxed durability (no flush to disk per transaction) is for bulk imports in the
    // worker: the imported file stays with the reader if the machine loses power.
    super(name, options?.relaxedDurability ? { chromeTransactionDurability: 'relaxed' } : undefined);
    for (const v of SCHEMA_HISTORY) this.version(v.version).stores(v.stores);
  }
}

let instance: CnaiDatabase | undefined;

/** The shared database instance of this context (background or extension page). */
export function db(): CnaiDatabase {
  if (!instance) {
    instance = new CnaiDatabase();
    watchDb(instance);
  }
  return instance;
}

/** For tests: forget the shared instance (after deleting the database). */
export function resetDbInstance(): void {
  instance?.close();
  instance = undefined;
}

export { onDbEvent, type DbEvent } from './db-events';

/** Wires the events of a database instance to onDbEvent listeners (extension pages). */
export function watchDb(database: CnaiDatabase): void {
  database.on('versionchange', () => {
    // Let the upgrade proceed: close this connection and tell the page.
    database.close();
    emitDbEvent('versionchange');
    return false;
  });
  database.on('blocked', () => {
    emitDbEvent('blocked');
  });
}

