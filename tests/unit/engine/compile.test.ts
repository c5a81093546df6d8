import { describe, expect, it } from 'vitest';
import { compileMatcher, spacingVariants } from '../../../engine/compile';
import { Matcher } from '../../../engine/matcher';

describe('spacingVariants', () => {
  it('spaces, or joins, every place where Chinese meets a Latin letter or a digit', () => {
    expect(spacingVariants('文心大模型4.5')).toEqual(['文心大模型 4.5']);
    expect(spacingVariants('文心大模型 4.5')).toEqual(['文心大模型4.5']);
    expect(spacingVariants('上海ai实验室').sort()).toEqual(['上海 ai 实验室', '上海 ai实验室', '上海ai 实验室'].sort());
    expect(spacingVariants('腾讯ai lab')).toEqual(['腾讯 ai lab']);
  });

  it('spaces, or joins, the first place where a name meets its version number', () => {
    expect(spacingVariants('qwen2.5')).toEqual(['qwen 2.5']);
    expect(spacingVariants('ernie 4.5')).toEqual(['ernie4.5']);
    expect(spacingVariants('qwen2.5 72b instruct')).toEqual(['qwen 2.5 72b instruct']);
    expect(spacingVariants('文心大模型x1')).toEqual(['文心大模型 x1']);
  });

  it('leaves other spellings alone', () => {
    for (const text of ['deepseek r1', 'deepseek v3', '通义千问', 'kimi k2', '书生·浦语', '智 谱', 'minimax', '']) expect(spacingVariants(text)).toEqual([]);
  });

  it('gives all joined and all spaced beyond three places', () => {
    expect(spacingVariants('一a二b三c四d')).toEqual(['一 a 二 b 三 c 四 d']);
    expect(spacingVariants('一 a 二 b 三 c 四 d')).toEqual(['一a二b三c四d']);
  });
});

describe('compiled spellings', () => {
  const entity = (id: string, text: string, extra: Record<string, unknown> = {}) => ({ id, kind: 'model' as const, aliases: [{ text, ...extra }] });

  it('finds a spaced or joined spelling with the offsets of the page', () => {
    const m = new Matcher(compileMatcher([entity('x1', '文心X1')]).data);
    const text = '百度的文心 X1与文心X1、文心\u3000X1';
    expect(m.find(text).map((x) => text.slice(x.start, x.end))).toEqual(['文心 X1', '文心X1', '文心\u3000X1']);
  });

  it('keeps a case-sensitive alias to its one spelling', () => {
    const m = new Matcher(compileMatcher([entity('a', '字节AI', { caseSensitive: true })]).data);
    expect(m.find('字节AI和字节 AI').map((x) => [x.start, x.end])).toEqual([[0, 4]]);
  });
});
