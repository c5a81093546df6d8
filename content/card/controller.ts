/**
 * The hover card's behaviour: hit testing without touching the DOM, open on hover
 * (after the reader's delay) or click, keep open while the pointer is in the card,
 * pin on click, close on Esc or leaving, keyboard navigation between mentions, and
 * positioning next to the mention with @floating-ui/dom (flips and shifts at the
 * viewport's edges, follows scrolling).
 */
import { autoUpdate, computePosition, flip, inline, offset, shift, size } from '@floating-ui/dom';
import { h, render } from 'preact';
import { HoverCard } from '../../components/card/HoverCard';
import { t } from '../../i18n';
import type { CardData } from '../../messaging/protocol';
import type { MentionRecord } from '../mention-record';
import type { PageScanner } from '../scanner';

export interface CardDeps {
  doc: Document;
  uiRoot: ShadowRoot;
  scanner: () => PageScanner | undefined;
  hoverDelayMs: () => number;
  pageUrl: () => string;
  loadCard: (id: string) => Promise<CardData | null>;
  mute: (id: string, muted: boolean) => Promise<void>;
  openLibrary: (hash: string) => Promise<void>;
  /** Saves the sentence around a mention; resolves to a status message. */
  saveSentence?: (rec: MentionRecord) => Promise<string>;
  /** Shadow roots the caret lookup may enter. */
  shadowRoots: () => ShadowRoot[];
  /** Whether a pointer event happened inside the extension's own UI. */
  isOwnEvent: (e: Event) => boolean;
  /** Puts the UI host back if the page removed it. */
  ensureHost: () => void;
}

interface OpenState {
  rec: MentionRecord;
  pinned: boolean;
  stack: string[];
  data: Map<string, CardData | null | undefined>;
  status?: string;
  focus: boolean;
  returnFocus?: Element | null;
}

const LEAVE_GRACE_MS = 300;

export function liveRange(doc: Document, r: AbstractRange): Range {
  const range = doc.createRange();
  range.setStart(r.startContainer, r.startOffset);
  range.setEnd(r.endContainer, r.endOffset);
  return range;
}

/**
 * Whether a mention is rendered where the reader can see it: not inside a part of the page
 * its style hides (a closed drop-down menu or share panel with `display: none`,
 * `visibility: hidden`, `content-visibility: hidden`). The scan does not read styles (it
 * would lay the page out), so such mentions are found and counted; jumping or moving to one
 * would scroll nowhere and place the card at the window's corner.
 */
export function isShown(doc: Document, r: AbstractRange): boolean {
  const el = r.startContainer.parentElement;
  if (el && typeof el.checkVisibility === 'function' && !el.checkVisibility({ visibilityProperty: true })) return false;
  return liveRange(doc, r).getClientRects().length > 0;
}

function caretAt(doc: Document, x: number, y: number, shadowRoots: ShadowRoot[]): { node: Node; offset: number } | undefined {
  const d = doc as Document & {
    caretPositionFromPoint?: (x: number, y: number, opts?: { shadowRoots?: ShadowRoot[] }) => { offsetNode: Node; offset: number } | null;
    caretRangeFromPoint?: (x: number, y: number) => Range | null;
  };
  if (d.caretPositionFromPoint) {
    const p = shadowRoots.length ? d.caretPositionFromPoint(x, y, { shadowRoots }) : d.caretPositionFromPoint(x, y);
    return p ? { node: p.offsetNode, offset: p.offset } : undefined;
  }
  const r = d.caretRangeFromPoint?.(x, y);
  return r ? { node: r.startContainer, offset: r.startOffset } : undefined;
}

export class CardController {
  private readonly container: HTMLDivElement;
  private open?: OpenState;
  private hoverTimer?: ReturnType<typeof setTimeout>;
  private leaveTimer?: ReturnType<typeof setTimeout>;
  private candidate?: MentionRecord;
  private stopAutoUpdate?: () => void;
  private rafPending = false;
  private lastPointer = { x: 0, y: 0 };
  private readonly listeners: [EventTarget, string, EventListener, AddEventListenerOptions][] = [];

  constructor(private readonly deps: CardDeps) {
    this.container = deps.doc.createElement('div');
    this.container.className = 'card-layer';
    this.container.hidden = true;
    deps.uiRoot.appendChild(this.container);
  }

  attach(): void {
    const on = (target: EventTarget, type: string, fn: EventListener, opts: AddEventListenerOptions = {}) => {
      target.addEventListener(type, fn, opts);
      this.listeners.push([target, type, fn, opts]);
    };
    const win = this.deps.doc.defaultView!;
    on(this.deps.doc, 'pointermove', (e) => this.onPointerMove(e as PointerEvent), { capture: true, passive: true });
    on(this.deps.doc, 'click', (e) => this.onClick(e as MouseEvent), { capture: true, passive: true });
    on(this.deps.doc, 'keydown', (e) => this.onKeyDown(e as KeyboardEvent), { capture: true });
    on(win, 'blur', () => this.scheduleClose());
  }

  detach(): void {
    for (const [target, type, fn, opts] of this.listeners) target.removeEventListener(type, fn, opts);
    this.listeners.length = 0;
    this.close();
    this.container.remove();
  }

  get isOpen(): boolean {
    return !!this.open;
  }

  get currentEntity(): string | undefined {
    return this.open?.stack[this.open.stack.length - 1];
  }

  /** Opens the card for a mention; pinned cards stay until closed. */
  openFor(rec: MentionRecord, opts: { pinned?: boolean; focus?: boolean } = {}): void {
    const scanner = this.deps.scanner();
    if (!scanner || rec.active < 0) return;
    const id = scanner.matcher.ids[rec.active]!;
    clearTimeout(this.leaveTimer);
    if (this.open?.rec === rec && this.open.stack.length === 1) {
      this.open.pinned ||= !!opts.pinned;
      if (opts.focus) this.open.focus = true;
      this.render();
      return;
    }
    this.close();
    this.deps.ensureHost();
    this.open = {
      rec,
      pinned: !!opts.pinned,
      stack: [id],
      data: new Map(),
      focus: !!opts.focus,
      returnFocus: opts.focus ? this.deps.doc.activeElement : undefined,
    };
    this.container.hidden = false;
    this.load(id);
    this.render();
    this.position();
  }

  close(): void {
    clearTimeout(this.hoverTimer);
    clearTimeout(this.leaveTimer);
    this.stopAutoUpdate?.();
    this.stopAutoUpdate = undefined;
    const returnFocus = this.open?.returnFocus;
    this.open = undefined;
    render(null, this.container);
    this.container.hidden = true;
    if (returnFocus instanceof HTMLElement) returnFocus.focus({ preventScroll: true });
  }

  /** Moves to the next or previous mention on the page, scrolls it into view and opens its card with focus. */
  navigate(direction: 'next' | 'prev'): boolean {
    const scanner = this.deps.scanner();
    const list = scanner?.activeMentions() ?? [];
    if (!list.length) return false;
    const doc = this.deps.doc;
    let i = this.open ? list.indexOf(this.open.rec) : -1;
    if (i < 0) {
      // Start from the first shown mention below the top of the viewport.
      const top = list.findIndex((r) => isShown(doc, r.range) && liveRange(doc, r.range).getBoundingClientRect().bottom >= 0);
      i = direction === 'next' ? (top < 0 ? 0 : top) - 1 : top < 0 ? list.length : top;
    }
    // The next mention the reader can see (hidden ones, in a closed menu, are passed over).
    const step = direction === 'next' ? 1 : -1;
    let next: MentionRecord | undefined;
    for (let n = 1; n <= list.length && !next; n++) {
      const r = list[(((i + step * n) % list.length) + list.length) % list.length]!;
      if (isShown(doc, r.range)) next = r;
    }
    if (!next) return false;
    (next.range.startContainer.parentElement ?? undefined)?.scrollIntoView({ block: 'center', behavior: 'instant' as ScrollBehavior });
    this.openFor(next, { pinned: true, focus: true });
    return true;
  }

  private load(id: string): void {
    const state = this.open;
    if (!state || state.data.has(id)) return;
    state.data.set(id, undefined);
    this.deps.loadCard(id).then(
      (d) => {
        state.data.set(id, d);
        if (this.open === state) this.render();
      },
      () => {
        state.data.set(id, null);
        if (this.open === state) this.render();
      },
    );
  }

  private render(): void {
    const state = this.open;
    if (!state) return;
    const id = state.stack[state.stack.length - 1]!;
    const data = state.data.get(id);
    render(
      h(HoverCard, {
        data,
        canGoBack: state.stack.length > 1,
        status: state.status,
        focusOnOpen: state.focus,
        onSelect: (next: string) => {
          state.stack.push(next);
          state.pinned = true;
          state.status = undefined;
          this.load(next);
          this.render();
        },
        onBack: () => {
          state.stack.pop();
          state.status = undefined;
          this.render();
        },
        onClose: () => this.close(),
        onSaveSentence:
          this.deps.saveSentence && state.stack.length === 1
            ? () => {
                void this.deps.saveSentence!(state.rec).then((msg) => this.setStatus(state, msg));
              }
            : undefined,
        onMute: (muted: boolean) => {
          const name = data?.card.entity.name.en ?? id;
          void this.deps.mute(id, muted).then(() => {
            if (data) state.data.set(id, { ...data, muted });
            this.setStatus(state, muted ? t('card.muted', { name }) : '');
          });
        },
        onOpenLibrary: (hash: string) => void this.deps.openLibrary(hash),
      }),
      this.container,
    );
  }

  private setStatus(state: OpenState, status: string): void {
    state.status = status;
    state.pinned = true;
    if (this.open === state) this.render();
  }

  private position(): void {
    const state = this.open;
    const card = this.container.firstElementChild as HTMLElement | null;
    if (!state) return;
    const doc = this.deps.doc;
    const range = liveRange(doc, state.rec.range);
    const reference = {
      getBoundingClientRect: () => range.getBoundingClientRect(),
      getClientRects: () => range.getClientRects(),
      contextElement: state.rec.range.startContainer.parentElement ?? undefined,
    };
    const floating = this.container;
    const update = () => {
      void computePosition(reference, floating, {
        strategy: 'fixed',
        placement: 'bottom-start',
        middleware: [
          inline(),
          offset(8),
          flip({ padding: 8 }),
          shift({ padding: 8 }),
          size({
            padding: 8,
            apply: ({ availableHeight }) => {
              // At least 160 px where the window has them (a short card is hard to read),
              // never more than the window: in a small frame the card stays whole.
              const floor = Math.min(160, Math.max(0, this.deps.doc.defaultView!.innerHeight - 16));
              if (card) card.style.maxHeight = `${Math.max(floor, Math.min(availableHeight, 520))}px`;
            },
          }),
          // Where neither side of the mention has that room (a frame a few lines high), the
          // card moves over the mention rather than out of the window.
          shift({ padding: 8, crossAxis: true }),
        ],
      }).then(({ x, y }) => {
        floating.style.left = `${x}px`;
        floating.style.top = `${y}px`;
      });
    };
    this.stopAutoUpdate?.();
    this.stopAutoUpdate = autoUpdate(reference, floating, update, { animationFrame: false });
  }

  // ---- pointer and keyboard ----------------------------------------------

  private hitTest(x: number, y: number): MentionRecord | undefined {
    const scanner = this.deps.scanner();
    if (!scanner) return undefined;
    const pos = caretAt(this.deps.doc, x, y, this.deps.shadowRoots());
    if (!pos) return undefined;
    const candidates = [scanner.mentionAt(pos.node, pos.offset), pos.offset > 0 ? scanner.mentionAt(pos.node, pos.offset - 1) : undefined];
    for (const rec of candidates) {
      if (!rec) continue;
      // The caret lookup snaps to the nearest character; make sure the pointer is on the mention.
      for (const rect of liveRange(this.deps.doc, rec.range).getClientRects()) {
        if (x >= rect.left - 1 && x <= rect.right + 1 && y >= rect.top - 1 && y <= rect.bottom + 1) return rec;
      }
    }
    return undefined;
  }

  private onPointerMove(e: PointerEvent): void {
    // Only the reader's own pointer: a page must not be able to drive the card.
    if (!e.isTrusted) return;
    this.lastPointer = { x: e.clientX, y: e.clientY };
    if (this.deps.isOwnEvent(e)) {
      clearTimeout(this.leaveTimer);
      return;
    }
    if (this.rafPending) return;
    this.rafPending = true;
    requestAnimationFrame(() => {
      this.rafPending = false;
      const rec = this.hitTest(this.lastPointer.x, this.lastPointer.y);
      if (rec && rec === this.open?.rec) {
        clearTimeout(this.leaveTimer);
        return;
      }
      if (rec !== this.candidate) {
        clearTimeout(this.hoverTimer);
        this.candidate = rec;
        if (rec) this.hoverTimer = setTimeout(() => this.candidate === rec && this.openFor(rec), this.deps.hoverDelayMs());
      }
      if (!rec && this.open && !this.open.pinned) this.scheduleClose();
    });
  }

  private scheduleClose(): void {
    if (!this.open || this.open.pinned) return;
    clearTimeout(this.leaveTimer);
    this.leaveTimer = setTimeout(() => {
      if (this.open && !this.open.pinned) this.close();
    }, LEAVE_GRACE_MS);
  }

  private onClick(e: MouseEvent): void {
    if (!e.isTrusted) return;
    if (this.deps.isOwnEvent(e)) {
      if (this.open) this.open.pinned = true;
      return;
    }
    const rec = this.hitTest(e.clientX, e.clientY);
    if (rec) {
      clearTimeout(this.hoverTimer);
      this.openFor(rec, { pinned: true });
    } else if (this.open) {
      this.close();
    }
  }

  private onKeyDown(e: KeyboardEvent): void {
    if (e.isTrusted && e.key === 'Escape' && this.open) {
      this.close();
    }
  }
}
