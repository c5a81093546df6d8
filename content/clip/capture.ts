/**
 * Turning a selection into a clipping: W3C selectors, the exact text, the entities it
 * mentions, and the page it came from.
 */
import { describeRange } from '../../anchoring';
import { describeIssues } from '../../formats/problems';
import { ClippingSchema, ClipTooLongError, MAX_CLIPPING_TEXT, type Clipping } from '../../model/clipping';
import { normalizePageUrl, siteOf } from '../../model/url';
import { isInsideSkipped } from '../walker';

/** Why a selection cannot be clipped, or undefined when it can. */
export function selectionProblem(range: Range | null | undefined, isOwn: (el: Element) => boolean): string | undefined {
  if (!range || range.collapsed) return 'empty';
  if (!range.toString().trim()) return 'empty';
  for (const node of [range.startContainer, range.endContainer, range.commonAncestorContainer]) {
    const el = node.nodeType === 1 ? (node as Element) : node.parentElement;
    // Inputs, text areas and editable regions are the reader's own writing, not the page.
    if (el && (isInsideSkipped(el) || (el as HTMLElement).isContentEditable)) return 'editable';
    for (let e: Element | null = el; e; e = e.parentElement) if (isOwn(e)) return 'own';
  }
  return undefined;
}

/** The node whose text the selectors count in: the body, or the shadow root holding the range. */
export function anchorRoot(range: Range): Node {
  const root = range.startContainer.getRootNode();
  if (root instanceof ShadowRoot) return root;
  const doc = range.startContainer.ownerDocument ?? document;
  return doc.body ?? doc.documentElement;
}

export interface CaptureContext {
  href: string;
  title: string;
  entitiesIn: (text: string) => string[];
  now?: Date;
  id?: string;
}

export function clippingFromRange(range: Range, ctx: CaptureContext): Clipping {
  const { quote, position } = describeRange(anchorRoot(range), range);
  // Zod's own error would reach the reader as a JSON dump of issues.
  if (quote.exact.length > MAX_CLIPPING_TEXT) throw new ClipTooLongError(quote.exact.length);
  const url = normalizePageUrl(ctx.href);
  const now = (ctx.now ?? new Date()).toISOString();
  const input = {
    id: ctx.id ?? crypto.randomUUID(),
    url,
    title: ctx.title.slice(0, 2000),
    site: siteOf(url),
    text: quote.exact,
    quote,
    position,
    entities: ctx.entitiesIn(quote.exact).slice(0, 500),
    note: '',
    tags: [],
    created: now,
    updated: now,
  };
  const r = ClippingSchema.safeParse(input);
  if (!r.success) throw new Error(`This selection cannot be saved: ${describeIssues(r.error, input, 'clipping')}`);
  return r.data;
}
