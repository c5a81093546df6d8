/**
 * ContextGate: mentions of aliases that need context count only while their entity or
 * a context entity has a free mention on the page, or another mention vouches for them
 * (a partner: see engine/context.ts), as mentions come and go.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { P_FREE_WITH_VERSION, P_NEEDS_CONTEXT } from '../../../engine/compile';
import { ContextGate, type GatedMention } from '../../../engine/context';
import { matcherFor, pageMentions } from '../helpers';
import { loadBuiltinPack } from '../../../kb/builtin';
import { parseEntities } from '../../../kb/validate';

const m = matcherFor();
const patternsOf = (text: string) => m.find(text).map((x) => x.patterns);

describe('ContextGate', () => {
  it('activates a waiting mention when its context arrives, and deactivates it when the context goes', () => {
    const gate = new ContextGate<GatedMention>(m);
    const [kimi] = patternsOf('Kimi');
    const [moonshot] = patternsOf('Moonshot AI');
    const waiting: GatedMention = { patterns: kimi!, entity: -1 };
    expect(gate.add(waiting).activated).toEqual([]);
    expect(waiting.entity).toBe(-1);

    const context: GatedMention = { patterns: moonshot!, entity: -1 };
    const added = gate.add(context);
    expect(added.activated).toEqual([context, waiting]);
    expect(m.ids[waiting.entity]).toBe('kimi');

    const removed = gate.remove(context);
    expect(removed.deactivated).toEqual([waiting]);
    expect(waiting.entity).toBe(-1);

    expect(gate.add(context).activated).toEqual([context, waiting]);
  });

  it('lets two names that each need the other vouch for each other, and not a name for itself', () => {
    const kb = matcherFor(loadBuiltinPack().entities);
    expect(pageMentions(kb, "Moonshot's Kimi chatbot is popular.")).toEqual([['Moonshot', 'moonshot-ai'], ['Kimi', 'kimi']]);
    expect(pageMentions(kb, '月之暗面推出Kimi新版本')).toEqual([['月之暗面', 'moonshot-ai'], ['Kimi', 'kimi']]);
    expect(pageMentions(kb, '阿里发布千问助手')).toEqual([['阿里', 'alibaba-group'], ['千问', 'qwen']]);
    expect(pageMentions(kb, "The CAC's Interim Measures took effect.")).toEqual([['CAC', 'cac'], ['Interim Measures', 'interim-measures-generative-ai']]);
    // Two of a kind do not vouch for each other (ministries of any government).
    expect(pageMentions(kb, 'The Ministry of Education and the Ministry of Commerce of India met.')).toEqual([]);
    // Each needs context, but neither lists the other: still nothing.
    expect(pageMentions(kb, 'Kimi and Kimi again')).toEqual([]);
    expect(pageMentions(kb, 'Kimi Antonelli won the race, the team called it a Moonshot.')).toEqual([]);
  });

  it('counts a freeWithVersion alias without context only when a version follows it', () => {
    const kb = matcherFor(loadBuiltinPack().entities);
    const gate = new ContextGate<GatedMention>(kb);
    const [kling] = kb.find('Kling').map((x) => x.patterns);
    const plain: GatedMention = { patterns: kling!, entity: -1 };
    const versioned: GatedMention = { patterns: kling!, entity: -1, version: true };
    expect(gate.add(plain).activated).toEqual([]);
    // The versioned one counts, and as a free mention it vouches for the plain one.
    expect(gate.add(versioned).activated).toEqual([versioned, plain]);
    expect(kb.ids[plain.entity]).toBe('kling');
  });

  it('takes a version written in full-width forms as one for freeWithVersion', () => {
    const kb = matcherFor(loadBuiltinPack().entities);
    expect(pageMentions(kb, 'Kling２．１ is out; 可灵２．１上线')).toEqual([['Kling２．１', 'kling'], ['可灵２．１', 'kling']]);
    // A bare number is no version in any width.
    expect(pageMentions(kb, 'Kling２ is out')).toEqual([]);
  });

  it('does not let a name two entities share vouch for itself where it is written twice', () => {
    const entity = (id: string, kind: string, other: string) => ({
      id,
      kind,
      name: { en: id },
      aliases: [{ text: 'Nova', lang: 'en', caseSensitive: true, shared: true, context: [other] }],
      summary: 'A fictional entity.',
      facts: {},
      relations: [],
      sources: [{ title: 'Test', publisher: 'Tests' }],
      updated: '2026-12-06',
    });
    const { entities } = parseEntities([entity('nova-co', 'company', 'nova-model'), entity('nova-model', 'model', 'nova-co')]);
    const nova = matcherFor(entities);
    expect(pageMentions(nova, 'Nova')).toEqual([]);
    expect(pageMentions(nova, 'Bossa Nova and Nova Scotia')).toEqual([]);
  });

  it('counts a model for its family and maker, a policy for its issuer, a company for its parent; an organization for nothing', () => {
    const kb = matcherFor(vouchingEntities());
    // "Orbit-2 Max" took the word "Orbit", and no alias of Nadir Labs is written: the version vouches for both.
    expect(pageMentions(kb, 'Nadir released Orbit-2 Max. Orbit is its chatbot; Parent said so.')).toEqual([
      ['Nadir', 'nadir-labs'],
      ['Orbit-2 Max', 'orbit-2-max'],
      ['Orbit', 'orbit'],
      ['Parent', 'parent-group'],
    ]);
    expect(pageMentions(kb, 'Nadir released a chatbot. Orbit is its name; Parent said so.')).toEqual([]);
    // A rule vouches for its issuer, not the other way round.
    expect(pageMentions(kb, 'The Tally Rules apply; Bureau staff check.')).toEqual([['Tally Rules', 'tally-rules'], ['Bureau', 'the-bureau']]);
    expect(pageMentions(kb, 'The Nadir Bureau of Standards wrote Tally.')).toEqual([['Nadir Bureau of Standards', 'the-bureau']]);
    // A newspaper owned by a company is no context for the company's names.
    expect(pageMentions(kb, 'The Daily Nadir reports: Parent and Nadir are words.')).toEqual([['Daily Nadir', 'daily-nadir']]);
  });

  it('re-decides what a vouching mention vouched for when it goes', () => {
    const kb = matcherFor(vouchingEntities());
    const gate = new ContextGate<GatedMention>(kb);
    const [orbit] = kb.find('Orbit').map((x) => x.patterns);
    const [version] = kb.find('Orbit-2 Max').map((x) => x.patterns);
    const waiting: GatedMention = { patterns: orbit!, entity: -1 };
    const v1: GatedMention = { patterns: version!, entity: -1 };
    const v2: GatedMention = { patterns: version!, entity: -1 };
    expect(gate.add(waiting).activated).toEqual([]);
    expect(gate.add(v1).activated).toEqual([v1, waiting]);
    expect(gate.add(v2).activated).toEqual([v2]);
    expect(gate.remove(v1).deactivated).toEqual([]);
    expect(gate.remove(v2).deactivated).toEqual([waiting]);
    expect(waiting.entity).toBe(-1);
  });

  it('deactivates a vouched mention when its partner goes', () => {
    const kb = matcherFor(loadBuiltinPack().entities);
    const gate = new ContextGate<GatedMention>(kb);
    const [kimi] = kb.find('Kimi').map((x) => x.patterns);
    const [moonshot] = kb.find('Moonshot').map((x) => x.patterns);
    const a: GatedMention = { patterns: kimi!, entity: -1 };
    const b: GatedMention = { patterns: moonshot!, entity: -1 };
    expect(gate.add(a).activated).toEqual([]);
    expect(gate.add(b).activated).toEqual([b, a]);
    expect(gate.remove(a).deactivated).toEqual([b]);
    expect(b.entity).toBe(-1);
    expect(gate.add(a).activated).toEqual([a, b]);
  });

  /** What a fresh look at the page decides for every live mention (the reference for the properties). */
  function reference(kb: typeof m, live: readonly GatedMention[]): number[] {
    const pat = (p: number) => kb.patterns.pattern(p);
    const isMarker = (p: number) => kb.patterns.isMarker(p);
    // Veto words on the page (a mention whose first pattern is a marker is one).
    const said = new Set(live.filter((x) => isMarker(x.patterns[0]!)).map((x) => x.patterns[0]! - kb.patterns.markerStart));
    const vetoed = (p: number) => (pat(p).u ?? []).some((u) => said.has(u));
    const usable = (p: number) => !isMarker(p) && !vetoed(p);
    const needs = (p: number) => (pat(p).f & P_NEEDS_CONTEXT) !== 0;
    const freeIn = (x: GatedMention) =>
      isMarker(x.patterns[0]!) ? undefined : x.patterns.find((p) => usable(p) && (!needs(p) || (!!x.version && (pat(p).f & P_FREE_WITH_VERSION) !== 0)));
    const present = new Set<number>();
    for (const x of live) {
      const free = freeIn(x);
      // A free mention counts for its entity and for what that entity vouches for (its family, maker…).
      if (free !== undefined) for (const e of [pat(free).e, ...(kb.vouches[pat(free).e] ?? [])]) present.add(e);
    }
    const groupOf = new Map<number, number>();
    for (let g = 0; g < kb.patterns.groupCount; g++) for (const q of kb.patterns.group(g)) groupOf.set(q, g);
    const partners = (p: number, r: number) =>
      needs(r) && groupOf.get(r) !== groupOf.get(p) && kb.kinds[pat(r).e] !== kb.kinds[pat(p).e] && (pat(p).c ?? []).includes(pat(r).e) && (pat(r).c ?? []).includes(pat(p).e);
    return live.map((x) => {
      if (isMarker(x.patterns[0]!)) return -1;
      const free = freeIn(x);
      if (free !== undefined) return pat(free).e;
      const hit = x.patterns.find(
        (p) =>
          usable(p) &&
          (present.has(pat(p).e) ||
            (pat(p).c ?? []).some((c) => present.has(c)) ||
            live.some((y) => y !== x && !isMarker(y.patterns[0]!) && freeIn(y) === undefined && y.patterns.some((r) => !vetoed(r) && partners(p, r)))),
      );
      return hit === undefined ? -1 : pat(hit).e;
    });
  }

  function runOps(kb: typeof m, pool: readonly number[]) {
    const op = fc.oneof(
      fc.record({ add: fc.uniqueArray(fc.constantFrom(...pool), { minLength: 1, maxLength: 3 }), extended: fc.boolean() }),
      fc.record({ remove: fc.nat() }),
    );
    return fc.property(fc.array(op, { maxLength: 40 }), (ops) => {
      const gate = new ContextGate<GatedMention>(kb);
      const live: GatedMention[] = [];
      for (const o of ops) {
        if ('add' in o) {
          const x: GatedMention = { patterns: [...o.add].sort((a, b) => a - b), entity: -1, version: o.extended };
          gate.add(x);
          live.push(x);
        } else if (live.length) {
          const [x] = live.splice(o.remove % live.length, 1);
          gate.remove(x!);
        }
        expect(live.map((x) => x.entity)).toEqual(reference(kb, live));
      }
    });
  }

  it('keeps every mention resolved as a fresh look at the page would (property)', () => {
    fc.assert(runOps(m, Array.from({ length: m.patterns.count }, (_, i) => i)));
  });

  it('keeps partners resolved as a fresh look would, among context names and their partners (property)', () => {
    const kb = matcherFor(loadBuiltinPack().entities);
    // Context patterns that have partners, a few free ones, and some without partners: partner pairs come up often.
    const ctx = [...kb.patterns.contextPatterns];
    const pat = (p: number) => kb.patterns.pattern(p);
    const paired = ctx.filter((p) => ctx.some((r) => kb.kinds[pat(r).e] !== kb.kinds[pat(p).e] && (pat(p).c ?? []).includes(pat(r).e) && (pat(r).c ?? []).includes(pat(p).e)));
    expect(paired.length).toBeGreaterThan(10);
    const someFree = [0, 1, 2, 3].map((i) => Math.floor((i * kb.patterns.count) / 4)).filter((p) => !(pat(p).f & P_NEEDS_CONTEXT));
    const withVersion = ctx.filter((p) => pat(p).f & P_FREE_WITH_VERSION).slice(0, 8);
    expect(withVersion.length).toBeGreaterThan(3);
    const base = [...paired.slice(0, 40), ...ctx.filter((p) => !paired.includes(p)).slice(0, 10), ...withVersion];
    // Free names of entities that vouch for the context of those (a version for its family, a model for its maker).
    const wanted = new Set(base.flatMap((p) => [pat(p).e, ...(pat(p).c ?? [])]));
    const vouching = Array.from({ length: kb.patterns.markerStart }, (_, p) => p).filter((p) => !(pat(p).f & P_NEEDS_CONTEXT) && (kb.vouches[pat(p).e] ?? []).some((e) => wanted.has(e)));
    expect(vouching.length).toBeGreaterThan(10);
    const pool = [...new Set([...base, ...someFree, ...vouching.filter((_, i) => i % Math.ceil(vouching.length / 12) === 0)])];
    fc.assert(runOps(kb, pool), { numRuns: 300 });
  });

  it('keeps mentions resolved as a fresh look would while veto words come and go (property)', () => {
    const kb = matcherFor(vetoEntities());
    expect(kb.patterns.markerStart).toBeLessThan(kb.patterns.count);
    fc.assert(runOps(kb, Array.from({ length: kb.patterns.count }, (_, i) => i)), { numRuns: 500 });
  });
});

/** Fictional entities whose ambiguous names need context that another entity's mention vouches for (engine/compile.ts VOUCHING). */
function vouchingEntities() {
  const entity = (id: string, kind: string, aliases: object[], relations: object[] = []) => ({
    id,
    kind,
    name: { en: id },
    aliases,
    summary: 'A fictional entity.',
    facts: kind === 'organization' ? { orgType: 'media' } : kind === 'policy' ? { status: 'in-force' } : {},
    relations,
    sources: [{ title: 'Test', publisher: 'Tests' }],
    updated: '2026-12-07',
  });
  const { entities, problems } = parseEntities([
    entity('parent-group', 'company', [{ text: 'Parent', lang: 'en', caseSensitive: true, context: [] }]),
    entity('nadir-labs', 'company', [{ text: 'Nadir', lang: 'en', caseSensitive: true, context: [] }], [{ type: 'part_of', target: 'parent-group' }]),
    entity('orbit', 'model', [{ text: 'Orbit', lang: 'en', caseSensitive: true, context: ['nadir-labs'] }], [{ type: 'developed_by', target: 'nadir-labs' }]),
    entity('orbit-2-max', 'model', [{ text: 'Orbit-2 Max', lang: 'en' }], [{ type: 'part_of', target: 'orbit' }]),
    entity('the-bureau', 'organization', [
      { text: 'Nadir Bureau of Standards', lang: 'en' },
      { text: 'Bureau', lang: 'en', caseSensitive: true, context: [] },
    ]),
    entity('tally-rules', 'policy', [{ text: 'Tally Rules', lang: 'en' }, { text: 'Tally', lang: 'en', caseSensitive: true, context: [] }], [{ type: 'issued_by', target: 'the-bureau' }]),
    entity('daily-nadir', 'organization', [{ text: 'Daily Nadir', lang: 'en' }], [{ type: 'part_of', target: 'parent-group' }]),
  ]);
  expect(problems).toEqual([]);
  return entities;
}

/** Fictional entities whose names have veto words, alone, with context, and as partners. */
function vetoEntities() {
  const entity = (id: string, kind: string, aliases: object[]) => ({
    id,
    kind,
    name: { en: id },
    aliases,
    summary: 'A fictional entity.',
    facts: kind === 'organization' ? { orgType: 'lab' } : {},
    relations: [],
    sources: [{ title: 'Test', publisher: 'Tests' }],
    updated: '2026-12-07',
  });
  const { entities, problems } = parseEntities([
    entity('alpha-lab', 'organization', [
      { text: 'Alpha Lab', lang: 'en', unlessPageSays: ['Omega', '北方'] },
      { text: '阿尔法', lang: 'zh-Hans', context: [], unlessPageSays: ['Omega'] },
      { text: 'Alfa', lang: 'en', context: ['beta-model'], unlessPageSays: ['Psi'] },
      { text: 'Alpha Institute', lang: 'en' },
    ]),
    entity('beta-model', 'model', [
      { text: 'Betamax', lang: 'en', context: ['alpha-lab'] },
      { text: 'Beta One', lang: 'en', context: ['alpha-lab'], unlessPageSays: ['Omega'] },
    ]),
    entity('gamma-co', 'company', [{ text: 'Gammaco', lang: 'en', context: ['alpha-lab'] }]),
  ]);
  expect(problems).toEqual([]);
  return entities;
}

describe('Veto words (unlessPageSays)', () => {
  const kb = matcherFor(vetoEntities());

  it('does not count an alias on a page that says one of its veto words, wherever it is', () => {
    expect(pageMentions(kb, 'Alpha Lab released a model.')).toEqual([['Alpha Lab', 'alpha-lab']]);
    expect(pageMentions(kb, 'Alpha Lab released a model. Omega said so.')).toEqual([]);
    expect(pageMentions(kb, 'Omega: Alpha Lab released a model.')).toEqual([]);
    // A veto word is a whole word in Latin script, and normalized like an alias.
    expect(pageMentions(kb, 'Alpha Lab released a model. Omegaland said so.')).toEqual([['Alpha Lab', 'alpha-lab']]);
    expect(pageMentions(kb, 'Alpha Lab released a model. ＯＭＥＧＡ said so.')).toEqual([]);
    // Chinese veto words inside running text, in either script.
    expect(pageMentions(kb, 'Alpha Lab 在北方发布')).toEqual([]);
    expect(pageMentions(kb, 'Alpha Lab 在北方發布')).toEqual([]);
    // Other names of the entity without veto words still count.
    expect(pageMentions(kb, 'Omega and the Alpha Institute')).toEqual([['Alpha Institute', 'alpha-lab']]);
  });

  it('takes away what a vetoed free mention vouched for, and what it vouched as a partner', () => {
    expect(pageMentions(kb, 'Alpha Lab and 阿尔法, with Gammaco')).toEqual([['Alpha Lab', 'alpha-lab'], ['阿尔法', 'alpha-lab'], ['Gammaco', 'gamma-co']]);
    expect(pageMentions(kb, 'Alpha Lab and 阿尔法, with Gammaco. Omega.')).toEqual([]);
    // Alfa and Betamax vouch for each other, until Alfa's veto word is said.
    expect(pageMentions(kb, 'Alfa made Betamax.')).toEqual([['Alfa', 'alpha-lab'], ['Betamax', 'beta-model']]);
    expect(pageMentions(kb, 'Alfa made Betamax. Psi.')).toEqual([]);
  });

  it('re-decides mentions as veto words appear and go', () => {
    const gate = new ContextGate<GatedMention>(kb);
    const [lab] = patternsIn(kb, 'Alpha Lab');
    const [gamma] = patternsIn(kb, 'Gammaco');
    const [omega] = patternsIn(kb, 'Omega');
    expect(kb.patterns.isMarker(omega![0]!)).toBe(true);
    const a: GatedMention = { patterns: lab!, entity: -1 };
    const g: GatedMention = { patterns: gamma!, entity: -1 };
    const o: GatedMention = { patterns: omega!, entity: -1 };
    expect(gate.add(a).activated).toEqual([a]);
    expect(gate.add(g).activated).toEqual([g]);
    const vetoed = gate.add(o);
    expect(vetoed.deactivated).toEqual([a, g]);
    expect(vetoed.activated).toEqual([]);
    expect([a.entity, g.entity, o.entity]).toEqual([-1, -1, -1]);
    // A second mention of the veto word changes nothing; the last one going brings them back.
    const o2: GatedMention = { patterns: omega!, entity: -1 };
    expect(gate.add(o2)).toEqual({ activated: [], deactivated: [] });
    expect(gate.remove(o)).toEqual({ activated: [], deactivated: [] });
    expect(gate.remove(o2).activated).toEqual([a, g]);
    expect(kb.ids[a.entity]).toBe('alpha-lab');
    // A vetoed mention can be removed, and a veto word that goes later re-decides nothing of it.
    gate.add(o);
    gate.remove(a);
    expect(gate.remove(o).activated).toEqual([]);
    expect(g.entity).toBe(-1);
  });

  it('lets a veto word that holds the alias win over it, as the longer name', () => {
    const entity = {
      id: 'tsinghua',
      kind: 'organization',
      name: { en: 'Tsinghua' },
      aliases: [{ text: '清华大学', lang: 'zh-Hans', unlessPageSays: ['国立清华大学'] }],
      summary: 'A fictional entity.',
      facts: { orgType: 'university' },
      relations: [],
      sources: [{ title: 'Test', publisher: 'Tests' }],
      updated: '2026-12-07',
    };
    const thu = matcherFor(parseEntities([entity]).entities);
    expect(pageMentions(thu, '清華大學')).toEqual([['清華大學', 'tsinghua']]);
    expect(pageMentions(thu, '國立清華大學')).toEqual([]);
    expect(pageMentions(thu, '國立清華大學研究團隊。清華大學表示')).toEqual([]);
  });
});

function patternsIn(kb: typeof m, text: string) {
  return kb.find(text).map((x) => x.patterns);
}
