/**
 * Compiles the effective knowledge base into matcher data and publishes it to
 * extension storage, where every content script reads it (no per-tab compilation).
 */
import { compileMatcher, COMPILER_REVISION, MATCHER_FORMAT, type CompilableEntity, type CompileStats } from '../engine/compile';
import { highlightableEntities, loadEffectiveEntities } from '../storage/knowledge';
import type { CnaiDatabase } from '../storage/db';
import type { Entity, EntityKind } from '../kb/schema';

/** What the popup needs to list an entity before it opens the database. */
export type EntityLabel = Pick<Entity, 'id' | 'kind' | 'name'>;
export type EntityLabels = Record<string, EntityLabel>;

export interface PublishTarget {
  get(): Promise<{ fingerprint?: string } | undefined>;
  set(value: object): Promise<void>;
  /** Receives the labels of the entities in a newly published matcher. */
  setLabels?(labels: EntityLabels): Promise<void>;
}

/** A cheap, stable fingerprint of the highlightable entities (FNV-1a over their JSON). */
export function fingerprint(json: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < json.length; i++) {
    h ^= json.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return `${json.length.toString(36)}-${(h >>> 0).toString(36)}`;
}

/**
 * What a published matcher was made from. The format and the compiler's revision are part
 * of it: a new engine republishes even for the same entities; so are the names, for the
 * labels published with it.
 */
export function matcherFingerprint(input: readonly CompilableEntity[], names: readonly Entity['name'][], revision = COMPILER_REVISION): string {
  return fingerprint(JSON.stringify([MATCHER_FORMAT, revision, input, names]));
}

export async function publishMatcher(
  target: PublishTarget,
  database?: CnaiDatabase,
  force = false,
  kinds?: Record<EntityKind, boolean>,
): Promise<{ published: boolean; stats?: CompileStats }> {
  const entities = highlightableEntities(await loadEffectiveEntities(database)).filter((e) => !kinds || kinds[e.kind]);
  // Relations as the compiler reads them (what a mention vouches for); their notes do not matter.
  const input = entities.map((e) => ({ id: e.id, kind: e.kind, aliases: e.aliases, relations: e.relations.map((r) => ({ type: r.type, target: r.target })) }));
  const fp = matcherFingerprint(input, entities.map((e) => e.name));
  const current = await target.get();
  if (!force && current?.fingerprint === fp) return { published: false };
  const { data, stats } = compileMatcher(input);
  await target.set({ ...data, fingerprint: fp });
  await target.setLabels?.(Object.fromEntries(entities.map((e) => [e.id, { id: e.id, kind: e.kind, name: e.name }])));
  return { published: true, stats };
}
