/**
 * The effective knowledge base: built-in entities overlaid by the user's layer
 * (added and edited entities) and the reader's preferences (hidden entities and
 * aliases, muted entities).
 */
import type { Entity } from '../kb/schema';
import { db, type CnaiDatabase, type EntityPref, type UserEntity } from './db';

export interface EffectiveEntity {
  entity: Entity;
  origin: 'builtin' | 'added' | 'edited';
  pref?: EntityPref;
}

/** Merges the layers; hidden entities are left out unless `includeHidden`. */
export function mergeLayers(
  builtin: readonly Entity[],
  user: readonly UserEntity[],
  prefs: readonly EntityPref[],
  includeHidden = false,
): EffectiveEntity[] {
  const prefById = new Map(prefs.map((p) => [p.id, p]));
  const userById = new Map(user.map((u) => [u.id, u]));
  const out: EffectiveEntity[] = [];
  for (const b of builtin) {
    const u = userById.get(b.id);
    const entity = u ? stripUserFields(u) : b;
    out.push({ entity, origin: u ? 'edited' : 'builtin', pref: prefById.get(b.id) });
    userById.delete(b.id);
  }
  for (const u of userById.values()) out.push({ entity: stripUserFields(u), origin: 'added', pref: prefById.get(u.id) });
  return includeHidden ? out : out.filter((e) => !e.pref?.hidden);
}

export function stripUserFields(u: UserEntity): Entity {
  const { origin: _o, baseUpdated: _b, ...entity } = u;
  return entity as Entity;
}

export async function loadEffectiveEntities(database: CnaiDatabase = db(), includeHidden = false): Promise<EffectiveEntity[]> {
  return database.transaction('r', database.builtin, database.userEntities, database.entityPrefs, async () => {
    const [builtin, user, prefs] = await Promise.all([
      database.builtin.toArray(),
      database.userEntities.toArray(),
      database.entityPrefs.toArray(),
    ]);
    return mergeLayers(builtin, user, prefs, includeHidden);
  });
}

/** The entities and aliases that get highlighted: not hidden, not muted, hidden aliases removed. */
export function highlightableEntities(effective: readonly EffectiveEntity[]): Entity[] {
  const out: Entity[] = [];
  for (const { entity, pref } of effective) {
    if (pref?.hidden || pref?.muted) continue;
    const hiddenAliases = new Set(pref?.hiddenAliases ?? []);
    const aliases = hiddenAliases.size ? entity.aliases.filter((a) => !hiddenAliases.has(a.text)) : entity.aliases;
    if (aliases.length) out.push(aliases === entity.aliases ? entity : { ...entity, aliases });
  }
  return out;
}

/** One entity as the reader sees it (user edit over built-in), or undefined. */
export async function getEffectiveEntity(id: string, database: CnaiDatabase = db()): Promise<EffectiveEntity | undefined> {
  const [b, u, pref] = await Promise.all([database.builtin.get(id), database.userEntities.get(id), database.entityPrefs.get(id)]);
  if (u) return { entity: stripUserFields(u), origin: b ? 'edited' : 'added', pref };
  if (b) return { entity: b, origin: 'builtin', pref };
  return undefined;
}

/** Mutes or unmutes an entity (kept in the reader's preferences, survives pack updates). */
export async function setMuted(id: string, muted: boolean, database: CnaiDatabase = db()): Promise<void> {
  await database.transaction('rw', database.entityPrefs, async () => {
    const pref = (await database.entityPrefs.get(id)) ?? { id };
    await database.entityPrefs.put({ ...pref, muted: muted || undefined });
  });
}

/** Only these entities, as the reader sees them (hidden ones left out): fast for small sets. */
export async function loadEntitiesById(ids: readonly string[], database: CnaiDatabase = db()): Promise<Map<string, Entity>> {
  const [builtin, user, prefs] = await Promise.all([database.builtin.bulkGet([...ids]), database.userEntities.bulkGet([...ids]), database.entityPrefs.bulkGet([...ids])]);
  return new Map(mergeLayers(present(builtin), present(user), present(prefs)).map(({ entity }) => [entity.id, entity]));
}

/** The records bulkGet found. */
function present<T>(records: readonly (T | undefined)[]): T[] {
  return records.filter((r): r is T => r !== undefined);
}
