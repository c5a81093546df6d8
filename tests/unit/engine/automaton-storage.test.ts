import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { buildAutomaton, deserializeAutomaton, serializeAutomaton, Scanner, type SerializedAutomaton } from '../../../engine/automaton';
import { fromBase64, toBase64 } from '../../../engine/base64';
import { foldText } from '../../../engine/chars';
import { compileMatcher } from '../../../engine/compile';
import { parseMatcherData } from '../../../engine/matcher-schema';
import { Matcher } from '../../../engine/matcher';
import { loadBuiltinPack } from '../../../kb/builtin';

const { entities } = loadBuiltinPack();
const data = compileMatcher(entities).data;
const stored = (): typeof data => JSON.parse(JSON.stringify(data));
const ARRAYS = ['edgeStart', 'edgeClass', 'edgeTarget', 'fail', 'outGroup', 'dictLink', 'groupLength', 'denseRow', 'dense'] as const;

/** Rewrites one stored array of a copy of the matcher data. */
function tampered(field: keyof SerializedAutomaton, edit: (a: Uint32Array | Uint16Array | Int32Array) => void): typeof data {
  const d = stored();
  const bytes = fromBase64(d.automaton[field] as string);
  const ctor = field === 'childCount' || field === 'edgeClass' || field === 'groupLength' ? Uint16Array : field === 'denseRow' ? Int32Array : Uint32Array;
  const arr = new ctor(bytes.buffer, bytes.byteOffset, bytes.byteLength / ctor.BYTES_PER_ELEMENT);
  edit(arr);
  (d.automaton as Record<string, unknown>)[field] = toBase64(arr);
  return d;
}

describe('the stored automaton', () => {
  it('leaves out the arrays a tab derives, and is about half the size it was', () => {
    const a = buildAutomaton(entities.flatMap((e) => e.aliases.map((x) => foldText(x.text))).filter((t, i, all) => t && all.indexOf(t) === i));
    const full = ARRAYS.reduce((n, f) => n + toBase64(a[f]).length, 0);
    const s = serializeAutomaton(a);
    for (const f of ['edgeStart', 'edgeTarget', 'outGroup', 'dictLink']) expect(s).not.toHaveProperty(f);
    const compact = Object.values(s).reduce((n: number, v) => n + (typeof v === 'string' ? v.length : 0), 0);
    expect(compact).toBeLessThan(full * 0.6);
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
      ['a failure link that does not point back', tampered('fail', (a) => (a[5] = 5)), /fails forward/],
      ['child counts that do not add up', tampered('childCount', (a) => (a[0] = a[0]! + 1)), /child counts|counts disagree/],
      ['an edge class outside the alphabet', tampered('edgeClass', (a) => (a[3] = 60_000)), /unknown class/],
      ['two groups ending at one state', tampered('groupState', (a) => (a[1] = a[0]!)), /no state of its own/],
      ['a group ending at the root', tampered('groupState', (a) => (a[0] = 0)), /no state of its own/],
      ['a dense transition to no state', tampered('dense', (a) => (a[1] = 0xffffff)), /leads nowhere/],
      ['a dense row past the table', tampered('denseRow', (a) => (a[0] = 1 << 30)), /no dense row/],
    ];
    for (const [what, d, error] of cases) {
      const parsed = parseMatcherData(d);
      expect(parsed, what).toBeDefined();
      expect(() => new Matcher(parsed!, 'js'), what).toThrow(error);
      expect(() => new Matcher(parsed!, 'polyfill'), what).toThrow(error);
    }
  });
});
