/**
 * Entries of the list of sites where the extension is off. Pure; in the content script's
 * core (model/settings.ts), so small.
 *
 * An entry is a host name as a page's address has it (`URL.hostname`: lower case, an
 * internationalized name in punycode, IPv4 canonical, IPv6 in brackets) without "www." and
 * without a trailing dot. It covers the host and every subdomain of it (isSiteEnabled), so
 * "*.example.org" and "example.org" are the same entry. Ports, paths and schemes are not
 * compared: pages are told apart by host name only.
 */

import { hostOf } from './url';

export type SiteEntry = { ok: true; host: string } | { ok: false; reason: 'invalid' | 'scheme' | 'wildcard' };

/**
 * A host name as sites are compared: lower case, one trailing dot (a fully qualified name)
 * dropped, and "www." dropped where a name with a dot remains ("www.com" stays itself).
 */
export function siteHost(hostname: string): string {
  const h = hostname.toLowerCase().replace(/\.$/, '');
  return h.startsWith('www.') && h.slice(4).includes('.') ? h.slice(4) : h;
}

const LABEL = /^[a-z0-9_-]{1,63}$/;
const IPV4 = /^\d{1,3}(\.\d{1,3}){3}$/;
const IPV6 = /^\[[0-9a-f:.]+\]$/;

/**
 * What a reader typed in the list, as an entry: a host name ("Example.COM."), a host and
 * port ("127.0.0.1:41999"), a page's address ("https://www.example.com/a?b#c"), or a name
 * after "*." or "." (the domain and its subdomains, which is what every entry means).
 * Refused: anything that cannot be a host name ('invalid': spaces, empty labels, …), an
 * address of another scheme than http(s) ('scheme': the extension does nothing there), and
 * a "*" anywhere but at the start ('wildcard').
 */
export function normalizeSite(input: string): SiteEntry {
  let rest = input.trim();
  if (!rest) return { ok: false, reason: 'invalid' };
  let scheme = 'http';
  const withSlashes = /^([a-z][a-z0-9+.-]*):\/\//i.exec(rest);
  if (withSlashes) {
    scheme = withSlashes[1]!.toLowerCase();
    if (scheme !== 'http' && scheme !== 'https') return { ok: false, reason: 'scheme' };
    rest = rest.slice(withSlashes[0].length);
  } else if (/^[a-z][a-z0-9+.-]*:(?![0-9]|$)/i.test(rest)) {
    // about:blank, mailto:…, javascript:… (a colon followed by a digit is a port).
    return { ok: false, reason: 'scheme' };
  }
  rest = rest.replace(/^\*?\./, '');
  const hostPart = rest.split(/[/?#]/, 1)[0]!;
  if (hostPart.includes('*')) return { ok: false, reason: 'wildcard' };
  let hostname: string;
  try {
    hostname = new URL(`${scheme}://${rest}`).hostname;
  } catch {
    return { ok: false, reason: 'invalid' };
  }
  const host = siteHost(hostname);
  if (!host || host.length > 253) return { ok: false, reason: 'invalid' };
  if (IPV4.test(host) || IPV6.test(host)) return { ok: true, host };
  if (!host.split('.').every((l) => LABEL.test(l))) return { ok: false, reason: 'invalid' };
  return { ok: true, host };
}

/**
 * A stored list as entries: each one normalized (a port or "*." from an older version is
 * dropped), duplicates once, in their order. One that is no host name at all is kept as
 * it is (it never matches; the settings page marks it) so that nothing the reader wrote
 * is lost.
 */
export function normalizeSiteList(list: readonly string[]): string[] {
  const out = new Set<string>();
  for (const s of list) {
    const r = normalizeSite(s);
    out.add(r.ok ? r.host : s);
  }
  return [...out];
}

/** The entry of the list that covers this host (itself or a parent domain), if any. */
export function coveringSite(list: readonly string[], host: string): string | undefined {
  const h = siteHost(host);
  return list.find((s) => h === s || h.endsWith(`.${s}`));
}

/** The settings that decide where the extension acts (model/settings.ts Settings has them). */
export interface SiteSwitch {
  paused: boolean;
  disabledSites: readonly string[];
}

/** Whether the extension should act on a page of this host (a URL's hostname). */
export function isSiteEnabled(settings: SiteSwitch, host: string): boolean {
  if (settings.paused) return false;
  return coveringSite(settings.disabledSites, host) === undefined;
}

/**
 * Whether it should act in a document whose switch these addresses decide (its own and
 * its ancestors': content/page-url.ts switchAddresses): every one of their sites is on.
 */
export function isSwitchedOn(settings: SiteSwitch, addresses: readonly string[]): boolean {
  return addresses.every((a) => isSiteEnabled(settings, hostOf(a)));
}
