import { describe, expect, it } from 'vitest';
import { encodeTextDirectivePart, linkToClipping, textDirective } from '../../../formats/text-fragment';

const url = 'https://a.example/x';
/** A clipping of `exact` inside `page` with its quote context, as capture would store it (32 characters each side). */
function clipOf(page: string, exact: string, nth = 0) {
  let at = -1;
  for (let i = 0; i <= nth; i++) at = page.indexOf(exact, at + 1);
  if (at < 0) throw new Error(`${exact} not in page`);
  return { text: exact, quote: { exact, prefix: page.slice(Math.max(0, at - 32), at), suffix: page.slice(at + exact.length, at + exact.length + 32) } };
}

const ZH = '据报道，百度公司于二零二三年三月发布了文心一言大模型，随后阿里巴巴推出通义千问，用户可以在手机上免费使用文心一言的应用。';
const ZH_TW = '據報道，百度公司於二零二三年三月發布了文心一言大模型，隨後阿里巴巴推出通義千問，用戶可以在手機上免費使用文心一言的應用。';
const EN = 'The Cyberspace Administration of China published the interim measures for generative AI services in July, and Baidu opened ERNIE Bot to the public a month later.';

describe('text-fragment links', () => {
  it('links a short quote as it is, percent-encoding the syntax characters (- , &)', () => {
    expect(linkToClipping({ url, text: 'Zhipu AI - open' })).toBe(`${url}#:~:text=Zhipu%20AI%20%2D%20open`);
    expect(encodeTextDirectivePart('R&D, GLM-4.5 (智谱)')).toBe('R%26D%2C%20GLM%2D4.5%20(%E6%99%BA%E8%B0%B1)');
  });

  it('keeps a fragment the page URL already has (the directive follows it)', () => {
    expect(linkToClipping({ url: `${url}#part-2`, text: 'Zhipu AI' })).toBe(`${url}#part-2:~:text=Zhipu%20AI`);
    expect(linkToClipping({ url: `${url}#`, text: 'Zhipu AI' })).toBe(`${url}#:~:text=Zhipu%20AI`);
  });

  it('links a long English quote by its first and last six words', () => {
    expect(textDirective({ text: EN })).toEqual({
      start: 'The Cyberspace Administration of China published',
      end: 'to the public a month later.',
    });
    expect(linkToClipping({ url, text: EN })).toBe(
      `${url}#:~:text=The%20Cyberspace%20Administration%20of%20China%20published,to%20the%20public%20a%20month%20later.`,
    );
  });

  it('links a long simplified Chinese quote by about 15 characters at each end, cut where words end', () => {
    // Cut at 40 characters this link was one long quote; the browser matches a piece only at
    // word boundaries (ICU's dictionary: 百度|公司, 通义|千|问), so a piece ends with a word.
    const d = textDirective({ text: ZH });
    expect(d).toEqual({ start: '据报道，百度公司于二零二三年三月发布', end: '在手机上免费使用文心一言的应用。' });
    expect(linkToClipping({ url, text: ZH })).toBe(`${url}#:~:text=${encodeURIComponent(d.start)},${encodeURIComponent(d.end!)}`);
  });

  it('finds the pieces of a very long quote from its ends alone, as from the whole', () => {
    // Only the first and last 256 characters are segmented; the pieces are the same.
    const middle = ' Officials said the rules would be reviewed. 官员表示规则将接受审查。'.repeat(40);
    expect(textDirective({ text: `${EN}${middle} ${EN}` })).toEqual({
      start: 'The Cyberspace Administration of China published',
      end: 'to the public a month later.',
    });
    expect(textDirective({ text: `${ZH}${middle}${ZH}` })).toEqual({ start: '据报道，百度公司于二零二三年三月发布', end: '在手机上免费使用文心一言的应用。' });
  });

  it('links a long traditional Chinese quote the same way', () => {
    expect(textDirective({ text: ZH_TW })).toEqual({ start: '據報道，百度公司於二零二三年三月發布', end: '在手機上免費使用文心一言的應用。' });
  });

  it('links a Chinese sentence of moderate length whole', () => {
    const s = '深度求索发布的DeepSeek-R1模型在推理任务上表现出色，引起业界广泛关注。';
    expect(textDirective({ text: s })).toEqual({ start: s });
    expect(linkToClipping({ url, text: s })).toContain('DeepSeek%2DR1');
  });

  it('gives a short quote a few words of its context as prefix and suffix', () => {
    // "文心一言" is twice in the sentence: the second one is meant.
    const second = clipOf(ZH, '文心一言', 1);
    expect(textDirective(second)).toEqual({ prefix: '上免费使用', start: '文心一言', suffix: '的应用。' });
    expect(linkToClipping({ url, ...second })).toBe(
      `${url}#:~:text=${encodeURIComponent('上免费使用')}-,${encodeURIComponent('文心一言')},-${encodeURIComponent('的应用。')}`,
    );
    expect(textDirective(clipOf(ZH_TW, '文心一言', 1))).toEqual({ prefix: '上免費使用', start: '文心一言', suffix: '的應用。' });
    expect(textDirective(clipOf(EN, 'Baidu'))).toEqual({ prefix: 'July, and', start: 'Baidu', suffix: 'opened ERNIE' });
    // Without context (an imported clipping) it is linked as it is.
    expect(textDirective({ text: '文心一言' })).toEqual({ start: '文心一言' });
  });

  it('leaves out the part of a word that a quote begins or ends inside, when its context shows it', () => {
    // 通义 is one word: "义千问" cannot be found, "千问" after the prefix "…推出通义" can.
    expect(textDirective(clipOf(ZH, '义千问'))).toEqual({ prefix: '阿里巴巴推出通义', start: '千问', suffix: '，用户可以在' });
    expect(textDirective(clipOf('Models: DeepSeek R1 and Kimi K2 came out.', 'eepSeek R1 and Kimi K'))).toEqual({ start: 'R1 and Kimi' });
    // A quote inside one word is linked as it is (without the page nothing better is known).
    expect(textDirective(clipOf(ZH, '义'))).toMatchObject({ start: '义' });
    expect(textDirective(clipOf(ZH, '义'))).not.toHaveProperty('prefix');
    // White space at the quote's edge is a word boundary.
    expect(textDirective({ text: 'Kimi K2', quote: { exact: ' Kimi K2', prefix: 'and', suffix: ' came' } })).toEqual({ start: 'Kimi K2', suffix: 'came' });
  });

  it('links a clipping over several blocks by the start of the first and the end of the last', () => {
    // A fragment's start and end each match inside one block of the page: never across cells or rows.
    expect(linkToClipping({ url, text: 'Zhipu AI | GLM-4.5 | 2025\nTencent | Hunyuan' })).toBe(`${url}#:~:text=Zhipu%20AI,Hunyuan`);
    expect(linkToClipping({ url, text: 'One two three four five six seven.\n\nEight nine ten eleven twelve thirteen fourteen.' })).toBe(
      `${url}#:~:text=One%20two%20three%20four%20five%20six,nine%20ten%20eleven%20twelve%20thirteen%20fourteen.`,
    );
    expect(textDirective({ text: `${ZH}\n\n${ZH_TW}` })).toEqual({ start: '据报道，百度公司于二零二三年三月发布', end: '在手機上免費使用文心一言的應用。' });
  });
});
