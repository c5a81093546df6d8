import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { compileMatcher, MATCHER_FORMAT, P_CASE_SENSITIVE, P_NEEDS_CONTEXT, P_NEIGHBOURS, P_UNLESS } from '../../../engine/compile';
import { parseMatcherData } from '../../../engine/matcher-schema';
import { toBase64 } from '../../../engine/base64';
import { packPatterns, PatternTable, unpackPatterns, type MatcherPattern } from '../../../engine/patterns';
import { Matcher } from '../../../engine/matcher';
import { smallEntities } from '../helpers';

const pattern = (entities: number) =>
  fc.record(
    {
      e: fc.integer({ min: 0, max: entities - 1 }),
      f: fc.integer({ min: 0, max: 63 }),
      c: fc.array(fc.integer({ min: 0, max: entities - 1 }), { maxLength: 3 }),
      k: fc.stringMatching(/^[Ul ]{1,6}$/),
      nb: fc.array(fc.string({ minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 2 }),
      na: fc.array(fc.string({ minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 2 }),
    },
    { requiredKeys: ['e', 'f'] },
  );

describe('packed patterns', () => {
  it('unpack(pack(x)) is x, through JSON (property)', () => {
    fc.assert(
      fc.property(
        fc.array(pattern(5), { minLength: 1, maxLength: 30 }).chain((ps) =>
          fc.tuple(fc.constant(ps), fc.array(fc.array(fc.integer({ min: 0, max: ps.length - 1 }), { maxLength: 4 }), { minLength: 1, maxLength: 10 })),
        ),
        ([patterns, groups]) => {
          const packed = JSON.parse(JSON.stringify(packPatterns(patterns as MatcherPattern[], groups)));
          const back = unpackPatterns(packed, 5);
          expect(back.patterns).toEqual(patterns);
          expect(back.groups).toEqual(groups);
        },
      ),
    );
  });

  it('gives the extras of every pattern the same shape, whichever fields it has', () => {
    // The rules read extras per pattern hit; optimized code that meets a shape it has not
    // seen is thrown away (a "wrong map" deoptimization, bench/jit-trace.ts).
    const patterns: MatcherPattern[] = [{ e: 0, f: 0, k: 'Ul' }, { e: 0, f: 0, nb: ['x'], xb: ['wx'] }, { e: 1, f: 0, c: [0], na: ['y'] }, { e: 1, f: 0 }];
    const table = new PatternTable(JSON.parse(JSON.stringify(packPatterns(patterns, [[0, 1, 2, 3]]))), 2);
    expect([0, 1, 2].map((p) => Object.keys(table.extra(p)!))).toEqual([0, 1, 2].map(() => ['c', 'k', 'nb', 'na', 'xb', 'xa', 'u']));
    expect(table.extra(3)).toBeUndefined();
    expect(table.pattern(1)).toStrictEqual({ e: 0, f: 0, nb: ['x'], xb: ['wx'] });
  });

  it('keeps objects only for the patterns with extras, and flags the ones with neighbour words', () => {
    const { data } = compileMatcher(smallEntities());
    const { patterns } = unpackPatterns(data.patterns, data.ids.length);
    expect(data.patterns.extras.length).toBe(patterns.filter((p) => p.c || p.k || p.nb || p.na).length);
    expect(data.patterns.extras.length).toBeLessThan(patterns.length);
    for (const p of patterns) {
      expect(Boolean(p.nb || p.na)).toBe((p.f & P_NEIGHBOURS) !== 0);
      if (p.f & P_CASE_SENSITIVE) expect(p.k).toBeTruthy();
    }
    expect(patterns.some((p) => p.f & P_NEEDS_CONTEXT && p.c?.length)).toBe(true);
  });

  it('keeps each neighbour word once, however many patterns list it', () => {
    // The split-point search reads every neighbour word at each candidate space.
    const table = new PatternTable(packPatterns([{ e: 0, f: 0, na: ['li', 'wang'] }, { e: 0, f: 0, nb: ['wang'], na: ['li'] }], [[0], [1]]), 1);
    expect(table.neighbourWords).toEqual(['li', 'wang']);
  });

  it('stores a neighbour word list that several patterns share once', () => {
    const surnames = ['li', 'wang', 'zhang'];
    const packed = packPatterns([{ e: 0, f: 0, na: [...surnames] }, { e: 0, f: 0, na: [...surnames], nb: [...surnames] }, { e: 0, f: 0, nb: ['mr'] }], [[0], [1], [2]]);
    expect(packed.words).toEqual([surnames, ['mr']]);
    expect(packed.extras).toEqual([[0, { na: 0 }], [1, { nb: 0, na: 0 }], [2, { nb: 1 }]]);
    const table = new PatternTable(JSON.parse(JSON.stringify(packed)), 1);
    expect(table.pattern(1)).toStrictEqual({ e: 0, f: 0, nb: surnames, na: surnames });
    expect(table.extra(0)!.na).toBe(table.extra(1)!.nb);
    expect(() => new PatternTable({ ...packed, extras: [[0, { na: 2 }]] }, 1)).toThrow(/unknown word list/);
  });

  it('lists the patterns that need context, for the context gate', () => {
    const { data } = compileMatcher(smallEntities());
    const table = new PatternTable(data.patterns, data.ids.length);
    const want = [...Array(table.count).keys()].filter((p) => table.flags[p]! & P_NEEDS_CONTEXT);
    expect(want.length).toBeGreaterThan(0);
    expect([...table.contextPatterns]).toEqual(want);
  });

  it('rejects indices out of range with a clear error', () => {
    const good = packPatterns([{ e: 0, f: 0 }, { e: 1, f: P_NEEDS_CONTEXT, c: [0] }], [[0], [1]]);
    expect(() => new PatternTable(good, 2)).not.toThrow();
    expect(() => new PatternTable(good, 1)).toThrow(/pattern 1 has no entity/);
    expect(() => new PatternTable({ ...good, groupItems: toBase64(Uint8Array.of(0, 2)) }, 2)).toThrow(/group item 1 is not a pattern/);
    expect(() => new PatternTable({ ...good, groupStart: toBase64(Uint8Array.of(0, 2, 1)) }, 2)).toThrow(/do not cover|negative size/);
    // Narrow: these small tables are one byte a value; a count that is not whole is refused.
    expect(good.widths).toEqual({ entity: 1, groupStart: 1, groupItems: 1 });
    expect(() => new PatternTable({ ...good, widths: { ...good.widths, groupStart: 2 } }, 2)).toThrow(/not a whole number/);
    expect(() => new PatternTable({ ...good, extras: [[5, { k: 'U' }]] }, 2)).toThrow(/pattern 5, which does not exist/);
    expect(() => new PatternTable({ ...good, extras: [[1, { c: [7] }]] }, 2)).toThrow(/unknown context entity/);
    // Veto words refer to markers, the patterns from markerStart on.
    const vetoing = packPatterns([{ e: 0, f: P_UNLESS, u: [0] }, { e: 0, f: 0 }], [[0], [1]], 1);
    expect(vetoing.markerStart).toBe(1);
    expect(new PatternTable(vetoing, 1).isMarker(1)).toBe(true);
    expect(() => new PatternTable({ ...vetoing, extras: [[0, { u: [1] }]] }, 1)).toThrow(/unknown veto word/);
    expect(() => new PatternTable({ ...vetoing, markerStart: 3 }, 1)).toThrow(/markers start out of range/);
    expect(packPatterns([{ e: 0, f: 0 }], [[0]]).markerStart).toBeUndefined();
  });
});

describe('parseMatcherData', () => {
  const { data } = compileMatcher(smallEntities());
  const stored = () => JSON.parse(JSON.stringify(data));

  it('accepts what the compiler writes, after a trip through storage', () => {
    const parsed = parseMatcherData(stored());
    expect(parsed).toBeDefined();
    expect(new Matcher(parsed!).find('Baidu released ERNIE Bot.').length).toBe(2);
  });

  it('rejects an older format, a wrong shape, and packed arrays of the wrong length', () => {
    expect(parseMatcherData({ ...stored(), format: MATCHER_FORMAT - 1 })).toBeUndefined();
    expect(parseMatcherData(null)).toBeUndefined();
    expect(parseMatcherData({ ...stored(), kinds: ['model'] })).toBeUndefined();
    const short = stored();
    short.patterns.entity = toBase64(new Int32Array(short.patterns.count - 1));
    short.patterns.widths.entity = 4;
    expect(parseMatcherData(short)).toBeUndefined();
    const extras = stored();
    extras.patterns.extras = [[0, { k: 3 }]];
    expect(parseMatcherData(extras)).toBeUndefined();
    const list = stored();
    list.patterns.extras = [[0, { nb: ['mr'] }]];
    expect(parseMatcherData(list)).toBeUndefined();
    const words = stored();
    delete words.patterns.words;
    expect(parseMatcherData(words)).toBeUndefined();
    const veto = stored();
    veto.patterns.extras = [[0, { u: ['0'] }]];
    expect(parseMatcherData(veto)).toBeUndefined();
    const markers = stored();
    markers.patterns.markerStart = markers.patterns.count + 1;
    expect(parseMatcherData(markers)).toBeUndefined();
    const width = stored();
    width.patterns.widths.groupItems = 8;
    expect(parseMatcherData(width)).toBeUndefined();
    const automaton = stored();
    automaton.automaton.fail = 'abc';
    expect(parseMatcherData(automaton)).toBeUndefined();
  });

  it('leaves value checks to the matcher, which refuses corrupt indices', () => {
    const bad = stored();
    bad.patterns.entity = toBase64(new Int32Array(bad.patterns.count).fill(10_000));
    bad.patterns.widths.entity = 4;
    const parsed = parseMatcherData(bad);
    expect(parsed).toBeDefined();
    expect(() => new Matcher(parsed!)).toThrow(/no entity/);
  });
});
