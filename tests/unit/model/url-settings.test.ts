import { describe, expect, it } from 'vitest';
import { normalizePageUrl, siteOf } from '../../../model/url';
import { DEFAULT_SETTINGS, isSiteEnabled, parseSettings } from '../../../model/settings';

describe('page URLs', () => {
  it('drops fragments and tracking parameters, keeps the rest', () => {
    expect(normalizePageUrl('https://news.example.com/a?id=7&utm_source=x&fbclid=y#top')).toBe('https://news.example.com/a?id=7');
    expect(normalizePageUrl('https://news.example.com/a?utm_medium=email')).toBe('https://news.example.com/a');
    expect(normalizePageUrl('not a url')).toBe('not a url');
    expect(siteOf('https://www.example.com/x')).toBe('example.com');
  });
});

describe('settings', () => {
  it('falls back to defaults field by field', () => {
    expect(parseSettings(undefined)).toEqual(DEFAULT_SETTINGS);
    expect(parseSettings({ hoverDelayMs: 'slow', paused: true })).toEqual({ ...DEFAULT_SETTINGS, paused: true });
  });

  it('turns the extension off on disabled sites and their subdomains, or everywhere when paused', () => {
    const s = { ...DEFAULT_SETTINGS, disabledSites: ['example.com'] };
    expect(isSiteEnabled(s, 'www.example.com')).toBe(false);
    expect(isSiteEnabled(s, 'news.example.com')).toBe(false);
    expect(isSiteEnabled(s, 'example.org')).toBe(true);
    expect(isSiteEnabled({ ...s, paused: true }, 'example.org')).toBe(false);
  });
});
