import { describe, expect, it } from 'vitest';
import { tagKey, tagSpellings, uniqueTags } from '../../../model/tags';

describe('tags', () => {
  it('compares tags without letter case', () => {
    expect(tagKey(' AI ')).toBe(tagKey('ai'));
    expect(tagKey('Café')).toBe(tagKey('cafe\u0301'));
  });

  it('drops empty tags and repeats, and writes each as the library does', () => {
    expect(uniqueTags([' policy ', 'Policy', '', 'china'])).toEqual(['policy', 'china']);
    const library = new Map([['ai', 'AI']]);
    expect(uniqueTags(['ai', 'Ai', 'new'], (k) => library.get(k))).toEqual(['AI', 'new']);
  });
});

describe('tagSpellings', () => {
  it('gives each tag the spelling of the earliest clipping that has it', () => {
    const spelling = tagSpellings([
      { tags: ['ai', 'Policy'], created: '2026-03-01T00:00:00.000Z' },
      { tags: ['AI'], created: '2026-01-01T00:00:00.000Z' },
      { tags: ['POLICY'], created: '2026-03-01T00:00:00.000Z' },
    ]);
    expect(Object.fromEntries(spelling)).toEqual({ ai: 'AI', policy: 'Policy' });
  });
});
