/**
 * Seeds the built-in layer from the bundled pack. Runs in the background on install,
 * on update and at start-up; when the stored pack version is current it does not even
 * read the pack. The user's layer (userEntities, entityPrefs) is never touched.
 */
import type { Entity } from '../kb/schema';
import { db, type CnaiDatabase } from './db';

export const BUILTIN_VERSION_KEY = 'builtinPackVersion';
export const BUILTIN_COUNT_KEY = 'builtinPackCount';

export async function seedBuiltin(
  entities: readonly Entity[] | (() => Promise<readonly Entity[]>),
  version: string,
  database: CnaiDatabase = db(),
  force = false,
): Promise<{ seeded: boolean; count: number }> {
  if (!force) {
    const [current, expected, count] = await Promise.all([
      database.meta.get(BUILTIN_VERSION_KEY),
      database.meta.get(BUILTIN_COUNT_KEY),
      database.builtin.count(),
    ]);
    if (current?.value === version && expected?.value === count && (typeof entities === 'function' || count === entities.length)) {
      return { seeded: false, count };
    }
  }
  const list = typeof entities === 'function' ? await entities() : entities;
  return database.transaction('rw', database.builtin, database.meta, async () => {
    await database.builtin.clear();
    await database.builtin.bulkPut(list as Entity[]);
    await database.meta.bulkPut([
      { key: BUILTIN_VERSION_KEY, value: version },
      { key: BUILTIN_COUNT_KEY, value: list.length },
    ]);
    return { seeded: true, count: list.length };
  });
}
