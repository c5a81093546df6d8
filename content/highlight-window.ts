/**
 * Holds the ranges of some highlights and, once there are more than `threshold` of them,
 * registers only those within a viewport's height of the visible area, following scrolls.
 *
 * Positions come from the element around each range (document coordinates). They are
 * measured lazily in animation frames, a few milliseconds per frame, and measured again
 * when the layout may have moved: a resize, the document growing or shrinking, scrolling
 * inside an element. Errors lean towards registering: an element's box is at least as
 * large as the text in it. Known gap: text in `position: fixed` boxes moves with the
 * viewport, so far from where it was measured it may stay unpainted until the next
 * re-measure.
 */

interface Item {
  name: string;
  top: number;
  bottom: number;
  /** Layout epoch of the measurement; 0 = never measured. */
  epoch: number;
  shown: boolean;
}

/** Viewport heights kept registered above and below the visible area. */
const MARGIN = 1;
/** Time for measuring positions per frame. */
const MEASURE_BUDGET_MS = 8;

export class HighlightWindow {
  private readonly items = new Map<AbstractRange, Item>();
  private readonly counts = new Map<string, number>();
  private on = false;
  private epoch = 1;
  private frame = 0;
  private dirty = false;
  private lastY = Number.NaN;
  private lastHeight = Number.NaN;
  private lastScrollHeight = -1;
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

  add(name: string, range: AbstractRange): void {
    if (this.items.has(range)) return;
    const item: Item = { name, top: 0, bottom: 0, epoch: 0, shown: !this.on };
    this.items.set(range, item);
    this.counts.set(name, (this.counts.get(name) ?? 0) + 1);
    if (item.shown) this.highlights.get(name)!.add(range);
    if (!this.on && this.items.size > this.threshold) this.start();
    else if (this.on) this.invalidate(false);
  }

  remove(name: string, range: AbstractRange): void {
    const item = this.items.get(range);
    if (!item || item.name !== name) return;
    this.items.delete(range);
    this.counts.set(name, this.counts.get(name)! - 1);
    if (item.shown) this.highlights.get(name)!.delete(range);
    this.maybeStop();
  }

  clear(name: string): void {
    for (const [range, item] of this.items) if (item.name === name) this.items.delete(range);
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
    if (!showAll) return;
    for (const [range, item] of this.items) {
      if (item.shown) continue;
      item.shown = true;
      this.highlights.get(item.name)!.add(range);
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
    if (relayout) this.epoch++;
    this.dirty = true;
    this.schedule();
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
      if (this.lastScrollHeight >= 0) this.epoch++;
      this.lastScrollHeight = scrollHeight;
      this.dirty = true;
    }
    // Small scrolls stay inside the margin: nothing to do.
    if (!this.dirty && Math.abs(y - this.lastY) < height / 4 && height === this.lastHeight) return;
    this.dirty = false;
    this.lastY = y;
    this.lastHeight = height;
    const from = y - height * MARGIN;
    const to = y + height * (1 + MARGIN);
    const t0 = performance.now();
    let measured = 0;
    let outOfTime = false;
    for (const [range, item] of this.items) {
      if (item.epoch !== this.epoch) {
        // Unmeasured ranges keep their state until a later frame measures them.
        if (outOfTime) continue;
        measure(range, item, y, this.epoch);
        if ((++measured & 127) === 0 && performance.now() - t0 > MEASURE_BUDGET_MS) outOfTime = true;
      }
      const want = item.bottom >= from && item.top <= to;
      if (want === item.shown) continue;
      item.shown = want;
      const h = this.highlights.get(item.name)!;
      if (want) h.add(range);
      else h.delete(range);
    }
    if (outOfTime) this.invalidate(false);
  };
}

function measure(range: AbstractRange, item: Item, scrollTop: number, epoch: number): void {
  item.epoch = epoch;
  const node = range.startContainer;
  const el = node.nodeType === Node.ELEMENT_NODE ? (node as Element) : node.parentElement;
  let r: DOMRect | undefined = el?.getBoundingClientRect();
  if (!r || (r.width === 0 && r.height === 0)) {
    // `display: contents` parents have no box of their own: measure the text itself.
    try {
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
    item.top = Number.POSITIVE_INFINITY;
    item.bottom = Number.NEGATIVE_INFINITY;
    return;
  }
  item.top = r.top + scrollTop;
  item.bottom = r.bottom + scrollTop;
}
