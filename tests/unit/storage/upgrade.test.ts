/**
 * Schema upgrades keep every record: for each earlier version, a database is created
 * at that version with data in every table it has, then opened with the current schema.
 */
import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { CnaiDatabase, SCHEMA_HISTORY } from '../../../storage/db';
import { generateClippings } from '../../fixtures/generate-clippings';
import { smallEntities } from '../helpers';

const LATEST = SCHEMA_HISTORY[SCHEMA_HISTORY.length - 1]!.version;

function sample(table: string): Record<string, unknown>[] {
  const entities = smallEntities();
  switch (table) {
    case 'builtin':
      return entities;
    case 'userEntities':
      return [{ ...entities[0]!, id: 'my-own-lab', origin: 'added' }, { ...entities[1]!, summary: 'Edited by the reader.', origin: 'edited', baseUpdated: '2026-01-01' }];
    case 'entityPrefs':
      return [{ id: 'kimi', muted: true }, { id: 'cac', hiddenAliases: ['CAC'] }];
    case 'meta':
      return [{ key: 'builtinPackVersion', value: 'old' }];
    case 'clippings':
      return generateClippings(50);
    case 'history':
      return [{ key: 'cac https://a.example/x', entityId: 'cac', url: 'https://a.example/x', title: 'X', site: 'a.example', firstSeen: '2026-01-01T00:00:00.000Z', lastSeen: '2026-01-02T00:00:00.000Z', count: 3 }];
    default:
      throw new Error(`no sample for ${table}`);
  }
}

describe('database upgrades', () => {
  afterEach(async () => {
    await Dexie.delete('upgrade-test');
  });

  for (const from of SCHEMA_HISTORY.filter((v) => v.version < LATEST)) {
    it(`keeps every record from version ${from.version}`, async () => {
      const old = new Dexie('upgrade-test');
      for (const v of SCHEMA_HISTORY.filter((x) => x.version <= from.version)) old.version(v.version).stores(v.stores);
      await old.open();
      const written: Record<string, unknown[]> = {};
      for (const table of old.tables) {
        written[table.name] = sample(table.name);
        await table.bulkPut(written[table.name]!);
      }
      old.close();

      const db = new CnaiDatabase('upgrade-test');
      await db.open();
      expect(db.verno).toBe(LATEST);
      for (const [name, records] of Object.entries(written)) {
        const stored = await db.table(name).toArray();
        expect(stored.length, name).toBe(records.length);
        expect(stored).toEqual(expect.arrayContaining(records as object[]));
      }
      db.close();
    });
  }

  it('has a sample for every table of the latest version', () => {
    const db = new CnaiDatabase('upgrade-test');
    for (const t of db.tables) expect(() => sample(t.name)).not.toThrow();
    db.close();
  });
});
