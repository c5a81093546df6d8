/**
 * Compiles the effective knowledge base (built-in pack + user layer, minus hidden
 * entities and aliases) into the compact matcher data that content scripts load.
 */
import { buildAutomaton, serializeAutomaton, type SerializedAutomaton } from './automaton';
import { casePattern, foldText, hasHan, isAsciiLetter, isDigit, isWordChar } from './chars';
import type { EntityKind } from '../kb/kinds';
import { regionalVariants } from './regional';
import { packPatterns, P_CASE_SENSITIVE, P_NEEDS_CONTEXT, P_NEIGHBOURS, P_VERSIONED, P_WORD_END, P_WORD_START, type MatcherPattern, type PackedPatterns } from './patterns';

export type { MatcherPattern } from './patterns';

/**
 * 5: the automaton stored without the arrays a tab derives in one pass (engine/automaton.ts).
 * 6: each stored array in the narrowest width that holds it (engine/narrow.ts).
 */
export const MATCHER_FORMAT = 6;

/**
 * Bumped whenever the same entities compile to other patterns, so that a published
 * matcher made by an older compiler is compiled again (background/matcher.ts).
 * 1: Taiwan's words for mainland terms (engine/regional.ts). 2: 積體電路.
 */
export const COMPILER_REVISION = 2;

// The pattern flags live with the pattern table, which indexes some of them.
export { P_CASE_SENSITIVE, P_NEEDS_CONTEXT, P_NEIGHBOURS, P_VERSIONED, P_WORD_END, P_WORD_START } from './patterns';

/** What the compiler needs of an entity. */
export interface CompilableEntity {
  id: string;
  kind: EntityKind;
  aliases: readonly {
    text: string;
    caseSensitive?: boolean;
    context?: readonly string[];
    versioned?: boolean;
    notPrecededBy?: readonly string[];
    notFollowedBy?: readonly string[];
  }[];
}

export interface MatcherData {
  format: typeof MATCHER_FORMAT;
  /** Entity ids and kinds; patterns refer to entities by index. */
  ids: string[];
  kinds: EntityKind[];
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

  entities.forEach((entity, ei) => {
    for (const alias of entity.aliases) {
      aliasCount++;
      const written = foldText(alias.text);
      if (!written) continue;
      let flags = 0;
      if (alias.caseSensitive) flags |= P_CASE_SENSITIVE;
      if (alias.versioned || entity.kind === 'model') flags |= P_VERSIONED;
      if (alias.context) flags |= P_NEEDS_CONTEXT;
      const k = alias.caseSensitive ? casePattern(alias.text) : undefined;
      const c = alias.context?.map((id) => index.get(id)).filter((i): i is number => i !== undefined);
      const nb = foldedWords(alias.notPrecededBy);
      const na = foldedWords(alias.notFollowedBy);
      for (const folded of aliasSpellings(written, alias.caseSensitive)) {
        let f = flags;
        if (isWordChar(folded.charCodeAt(0))) f |= P_WORD_START;
        if (isWordChar(folded.charCodeAt(folded.length - 1))) f |= P_WORD_END;
        // The same alias written twice for one entity (e.g. in two languages) is one pattern.
        const key = JSON.stringify([ei, folded, f, k, c, nb, na]);
        if (seen.has(key)) continue;
        seen.add(key);
        const p: MatcherPattern = { e: ei, f };
        if (c) p.c = c;
        if (k) p.k = k;
        if (nb?.length) p.nb = nb;
        if (na?.length) p.na = na;
        if (p.nb || p.na) p.f |= P_NEIGHBOURS;
        let group = groupsByText.get(folded);
        if (!group) groupsByText.set(folded, (group = []));
        group.push(patterns.length);
        patterns.push(p);
      }
    }
  });

  const texts = [...groupsByText.keys()];
  const automaton = buildAutomaton(texts);
  const data: MatcherData = {
    format: MATCHER_FORMAT,
    ids: entities.map((e) => e.id),
    kinds: entities.map((e) => e.kind),
    patterns: packPatterns(patterns, [...groupsByText.values()]),
    automaton: serializeAutomaton(automaton),
  };
  return { data, stats: { entities: entities.length, aliases: aliasCount, patterns: patterns.length, groups: texts.length } };
}

/**
 * The folded texts one alias is compiled to: as written, then its other spacings and its
 * spellings with Taiwan's words. A case-sensitive alias keeps its one spelling: its case
 * pattern is per character.
 */
export function aliasSpellings(written: string, caseSensitive?: boolean): string[] {
  if (caseSensitive) return [written];
  const spaced = [written, ...spacingVariants(written)];
  return [...spaced, ...spaced.flatMap(regionalVariants)];
}

const isHan = (c: number) => hasHan(String.fromCharCode(c));
const isLatinOrDigit = (c: number) => isAsciiLetter(c) || isDigit(c);
/** Where Chinese meets a Latin letter or a digit, one way or the other. */
const isHanJoint = (a: number, b: number) => (isHan(a) && isLatinOrDigit(b)) || (isLatinOrDigit(a) && isHan(b));

/**
 * The other spellings of a folded alias that pages use for the same name: a space, or none,
 * - where Chinese meets a Latin letter or a digit, as Chinese typography writes it
 *   ("文心大模型4.5" and "文心大模型 4.5", "腾讯AI Lab" and "腾讯 AI Lab");
 * - where a name of two or more Latin letters meets its version number, the first such
 *   place only ("Qwen2.5" and "Qwen 2.5", "ERNIE 4.5" and "ERNIE4.5", "GLM-4" and "GLM4";
 *   a hyphen is folded to a space; a size there, "CogVideoX-2B", gets both spellings too).
 *   A one-letter token ("R1", "K2", "V3") is no name.
 * Compiled as patterns of their own, so the pass stays exact. Every combination for up to
 * three such places; beyond that, all joined and all spaced.
 */
export function spacingVariants(folded: string): string[] {
  const pieces: string[] = [];
  let start = 0;
  let versionSeen = false;
  /** Whether the letters ending at i (two or more, not after a digit) meet a version number at `digit`. */
  const versionJoint = (i: number, digit: number) => {
    if (versionSeen || !isAsciiLetter(folded.charCodeAt(i - 1)) || !isDigit(folded.charCodeAt(digit))) return false;
    let j = i;
    while (j > 0 && isAsciiLetter(folded.charCodeAt(j - 1))) j--;
    return (versionSeen = i - j >= 2 && (j === 0 || !isDigit(folded.charCodeAt(j - 1))));
  };
  for (let i = 1; i < folded.length; i++) {
    const a = folded.charCodeAt(i - 1);
    const b = folded.charCodeAt(i);
    if (isHanJoint(a, b) || versionJoint(i, i)) {
      pieces.push(folded.slice(start, i));
      start = i;
    } else if (b === 0x20 && i + 1 < folded.length && (isHanJoint(a, folded.charCodeAt(i + 1)) || versionJoint(i, i + 1))) {
      pieces.push(folded.slice(start, i));
      start = i + 1;
      i++;
    }
  }
  if (!pieces.length) return [];
  pieces.push(folded.slice(start));
  const joints = pieces.length - 1;
  const forms = new Set<string>();
  const join = (spaced: (j: number) => boolean) => pieces.reduce((acc, piece, j) => (j === 0 ? piece : acc + (spaced(j - 1) ? ' ' : '') + piece), '');
  if (joints <= 3) for (let mask = 0; mask < 1 << joints; mask++) forms.add(join((j) => ((mask >> j) & 1) === 1));
  else {
    forms.add(join(() => false));
    forms.add(join(() => true));
  }
  forms.delete(folded);
  return [...forms];
}

/**
 * Neighbour words as the matcher compares them: folded, each once (a traditional and a
 * simplified spelling of one word fold to the same text, and each word is a check per hit).
 */
function foldedWords(words: readonly string[] | undefined): string[] | undefined {
  return words && [...new Set(words.map(foldText).filter(Boolean))];
}
