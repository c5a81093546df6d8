import { describe, expect, it } from 'vitest';
import { loadBuiltinPack } from '../../../kb/builtin';
import { formatProblem } from '../../../kb/validate';
import { compileMatcher } from '../../../engine/compile';

describe('the built-in knowledge pack', () => {
  const { entities, problems } = loadBuiltinPack();

  it('is valid: schema, relations, contexts, alias claims', () => {
    expect(problems.map(formatProblem)).toEqual([]);
  });

  it('gives every entity at least one source', () => {
    for (const e of entities) expect(e.sources.length, e.id).toBeGreaterThan(0);
  });

  it('compiles into a matcher', () => {
    const { stats } = compileMatcher(entities);
    expect(stats.patterns).toBeGreaterThan(0);
  });
});
