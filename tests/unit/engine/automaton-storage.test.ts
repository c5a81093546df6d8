import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { buildAutomaton, decodeStoredField, deserializeAutomaton, serializeAutomaton, Scanner, storedCount, type SerializedAutomaton, type StoredField } from '../../../engine/automaton';
import { toBase64 } from '../../../engine/base64';
import { encodeNarrow } from '../../../engine/narrow';
import { foldText } from '../../../engine/chars';
import { compileMatcher } from '../../../engine/compile';
import { parseMatcherData } from '../../../engine/matcher-schema';
import { Matcher } from '../../../engine/matcher';
import { loadBuiltinPack } from '../../../kb/builtin';

const { entities } = loadBuiltinPack();
const data = compileMatcher(entities).data;
const stored = (): typeof data => JSON.parse(JSON.stringify(data));
const ARRAYS = ['edgeStart', 'edgeClass', 'edgeTarget', 'fail', 'outGroup', 'dictLink', 'groupLength', 'denseRow', 'dense'] as const;

const IN_MEMORY = { childCount: Uint16Array, edgeClass: Uint16Array, fail: Uint32Array, groupState: Uint32Array, groupLength: Uint16Array, denseRow: Int32Array, dense: Uint32Array };

/** Rewrites one stored array of a copy of the matcher data (edited as its in-memory values). */
function tampered(field: StoredField, edit: (a: Uint32Array | Uint16Array | Int32Array) => void): typeof data {
  const d = stored();
  const arr = new IN_MEMORY[field](storedCount(d.automaton, field));
  decodeStoredField(d.automaton, field, arr);
  edit(arr);
  const { width, base64 } = encodeNarrow(field === 'denseRow' ? Array.from(arr, (v) => v + 1) : arr);
  d.automaton[field] = base64;
  d.automaton.widths[field] = width;
  return d;
}

/** One stored array rewritten four bytes a value (the in-memory type may be narrower). */
function widened(field: StoredField): typeof data {
  const d = stored();
  const arr = new IN_MEMORY[field](storedCount(d.automaton, field));
  decodeStoredField(d.automaton, field, arr);
  d.automaton[field] = toBase64(Uint32Array.from(arr));
  d.automaton.widths[field] = 4;
  return d;
}

describe('the stored automaton', () => {
  it('leaves out the arrays a tab derives and stores the rest narrow: about a third of the full arrays', () => {
    const a = buildAutomaton(entities.flatMap((e) => e.aliases.map((x) => foldText(x.text))).filter((t, i, all) => t && all.indexOf(t) === i));
    const full = ARRAYS.reduce((n, f) => n + toBase64(a[f]).length, 0);
    const s = serializeAutomaton(a);
    for (const f of ['edgeStart', 'edgeTarget', 'outGroup', 'dictLink']) expect(s).not.toHaveProperty(f);
    // Fewer than 65,536 states: state numbers in two bytes, counts and lengths in one.
    expect(a.fail.length).toBeLessThan(65_536);
    expect(s.widths).toEqual({ childCount: 1, edgeClass: 2, fail: 2, groupState: 2, groupLength: 1, denseRow: 2, dense: 2 });
    const compact = Object.values(s).reduce((n: number, v) => n + (typeof v === 'string' ? v.length : 0), 0);
    expect(compact).toBeLessThan(full * 0.4);
  });

  it('keeps four-byte state numbers above 65,536 states, and scans the same in both engines', () => {
    // 10,000 distinct ten-letter words (the base-26 digits of i times an odd number, lowest
    // first): about 80,000 states.
    const words = new Set<string>();
    for (let i = 0; i < 10_000; i++) {
      let n = i * 2_654_435_761;
      let w = '';
      for (let k = 0; k < 10; k++, n = Math.floor(n / 26)) w += String.fromCharCode(97 + (n % 26));
      words.add(w);
    }
    const list = [...words];
    const a = buildAutomaton(list);
    expect(a.fail.length).toBeGreaterThan(65_536);
    const s: SerializedAutomaton = JSON.parse(JSON.stringify(serializeAutomaton(a)));
    expect(s.widths.fail).toBe(4);
    const back = deserializeAutomaton(s);
    for (const f of ARRAYS) expect(Array.from(back[f]), f).toEqual(Array.from(a[f]));
    const text = `${list[0]} and ${list[5_000]}, then ${list[9_999]}.`;
    const hits = (engine: 'js' | 'polyfill') => {
      const out: number[] = [];
      new Scanner(s, engine).scan(text, 0, text.length, out);
      return out;
    };
    expect(hits('js').length).toBeGreaterThanOrEqual(6);
    expect(hits('polyfill')).toEqual(hits('js'));
  });

  it('comes back as the automaton it was built as (random pattern sets, property)', () => {
    const word = fc.stringMatching(/^[a-z0-9 ·通义千问文心一言]{1,6}$/);
    fc.assert(
      fc.property(fc.uniqueArray(word, { minLength: 1, maxLength: 30 }), (patterns) => {
        const a = buildAutomaton(patterns);
        const back = deserializeAutomaton(JSON.parse(JSON.stringify(serializeAutomaton(a))));
        for (const f of ARRAYS) expect(Array.from(back[f]), f).toEqual(Array.from(a[f]));
        expect(back.alphabet).toBe(a.alphabet);
        expect(back.latin).toBe(a.latin);
      }),
      { numRuns: 200 },
    );
  });

  it('is laid out the same in WebAssembly memory as decoded in JavaScript', () => {
    const js = new Scanner(data.automaton, 'js').data;
    const wasm = new Scanner(data.automaton, 'polyfill').data;
    for (const f of ARRAYS) expect(Array.from(wasm[f]), f).toEqual(Array.from(js[f]));
  });

  it('finds the same mentions after a trip through storage, in both scan engines', () => {
    const parsed = parseMatcherData(stored())!;
    const text = 'Baidu’s ERNIE Bot (文心一言) met 通義千問 and ChatGLM2–6B; the CAC issued the Interim Measures.';
    const want = new Matcher(data, 'js').find(text).map((m) => [m.start, m.end]);
    expect(want.length).toBeGreaterThan(3);
    expect(new Matcher(parsed, 'js').find(text).map((m) => [m.start, m.end])).toEqual(want);
    expect(new Matcher(parsed, 'polyfill').find(text).map((m) => [m.start, m.end])).toEqual(want);
  });

  it('is refused when corrupt, in both scan engines: a scan never runs on it', () => {
    const cases: [string, typeof data, RegExp][] = [
      // A failure link to itself would make the scan loop forever.
      ['a failure link that does not point back', tampered('fail', (a) => (a[5] = 5)), /state 5 fails forward/],
      ['a failure link from the root', tampered('fail', (a) => (a[0] = 1)), /root has a failure link/],
      ['child counts that do not add up', tampered('childCount', (a) => (a[0] = a[0]! + 1)), /child counts|counts disagree/],
      ['an edge class outside the alphabet', tampered('edgeClass', (a) => (a[3] = 60_000)), /edge 3 has an unknown class/],
      ['two groups ending at one state', tampered('groupState', (a) => (a[1] = a[0]!)), /group 1 has no state of its own/],
      ['a group ending at the root', tampered('groupState', (a) => (a[0] = 0)), /no state of its own/],
      ['a dense transition to no state', tampered('dense', (a) => (a[1] = 0xffffff)), /leads nowhere/],
      ['a dense row past the table', tampered('denseRow', (a) => (a[0] = 1 << 30)), /no dense row/],
      ['class ids claimed four bytes wide', widened('edgeClass'), /4-byte values for an array of 2-byte/],
      ['a byte count that is not a whole number of values', (() => {
        // A one-byte field read as values of a width its count is no multiple of (two bytes
        // for an odd count, else four), one whose count is not a multiple of four: the
        // fixture's data, or with a few more aliases until one is.
        const oneByteOdd = (x: typeof data) => {
          const w = x.automaton.widths as Record<string, number>;
          return Object.keys(w).find((k) => w[k] === 1 && storedCount(x.automaton, k as never) % 4 !== 0);
        };
        let d = stored();
        for (let n = 1; !oneByteOdd(d) && n <= 8; n++) {
          const extra = Array.from({ length: n }, (_, i) => ({ id: `extra-${i}`, kind: 'model' as const, aliases: [{ text: `Extra${'z'.repeat(i + 1)}` }] }));
          d = JSON.parse(JSON.stringify(compileMatcher([...entities, ...extra]).data));
        }
        const widths = d.automaton.widths as Record<string, number>;
        const f = oneByteOdd(d);
        expect(f, 'a one-byte field whose count is not a multiple of four').toBeDefined();
        const n = storedCount(d.automaton, f as never);
        widths[f!] = n % 2 ? 2 : 4;
        return d;
      })(), /not a whole number/],
      ['an entity that vouches for one that does not exist', { ...stored(), vouches: [[0, [1_000_000]]] }, /vouches for an unknown entity/],
    ];
    // The WebAssembly pass derives and checks in its own `expand`.
    expect(new Matcher(parseMatcherData(stored())!, 'polyfill').wasm).toBe(true);
    // A width that is not one, two or four bytes is refused by the shape check.
    const odd = stored();
    (odd.automaton.widths as Record<string, number>).dense = 3;
    expect(parseMatcherData(odd)).toBeUndefined();
    // What each entity's mentions vouch for: refused by the shape check when it is no table of indices.
    expect(parseMatcherData({ ...stored(), vouches: undefined })).toBeUndefined();
    expect(parseMatcherData({ ...stored(), vouches: [[0, ['tencent']]] })).toBeUndefined();
    for (const [what, d, error] of cases) {
      const parsed = parseMatcherData(d);
      expect(parsed, what).toBeDefined();
      expect(() => new Matcher(parsed!, 'js'), what).toThrow(error);
      expect(() => new Matcher(parsed!, 'polyfill'), what).toThrow(error);
    }
  });
});
