import { describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { coveringSite, normalizeSite, normalizeSiteList, siteHost } from '../../../model/sites';
import { DEFAULT_SETTINGS, isSiteEnabled, parseSettings } from '../../../model/settings';
import { readSettings, updateSettings } from '../../../storage/settings';
import { SETTINGS_KEY } from '../../../storage/keys';

const host = (input: string) => {
  const r = normalizeSite(input);
  return r.ok ? r.host : `!${r.reason}`;
};

describe('sites where the extension is off: what the reader types', () => {
  it('keeps the host name of a page address, a host and port, or a bare name', () => {
    expect(host('http://127.0.0.1:41999/en.html')).toBe('127.0.0.1');
    expect(host('127.0.0.1:41999')).toBe('127.0.0.1');
    expect(host('https://www.Example.com/news/a?id=1#top')).toBe('example.com');
    expect(host('example.com:8080/path')).toBe('example.com');
    expect(host('  Example.COM.  ')).toBe('example.com');
    expect(host('example.com/')).toBe('example.com');
    expect(host('news.example.com')).toBe('news.example.com');
    expect(host('localhost:3000')).toBe('localhost');
    expect(host('user@example.com')).toBe('example.com');
    expect(host('http://[::1]:8080/')).toBe('[::1]');
  });

  it('writes names as page addresses have them: punycode, canonical IPv4', () => {
    expect(host('例子.中国')).toBe('xn--fsqu00a.xn--fiqs8s');
    expect(host('https://BÜCHER.example/')).toBe('xn--bcher-kva.example');
    expect(host('0x7f.1')).toBe('127.0.0.1');
  });

  it('reads a leading "*." or "." as the domain and its subdomains', () => {
    expect(host('*.example.org')).toBe('example.org');
    expect(host('.example.org')).toBe('example.org');
    expect(host('https://*.example.org/*')).toBe('example.org');
  });

  it('drops "www." only where a domain remains', () => {
    expect(siteHost('www.example.com')).toBe('example.com');
    expect(siteHost('WWW.com.')).toBe('www.com');
    expect(host('www.com')).toBe('www.com');
  });

  it('refuses what can never be a host name, saying why', () => {
    expect(host('not a site')).toBe('!invalid');
    expect(host('example..com')).toBe('!invalid');
    expect(host('exa!mple.com')).toBe('!invalid');
    expect(host('999.1.1.1')).toBe('!invalid');
    expect(host('example.com:99999')).toBe('!invalid');
    expect(host('http://')).toBe('!invalid');
    expect(host('*')).toBe('!wildcard');
    expect(host('example.*')).toBe('!wildcard');
    expect(host('*.*.example.org')).toBe('!wildcard');
    expect(host('news.*.example.org')).toBe('!wildcard');
    expect(host('ftp://example.com')).toBe('!scheme');
    expect(host('file:///home/me/a.html')).toBe('!scheme');
    expect(host('about:blank')).toBe('!scheme');
    expect(host('javascript:alert(1)')).toBe('!scheme');
  });

  it('finds the entry that covers a host', () => {
    expect(coveringSite(['example.com'], 'news.example.com')).toBe('example.com');
    expect(coveringSite(['example.com'], 'WWW.EXAMPLE.COM.')).toBe('example.com');
    expect(coveringSite(['example.com'], 'badexample.com')).toBeUndefined();
  });
});

describe('stored lists', () => {
  it('are normalized when read, and keep what cannot be normalized', () => {
    expect(normalizeSiteList(['127.0.0.1:41999', '*.example.org', 'Example.org', 'not a site'])).toEqual(['127.0.0.1', 'example.org', 'not a site']);
    const s = parseSettings({ ...DEFAULT_SETTINGS, disabledSites: ['127.0.0.1:41999', '*.example.org'] });
    expect(s.disabledSites).toEqual(['127.0.0.1', 'example.org']);
    // What the content script compares: location.hostname, without the port.
    expect(isSiteEnabled(s, '127.0.0.1')).toBe(false);
    expect(isSiteEnabled(s, 'news.example.org')).toBe(false);
    expect(isSiteEnabled(s, 'example.org.')).toBe(false);
    expect(isSiteEnabled(s, 'example.com')).toBe(true);
  });

  it('are written normalized', async () => {
    fakeBrowser.reset();
    await fakeBrowser.storage.local.set({ [SETTINGS_KEY]: { ...DEFAULT_SETTINGS, disabledSites: ['127.0.0.1:41999', 'not a site'] } });
    expect((await readSettings()).disabledSites).toEqual(['127.0.0.1', 'not a site']);
    await updateSettings({ paused: true });
    const stored = (await fakeBrowser.storage.local.get(SETTINGS_KEY))[SETTINGS_KEY] as { disabledSites: string[] };
    expect(stored.disabledSites).toEqual(['127.0.0.1', 'not a site']);
  });
});
