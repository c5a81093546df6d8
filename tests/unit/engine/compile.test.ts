import { describe, expect, it } from 'vitest';
import { compileMatcher, spacingVariants } from '../../../engine/compile';
import { regionalVariants } from '../../../engine/regional';
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

describe('regionalVariants', () => {
  it("spells a name with Taiwan's words, in every mix for up to three of them", () => {
    expect(regionalVariants('生成式人工智能服务管理暂行办法')).toEqual(['生成式人工智慧服务管理暂行办法']);
    expect(regionalVariants('互联网信息服务算法推荐管理规定').sort()).toEqual(
      [
        '网际网路信息服务算法推荐管理规定',
        '互联网资讯服务算法推荐管理规定',
        '网际网路资讯服务算法推荐管理规定',
        '互联网信息服务演算法推荐管理规定',
        '网际网路信息服务演算法推荐管理规定',
        '互联网资讯服务演算法推荐管理规定',
        '网际网路资讯服务演算法推荐管理规定',
      ].sort(),
    );
    // The longer term first: 互联网络 is one word, not 互联 + 网络.
    expect(regionalVariants('中国互联网络信息中心')).toContain('中国网际网路资讯中心');
    expect(regionalVariants('中国互联网络信息中心')).not.toContain('中国互联网路信息中心');
  });

  it('beyond three such words, gives only the all-Taiwan spelling', () => {
    expect(regionalVariants('人工智能网络信息数据')).toEqual(['人工智慧网路资讯资料']);
  });

  it('leaves names without such words, and Latin names, alone', () => {
    expect(regionalVariants('通义千问')).toEqual([]);
    expect(regionalVariants('Interim Measures for Generative AI')).toEqual([]);
  });
});

describe('what a mention vouches for (vouches)', () => {
  const e = (id: string, kind: 'model' | 'company' | 'organization' | 'policy', relations: { type: string; target: string }[] = []) => ({ id, kind, aliases: [{ text: id }], relations });
  const vouches = (entities: ReturnType<typeof e>[]) => {
    const { data } = compileMatcher(entities);
    return Object.fromEntries(data.vouches.map(([i, list]) => [data.ids[i], list.map((j) => data.ids[j])]));
  };

  it('follows a model to its family and maker, and the maker to its parent, whatever their order', () => {
    expect(vouches([e('parent', 'company'), e('maker', 'company', [{ type: 'part_of', target: 'parent' }]), e('family', 'model', [{ type: 'developed_by', target: 'maker' }]), e('version', 'model', [{ type: 'part_of', target: 'family' }, { type: 'based_on', target: 'other' }])])).toEqual({
      maker: ['parent'],
      family: ['parent', 'maker'],
      version: ['parent', 'maker', 'family'],
    });
  });

  it('ends where a relation loops back (an edited knowledge base may say two companies own each other)', () => {
    expect(vouches([e('a', 'company', [{ type: 'part_of', target: 'b' }]), e('b', 'company', [{ type: 'part_of', target: 'a' }]), e('m', 'model', [{ type: 'developed_by', target: 'a' }])])).toEqual({ a: ['b'], b: ['a'], m: ['a', 'b'] });
  });

  it('leaves out organizations, relations of other types and entities not compiled (muted, hidden)', () => {
    expect(vouches([e('paper', 'organization', [{ type: 'part_of', target: 'owner' }]), e('owner', 'company'), e('rule', 'policy', [{ type: 'regulates', target: 'owner' }, { type: 'issued_by', target: 'gone' }])])).toEqual({});
  });
});
