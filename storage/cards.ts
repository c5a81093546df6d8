/**
 * Entity cards: an entity with what the reader needs to follow its relations
 * (names and kinds of related entities, and relations that point to it).
 */
import type { Entity } from '../kb/schema';
import type { EntityCard, Related } from '../messaging/protocol';
import type { CnaiDatabase } from './db';
import { getEffectiveEntity, loadEffectiveEntities } from './knowledge';

function relatedOf(e: Entity): Related {
  const out: Related = { id: e.id, name: e.name.en, kind: e.kind };
  if (e.name.zhHans) out.zhHans = e.name.zhHans;
  if (e.name.zhHant) out.zhHant = e.name.zhHant;
  return out;
}

export async function entityCard(id: string, database?: CnaiDatabase): Promise<EntityCard | null> {
  const found = await getEffectiveEntity(id, database);
  if (!found) return null;
  const all = await loadEffectiveEntities(database);
  const byId = new Map(all.map((e) => [e.entity.id, e.entity]));
  const related = new Map<string, Related>();
  for (const r of found.entity.relations) {
    const t = byId.get(r.target);
    if (t) related.set(t.id, relatedOf(t));
  }
  const incoming: EntityCard['incoming'] = [];
  for (const { entity } of all) {
    for (const r of entity.relations) {
      if (r.target !== id || entity.id === id) continue;
      incoming.push({ type: r.type, source: entity.id });
      related.set(entity.id, relatedOf(entity));
    }
  }
  return { entity: found.entity, origin: found.origin, related: [...related.values()], incoming };
}

