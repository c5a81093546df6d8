/**
 * Holds the ranges of some highlights and, once there are more than `threshold` of them,
 * registers only those within a viewport's height of the visible area, following scrolls.
 *
 * Positions come from the element around each range (document coordinates). They are
 * measured lazily in animation frames, and measured again when the layout may have moved:
 * a resize, the document growing or shrinking, scrolling inside an element. Each frame
 * does at most a few milliseconds of work: a pass over the entries (measure, then register
 * or unregister) resumes where the last frame stopped, so 20,000 entries cost several
 * short frames instead of one long one. Errors lean towards registering: an element's box
 * is at least as large as the text in it. Known gap: text in `position: fixed` boxes moves with the
 * viewport, so far from where it was measured it may stay unpainted until the next
 * re-measure.
 */

/**
 * A range the window holds. Its state lives on the entry itself (one object per mention
 * on a dense page), and `range` may be created on first access: the window reads it only
 * to register the entry, and measures from `startNode`.
 */
export interface WindowEntry {
  readonly range: AbstractRange;
  /**
   * The ranges to paint instead of `range`, when the range spans text that is not part of
   * the entry (pinyin in a <ruby> between the characters of a name); null otherwise.
   */
  readonly pieces?: readonly AbstractRange[] | null;
  readonly startNode: Node;
  /** Highlight name (set by the window). */
  wName: string;
  wTop: number;
  wBottom: number;
  /** Layout epoch of the measurement; 0 = never measured. */
  wEpoch: number;
  wShown: boolean;
}

/** Viewport heights kept registered above and below the visible area. */
const MARGIN = 1;
/** Time for a pass's work per frame. */
const FRAME_BUDGET_MS = 6;

export class HighlightWindow {
  private readonly items = new Set<WindowEntry>();
  private readonly counts = new Map<string, number>();
  private on = false;
  private epoch = 1;
  private frame = 0;
  private dirty = false;
  private lastY = Number.NaN;
  private lastHeight = Number.NaN;
  private lastScrollHeight = -1;
  /** The pass in progress: entries not yet visited (a Set iterator also visits entries added meanwhile). */
  private pass?: Iterator<WindowEntry>;
  private resizeObserver?: ResizeObserver;
  private readonly sizes = new WeakMap<Element, string>();

  constructor(
    private readonly highlights: ReadonlyMap<string, Highlight>,
    private readonly threshold: number,
  ) {
    for (const name of highlights.keys()) this.counts.set(name, 0);
  }

  handles(name: string): boolean {
    return this.highlights.has(name);
  }

  size(name: string): number {
    return this.counts.get(name) ?? 0;
  }

  add(name: string, e: WindowEntry): void {
    // One hash lookup, not two (this runs per mention): a Set that did not grow had it.
    const before = this.items.size;
    this.items.add(e);
    if (this.items.size === before) return;
    e.wName = name;
    e.wTop = 0;
    e.wBottom = 0;
    e.wEpoch = 0;
    e.wShown = !this.on;
    this.counts.set(name, (this.counts.get(name) ?? 0) + 1);
    if (e.wShown) show(this.highlights.get(name)!, e);
    if (!this.on && this.items.size > this.threshold) this.start();
    else if (this.on) this.invalidate(false);
  }

  remove(name: string, e: WindowEntry): void {
    if (e.wName !== name || !this.items.delete(e)) return;
    this.counts.set(name, this.counts.get(name)! - 1);
    if (e.wShown) hide(this.highlights.get(name)!, e);
    this.maybeStop();
  }

  clear(name: string): void {
    // A pass in progress goes on: its Set iterator skips the deleted entries.
    for (const e of this.items) if (e.wName === name) this.items.delete(e);
    this.counts.set(name, 0);
    this.highlights.get(name)?.clear();
    this.maybeStop();
  }

  dispose(): void {
    this.stop(false);
    this.items.clear();
  }

  private start(): void {
    this.on = true;
    addEventListener('scroll', this.onScroll, { capture: true, passive: true });
    addEventListener('resize', this.onResize, { passive: true });
    if (typeof ResizeObserver === 'function') {
      this.resizeObserver = new ResizeObserver(this.onResizeObserved);
      this.resizeObserver.observe(document.documentElement);
      if (document.body) this.resizeObserver.observe(document.body);
    }
    this.invalidate(true);
  }

  /** Below half the threshold (hysteresis), every range is registered again. */
  private maybeStop(): void {
    if (this.on && this.items.size < this.threshold / 2) this.stop(true);
  }

  private stop(showAll: boolean): void {
    if (!this.on) return;
    this.on = false;
    removeEventListener('scroll', this.onScroll, { capture: true });
    removeEventListener('resize', this.onResize);
    this.resizeObserver?.disconnect();
    this.resizeObserver = undefined;
    if (this.frame) cancelAnimationFrame(this.frame);
    this.frame = 0;
    this.pass = undefined;
    if (!showAll) return;
    for (const e of this.items) {
      if (e.wShown) continue;
      e.wShown = true;
      show(this.highlights.get(e.wName)!, e);
    }
  }

  private readonly onScroll = (e: Event) => {
    // Scrolling inside an element moves its content without moving the document.
    if (e.target !== document) this.invalidate(true);
    else this.schedule();
  };

  private readonly onResize = () => this.invalidate(true);

  private readonly onResizeObserved = (entries: ResizeObserverEntry[]) => {
    let changed = false;
    for (const e of entries) {
      const box = e.borderBoxSize?.[0];
      const key = box ? `${box.inlineSize}x${box.blockSize}` : `${e.contentRect.width}x${e.contentRect.height}`;
      const before = this.sizes.get(e.target);
      this.sizes.set(e.target, key);
      if (before !== undefined && before !== key) changed = true;
    }
    if (changed) this.invalidate(true);
  };

  /** Something changed: new ranges to place, or (`relayout`) every position may be stale. */
  private invalidate(relayout: boolean): void {
    if (relayout) this.forgetPositions();
    this.dirty = true;
    this.schedule();
  }

  /** Every measured position is stale: the next pass measures again, from the start. */
  private forgetPositions(): void {
    this.epoch++;
    this.pass = undefined;
  }

  private schedule(): void {
    if (!this.frame && this.on) this.frame = requestAnimationFrame(this.update);
  }

  private readonly update = () => {
    this.frame = 0;
    if (!this.on) return;
    const y = scrollY;
    const height = innerHeight || 800;
    const scrollHeight = document.documentElement.scrollHeight;
    if (scrollHeight !== this.lastScrollHeight) {
      if (this.lastScrollHeight >= 0) this.forgetPositions();
      this.lastScrollHeight = scrollHeight;
      this.dirty = true;
    }
    if (!this.pass) {
      // Small scrolls stay inside the margin: nothing to do.
      if (!this.dirty && Math.abs(y - this.lastY) < height / 4 && height === this.lastHeight) return;
      this.dirty = false;
      // Each entry is judged against the band of the frame that visits it; a scroll of more
      // than a quarter viewport since the pass started asks for another pass.
      this.lastY = y;
      this.lastHeight = height;
      this.pass = this.items.values();
    }
    const from = y - height * MARGIN;
    const to = y + height * (1 + MARGIN);
    const pass = this.pass;
    const t0 = performance.now();
    let visited = 0;
    for (;;) {
      const next = pass.next();
      if (next.done) {
        this.pass = undefined;
        break;
      }
      const e = next.value;
      if (e.wEpoch !== this.epoch) measure(e, y, this.epoch);
      const want = e.wBottom >= from && e.wTop <= to;
      if (want !== e.wShown) {
        e.wShown = want;
        const h = this.highlights.get(e.wName)!;
        if (want) show(h, e);
        else hide(h, e);
      }
      if ((++visited & 63) === 0 && performance.now() - t0 > FRAME_BUDGET_MS) break;
    }
    // The pass goes on next frame, or a scroll or change during it asks for another.
    if (this.pass || this.dirty || Math.abs(scrollY - this.lastY) >= height / 4) this.schedule();
  };
}

function show(h: Highlight, e: WindowEntry): void {
  const pieces = e.pieces;
  if (pieces) for (const r of pieces) h.add(r);
  else h.add(e.range);
}

function hide(h: Highlight, e: WindowEntry): void {
  const pieces = e.pieces;
  if (pieces) for (const r of pieces) h.delete(r);
  else h.delete(e.range);
}

function measure(e: WindowEntry, scrollTop: number, epoch: number): void {
  e.wEpoch = epoch;
  const node = e.startNode;
  const el = node.nodeType === Node.ELEMENT_NODE ? (node as Element) : node.parentElement;
  let r: DOMRect | undefined = el?.getBoundingClientRect();
  if (!r || (r.width === 0 && r.height === 0)) {
    // `display: contents` parents have no box of their own: measure the text itself.
    try {
      const range = e.range;
      const live = (node.ownerDocument ?? document).createRange();
      live.setStart(range.startContainer, range.startOffset);
      live.setEnd(range.endContainer, range.endOffset);
      r = live.getBoundingClientRect();
    } catch {
      r = undefined;
    }
  }
  if (!r || (r.width === 0 && r.height === 0)) {
    // Not rendered: nothing to paint until the layout changes.
    e.wTop = Number.POSITIVE_INFINITY;
    e.wBottom = Number.NEGATIVE_INFINITY;
    return;
  }
  e.wTop = r.top + scrollTop;
  e.wBottom = r.bottom + scrollTop;
}
