/**
 * The built-in knowledge pack as modules (Node, tests, benchmarks, the kb:check script).
 * The extension's background fetches the same JSON files from its package instead
 * (background/pack.ts), so its service worker does not parse them at every start.
 */
import companies from './pack/companies.json';
import models from './pack/models.json';
import organizations from './pack/organizations.json';
import policies from './pack/policies.json';
import { entitiesOrThrow, validatePackFiles, type LoadedPack } from './pack-loader';
import type { Entity } from './schema';

export { BUILTIN_PACK_VERSION, type LoadedPack } from './pack-loader';

export const BUILTIN_FILES = { models, companies, organizations, policies } as const;

/** Parses every file and runs the cross-entity checks; never throws. */
export function loadBuiltinPack(): LoadedPack {
  return validatePackFiles(BUILTIN_FILES);
}

let cached: Entity[] | undefined;

/** The validated built-in entities; throws with every problem listed if the pack is invalid. */
export function builtinEntities(): Entity[] {
  return (cached ??= entitiesOrThrow(loadBuiltinPack()));
}
