/**
 * The address a document's clippings, mentions and site switch belong to. An inline frame
 * (about:blank filled by script, about:srcdoc) has no address of its own: it is part of
 * the page that made it, as the web platform says by giving it that page's origin and base
 * URL. So it gets the nearest ancestor's address that is not about:, and where an ancestor
 * cannot be read (a sandboxed frame's opaque origin), its base URL, which is its creator's.
 */
export function documentAddress(win: Window = window): string {
  const own = win.location.href;
  if (!own.startsWith('about:')) return own;
  let w: Window = win;
  // A chain of inline frames is short; the bound guards against a page's odd window graph.
  for (let depth = 0; depth < 32 && w.parent !== w; depth++) {
    w = w.parent;
    let href: string;
    try {
      href = w.location.href;
    } catch {
      break; // another origin: the base URL below says where the frame came from
    }
    if (!href.startsWith('about:')) return href;
  }
  const base = win.document.baseURI;
  return base && !base.startsWith('about:') ? base : own;
}

/**
 * The addresses whose sites decide whether the extension acts in this document: its own
 * (documentAddress), and in a frame every ancestor's origin (Chromium's
 * location.ancestorOrigins; a cross-origin frame cannot read more), so that turning a
 * site off turns off the frames of its pages too, an embed from another site included.
 */
export function switchAddresses(win: Window = window): string[] {
  const out = [documentAddress(win)];
  const ancestors = (win.location as Location & { ancestorOrigins?: ArrayLike<string> }).ancestorOrigins;
  if (ancestors) for (let i = 0; i < ancestors.length; i++) out.push(ancestors[i]!);
  return out;
}
