/**
 * Page URLs as the extension records them: no fragment, no tracking parameters,
 * so the same article opened from a newsletter and from a feed is one page.
 */
const TRACKING_PARAMS = new Set([
  'fbclid', 'gclid', 'dclid', 'gbraid', 'wbraid', 'msclkid', 'yclid', 'twclid', 'ttclid', 'li_fat_id',
  'mc_cid', 'mc_eid', 'igshid', 'ref_src', 'ref_url', 'spm', 'scm', 'share_source', 'share_medium',
  'from', 'isappinstalled', 'vd_source', '_hsenc', '_hsmi', 'mkt_tok', 'oly_anon_id', 'oly_enc_id',
  'rb_clickid', 's_cid', 'guccounter', 'guce_referrer', 'guce_referrer_sig', 'cmpid', 'ocid', 'smid', 'smtyp',
]);
const TRACKING_PREFIXES = ['utm_', 'pk_', 'mtm_', 'hmsr', 'hmpl', 'hmcu', 'hmkw', 'hmci'];

export function isTrackingParam(name: string): boolean {
  const n = name.toLowerCase();
  return TRACKING_PARAMS.has(n) || TRACKING_PREFIXES.some((p) => n.startsWith(p));
}

/** The normalized page URL, or the input unchanged when it is not a URL. */
export function normalizePageUrl(href: string): string {
  let u: URL;
  try {
    u = new URL(href);
  } catch {
    return href;
  }
  u.hash = '';
  for (const name of [...new Set(u.searchParams.keys())]) if (isTrackingParam(name)) u.searchParams.delete(name);
  return u.toString();
}

/** The site of a page: its host name without "www.". */
export function siteOf(href: string): string {
  return hostOf(href).replace(/^www\./, '');
}

/** The host name of a page's address (as the content script's location.hostname), or ''. */
export function hostOf(href: string): string {
  try {
    return new URL(href).hostname;
  } catch {
    return '';
  }
}
