import { describe, expect, it } from 'vitest';
import { tagKey, uniqueTags } from '../../../model/tags';

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
