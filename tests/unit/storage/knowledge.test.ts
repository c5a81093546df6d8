/**
 * The reader's knowledge layer: edits win over built-ins, a new built-in pack never
 * overwrites them, added entities survive, hidden aliases stop matching, packs import
 * whole or not at all.
 */
import Dexie from 'dexie';
import { beforeEach, describe, expect, it } from 'vitest';
import { CnaiDatabase } from '../../../storage/db';
import { highlightableEntities, loadEffectiveEntities, loadEntitiesById } from '../../../storage/knowledge';
import { seedBuiltin } from '../../../storage/seed';
import { exportUserPack, importPack, KnowledgeError, removeUserEntity, saveUserEntity, setAliasHidden, setHidden } from '../../../storage/user-kb';
import { smallEntities } from '../helpers';

let db: CnaiDatabase;
const entities = smallEntities();
const byId = (id: string) => entities.find((e) => e.id === id)!;

beforeEach(async () => {
  await Dexie.delete('kb-test');
  db = new CnaiDatabase('kb-test');
  await seedBuiltin(entities, 'v1', db);
});

describe('user layer', () => {
  it('loads a few entities by id as the reader sees them: edits win, hidden and unknown ones are left out', async () => {
    await saveUserEntity({ ...byId('zhipu-ai'), summary: 'My own summary of Zhipu.' }, db);
    await setHidden('baidu', true, db);
    const got = await loadEntitiesById(['zhipu-ai', 'baidu', 'cac', 'no-such-entity'], db);
    expect([...got.keys()].sort()).toEqual(['cac', 'zhipu-ai']);
    expect(got.get('zhipu-ai')!.summary).toBe('My own summary of Zhipu.');
  });

  it('stores an edit as a copy that wins over the built-in entity', async () => {
    await saveUserEntity({ ...byId('zhipu-ai'), summary: 'My own summary of Zhipu.' }, db);
    const eff = await loadEffectiveEntities(db);
    const z = eff.find((e) => e.entity.id === 'zhipu-ai')!;
    expect(z.origin).toBe('edited');
    expect(z.entity.summary).toBe('My own summary of Zhipu.');
  });

  it('keeps edits and additions when a new built-in pack arrives', async () => {
    await saveUserEntity({ ...byId('zhipu-ai'), summary: 'My own summary of Zhipu.' }, db);
    await saveUserEntity({ ...byId('baidu'), id: 'my-lab', name: { en: 'My Lab' }, aliases: [{ text: 'My Lab', lang: 'en' }] }, db);
    const next = entities.map((e) => (e.id === 'zhipu-ai' ? { ...e, summary: 'Updated built-in summary.', updated: '2026-12-01' } : e));
    const r = await seedBuiltin(next, 'v2', db);
    expect(r.seeded).toBe(true);
    const eff = await loadEffectiveEntities(db);
    expect(eff.find((e) => e.entity.id === 'zhipu-ai')!.entity.summary).toBe('My own summary of Zhipu.');
    expect(eff.find((e) => e.entity.id === 'my-lab')!.origin).toBe('added');
    expect((await db.builtin.get('zhipu-ai'))!.summary).toBe('Updated built-in summary.');
    // Restoring the built-in version picks up the update.
    await removeUserEntity('zhipu-ai', db);
    expect((await loadEffectiveEntities(db)).find((e) => e.entity.id === 'zhipu-ai')!.entity.summary).toBe('Updated built-in summary.');
  });

  it('refuses an invalid entity with messages naming the field', async () => {
    await expect(saveUserEntity({ ...byId('baidu'), id: 'new-co', sources: [], relations: [{ type: 'part_of', target: 'nowhere' }] }, db)).rejects.toThrow(KnowledgeError);
    try {
      await saveUserEntity({ ...byId('baidu'), id: 'new-co', relations: [{ type: 'part_of', target: 'nowhere' }] }, db);
    } catch (e) {
      expect((e as KnowledgeError).message).toContain('new-co → relations.0.target: points to "nowhere"');
    }
    expect(await db.userEntities.count()).toBe(0);
  });

  it('refuses an alias that another entity already claims', async () => {
    await expect(saveUserEntity({ ...byId('baidu'), id: 'copycat', aliases: [{ text: 'Zhipu AI', lang: 'en' }] }, db)).rejects.toThrow(/also claimed by zhipu-ai/);
  });

  it('hides entities and aliases from highlighting', async () => {
    await setHidden('kimi', true, db);
    await setAliasHidden('cac', 'CAC', true, db);
    const h = highlightableEntities(await loadEffectiveEntities(db));
    expect(h.some((e) => e.id === 'kimi')).toBe(false);
    expect(h.find((e) => e.id === 'cac')!.aliases.map((a) => a.text)).not.toContain('CAC');
  });
});

describe('knowledge packs', () => {
  it('exports the user layer and imports it back', async () => {
    await saveUserEntity({ ...byId('baidu'), id: 'my-lab', name: { en: 'My Lab' }, aliases: [{ text: 'My Lab', lang: 'en' }] }, db);
    const pack = await exportUserPack(new Date('2026-11-22T00:00:00Z'), db);
    expect(pack.entities.map((e) => e.id)).toEqual(['my-lab']);
    await db.userEntities.clear();
    expect(await importPack(JSON.stringify(pack), db)).toEqual({ added: 1, updated: 0 });
    expect((await db.userEntities.get('my-lab'))!.name.en).toBe('My Lab');
  });

  it('imports nothing when any entity is invalid, and names it', async () => {
    const pack = {
      format: 'cnai-knowledge-pack',
      version: '1',
      entities: [
        { ...byId('baidu'), id: 'good-one', aliases: [{ text: 'Good One', lang: 'en' }] },
        { ...byId('baidu'), id: 'bad-one', aliases: [{ text: 'Bad One', lang: 'klingon' }] },
      ],
    };
    await expect(importPack(JSON.stringify(pack), db)).rejects.toThrow(/bad-one → aliases\.0\.lang/);
    expect(await db.userEntities.count()).toBe(0);
    await expect(importPack('{"not":"a pack"}', db)).rejects.toThrow(/is not a knowledge pack/);
    await expect(importPack('not json', db)).rejects.toThrow(/is not JSON/);
  });
});
