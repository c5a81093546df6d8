/**
 * Compiles the effective knowledge base (built-in pack + user layer, minus hidden
 * entities and aliases) into the compact matcher data that content scripts load.
 */
import { buildAutomaton, serializeAutomaton, type SerializedAutomaton } from './automaton';
import { casePattern, foldText, isWordChar } from './chars';
import type { EntityKind } from '../kb/kinds';
import { regionalVariants } from './regional';
import { aliasSpellings } from './spellings';
import { packPatterns, P_CASE_SENSITIVE, P_FREE_WITH_VERSION, P_NEEDS_CONTEXT, P_NEIGHBOURS, P_UNLESS, P_VERSIONED, P_WORD_END, P_WORD_START, type MatcherPattern, type PackedPatterns } from './patterns';

export type { MatcherPattern } from './patterns';
export { aliasSpellings, spacingVariants } from './spellings';

/**
 * 5: the automaton stored without the arrays a tab derives in one pass (engine/automaton.ts).
 * 6: each stored array in the narrowest width that holds it (engine/narrow.ts).
 * 7: neighbour word lists stored once and referred to by index (PackedPatterns.words).
 * 8: what each entity's mentions vouch for as context (`vouches`).
 */
export const MATCHER_FORMAT = 8;

/**
 * Bumped whenever the same entities compile to other patterns, so that a published
 * matcher made by an older compiler is compiled again (background/matcher.ts).
 * 1: Taiwan's words for mainland terms (engine/regional.ts). 2: 積體電路. 3: 數位, and
 * Taiwan's words in neighbour words too. 6: veto words (alias `unlessPageSays`).
 */
export const COMPILER_REVISION = 6;

// The pattern flags live with the pattern table, which indexes some of them.
export { P_CASE_SENSITIVE, P_FREE_WITH_VERSION, P_NEEDS_CONTEXT, P_NEIGHBOURS, P_UNLESS, P_VERSIONED, P_WORD_END, P_WORD_START } from './patterns';

/** What the compiler needs of an entity. */
export interface CompilableEntity {
  id: string;
  kind: EntityKind;
  aliases: readonly {
    text: string;
    caseSensitive?: boolean;
    context?: readonly string[];
    versioned?: boolean;
    freeWithVersion?: boolean;
    notPrecededBy?: readonly string[];
    notFollowedBy?: readonly string[];
    exceptPrecededBy?: readonly string[];
    exceptFollowedBy?: readonly string[];
    unlessPageSays?: readonly string[];
  }[];
  /** Its relations; the VOUCHING ones make its mentions count as context for their targets. */
  relations?: readonly { type: string; target: string }[];
}

/**
 * The relations along which an unambiguous mention vouches for another entity's presence
 * as context, by the kind of the entity mentioned: a model for its family and its maker
 * ("Tencent Hunyuan-T1" is Tencent and Hunyuan on the page, though the longer name took
 * both words), a policy for its issuer, a company for its parent. Not an organization's:
 * a newspaper's owner or a ministry's State Council is not what a page about it is about.
 */
const VOUCHING: Partial<Record<EntityKind, readonly string[]>> = { model: ['part_of', 'developed_by'], policy: ['issued_by'], company: ['part_of'] };

export interface MatcherData {
  format: typeof MATCHER_FORMAT;
  /** Entity ids and kinds; patterns refer to entities by index. */
  ids: string[];
  kinds: EntityKind[];
  /** Entity → the entities its unambiguous mentions vouch for as context (VOUCHING, transitively); only entities that have any. */
  vouches: [number, number[]][];
  /** Patterns, and their indices per automaton group (patterns sharing one folded text), packed. */
  patterns: PackedPatterns;
  automaton: SerializedAutomaton;
}

export interface CompileStats {
  entities: number;
  aliases: number;
  patterns: number;
  groups: number;
}

export function compileMatcher(entities: readonly CompilableEntity[]): { data: MatcherData; stats: CompileStats } {
  const index = new Map<string, number>();
  entities.forEach((e, i) => index.set(e.id, i));
  const patterns: MatcherPattern[] = [];
  const groupsByText = new Map<string, number[]>();
  const seen = new Set<string>();
  let aliasCount = 0;
  // Veto words: each folded spelling becomes one marker pattern, appended after every alias
  // pattern (so that where a veto word is also an alias, the alias comes first in its group).
  const markers = new Map<string, { ordinal: number; entity: number }>();
  const markerOrdinals = (words: readonly string[] | undefined, ei: number): number[] | undefined => {
    if (!words?.length) return undefined;
    const out = new Set<number>();
    for (const w of words) {
      const written = foldText(w);
      if (!written) continue;
      for (const folded of aliasSpellings(written)) {
        let m = markers.get(folded);
        if (!m) markers.set(folded, (m = { ordinal: markers.size, entity: ei }));
        out.add(m.ordinal);
      }
    }
    return out.size ? [...out].sort((a, b) => a - b) : undefined;
  };
  /** Appends a pattern for the spelling `folded`, to that spelling's automaton group. */
  const addPattern = (folded: string, p: MatcherPattern) => {
    let group = groupsByText.get(folded);
    if (!group) groupsByText.set(folded, (group = []));
    group.push(patterns.length);
    patterns.push(p);
  };

  entities.forEach((entity, ei) => {
    for (const alias of entity.aliases) {
      aliasCount++;
      const written = foldText(alias.text);
      if (!written) continue;
      let flags = 0;
      if (alias.caseSensitive) flags |= P_CASE_SENSITIVE;
      if (alias.versioned || entity.kind === 'model') flags |= P_VERSIONED;
      if (alias.context) flags |= P_NEEDS_CONTEXT;
      if (alias.context && alias.freeWithVersion) flags |= P_FREE_WITH_VERSION;
      const k = alias.caseSensitive ? casePattern(alias.text) : undefined;
      const c = alias.context?.map((id) => index.get(id)).filter((i): i is number => i !== undefined);
      const nb = foldedWords(alias.notPrecededBy);
      const na = foldedWords(alias.notFollowedBy);
      const xb = nb ? foldedWords(alias.exceptPrecededBy) : undefined;
      const xa = na ? foldedWords(alias.exceptFollowedBy) : undefined;
      const u = markerOrdinals(alias.unlessPageSays, ei);
      if (u) flags |= P_UNLESS;
      for (const folded of aliasSpellings(written, alias.caseSensitive)) {
        const f = flags | wordEdgeFlags(folded);
        // The same alias written twice for one entity (e.g. in two languages) is one pattern.
        const key = JSON.stringify([ei, folded, f, k, c, nb, na, xb, xa, u]);
        if (seen.has(key)) continue;
        seen.add(key);
        const p: MatcherPattern = { e: ei, f };
        if (c) p.c = c;
        if (k) p.k = k;
        if (nb?.length) p.nb = nb;
        if (na?.length) p.na = na;
        if (p.nb && xb?.length) p.xb = xb;
        if (p.na && xa?.length) p.xa = xa;
        if (p.nb || p.na) p.f |= P_NEIGHBOURS;
        if (u) p.u = u;
        addPattern(folded, p);
      }
    }
  });

  // In ordinal order (the map's insertion order): marker u is pattern markerStart + u.
  const markerStart = patterns.length;
  for (const [folded, m] of markers) addPattern(folded, { e: m.entity, f: wordEdgeFlags(folded) });

  const texts = [...groupsByText.keys()];
  const automaton = buildAutomaton(texts);
  const data: MatcherData = {
    format: MATCHER_FORMAT,
    ids: entities.map((e) => e.id),
    kinds: entities.map((e) => e.kind),
    vouches: vouchesOf(entities, index),
    patterns: packPatterns(patterns, [...groupsByText.values()], markerStart),
    automaton: serializeAutomaton(automaton),
  };
  return { data, stats: { entities: entities.length, aliases: aliasCount, patterns: patterns.length, groups: texts.length } };
}

/** For each entity, what its mentions vouch for: VOUCHING relations followed to the end, among the entities compiled. */
function vouchesOf(entities: readonly CompilableEntity[], index: ReadonlyMap<string, number>): [number, number[]][] {
  const direct = entities.map((e) => {
    const types = VOUCHING[e.kind];
    const out: number[] = [];
    for (const r of e.relations ?? []) {
      const t = types?.includes(r.type) ? index.get(r.target) : undefined;
      if (t !== undefined) out.push(t);
    }
    return out;
  });
  const vouches: [number, number[]][] = [];
  direct.forEach((first, i) => {
    const seen = new Set<number>();
    const todo = [...first];
    while (todo.length) {
      const a = todo.pop()!;
      if (a === i || seen.has(a)) continue;
      seen.add(a);
      todo.push(...direct[a]!);
    }
    if (seen.size) vouches.push([i, [...seen].sort((a, b) => a - b)]);
  });
  return vouches;
}

/** P_WORD_START / P_WORD_END for a spelling that starts / ends with a word character (matched as whole words there). */
function wordEdgeFlags(folded: string): number {
  let f = 0;
  if (isWordChar(folded.charCodeAt(0))) f |= P_WORD_START;
  if (isWordChar(folded.charCodeAt(folded.length - 1))) f |= P_WORD_END;
  return f;
}

/**
 * Neighbour words as the matcher compares them: folded, with Taiwan's spellings (a name
 * compiled with them meets its neighbours written the same way), each once (a traditional
 * and a simplified spelling of one word fold to the same text, and each word is a check
 * per hit).
 */
function foldedWords(words: readonly string[] | undefined): string[] | undefined {
  return words && [...new Set(words.map(foldText).filter(Boolean).flatMap((w) => [w, ...regionalVariants(w)]))];
}
