import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { BLOCK_SEPARATOR, FLAG_DASH, flagTable } from '../../../engine/chars';
import { findAll, findInParts, matcherFor, pageMentions, smallEntities } from '../helpers';

const m = matcherFor();

describe('word boundaries', () => {
  it('matches Latin aliases only as whole words', () => {
    expect(findAll(m, 'Yield curves and Yi-34B')).toEqual([['Yi-34B', 'yi']]);
    // A word that shows the name is a person's, also with an abbreviation's period.
    expect(findAll(m, 'Mr Yi, Mr. Yi, Mr.Yi, Ｍｒ．Yi, Li-Yi; Mrs. Yi, Yi.')).toEqual([['Yi', 'yi'], ['Yi', 'yi']]);
    // Also across a line break and indentation of the page's source.
    expect(findAll(m, 'Mr\n        Yi and Li  Yi; Mrs\n Yi')).toEqual([['Yi', 'yi']]);
    // A neighbour word that ends with punctuation ends a word wherever it is.
    expect(findAll(m, 'Yi (singer)Tour, Yi (singer) sang; Yi (singers)')).toEqual([['Yi', 'yi']]);
    expect(findAll(m, 'CACAO prices; the CAC said')).toEqual([['CAC', 'cac']]);
    expect(findAll(m, 'Baidus and Baidu’s plans')).toEqual([['Baidu', 'baidu']]);
    expect(findAll(m, 'snake_case_Baidu')).toEqual([]);
  });

  it('does not let a neighbour word block the alias where a longer exception word holds it', () => {
    // Fixture: 百度 notFollowedBy 一下 except 一下子; Yi notPrecededBy Li except "Bruce Li".
    expect(findAll(m, '百度一下；百度一下子就火了；百度 一下子')).toEqual([
      ['百度', 'baidu'],
      ['百度', 'baidu'],
    ]);
    expect(findAll(m, 'Li Yi, Bruce Li Yi, Bruce Li-Yi')).toEqual([
      ['Yi', 'yi'],
      ['Yi', 'yi'],
    ]);
  });

  it('matches Chinese aliases inside running text, and Latin aliases touching Chinese', () => {
    expect(findAll(m, '据报道，智谱AI发布了新模型')).toEqual([['智谱AI', 'zhipu-ai']]);
    expect(findAll(m, '百度发布DeepSeek-R1对比')).toEqual([
      ['百度', 'baidu'],
      ['DeepSeek-R1', 'deepseek-r1'],
    ]);
  });

  it('honours case-sensitive aliases', () => {
    expect(findAll(m, 'the cac tree and the Cac club')).toEqual([]);
    expect(findAll(m, 'ERNIE Bot, ernie bot')).toEqual([
      ['ERNIE Bot', 'ernie-bot'],
      ['ernie bot', 'ernie-bot'],
    ]);
    expect(findAll(m, 'Ernie and ernie')).toEqual([['Ernie', 'ernie-bot']]);
  });
});

describe('normalization', () => {
  it('treats every dash and hyphen alike, and hyphen as space', () => {
    expect(findAll(m, 'ChatGLM2–6B, ChatGLM2—6B, ChatGLM2‑6B, ChatGLM2 6B')).toEqual([
      ['ChatGLM2–6B', 'chatglm2-6b'],
      ['ChatGLM2—6B', 'chatglm2-6b'],
      ['ChatGLM2‑6B', 'chatglm2-6b'],
      ['ChatGLM2 6B', 'chatglm2-6b'],
    ]);
    // Every character with Unicode's Dash property (less the wave and swung dashes, which
    // mark ranges), and the forms NFKC turns into one, is a hyphen in a name and a dash to
    // the version rule.
    for (const dash of '-\u058A\u05BE\u1400\u1806\u2010\u2011\u2012\u2013\u2014\u2015\u207B\u208B\u2212\u2E17\u2E1A\u2E3A\u2E3B\u2E40\u2E5D\u30A0\uFE31\uFE32\uFE58\uFE63\uFF0D') {
      const code = dash.charCodeAt(0).toString(16);
      expect([code, findAll(m, `ChatGLM2${dash}6B, DeepSeek${dash}R1, Qwen${dash}3`)]).toEqual([
        code,
        [
          [`ChatGLM2${dash}6B`, 'chatglm2-6b'],
          [`DeepSeek${dash}R1`, 'deepseek-r1'],
          [`Qwen${dash}3`, 'qwen'],
        ],
      ]);
      expect([code, flagTable()[dash.charCodeAt(0)]! & FLAG_DASH]).toEqual([code, FLAG_DASH]);
    }
    expect(findAll(m, 'Qwen\u301C3, Qwen\u30303, Qwen\u20533')).toEqual([['Qwen', 'qwen'], ['Qwen', 'qwen'], ['Qwen', 'qwen']]);
  });

  it('folds case, full-width forms and spaces', () => {
    expect(findAll(m, 'ＺＨＩＰＵ ＡＩ and zhipu\u00a0ai and Zhipu   AI and Zhipu\u3000AI')).toEqual([
      ['ＺＨＩＰＵ ＡＩ', 'zhipu-ai'],
      ['zhipu\u00a0ai', 'zhipu-ai'],
      ['Zhipu   AI', 'zhipu-ai'],
      ['Zhipu\u3000AI', 'zhipu-ai'],
    ]);
    expect(findAll(m, 'ＣＡＣ')).toEqual([['ＣＡＣ', 'cac']]);
  });

  it('reads a version suffix written in full-width forms as its ASCII one', () => {
    expect(findAll(m, 'Ｑｗｅｎ２．５－７２Ｂ发布，通义千问２．５和Ｑｗｅｎ３')).toEqual([
      ['Ｑｗｅｎ２．５－７２Ｂ', 'qwen2-5'],
      ['通义千问２．５', 'qwen'],
      ['Ｑｗｅｎ３', 'qwen'],
    ]);
    // The same rules as in ASCII: a compound word, a multiplier and a count are no version.
    expect(findAll(m, 'Ｑｗｅｎ２．５－ｂａｓｅｄ')).toEqual([['Ｑｗｅｎ２．５', 'qwen2-5']]);
    expect(findAll(m, 'ERNIE ４．５ｘ cheaper; Qwen　２０ languages')).toEqual([['Qwen', 'qwen']]);
    // A superscript after a name is a footnote mark, not a version.
    expect(findAll(m, 'Qwen¹ said')).toEqual([['Qwen', 'qwen']]);
  });

  it('skips zero-width characters and soft hyphens inside a name', () => {
    expect(findAll(m, 'Zhi\u200bpu AI and Deep\u00adSeek')).toEqual([
      ['Zhi\u200bpu AI', 'zhipu-ai'],
      ['Deep\u00adSeek', 'deepseek'],
    ]);
  });

  it('finds traditional Chinese with simplified aliases', () => {
    expect(findAll(m, '阿里雲的通義千問與國家網信辦')).toEqual([
      ['阿里雲', 'alibaba-cloud'],
      ['通義千問', 'qwen'],
      ['國家網信辦', 'cac'],
    ]);
  });

  it('accepts a space, or none, where Chinese meets Latin letters or digits', () => {
    // Chinese typography often spaces Latin words and numbers off (智谱 AI, 智谱 GLM-4).
    expect(findAll(m, '智谱 AI发布了智谱GLM-4和智谱 GLM-4，智谱\u00a0 AI也是')).toEqual([
      ['智谱 AI', 'zhipu-ai'],
      ['智谱GLM-4', 'glm-4'],
      ['智谱 GLM-4', 'glm-4'],
      ['智谱\u00a0 AI', 'zhipu-ai'],
    ]);
    // Not where the alias has Chinese on both sides, nor a space inside a Latin word (there
    // only the shorter alias 智谱 is found).
    expect(findAll(m, '智 谱AI')).toEqual([]);
    expect(findAll(m, '智谱A I')).toEqual([['智谱', 'zhipu-ai']]);
  });

  it('accepts any middle dot, or none, in names like 书生·浦语', () => {
    expect(findAll(m, '书生·浦语、书生・浦语、书生‧浦语和书生浦语')).toEqual([
      ['书生·浦语', 'internlm'],
      ['书生・浦语', 'internlm'],
      ['书生‧浦语', 'internlm'],
      ['书生浦语', 'internlm'],
    ]);
  });
});

describe('longest match', () => {
  it('prefers the longer alias that contains a shorter one', () => {
    const final = 'Interim Measures for the Administration of Generative Artificial Intelligence Services';
    expect(findAll(m, `The ${final} replaced the Measures for the Administration of Generative Artificial Intelligence Services.`)).toEqual([
      [final, 'interim-measures'],
      ['Measures for the Administration of Generative Artificial Intelligence Services', 'draft-measures'],
    ]);
    expect(findAll(m, 'ChatGLM2-6B and ChatGLM')).toEqual([
      ['ChatGLM2-6B', 'chatglm2-6b'],
      ['ChatGLM', 'glm'],
    ]);
  });

  it('resolves version-suffixed names to the most specific entity', () => {
    expect(findAll(m, 'ChatGLM3-6B, Qwen2.5-72B-Instruct, Qwen 3, Qwen3-Coder and 通义千问2.5')).toEqual([
      ['ChatGLM3-6B', 'glm'],
      ['Qwen2.5-72B-Instruct', 'qwen2-5'],
      ['Qwen 3', 'qwen'],
      ['Qwen3-Coder', 'qwen'],
      ['通义千问2.5', 'qwen'],
    ]);
  });

  it('lets a version alias win over its family for a longer checkpoint name', () => {
    expect(findAll(m, 'Qwen2.5-7B-Instruct and DeepSeek-R1-0528')).toEqual([
      ['Qwen2.5-7B-Instruct', 'qwen2-5'],
      ['DeepSeek-R1-0528', 'deepseek-r1'],
    ]);
  });

  it('reads a company-prefixed family name with a version as the version it ends in', () => {
    // 智谱GLM (the family) + "-4" is GLM-4, which starts inside it: the version, over the whole span.
    expect(findAll(m, '智谱GLM-4发布了，智谱GLM-4-9B开源，智谱GLM 4。')).toEqual([
      ['智谱GLM-4', 'glm-4'],
      ['智谱GLM-4-9B', 'glm-4'],
      ['智谱GLM 4', 'glm-4'],
    ]);
    // A version alias that the suffix continues past names it too.
    expect(findAll(m, 'Qwen2.5-Max, Qwen2.5-Turbo and 智谱GLM-4-Plus')).toEqual([
      ['Qwen2.5-Max', 'qwen2-5'],
      ['Qwen2.5-Turbo', 'qwen2-5'],
      ['智谱GLM-4-Plus', 'glm-4'],
    ]);
    // A model name that another model name overlaps and reaches past: the more specific one.
    expect(findAll(m, 'Tongyi Qwen-VL and Tongyi Qwen.')).toEqual([
      ['Tongyi Qwen-VL', 'qwen-vl'],
      ['Tongyi Qwen', 'qwen'],
    ]);
    // No version alias ends there: the family, as before.
    expect(findAll(m, '智谱GLM-5和智谱GLM的团队')).toEqual([
      ['智谱GLM-5', 'glm'],
      ['智谱GLM', 'glm'],
    ]);
  });

  it('takes letters written straight after a name ending in a number as a variant of that version', () => {
    expect(findAll(m, 'Qwen2.5VL, Qwen2.5V2-7B, DeepSeek-R1T2 and two DeepSeek-R1s.')).toEqual([
      ['Qwen2.5VL', 'qwen2-5'],
      ['Qwen2.5V2-7B', 'qwen2-5'],
      ['DeepSeek-R1T2', 'deepseek-r1'],
      ['DeepSeek-R1s', 'deepseek-r1'],
    ]);
    // Not after a name that ends in a letter, nor letters of another script.
    expect(findAll(m, 'QwenVL, DeepSeekAI, Qwen2.5ß')).toEqual([]);
  });

  it('does not take a number before a Chinese unit, counter or date word as a version', () => {
    // A price, a count, a year: the family, not a version (豆包1.5元 is a bun's price).
    expect(findAll(m, '通义千问2.5元一个；通义千问3年；通義千問2個；通义千问2.5发布')).toEqual([
      ['通义千问', 'qwen'],
      ['通义千问', 'qwen'],
      ['通義千問', 'qwen'],
      ['通义千问2.5', 'qwen'],
    ]);
    // An alias that ends in a number is no name before one either.
    expect(findAll(m, 'Qwen2.5元')).toEqual([]);
  });

  it('does not take a name ending in a number before a thousands group', () => {
    // "Qwen2.5,000" is a number; a list comma, or four digits after one, is not a group.
    expect(findAll(m, 'Qwen2.5,000 tokens; Qwen2.5, Qwen2.5,1000 and Qwen2.5，000')).toEqual([
      ['Qwen2.5', 'qwen2-5'],
      ['Qwen2.5', 'qwen2-5'],
      ['Qwen2.5', 'qwen2-5'],
    ]);
  });

  it('does not take years or ordinary words as versions', () => {
    expect(findAll(m, 'Qwen 2024 roadmap; Qwen is open; Qwen2.5.')).toEqual([
      ['Qwen', 'qwen'],
      ['Qwen', 'qwen'],
      ['Qwen2.5', 'qwen2-5'],
    ]);
    expect(findAll(m, 'QwenLM and DeepSeekMath')).toEqual([]);
  });
});

describe('blocks', () => {
  it('never matches across a block separator', () => {
    expect(findAll(m, `Zhipu${BLOCK_SEPARATOR}AI`)).toEqual([['Zhipu', 'zhipu-ai']]);
    expect(findAll(m, `Chat${BLOCK_SEPARATOR}glm2-6b`)).toEqual([]);
    expect(findAll(m, `Chat${BLOCK_SEPARATOR}GLM2-6B`)).toEqual([["GLM2-6B", "glm"]]);
  });

  // The page scanner passes block boundaries as cuts (offsets), not separator characters.
  const atCuts = (text: string, cuts: number[]) =>
    m.find(text, 0, text.length, cuts).map((x) => [text.slice(x.start, x.end), m.ids[m.patterns.entity[x.patterns[0]!]!]!]);

  it('never matches across a cut, and judges each side as if the text ended there', () => {
    expect(atCuts('ZhipuAI', [5])).toEqual([['Zhipu', 'zhipu-ai']]);
    expect(atCuts('Chatglm2-6b', [4])).toEqual([]);
    expect(atCuts('ChatGLM2-6B', [4])).toEqual([['GLM2-6B', 'glm']]);
    // A word character across the cut is not a word boundary problem: "xCAC" is "x" then "CAC".
    expect(atCuts('xCACy', [1, 4])).toEqual([['CAC', 'cac']]);
    // A version suffix stops at the cut.
    expect(atCuts('DeepSeek-R1', [8])).toEqual([['DeepSeek', 'deepseek']]);
    expect(atCuts('百度智谱', [1, 3])).toEqual([]);
    expect(atCuts('百度|智谱', [2, 3])).toEqual([
      ['百度', 'baidu'],
      ['智谱', 'zhipu-ai'],
    ]);
  });

  it('finds the same mentions with cuts as with separators (property)', () => {
    const piece = fc.constantFrom('Zhipu', ' AI', 'Chat', 'GLM2-6B', '-6B', '智谱', '百度', 'CAC', 'x', ' ', '通義', '千問', 'DeepSeek', '-R1', 'Qwen', '2.5', '\u200b', 'é');
    fc.assert(
      fc.property(fc.array(fc.array(piece, { maxLength: 5 }).map((ps) => ps.join('')), { minLength: 1, maxLength: 6 }), (blocks) => {
        const withSep = blocks.join(BLOCK_SEPARATOR);
        const plain = blocks.join('');
        const cuts: number[] = [];
        let at = 0;
        for (const b of blocks.slice(0, -1)) cuts.push((at += b.length));
        const bySep = m.find(withSep).map((x) => [x.start, x.end, x.patterns.join()]);
        // Each separator before a mention shifts it by one.
        const byCut = m.find(plain, 0, plain.length, cuts).map((x) => {
          const before = cuts.filter((c) => c <= x.start).length;
          return [x.start + before, x.end + before, x.patterns.join()];
        });
        expect(byCut).toEqual(bySep);
      }),
      { numRuns: 500 },
    );
  });
});

describe('split points (long blocks scanned in parts)', () => {
  it('splits after a space no name or suffix spans, or after punctuation no alias has', () => {
    expect(m.splitPoint('Baidu; Zhipu AI', 0, 15)).toBe(6);
    expect(m.splitPoint('百度。智谱', 0, 5)).toBe(3);
    expect(m.splitPoint('Qwen2.5-72B and Zhipu AI', 0, 24)).toBe(12);
    // Not inside "Zhipu AI", nor before a version ("Kimi K2"), nor at a run of spaces.
    expect(m.splitPoint('Zhipu AI', 0, 8)).toBe(-1);
    expect(m.splitPoint('Kimi K2 x', 0, 9)).toBe(8);
    expect(m.splitPoint('a  b', 0, 4)).toBe(-1);
    expect(m.splitPoint('Baidu; Zhipu', 7, 12)).toBe(-1);
    // Not before a quantity word: "Qwen 2.5 million" is no Qwen2.5, which a part ending at the space would find.
    expect(m.splitPoint('Qwen 2.5 million', 0, 16)).toBe(-1);
    expect(m.find('Qwen 2.5 million').map((x) => x.end)).toEqual([4]);
  });

  it('splits Chinese running text without punctuation where no name is under way', () => {
    // Not inside 百度 nor right after it (the automaton is not at its root there): after 发.
    expect(m.splitPoint('百度发布了新模型', 0, 8)).toBe(3);
    expect(m.splitPoint('智谱清言', 0, 4)).not.toBe(1);
  });

  // Also with aliases that have no space, dash or dot, so that only the split rules keep
  // those characters (version suffixes read them) and a neighbour word's ";" whole; and
  // with neighbour words of Chinese names (新 before 星火, 大模型 after 智谱), so that the
  // rule for running Chinese text must keep away from them.
  const bare = matcherFor(
    smallEntities().map((e) => ({
      ...e,
      aliases: e.aliases
        .filter((a) => !/[ .\-]/.test(a.text))
        .map((a) => (a.notPrecededBy ? { ...a, notPrecededBy: [...a.notPrecededBy, 'x;y'] } : a))
        .map((a) => (a.text === '星火' ? { ...a, notPrecededBy: [...(a.notPrecededBy ?? []), '新'] } : a.text === '智谱' ? { ...a, notFollowedBy: [...(a.notFollowedBy ?? []), '大模型'] } : a)),
    })),
  );

  it('does not split between a neighbour word with a period and its alias ("Apache. Spark")', () => {
    // Found by the property below (seed 433464088): the word before an alias may end with a
    // period, so a split after ". " would hide "Apache" from "Spark".
    const text = 'Apache. Spark';
    expect(m.splitPoint(text, 0, text.length)).not.toBe(8);
    expect(findInParts(m, text).mentions).toEqual(m.find(text));
    expect(m.find(text)).toEqual([]);
  });

  it.each([
    ['the knowledge base', m],
    ['aliases without spaces, dashes or dots', bare],
  ])('finds in the parts exactly what it finds in the whole, %s (property)', (_, matcher) => {
    const piece = fc.constantFrom('Zhipu', ' AI', 'Chat', 'GLM2-6B', '-6B', '智谱', '百度', 'CAC', 'x', 'y', ' ', '  ', ';', '|', '。', '(', ')', '!', '.', '2.5', 'Qwen', 'DeepSeek', '-R1', 'V3', 'Apache', 'Spark', ' Spark', 'x;y', 'x;y ', 'iFlytek', 'Kimi', ' K2', 'K2', '月之暗面', '\u200b', 'é', '，', 'the ', ' river ', ' and ', 'Moonshot', ' Moonshot AI', 'Baidu ', '发布', '的', '了新', '新', '智', '谱', '百', '度', '月之', '暗面', '星火', '大模型', '模型', '（', '）', '”', ' million', 'Million');
    let splits = 0;
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 40 }), (pieces) => {
        const text = pieces.join('');
        const parts = findInParts(matcher, text);
        splits += parts.splits;
        expect(parts.mentions).toEqual(matcher.find(text));
      }),
      { numRuns: 1000 },
    );
    expect(splits).toBeGreaterThan(500);
  });
});

describe('context requirements', () => {
  it('counts an ambiguous alias only with its context on the page', () => {
    expect(pageMentions(m, 'Kimi Antonelli drove for Mercedes.')).toEqual([]);
    expect(pageMentions(m, 'Moonshot AI released Kimi K2; Kimi is popular.')).toEqual([
      ['Moonshot AI', 'moonshot-ai'],
      ['Kimi K2', 'kimi-k2'],
      ['Kimi', 'kimi'],
    ]);
    // Context later on the page still counts.
    expect(pageMentions(m, 'Kimi is popular. It is made by 月之暗面.')).toEqual([
      ['Kimi', 'kimi'],
      ['月之暗面', 'moonshot-ai'],
    ]);
    expect(pageMentions(m, 'Apache Spark and a 星火 of hope')).toEqual([]);
    expect(pageMentions(m, 'iFlytek does not make Apache Spark.')).toEqual([['iFlytek', 'iflytek']]);
    expect(pageMentions(m, 'iFlytek updated Spark; 星火大模型')).toEqual([
      ['iFlytek', 'iflytek'],
      ['Spark', 'spark'],
      ['星火', 'spark'],
    ]);
  });
});

describe('offsets', () => {
  const aliases = ['Zhipu AI', '智谱', 'ChatGLM2-6B', '通義千問', 'CAC', 'Qwen2.5-72B', 'Baidu'];
  it('map back exactly to the original text (property)', () => {
    const filler = fc.string({ unit: fc.constantFrom(' ', 'a', 'é', '中', '\u200b', '\u00a0', '.', '-', '文', 'Z', '\n'), maxLength: 12 });
    fc.assert(
      fc.property(fc.array(fc.tuple(filler, fc.constantFrom(...aliases)), { maxLength: 6 }), filler, (parts, tail) => {
        let text = '';
        const expected: [number, number][] = [];
        for (const [pre, alias] of parts) {
          text += ` ${pre} `;
          expected.push([text.length, text.length + alias.length]);
          text += alias;
        }
        text += ` ${tail}`;
        const found = m.find(text).map((x) => [x.start, x.end]);
        for (const [s, e] of expected) {
          expect(found).toContainEqual([s, e]);
        }
        for (const x of m.find(text)) expect(text.slice(x.start, x.end).length).toBe(x.end - x.start);
      }),
      { numRuns: 300 },
    );
  });
});

describe('candidate pattern lists', () => {
  // Mentions of one pattern share one list (an array per mention would be kept by every
  // mention on a dense page); a shared alias gets a list of its own, never a mutated one.
  const [a, b] = smallEntities();
  const shared = { text: 'Xylo Quorra', lang: 'en' as const, shared: true, context: [b!.id] };
  const both = matcherFor([
    { ...a!, aliases: [...a!.aliases, shared] },
    { ...b!, aliases: [...b!.aliases, { ...shared, context: [a!.id] }] },
  ]);

  it('shares the list of a one-pattern mention, and copies it for a shared alias', () => {
    const alias = a!.aliases[0]!.text;
    const [first] = both.find(`${alias} and more`);
    const [again] = both.find(`then ${alias}`);
    expect(first!.patterns).toHaveLength(1);
    expect(again!.patterns).toBe(first!.patterns);
    const [sharedMention] = both.find('the Xylo Quorra paper');
    const sharedList = [...sharedMention!.patterns];
    expect(sharedList).toHaveLength(2);
    expect(new Set(sharedMention!.patterns.map((p) => both.ids[both.patterns.entity[p]!]))).toEqual(new Set([a!.id, b!.id]));
    // Building the shared alias's list changed no list: a second find gives the same.
    expect(both.find('Xylo Quorra')[0]!.patterns).toEqual(sharedList);
    expect(both.find(alias)[0]!.patterns).toEqual(first!.patterns);
    expect(first!.patterns).toHaveLength(1);
  });
});
