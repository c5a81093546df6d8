import { compileMatcher } from '../../engine/compile';
import { textMentions } from '../../engine/text-mentions';
import { Matcher } from '../../engine/matcher';
import type { Entity } from '../../kb/schema';
import { parseEntities } from '../../kb/validate';
import small from '../fixtures/kb/small.json';

export function smallEntities(): Entity[] {
  const { entities, problems } = parseEntities(small.entities);
  if (problems.length) throw new Error(JSON.stringify(problems));
  return entities;
}

export function matcherFor(entities: readonly Entity[] = smallEntities()): Matcher {
  return new Matcher(compileMatcher(entities).data);
}

/**
 * Mentions in a text as [text, entity id] pairs, ignoring context requirements and veto
 * words (a veto word found is not a mention: it is never highlighted).
 */
export function findAll(m: Matcher, text: string): [string, string][] {
  const out: [string, string][] = [];
  for (const x of m.find(text)) {
    const p = x.patterns.find((q) => !m.patterns.isMarker(q));
    if (p !== undefined) out.push([text.slice(x.start, x.end), m.ids[m.patterns.entity[p]!]!]);
  }
  return out;
}

/**
 * Mentions found part by part, each part ending at the next Matcher.splitPoint (as the
 * scanner splits a long block), and how many splits there were.
 */
export function findInParts(m: Matcher, text: string): { mentions: ReturnType<Matcher['find']>; splits: number } {
  const mentions: ReturnType<Matcher['find']> = [];
  let splits = 0;
  let a = 0;
  for (let b; (b = m.splitPoint(text, a, text.length)) >= 0; a = b, splits++) mentions.push(...m.find(text, a, b));
  mentions.push(...m.find(text, a, text.length));
  return { mentions, splits };
}

/** Mentions that count on a page whose whole text is `text` (context requirements applied). */
export function pageMentions(m: Matcher, text: string): [string, string][] {
  return textMentions(m, text).map((r) => [text.slice(r.start, r.end), m.ids[r.entity]!]);
}
