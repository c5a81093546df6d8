/**
 * Searching the knowledge base by name or alias, in any script: the query and every
 * name are folded the same way as page text (case, width, traditional → simplified,
 * dashes), so "qwen 2.5", "通義千問" and "CAC" find what a reader expects. Pure.
 */
import { foldText } from '../engine/chars';
import type { Entity } from './schema';

export interface SearchIndex {
  entities: readonly Entity[];
  keys: string[][];
}

export function buildSearchIndex(entities: readonly Entity[]): SearchIndex {
  return {
    entities,
    keys: entities.map((e) => {
      const names = [e.id.replace(/-/g, ' '), e.name.en, e.name.zhHans, e.name.zhHant, ...e.aliases.map((a) => a.text)];
      return [...new Set(names.filter((n): n is string => !!n).map(foldText))];
    }),
  };
}

/** Entities whose names or aliases match, best first: exact, then prefix, then word prefix, then substring. */
export function searchEntities(index: SearchIndex, query: string, limit = 50): Entity[] {
  const q = foldText(query);
  if (!q) return [];
  const scored: { e: Entity; score: number; len: number }[] = [];
  index.entities.forEach((e, i) => {
    let best = 0;
    for (const k of index.keys[i]!) {
      let s = 0;
      if (k === q) s = 4;
      else if (k.startsWith(q)) s = 3;
      else if (k.includes(` ${q}`)) s = 2;
      else if (k.includes(q)) s = 1;
      if (s > best) best = s;
    }
    if (best) scored.push({ e, score: best, len: e.name.en.length });
  });
  scored.sort((a, b) => b.score - a.score || a.len - b.len || a.e.name.en.localeCompare(b.e.name.en));
  return scored.slice(0, limit).map((s) => s.e);
}
