/**
 * Validation of knowledge packs beyond the per-entity schema: ids unique, relations
 * and contexts resolve, aliases unambiguous unless declared shared, short Latin aliases
 * guarded. Problems name the entity and the field; what is wrong is a message code with
 * parameters (i18n/message.ts), put in words in the reader's language where shown.
 */
import type { z } from '../model/zod';
import { foldText, hasHan } from '../engine/chars';
import { aliasSpellings } from '../engine/spellings';
import { describeIssue } from '../formats/problems';
import type { Language } from '../i18n';
import { renderMessage } from '../i18n/render';
import { msg, type Message } from '../i18n/message';
import { EntitySchema, type Entity } from './schema';

export interface PackProblem {
  /** Entity id, or "#index" when the entity has no valid id; "" for the file as a whole. */
  entity: string;
  /** Dotted path of the field, e.g. "aliases.2.lang". */
  field: string;
  message: Message;
}

/** A problem as a line in English, e.g. "example-ai → sources: needs at least one source" (logs, kb:check). */
export function formatProblem(p: PackProblem): string {
  return formatProblemIn(p, 'en');
}

/** A problem as a line in `lang`, for the reader (the library's entity editor and pack import). */
export function formatProblemIn(p: PackProblem, lang: Language): string {
  const entity = p.entity || renderMessage(msg('kb.problemFile'), lang);
  const message = renderMessage(p.message, lang);
  return renderMessage(p.field ? msg('kb.problemLine', { entity, field: p.field, message }) : msg('kb.problemLineWhole', { entity, message }), lang);
}

function zodProblems(entityLabel: string, error: z.ZodError, input: unknown): PackProblem[] {
  return error.issues.map((issue) => ({
    entity: entityLabel,
    field: issue.path.join('.'),
    message: describeIssue(issue, input),
  }));
}

/** Parses raw entities one by one so every invalid entity is reported, not only the first. */
export function parseEntities(raw: unknown[], labelPrefix = ''): { entities: Entity[]; problems: PackProblem[] } {
  const entities: Entity[] = [];
  const problems: PackProblem[] = [];
  raw.forEach((item, i) => {
    const r = EntitySchema.safeParse(item);
    const id =
      item && typeof item === 'object' && typeof (item as { id?: unknown }).id === 'string'
        ? (item as { id: string }).id
        : `#${i + 1}`;
    if (r.success) entities.push(r.data);
    else problems.push(...zodProblems(`${labelPrefix}${id}`, r.error, item));
  });
  return { entities, problems };
}

const LATIN_SHORT = /^[\p{Script=Latin}\d]{1,3}$/u;

/** An alias's matching rules as a comparable string (neighbour words folded, lists as sets). */
function aliasRules(a: Entity['aliases'][number]): string {
  const set = (words: readonly string[] | undefined) => (words ? [...new Set(words.map(foldText))].sort().join('|') : '-');
  return [a.context ? [...a.context].sort().join('|') : '-', a.freeWithVersion ? 'v' : '-', set(a.notPrecededBy), set(a.notFollowedBy), set(a.exceptPrecededBy), set(a.exceptFollowedBy), set(a.unlessPageSays)].join(' / ');
}

/**
 * Problems with an alias's exception words: each must be longer than a neighbour word it
 * holds at the side next to the alias (its end before the alias, its start after it), or
 * it never applies.
 */
function exceptionProblems(a: Entity['aliases'][number]): { side: 'exceptPrecededBy' | 'exceptFollowedBy'; message: Message }[] {
  const out: { side: 'exceptPrecededBy' | 'exceptFollowedBy'; message: Message }[] = [];
  const check = (side: 'exceptPrecededBy' | 'exceptFollowedBy', exceptions: readonly string[] | undefined, words: readonly string[] | undefined) => {
    const folded = (words ?? []).map(foldText);
    for (const x of exceptions ?? []) {
      const fx = foldText(x);
      const holds = folded.some((w) => fx.length > w.length && (side === 'exceptPrecededBy' ? fx.endsWith(w) : fx.startsWith(w)));
      if (!holds)
        out.push({
          side,
          message: msg(side === 'exceptPrecededBy' ? 'kb.issue.exceptBefore' : 'kb.issue.exceptAfter', { alias: a.text, word: x }),
        });
    }
  };
  check('exceptPrecededBy', a.exceptPrecededBy, a.notPrecededBy);
  check('exceptFollowedBy', a.exceptFollowedBy, a.notFollowedBy);
  return out;
}

/** Cross-entity checks. `known` lists ids that exist outside these entities (e.g. built-ins for a user pack). */
export function checkIntegrity(entities: readonly Entity[], known: ReadonlySet<string> = new Set()): PackProblem[] {
  const problems: PackProblem[] = [];
  const ids = new Set<string>(known);
  const seen = new Set<string>();
  for (const e of entities) {
    if (seen.has(e.id)) problems.push({ entity: e.id, field: 'id', message: msg('kb.issue.duplicateId') });
    seen.add(e.id);
    ids.add(e.id);
  }
  const claims = new Map<string, { entity: string; shared: boolean; field: string }[]>();
  for (const e of entities) {
    e.relations.forEach((r, i) => {
      if (!ids.has(r.target)) problems.push({ entity: e.id, field: `relations.${i}.target`, message: msg('kb.issue.unknownTarget', { id: r.target }) });
      if (r.target === e.id) problems.push({ entity: e.id, field: `relations.${i}.target`, message: msg('kb.issue.selfTarget') });
    });
    const texts = new Set<string>();
    // Aliases of this entity by folded text: one written in traditional characters (or
    // another width or case) finds what the other finds, so their rules must agree, or
    // the one lacking a neighbour word finds what the other's excludes.
    const rulesByFolded = new Map<string, { text: string; rules: string }>();
    e.aliases.forEach((a, i) => {
      const field = `aliases.${i}`;
      a.context?.forEach((c, j) => {
        if (!ids.has(c)) problems.push({ entity: e.id, field: `${field}.context.${j}`, message: msg('kb.issue.unknownContext', { id: c }) });
      });
      if (texts.has(a.text)) problems.push({ entity: e.id, field: `${field}.text`, message: msg('kb.issue.aliasTwice', { alias: a.text }) });
      texts.add(a.text);
      const folded = foldText(a.text);
      if (!folded) problems.push({ entity: e.id, field: `${field}.text`, message: msg('kb.issue.noMatchable') });
      if (folded && !a.caseSensitive) {
        const rules = aliasRules(a);
        const other = rulesByFolded.get(folded);
        if (!other) rulesByFolded.set(folded, { text: a.text, rules });
        else if (other.rules !== rules)
          problems.push({ entity: e.id, field, message: msg('kb.issue.foldedRules', { alias: a.text, other: other.text }) });
      }
      for (const p of exceptionProblems(a)) problems.push({ entity: e.id, field: `${field}.${p.side}`, message: p.message });
      if (a.freeWithVersion && !(a.context && (a.versioned || e.kind === 'model')))
        problems.push({ entity: e.id, field: `${field}.freeWithVersion`, message: msg('kb.issue.freeWithVersion', { alias: a.text }) });
      if (a.shared && !a.context) problems.push({ entity: e.id, field: `${field}.context`, message: msg('kb.issue.sharedNeedsContext', { alias: a.text }) });
      if (LATIN_SHORT.test(folded) && !a.caseSensitive && !a.context)
        problems.push({ entity: e.id, field: field, message: msg('kb.issue.shortAlias', { alias: a.text }) });
      if (hasHan(a.text) && [...folded].length < 2 && !a.context)
        problems.push({ entity: e.id, field: field, message: msg('kb.issue.oneHan', { alias: a.text }) });
      // Every spelling the alias is compiled to: two entities must not meet in one either
      // ("ERNIE 4.5" and "ERNIE4.5", a name and its Taiwan spelling). A claim per alias, not
      // per entity: a shared alias must not hide a non-shared one of the same entity.
      for (const spelling of folded ? aliasSpellings(folded, a.caseSensitive) : []) {
        let list = claims.get(spelling);
        if (!list) claims.set(spelling, (list = []));
        if (!list.some((c) => c.entity === e.id && c.field === field)) list.push({ entity: e.id, shared: !!a.shared, field });
      }
    });
  }
  // A veto word that is an alias is found as that name (the alias comes first in its
  // automaton group), and never vetoes anything.
  for (const e of entities) {
    e.aliases.forEach((a, i) => {
      for (const word of a.unlessPageSays ?? []) {
        const folded = foldText(word);
        const hit = folded ? aliasSpellings(folded).map((s) => claims.get(s)).find((list) => list?.length) : undefined;
        if (hit) problems.push({ entity: e.id, field: `aliases.${i}.unlessPageSays`, message: msg('kb.issue.vetoIsAlias', { alias: a.text, word, entity: hit[0]!.entity }) });
      }
    });
  }
  // One problem per alias, however many of its spellings meet another entity's.
  const reported = new Set<string>();
  for (const [folded, list] of claims) {
    if (!list.some((c) => c.entity !== list[0]!.entity)) continue;
    for (const c of list) {
      if (!c.shared && !reported.has(`${c.entity} ${c.field}`)) {
        reported.add(`${c.entity} ${c.field}`);
        const others = [...new Set(list.filter((o) => o.entity !== c.entity).map((o) => o.entity))];
        problems.push({
          entity: c.entity,
          field: c.field,
          message: msg('kb.issue.claimed', { alias: folded, others: others.join(', ') }),
        });
      }
    }
  }
  return problems;
}
