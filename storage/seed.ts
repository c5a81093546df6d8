/**
 * Seeds the built-in layer from the bundled pack. Runs in the background on install,
 * on update and at start-up; a no-op when the stored pack version is current.
 * The user's layer (userEntities, entityPrefs) is never touched.
 */
import type { Entity } from '../kb/schema';
import { db, type CnaiDatabase } from './db';

export const BUILTIN_VERSION_KEY = 'builtinPackVersion';

export async function seedBuiltin(
  entities: readonly Entity[],
  version: string,
  database: CnaiDatabase = db(),
  force = false,
): Promise<{ seeded: boolean; count: number }> {
  return database.transaction('rw', database.builtin, database.meta, async () => {
    const current = await database.meta.get(BUILTIN_VERSION_KEY);
    const count = await database.builtin.count();
    if (!force && current?.value === version && count === entities.length) return { seeded: false, count };
    await database.builtin.clear();
    await database.builtin.bulkPut(entities as Entity[]);
    await database.meta.put({ key: BUILTIN_VERSION_KEY, value: version });
    return { seeded: true, count: entities.length };
  });
}
