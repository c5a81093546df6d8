// @vitest-environment happy-dom
/**
 * The benchmark's rule regexes (bench/rules.ts) against the engine, on sentences that
 * exercise each rule. The browser test (tests/browser/engines.test.ts) compares the two
 * on the benchmark pages, which may not contain a given rule's case: a rule added to the
 * engine and not to the regexes fails here.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { compileMatcher } from '../../../engine/compile';
import { groupTexts } from '../../../bench/rules';
import { matcherFor, pageMentions, smallEntities } from '../helpers';

const SENTENCES = [
  'Baidu opened ERNIE Bot; Baidu’s and Baiduʼs plans, Baidu_Inc and Baidu＿Inc are not names.',
  '⚡️DeepSeek-R1 is out, ❤️Baidu too, and ✅️Qwen2.5 ships.',
  'Baidu¹ and Baidu²³ said; ①DeepSeek ②Qwen2.5; #️⃣Baidu; Baidué, ＢａｉｄｕＸ, Café Baidu.',
  'Qwen2.5-based agents, a Qwen2.5-powered chatbot, ChatGLM2-6B-based apps, DeepSeek-R1-style reasoning, Qwen3-like models.',
  'Qwen2.5-72B-Instruct, Qwen3-Coder and DeepSeek-R1-0528 are models.',
  'DeepSeek-R1.5 is rumoured. We tried DeepSeek-R1. 5 stars; then Qwen2.5.',
  'A Kimi K2-powered agent from Moonshot AI; Kimi K2-Instruct too.',
  'Qwen 20 languages, Qwen 2 and Qwen 2.5, Qwen 72B, Qwen 15. Then Qwen 12.5 and Qwen 25b, Qwen 10x faster, Qwen 2.5x, Qwen 4xl.',
  // A multiplier after a versioned name is no variant of it; a letter is.
  'GLM 4x faster; GLM-4 2x cheaper; GLM-4x; GLM-4V and GLM-4x2.',
  'Qwen2.5x the speed, Qwen2x, Qwen-2.5x, Qwen2.5X; but Qwen2.5xl, Qwen2x7B and Qwen2.5.',
  // More digits after a name ending in a number are another number.
  'Qwen2.55 and Qwen 2.55; Qwen2.5 and Qwen 2.5; GLM-45 and GLM-4 5.',
  // A number written apart before a quantity word is a count, not a name or a version.
  'Qwen 2 million and Qwen 2.5  Billion users, Qwen2.5 billion tokens, Qwen 2 millionaires, GLM 4 hundred, ChatGLM 2 percent.',
  // A hyphen binds the number to the name (the alias's folded space is a hyphen here).
  'GLM-4 million, Qwen-2.5 billion, ChatGLM2-6B million.',
  'Addresses: https://www.baidu.com/s?wd=qwen, someone@deepseek.com, github.com/QwenLM/Qwen2.5; but Qwen2.5/Qwen3 and Baidu.com.',
  'ChatGLM2–6B with an en dash, ＣｈａｔＧＬＭ full width, 通義千問 and 通义千问.',
  // A version suffix in full-width forms reads as its ASCII one; a superscript is a footnote mark.
  'Ｑｗｅｎ２．５－７２Ｂ, 通义千问２．５, Ｑｗｅｎ２．５－ｂａｓｅｄ, ERNIE ４．５ｘ cheaper, Qwen　２０ languages, GLM-４Ｖ, Qwen２．５ｘ, Qwen¹ said.',
  'Qwen2.5VL, Qwen2.5V2.1-7B, DeepSeek-R1T2, two DeepSeek-R1s, ＤｅｅｐＳｅｅｋ-Ｒ１ｓ, Qwen2.5-VL; but Qwen2.5ß and QwenVL.',
  'Mr\n      Yi and Li  Yi, as page sources break lines; but Mrs\n Yi and 01.AI.',
  'Mr. Yi and Mr Yi, Mr.Yi and Ｍｒ．Yi, Li-Yi, Li. Yi; but Mrs. Yi and 01.AI Yi and Yi.',
  // A neighbour word that ends with punctuation ends a word wherever it is.
  'Yi (singer)Tour, Yi (singer) sang, Yi（singer）and Yi (singers); 01.AI Yi.',
  // A number before a Chinese unit is a price or a count, not a version.
  '通义千问2.5元一个；通义千问3年；通義千問2個；通义千问2.5发布；Qwen2.5元；Qwen 2.5元；Qwen2.5a元.',
  // Exception words: a longer word that holds a neighbour word does not block the alias.
  '百度一下，百度一下子就火了；百度 一下子；Li Yi, Bruce Li Yi and Bruce Li-Yi, 01.AI.',
  '智谱GLM-4发布，智谱GLM-4-9B开源，智谱GLM-5未出，智谱GLM的团队；GLM-4 and ChatGLM3, Qwen2.5-Max, Qwen2.5-Turbo-7B, 智谱GLM-4-Plus, Tongyi Qwen-VL, Tongyi Qwen.',
];

let oracle: (texts: string[], mode: 'block' | 'node') => { text: string; entity: string }[];
let texts: string[];

beforeAll(async () => {
  document.body.innerHTML = SENTENCES.map((s) => `<p>${s}</p>`).join('');
  const entities = smallEntities();
  const { data } = compileMatcher(entities);
  await import('../../../bench/page/engines');
  const bench = (window as unknown as { __bench: { setData(d: unknown): void; oracle: typeof oracle } }).__bench;
  bench.setData(data);
  oracle = bench.oracle.bind(bench);
  texts = groupTexts(entities, data);
});

describe('bench/rules.ts', () => {
  it('finds what the engine finds, sentence by sentence', () => {
    const m = matcherFor();
    const ours = SENTENCES.flatMap((s) => pageMentions(m, s));
    // Context is judged per page in both, and these sentences bring their own.
    const regex = oracle(texts, 'block').map((f) => [f.text, f.entity]);
    expect(regex).toEqual(ours);
    expect(ours.length).toBeGreaterThan(15);
  });
});
