/** The page URL as the extension records it: no fragment. */
export function pageUrl(href: string): string {
  try {
    const u = new URL(href);
    u.hash = '';
    return u.toString();
  } catch {
    return href;
  }
}
