/**
 * Regression tests from an audit of the matcher on realistic page text: emoji before a
 * name, apostrophe look-alikes, compound words after a model name ("Qwen2.5-based"), and
 * a newer decimal version of a name the knowledge base knows ("DeepSeek-R1.5").
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { findAll, findInParts, matcherFor, pageMentions } from '../helpers';

const m = matcherFor();

/** Every mention's text, as the page wrote it, must be exactly the name (offsets survive). */
function spans(text: string): string[] {
  return m.find(text).map((x) => text.slice(x.start, x.end));
}

describe('characters around a name', () => {
  it('finds a name right after an emoji with a variation selector', () => {
    expect(findAll(m, '⚡️DeepSeek-R1 is out')).toEqual([['DeepSeek-R1', 'deepseek-r1']]);
    expect(findAll(m, '❤️Baidu and ✅️Qwen2.5')).toEqual([
      ['Baidu', 'baidu'],
      ['Qwen2.5', 'qwen2-5'],
    ]);
    // An emoji without a selector already worked; the selector must not change that.
    expect(spans('👉Baidu 👉️Baidu')).toEqual(['Baidu', 'Baidu']);
  });

  it('treats the modifier-letter apostrophe (ʼ, folded to \') as an apostrophe, not a letter', () => {
    expect(findAll(m, 'DeepSeekʼs model and Baiduʼs plans')).toEqual([
      ['DeepSeek', 'deepseek'],
      ['Baidu', 'baidu'],
    ]);
  });

  it('finds a name next to a footnote mark, a circled list number or a keycap emoji', () => {
    expect(spans('Baidu¹ and Baidu²³ said; ①DeepSeek ②Qwen2.5; #️⃣Baidu')).toEqual(['Baidu', 'Baidu', 'DeepSeek', 'Qwen2.5', 'Baidu']);
    // Letters with accents and full-width forms are still letters.
    expect(spans('Baidué, ＢａｉｄｕＸ, Café Baidu')).toEqual(['Baidu']);
  });

  it('judges word boundaries on the folded character, as the alias flags are', () => {
    // The full-width low line folds to "_", a word character: like snake_case_Baidu.
    expect(findAll(m, 'Baidu_Inc')).toEqual([]);
    expect(findAll(m, 'Baidu＿Inc')).toEqual([]);
  });
});

describe('addresses written in the text', () => {
  it('finds no name inside a web or e-mail address, and keeps names next to slashes and full stops', () => {
    expect(spans('visit https://www.baidu.com/s?wd=qwen today, www.deepseek.com, mail someone@deepseek.com')).toEqual([]);
    expect(spans('访问https://www.baidu.com了解；github.com/QwenLM/Qwen2.5 and baidu.com/s')).toEqual([]);
    expect(spans('Qwen2.5/Qwen3 models, Baidu/Tencent, (Qwen), Baidu. Baidu.com is a site; #DeepSeek')).toEqual([
      'Qwen2.5', 'Qwen3', 'Baidu', 'Qwen', 'Baidu', 'Baidu', 'DeepSeek',
    ]);
  });

  it('finds no name at the end of an address after a hyphen, where a name before it showed the address', () => {
    expect(spans('github.com/deepseek-ai/Baidu-DeepSeek and https://x.com/Qwen-Baidu')).toEqual([]);
    // In prose a hyphen makes no address.
    expect(spans('Baidu-DeepSeek, Qwen-Baidu')).toEqual(['Baidu', 'DeepSeek', 'Qwen', 'Baidu']);
  });

  it('finds the forms of an address in any letter case, and only those', () => {
    expect(spans('WWW.BAIDU.COM, Www.DeepSeek.cn, page?src=Baidu&x=1, ftp://baidu, a.b@Baidu.com')).toEqual([]);
    // Full stops, commas and hyphens around a name make no address.
    expect(spans('Baidu.DeepSeek. DeepSeek, Baidu-DeepSeek.ww.Baidu')).toEqual(['Baidu', 'DeepSeek', 'DeepSeek', 'Baidu', 'DeepSeek', 'Baidu']);
  });

  it('judges an address the same when the text is scanned in parts', () => {
    const text = 'see https://github.com/QwenLM/Qwen2.5/tree/main/Baidu and Baidu';
    expect(findInParts(m, text).mentions).toEqual(m.find(text));
    expect(spans(text)).toEqual(['Baidu']);
  });

  it('reads an address within its block: one that ends a block says nothing of the next', () => {
    // "Source: https://www.reuters.com/" in one paragraph, "Baidu said…" in the next.
    const a = 'Source: https://www.reuters.com/';
    const text = `${a}Baidu said; see www.baidu.com`;
    const found = (cuts?: number[]) => m.find(text, 0, text.length, cuts).map((x) => text.slice(x.start, x.end));
    expect(found([a.length])).toEqual(['Baidu']);
    // Without the cut it is one block, and one address.
    expect(found()).toEqual([]);
    // A long block scanned in parts (from, to inside it) still reads its whole block.
    const at = text.indexOf('baidu.com');
    expect(m.find(text, at, text.length, [a.length])).toEqual([]);
  });
});

describe('version suffixes', () => {
  it('does not take an English compound word after a model name as part of its version', () => {
    expect(findAll(m, 'Qwen2.5-based agents and a Qwen2.5-powered chatbot')).toEqual([
      ['Qwen2.5', 'qwen2-5'],
      ['Qwen2.5', 'qwen2-5'],
    ]);
    expect(findAll(m, 'ChatGLM2-6B-based apps, DeepSeek-R1-style reasoning, Qwen3-like models')).toEqual([
      ['ChatGLM2-6B', 'chatglm2-6b'],
      ['DeepSeek-R1', 'deepseek-r1'],
      ['Qwen3', 'qwen'],
    ]);
    // In any letter case, and only the whole token ("Qwen2.5-Styles" is no compound of "style").
    expect(findAll(m, 'Qwen2.5-BASED and Qwen2.5-Powered; Qwen2.5-Styles')).toEqual([
      ['Qwen2.5', 'qwen2-5'],
      ['Qwen2.5', 'qwen2-5'],
      ['Qwen2.5-Styles', 'qwen2-5'],
    ]);
    // Model-name tokens still join: sizes, variants, dates.
    expect(findAll(m, 'Qwen2.5-72B-Instruct, Qwen3-Coder, DeepSeek-R1-0528')).toEqual([
      ['Qwen2.5-72B-Instruct', 'qwen2-5'],
      ['Qwen3-Coder', 'qwen'],
      ['DeepSeek-R1-0528', 'deepseek-r1'],
    ]);
  });

  it('keeps an unambiguous alias when a compound word follows it (no context needed)', () => {
    // "Kimi" needs context, "Kimi K2" does not: "Kimi K2-powered" must not become a
    // mention of the family alias that waits for Moonshot AI on the page.
    expect(pageMentions(m, 'A Kimi K2-powered agent')).toEqual([['Kimi K2', 'kimi-k2']]);
  });

  it('does not take a multiplier after a versioned name for a variant of it', () => {
    // "GLM 4x faster" is GLM four times faster, not a GLM-4 variant "4x"; "GLM-4V" is one.
    expect(findAll(m, 'GLM 4x faster; GLM-4 2x cheaper; GLM-4V')).toEqual([
      ['GLM', 'glm'],
      ['GLM-4', 'glm-4'],
      ['GLM-4V', 'glm-4'],
    ]);
  });

  it('does not take more digits after a name ending in a number for its version', () => {
    // "Qwen2.55" is another number than Qwen2.5's: the family, with that version.
    expect(findAll(m, 'Qwen2.55 and Qwen 2.55; Qwen2.5 and Qwen 2.5')).toEqual([
      ['Qwen2.55', 'qwen'],
      ['Qwen 2.55', 'qwen'],
      ['Qwen2.5', 'qwen2-5'],
      ['Qwen 2.5', 'qwen2-5'],
    ]);
  });

  it('does not take a number with a lone x written straight on for a version: a multiplier', () => {
    // After a hyphen (as after a space) the family name stands alone.
    expect(findAll(m, 'Qwen2.5x the speed of Qwen2.5, Qwen-2.5x, Qwen2X.')).toEqual([['Qwen2.5', 'qwen2-5'], ['Qwen', 'qwen']]);
  });

  it('does not take a count after a space for a version', () => {
    expect(findAll(m, 'Qwen 10x faster, Qwen 2.5x cheaper')).toEqual([
      ['Qwen', 'qwen'],
      ['Qwen', 'qwen'],
    ]);
    expect(findAll(m, 'Qwen 20 languages and Qwen 15. Qwen 2, Qwen 2.5, Qwen 12.5 and Qwen 72B are versions.')).toEqual([
      ['Qwen', 'qwen'],
      ['Qwen', 'qwen'],
      ['Qwen 2', 'qwen'],
      // The version's own alias, written with a space ("Qwen2.5" is also compiled as "Qwen 2.5").
      ['Qwen 2.5', 'qwen2-5'],
      ['Qwen 12.5', 'qwen'],
      ['Qwen 72B', 'qwen'],
    ]);
  });

  it('does not take a number written apart before a quantity word for a name or a version', () => {
    // "Qwen 2.5" is also a compiled alias of Qwen2.5 (with the space); the numbers are counts here.
    expect(findAll(m, 'Qwen 2.5 million users, Qwen 2.5 Billion tokens, Qwen 3 hundred, GLM 4 percent.')).toEqual([
      ['Qwen', 'qwen'],
      ['Qwen', 'qwen'],
      ['Qwen', 'qwen'],
      ['GLM', 'glm'],
    ]);
    // Written straight on, or before another word, the number is the name's.
    expect(findAll(m, 'Qwen2.5 billion tokens; Qwen 2.5 millionaires; Qwen 2.5 72B; Qwen 3 ships.')).toEqual([
      ['Qwen2.5', 'qwen2-5'],
      ['Qwen 2.5', 'qwen2-5'],
      ['Qwen 2.5 72B', 'qwen2-5'],
      ['Qwen 3', 'qwen'],
    ]);
  });

  it('does not take a newer decimal version for the version the alias names', () => {
    // "DeepSeek-R1.5" is not DeepSeek-R1 (nor "ChatGLM2-6B.5" ChatGLM2-6B).
    expect(findAll(m, 'DeepSeek-R1.5 is rumoured')).not.toContainEqual(['DeepSeek-R1', 'deepseek-r1']);
    expect(spans('DeepSeek-R1.5 is rumoured')).not.toContain('DeepSeek-R1');
    // A full stop after the name is still a full stop.
    expect(findAll(m, 'We tried DeepSeek-R1. 5 stars; then Qwen2.5.')).toEqual([
      ['DeepSeek-R1', 'deepseek-r1'],
      ['Qwen2.5', 'qwen2-5'],
    ]);
  });
});

describe('the new rules and scanning in parts', () => {
  it('finds in split parts and between cuts what it finds in the whole (property)', () => {
    const piece = fc.constantFrom('Qwen', '2.5', '3', '-based', '-Powered', '-72B', '.5', '.', '5', ' ', 'DeepSeek', '-R1', 'Kimi', ' K2', 'Baidu', 'ʼs', '＿', '⚡', '\uFE0F', '❤', 'x', '。', '百度', 'ChatGLM2-6B', '-style', 'million', '/', 'www.', '.com', '@');
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 30 }), fc.array(fc.nat(120), { maxLength: 3 }), (pieces, rawCuts) => {
        const text = pieces.join('');
        const whole = m.find(text);
        expect(findInParts(m, text).mentions).toEqual(whole);
        const cuts = [...new Set(rawCuts.map((c) => c % (text.length + 1)))].sort((x, y) => x - y);
        // Each block on its own, as if the text ended there.
        const separately: typeof whole = [];
        let s = 0;
        for (const c of [...cuts, text.length]) {
          if (c <= s) continue;
          for (const x of m.find(text.slice(s, c))) separately.push({ ...x, start: x.start + s, end: x.end + s, aliasEnd: x.aliasEnd + s });
          s = c;
        }
        expect(m.find(text, 0, text.length, cuts)).toEqual(separately);
      }),
      { numRuns: 1000 },
    );
  });
});
