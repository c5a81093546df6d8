/**
 * The built-in knowledge pack: the JSON files in ./pack, validated at load.
 * The background seeds the database from it; tests and benchmarks import it directly.
 */
import companies from './pack/companies.json';
import models from './pack/models.json';
import organizations from './pack/organizations.json';
import policies from './pack/policies.json';
import { PackFileSchema, type Entity } from './schema';
import { checkIntegrity, formatProblem, parseEntities, type PackProblem } from './validate';

export const BUILTIN_FILES = { models, companies, organizations, policies } as const;

/** Bump when the pack's content changes; the background re-seeds built-ins on a new version. */
export const BUILTIN_PACK_VERSION = '2026.11.22-1';

export interface LoadedPack {
  entities: Entity[];
  problems: PackProblem[];
}

/** Parses every file and runs the cross-entity checks; never throws. */
export function loadBuiltinPack(): LoadedPack {
  const entities: Entity[] = [];
  const problems: PackProblem[] = [];
  for (const [name, file] of Object.entries(BUILTIN_FILES)) {
    const shape = PackFileSchema.pick({ $comment: true }).passthrough().safeParse(file);
    if (!shape.success) {
      problems.push({ entity: name, field: '', message: 'is not a pack file' });
      continue;
    }
    const raw = (file as { entities?: unknown }).entities;
    if (!Array.isArray(raw)) {
      problems.push({ entity: name, field: 'entities', message: 'must be a list' });
      continue;
    }
    const parsed = parseEntities(raw, `${name}.json: `);
    entities.push(...parsed.entities);
    problems.push(...parsed.problems);
  }
  problems.push(...checkIntegrity(entities));
  return { entities, problems };
}

let cached: Entity[] | undefined;

/** The validated built-in entities; throws with every problem listed if the pack is invalid. */
export function builtinEntities(): Entity[] {
  if (cached) return cached;
  const { entities, problems } = loadBuiltinPack();
  if (problems.length) throw new Error(`Built-in knowledge pack is invalid:\n${problems.map(formatProblem).join('\n')}`);
  return (cached = entities);
}
