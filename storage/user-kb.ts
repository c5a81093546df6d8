/**
 * The reader's layer of the knowledge base: entities they added, edited copies of
 * built-in ones, hidden entities and aliases. A new built-in pack replaces only the
 * built-in table, so nothing here is ever overwritten or lost.
 */
import { EntitySchema, PackSchema, type Entity, type Pack } from '../kb/schema';
import { checkIntegrity, formatProblem, parseEntities, type PackProblem } from '../kb/validate';
import { msg } from '../i18n/message';
import { db, type CnaiDatabase, type UserEntity } from './db';
import { stripUserFields } from './knowledge';

/** Problems that refused an entity or a pack: `problems` to show in the reader's language, `message` in English (logs, the background's answers). */
export class KnowledgeError extends Error {
  override name = 'KnowledgeError';
  constructor(readonly problems: PackProblem[]) {
    super(problems.map(formatProblem).join('\n'));
  }
}

/**
 * Validates and stores an entity the reader created or edited. An edit of a built-in
 * entity is stored as a copy that wins over the built-in one.
 */
export async function saveUserEntity(input: unknown, database: CnaiDatabase = db()): Promise<UserEntity> {
  const parsed = parseEntities([input]);
  if (parsed.problems.length) throw new KnowledgeError(parsed.problems);
  const entity = parsed.entities[0]!;
  return database.transaction('rw', database.builtin, database.userEntities, async () => {
    // Check this entity against the rest of the effective knowledge base.
    const others = await effectiveOthers(database, entity.id);
    const problems = checkIntegrity([...others, entity]).filter((p) => p.entity === entity.id);
    if (problems.length) throw new KnowledgeError(problems);
    const builtin = await database.builtin.get(entity.id);
    const row: UserEntity = builtin ? { ...entity, origin: 'edited', baseUpdated: builtin.updated } : { ...entity, origin: 'added' };
    await database.userEntities.put(row);
    return row;
  });
}

async function effectiveOthers(database: CnaiDatabase, exceptId: string): Promise<Entity[]> {
  const [builtin, user] = await Promise.all([database.builtin.toArray(), database.userEntities.toArray()]);
  const userById = new Map(user.map((u) => [u.id, stripUserFields(u)]));
  const out: Entity[] = [];
  for (const b of builtin) if (b.id !== exceptId) out.push(userById.get(b.id) ?? b);
  for (const [id, u] of userById) if (id !== exceptId && !builtin.some((b) => b.id === id)) out.push(u);
  return out;
}

/** Drops the reader's copy: an edited built-in entity returns to the built-in version; an added one is deleted. */
export async function removeUserEntity(id: string, database: CnaiDatabase = db()): Promise<void> {
  await database.userEntities.delete(id);
}

export async function setHidden(id: string, hidden: boolean, database: CnaiDatabase = db()): Promise<void> {
  await database.transaction('rw', database.entityPrefs, async () => {
    const pref = (await database.entityPrefs.get(id)) ?? { id };
    await database.entityPrefs.put({ ...pref, hidden: hidden || undefined });
  });
}

export async function setAliasHidden(id: string, alias: string, hidden: boolean, database: CnaiDatabase = db()): Promise<void> {
  await database.transaction('rw', database.entityPrefs, async () => {
    const pref = (await database.entityPrefs.get(id)) ?? { id };
    const set = new Set(pref.hiddenAliases ?? []);
    if (hidden) set.add(alias);
    else set.delete(alias);
    await database.entityPrefs.put({ ...pref, hiddenAliases: set.size ? [...set] : undefined });
  });
}

/** The reader's own and edited entities as a knowledge pack. */
export async function exportUserPack(now = new Date(), database: CnaiDatabase = db()): Promise<Pack> {
  const user = await database.userEntities.toArray();
  return PackSchema.parse({ format: 'cnai-knowledge-pack', version: now.toISOString().slice(0, 10), entities: user.map(stripUserFields) });
}

export interface PackImportResult {
  added: number;
  updated: number;
}

/**
 * Imports a knowledge pack: every entity validated, every relation resolved against the
 * pack and the existing knowledge base. Nothing is written unless the whole pack is valid.
 */
export async function importPack(text: string, database: CnaiDatabase = db()): Promise<PackImportResult> {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw new KnowledgeError([{ entity: '', field: '', message: msg('kb.issue.notJson', { detail: e instanceof Error ? e.message : String(e) }) }]);
  }
  const envelope = raw as { format?: unknown; version?: unknown; entities?: unknown };
  if (!envelope || typeof envelope !== 'object' || envelope.format !== 'cnai-knowledge-pack' || !Array.isArray(envelope.entities)) {
    throw new KnowledgeError([{ entity: '', field: 'format', message: msg('kb.issue.notPack') }]);
  }
  const parsed = parseEntities(envelope.entities);
  if (parsed.problems.length) throw new KnowledgeError(parsed.problems);
  return database.transaction('rw', database.builtin, database.userEntities, async () => {
    const ids = new Set(parsed.entities.map((e) => e.id));
    const others = (await effectiveOthers(database, '')).filter((e) => !ids.has(e.id));
    const problems = checkIntegrity([...others, ...parsed.entities]).filter((p) => ids.has(p.entity));
    if (problems.length) throw new KnowledgeError(problems);
    let added = 0;
    let updated = 0;
    const rows: UserEntity[] = [];
    for (const e of parsed.entities) {
      const entity = EntitySchema.parse(e);
      const builtin = await database.builtin.get(e.id);
      const existing = await database.userEntities.get(e.id);
      if (builtin || existing) updated++;
      else added++;
      rows.push(builtin ? { ...entity, origin: 'edited', baseUpdated: builtin.updated } : { ...entity, origin: 'added' });
    }
    await database.userEntities.bulkPut(rows);
    return { added, updated };
  });
}
