/**
 * Validation of the built-in pack's files, wherever they come from: imported as
 * modules (Node, tests, benchmarks: kb/builtin.ts) or fetched from the extension's
 * package (the background, which reads them only when it must seed).
 */
import type { Entity } from './schema';
import { msg } from '../i18n/message';
import { checkIntegrity, formatProblem, parseEntities, type PackProblem } from './validate';

/** Bump when the pack's content changes; the background re-seeds built-ins on a new version. */
export const BUILTIN_PACK_VERSION = '2026.12.08-125';

export interface LoadedPack {
  entities: Entity[];
  problems: PackProblem[];
}

/** Parses every file and runs the cross-entity checks; never throws. */
export function validatePackFiles(files: Record<string, unknown>): LoadedPack {
  const entities: Entity[] = [];
  const problems: PackProblem[] = [];
  for (const [name, file] of Object.entries(files)) {
    const raw = file && typeof file === 'object' ? (file as { entities?: unknown }).entities : undefined;
    if (!Array.isArray(raw)) {
      problems.push({ entity: `${name}.json`, field: 'entities', message: msg('kb.issue.entitiesList') });
      continue;
    }
    const parsed = parseEntities(raw, `${name}.json: `);
    entities.push(...parsed.entities);
    problems.push(...parsed.problems);
  }
  problems.push(...checkIntegrity(entities));
  return { entities, problems };
}

/** The entities, or an error listing every problem. */
export function entitiesOrThrow(pack: LoadedPack): Entity[] {
  if (pack.problems.length) throw new Error(`Built-in knowledge pack is invalid:\n${pack.problems.map(formatProblem).join('\n')}`);
  return pack.entities;
}
