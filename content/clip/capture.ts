/**
 * Turning a selection into a clipping: W3C selectors (the page's text as anchoring counts
 * it), the text as the page shows it, the entities it mentions, and the page it came from.
 */
import { describeRange } from '../../anchoring';
import { issuesMessage } from '../../formats/problems';
import { english, msg, type Message } from '../../i18n/message';
import { ClippingSchema, ClipTooLongError, MAX_CLIPPING_TEXT, type Clipping } from '../../model/clipping';
import { normalizePageUrl, siteOf } from '../../model/url';
import { isInsideSkipped } from '../walker';
import { readableText } from './readable';

/** A selection that does not make a valid clipping: `detail` says why as a message code, `message` in English. */
export class SelectionInvalidError extends Error {
  override name = 'SelectionInvalidError';
  constructor(readonly detail: Message) {
    super(english(detail));
  }
}

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
  /** Entity ids mentioned in `text`; `cuts` are where blocks start in it (no mention spans one). */
  entitiesIn: (text: string, cuts: readonly number[]) => string[];
  now?: Date;
  id?: string;
}

/**
 * The clipping of a selection. Its selectors hold the text of the page's Text nodes joined
 * as they are (re-anchoring finds them there); its `text`, shown, searched and exported, is
 * the selection as the page shows it (./readable.ts: blocks on their own lines, table cells
 * apart, white space collapsed), and its entities are those of that text, block by block.
 */
export function clippingFromRange(range: Range, ctx: CaptureContext): Clipping {
  const { quote, position } = describeRange(anchorRoot(range), range);
  // Zod's own error would reach the reader as a JSON dump of issues.
  if (quote.exact.length > MAX_CLIPPING_TEXT) throw new ClipTooLongError(quote.exact.length);
  const readable = readableText(range);
  // The shown text has separators the quote lacks: refused too rather than cut short.
  if (readable.text.length > MAX_CLIPPING_TEXT) throw new ClipTooLongError(readable.text.length);
  // Nothing shown (only hidden text selected): the quote is all there is.
  const shown = readable.text;
  const text = shown || quote.exact;
  const cuts = shown ? readable.cuts.filter((c) => c < text.length) : [];
  const url = normalizePageUrl(ctx.href);
  const now = (ctx.now ?? new Date()).toISOString();
  const input = {
    id: ctx.id ?? crypto.randomUUID(),
    url,
    title: ctx.title.slice(0, 2000),
    site: siteOf(url),
    text,
    quote,
    position,
    entities: ctx.entitiesIn(text, cuts).slice(0, 500),
    note: '',
    tags: [],
    created: now,
    updated: now,
  };
  const r = ClippingSchema.safeParse(input);
  if (!r.success) throw new SelectionInvalidError(msg('clip.cannotSave', { issues: issuesMessage(r.error, input, 'clipping') }));
  return r.data;
}
