import { describe, expect, it } from 'vitest';
import { ClippingSearch, tokenize, tokenizeQuery } from '../../../library/clipping-search';
import { applyFilters, filtersFromQuery, filtersToQuery } from '../../../library/filters';
import { generateClippings } from '../../fixtures/generate-clippings';

describe('clipping search', () => {
  it('tokenizes Latin words and Chinese characters and pairs', () => {
    expect(tokenize('DeepSeek-R1 发布了')).toEqual(['deepseek', 'r1', '发', '布', '发布', '了', '布了']);
    expect(tokenizeQuery('通義千問')).toEqual(['通义', '义千', '千问']);
    expect(tokenizeQuery('智')).toEqual(['智']);
    // Pairs only of neighbouring characters: 谱 and 发 are apart in "谱AI发".
    expect(tokenizeQuery('谱AI发布')).toEqual(['ai', '谱', '发布']);
  });

  it('finds Chinese text by a query that crosses a Latin word', () => {
    const one = new ClippingSearch();
    const [c] = generateClippings(1);
    one.sync([{ ...c!, text: '智谱AI发布了GLM-4。' }]);
    expect(one.search('谱AI发')).toEqual([c!.id]);
    expect(one.search('智谱AI发布')).toEqual([c!.id]);
  });

  const list = generateClippings(200);
  list[5] = { ...list[5]!, note: 'Remember the xylophone detail', tags: ['urgent'] };
  const search = new ClippingSearch();
  search.sync(list);

  it('finds a clipping by a word of its note, a tag, a title, or a prefix', () => {
    expect(search.search('xylophone')).toEqual([list[5]!.id]);
    expect(search.search('xylo')).toEqual([list[5]!.id]);
    expect(search.search('urgent')).toEqual([list[5]!.id]);
    expect(search.search('licence terms').length).toBeGreaterThan(0);
  });

  it('finds Chinese text, also from traditional characters', () => {
    const ids = search.search('網信辦');
    expect(ids.length).toBe(20);
    expect(ids.every((id) => list.find((c) => c.id === id)!.text.includes('网信办'))).toBe(true);
    expect(search.search('文心').length).toBe(20);
  });

  it('stays current: updated and removed clippings', () => {
    const next = list.filter((c) => c.id !== list[5]!.id);
    next[0] = { ...next[0]!, note: 'zeppelin', updated: '2030-01-01T00:00:00.000Z' };
    search.sync(next);
    expect(search.search('xylophone')).toEqual([]);
    expect(search.search('zeppelin')).toEqual([next[0]!.id]);
    expect(search.size).toBe(199);
  });
});

describe('filters', () => {
  const list = generateClippings(100);
  const kindOf = (id: string) => (['cac'].includes(id) ? 'organization' : id.includes('-') ? 'model' : 'company');

  it('round-trips through the URL query', () => {
    const f = { site: 'news.example.cn', entity: 'cac', from: '2025-01-02' };
    expect(filtersFromQuery(filtersToQuery(f))).toEqual(f);
  });

  it('filters by site, entity, kind, tag and date range', () => {
    expect(applyFilters(list, { site: 'news.example.cn' }, kindOf).every((c) => c.site === 'news.example.cn')).toBe(true);
    expect(applyFilters(list, { entity: 'cac' }, kindOf)).toHaveLength(20);
    expect(applyFilters(list, { kind: 'organization' }, kindOf)).toHaveLength(20);
    expect(applyFilters(list, { tag: 'policy' }, kindOf).every((c) => c.tags.includes('policy'))).toBe(true);
    // "AI" and "ai" are one tag.
    const mixed = [{ ...list[0]!, tags: ['AI'] }, { ...list[1]!, tags: ['ai'] }, { ...list[2]!, tags: ['aid'] }];
    expect(applyFilters(mixed, { tag: 'Ai' }, kindOf).map((c) => c.tags)).toEqual([['AI'], ['ai']]);
    const day = applyFilters(list, { from: '2025-01-02', to: '2025-01-02' }, kindOf);
    expect(day).toHaveLength(24);
  });
});
