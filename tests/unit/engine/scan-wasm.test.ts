import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { buildAutomaton, Scanner } from '../../../engine/automaton';
import { foldText } from '../../../engine/chars';
import { compileMatcher } from '../../../engine/compile';
import { SCAN_WASM_BASE64 } from '../../../engine/generated/scan-wasm';
import { Matcher } from '../../../engine/matcher';
import { loadBuiltinPack } from '../../../kb/builtin';
import { compileScanWasm } from '../../../scripts/gen-scan-wasm';

// Node 20 has no JS String Builtins, so these tests run the WebAssembly pass with a
// JavaScript charCodeAt import ('polyfill'); the browser tests run it with the builtins.
const { entities } = loadBuiltinPack();
const data = compileMatcher(entities).data;
const aliases = entities.flatMap((e) => e.aliases.map((a) => a.text));

function both(d = data) {
  return { js: new Matcher(d, 'js'), wasm: new Matcher(d, 'polyfill') };
}

function rawScan(scanner: Scanner, text: string, js: boolean): number[] {
  const out: number[] = [];
  if (js) scanner.scanJs(text, 0, text.length, out);
  else scanner.scan(text, 0, text.length, out);
  return out;
}

describe('the WebAssembly scan', () => {
  it('is compiled from engine/scan.wat (run npm run gen:wasm after editing it)', async () => {
    expect(Buffer.from(await compileScanWasm()).toString('base64')).toBe(SCAN_WASM_BASE64);
  });

  it('is used when asked for, and builds the same class table and root row as JavaScript', () => {
    const { js, wasm } = both();
    expect(js.wasm).toBe(false);
    expect(wasm.wasm).toBe(true);
    const tables = (m: Matcher) => m as unknown as { scanner: { cls: Uint16Array; rootNext: Uint32Array; hasOut: Uint8Array } };
    const a = tables(js).scanner;
    const b = tables(wasm).scanner;
    expect(b.cls).toEqual(a.cls);
    expect(b.rootNext).toEqual(a.rootNext);
    expect(Array.from(b.hasOut, (x) => (x ? 1 : 0))).toEqual(Array.from(a.hasOut));
  });

  it('finds the same occurrences as the JavaScript pass in real sentences', () => {
    const { js, wasm } = both();
    const sentences = [
      'Baidu’s ERNIE Bot and Zhipu AI’s ChatGLM2–6B were approved by the CAC.',
      '据报道，智谱AI发布了新模型；百度发布DeepSeek-R1对比通義千問與國家網信辦。',
      'The Interim Measures for the Administration of Generative Artificial Intelligence Services took effect.',
      '書生·浦語 and 书生\u00b7浦语, Qwen2.5-72B-Instruct, Kimi  K2, Zhipu\u00a0\u00a0AI, Bai\u200bdu',
      'CACAO, Yield, snake_case_Baidu, ernie bot, ERNIE\u2011Bot',
    ];
    for (const text of sentences) {
      const found = wasm.find(text);
      expect(found, text).toEqual(js.find(text));
    }
    expect(wasm.find(sentences[0]!).length).toBeGreaterThan(3);
  });

  it('finds the same occurrences as the JavaScript pass in random text with aliases (property)', () => {
    const { js, wasm } = both();
    const filler = fc.string({ unit: fc.constantFrom(' ', '  ', 'a', 'é', '中', '\u200b', '\u00a0', '·', '.', '-', '–', '文', 'Z', '\n', '\u0003', 'AI', 'GLM'), maxLength: 10 });
    fc.assert(
      fc.property(fc.array(fc.tuple(filler, fc.constantFrom(...aliases)), { maxLength: 8 }), filler, (parts, tail) => {
        const text = parts.map(([pre, alias]) => pre + alias).join('') + tail;
        expect(wasm.find(text)).toEqual(js.find(text));
      }),
      { numRuns: 500 },
    );
  });

  it('reports every overlapping occurrence, in order, across buffer refills', () => {
    // "a", "aa", "aaa": each character of a long run ends three occurrences, far more
    // than the output buffer holds, so the scan must stop and resume exactly.
    const automaton = buildAutomaton(['a', 'aa', 'aaa', 'b a'].map(foldText));
    const js = new Scanner(automaton, 'js');
    const wasm = new Scanner(automaton, 'polyfill');
    expect(wasm.wasm).toBe(true);
    const text = 'a'.repeat(40_000) + 'B  A' + 'xa'.repeat(5) + 'a\u200ba';
    const expected = rawScan(js, text, true);
    expect(expected.length).toBeGreaterThan(4 * 0x4000 * 2);
    expect(rawScan(wasm, text, false)).toEqual(expected);
    // The JavaScript pass over the instance's own tables agrees too.
    expect(rawScan(wasm, text, true)).toEqual(expected);
  });

  it('gives the start of occurrences up to 1,024 characters long, and leaves longer patterns to JavaScript', () => {
    // Starts come from a ring of the last 1,024 offsets read; ignorables and runs of
    // spaces inside an occurrence are not read, so its text is longer than its pattern.
    const long = `${'x y'.repeat(341)}z`;
    expect(long.length).toBe(1024);
    const automaton = buildAutomaton([long, 'y z', 'x'].map(foldText));
    const js = new Scanner(automaton, 'js');
    const wasm = new Scanner(automaton, 'polyfill');
    expect(wasm.wasm).toBe(true);
    const text = `ab ${long.replaceAll(' ', '  \u200b')} ${long}`;
    const expected = rawScan(js, text, true);
    expect(expected.filter((_, i) => i % 3 === 0 && expected[i] === 0)).toHaveLength(2);
    expect(rawScan(wasm, text, false)).toEqual(expected);
    expect(new Scanner(buildAutomaton([`${long}z`, 'x'].map(foldText)), 'polyfill').wasm).toBe(false);
  });

  it('scans a sub-range like the JavaScript pass', () => {
    const { js, wasm } = both();
    const text = 'xx Zhipu AI and 百度 yy';
    for (const [from, to] of [[0, text.length], [3, 11], [4, 11], [3, 10], [12, 18]] as const) {
      expect(wasm.find(text, from, to)).toEqual(js.find(text, from, to));
    }
  });
});
