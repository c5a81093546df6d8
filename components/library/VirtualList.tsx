/**
 * A windowed list: only the rows in view (plus a margin) are in the DOM, so 10,000
 * clippings scroll as smoothly as ten.
 *
 * Rows are either all `rowHeight` px tall, or (without it) each as tall as its content.
 * Those are measured once rendered and kept per item (`itemKey`) while the list's width
 * stays; a row not measured yet counts as the average of those that were. Rows are placed
 * from the prefix sums of these heights. When a measurement moves what the reader is
 * looking at (a row above it came out taller or shorter than its estimate), the scroll
 * position follows, so the view does not jump: it holds the first row in view, the end of
 * the list when scrolled to the end, or the row the keyboard moved to (kept fully in view).
 */
import type { ComponentChildren } from 'preact';
import { useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';

/** Every row `rowHeight` px tall, or each as tall as its content (measured, kept under `itemKey`). */
type RowSizing<T> =
  | { rowHeight: number; itemKey?: undefined; estimatedRowHeight?: undefined }
  | {
      rowHeight?: undefined;
      /** The key a row's measured height is kept under. */
      itemKey: (item: T) => string;
      /** The height of a row before any was measured. */
      estimatedRowHeight?: number;
    };

export type VirtualListProps<T> = RowSizing<T> & {
  items: readonly T[];
  renderRow: (item: T, index: number) => ComponentChildren;
  /** Index to keep in view (keyboard selection). */
  activeIndex?: number;
  label: string;
  onKeyDown?: (e: KeyboardEvent) => void;
  overscan?: number;
};

/** Measured row heights, by item key, for one list width. */
interface Heights {
  byKey: Map<string, number>;
  sum: number;
  /** The estimate while nothing is measured: the prop, then the last average before a width change. */
  seed: number;
  width: number | undefined;
}

/**
 * What the view holds still when row heights change: the top of row `index` stays `delta`
 * px below the top of the view (index = items.length: the list's end). `active`: the
 * keyboard's row, which is also kept fully in view.
 */
interface Anchor {
  index: number;
  delta: number;
  active?: boolean;
}

export function VirtualList<T>({ items, rowHeight, itemKey, estimatedRowHeight = 80, renderRow, activeIndex, label, onKeyDown, overscan = 6 }: VirtualListProps<T>) {
  const ref = useRef<HTMLDivElement>(null);
  const ulRef = useRef<HTMLUListElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [height, setHeight] = useState(600);
  // Bumped when a measured height changed: the offsets are computed again.
  const [version, setVersion] = useState(0);
  const fixed = rowHeight !== undefined;
  const heights = useRef<Heights>({ byKey: new Map(), sum: 0, seed: estimatedRowHeight, width: undefined });
  // Only rows as tall as their content ask for keys: they have an itemKey.
  const keyOf = (i: number) => itemKey!(items[i]!);

  // offsets[i]: the top of row i; offsets[n]: the list's height.
  const offsets = useMemo(() => {
    const n = items.length;
    const out = new Float64Array(n + 1);
    if (fixed) {
      for (let i = 1; i <= n; i++) out[i] = i * rowHeight;
      return out;
    }
    const h = heights.current;
    const estimate = h.byKey.size ? h.sum / h.byKey.size : h.seed;
    let y = 0;
    for (let i = 0; i < n; i++) {
      out[i] = y;
      y += h.byKey.get(keyOf(i)) ?? estimate;
    }
    out[n] = y;
    return out;
  }, [items, rowHeight, version]);

  const anchor = useRef<Anchor>({ index: 0, delta: 0 });
  // The scroll position this list set last: its scroll event is not the reader's.
  const setByUs = useRef<number>();
  const scrollTo = (el: HTMLDivElement, top: number) => {
    el.scrollTop = top;
    setByUs.current = el.scrollTop;
    setScrollTop(el.scrollTop);
  };

  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    setHeight(el.clientHeight || 600);
    const ro = new ResizeObserver(() => {
      setHeight(el.clientHeight || 600);
      // Another width wraps the rows' text anew: render, and the rows are measured again.
      if (!fixed && el.clientWidth !== heights.current.width) setVersion((v) => v + 1);
    });
    ro.observe(el);
    return () => ro.disconnect();
  }, []);

  const n = items.length;
  const first = Math.max(0, indexAt(offsets, n, scrollTop) - overscan);
  const last = Math.min(n, indexAt(offsets, n, scrollTop + height) + 1 + overscan);
  // The active row is always in the DOM, in view or not: it is the list's one tab stop, and
  // the keyboard focuses it (End, Home) before the list has scrolled to it.
  const extra = activeIndex !== undefined && activeIndex >= 0 && activeIndex < n && (activeIndex < first || activeIndex >= last) ? [activeIndex] : [];
  const shown = [...(extra[0]! < first ? extra : []), ...range(first, last), ...(extra[0]! >= last ? extra : [])];
  const shownRef = useRef(shown);
  shownRef.current = shown;

  // Measure the rows now in the DOM, before the browser paints them.
  useLayoutEffect(() => {
    const ul = ulRef.current;
    if (fixed || !ul || !ref.current) return;
    const h = heights.current;
    // Another width (a resized window, the scroll bar come or gone): the old heights are void.
    const width = ref.current.clientWidth;
    if (width !== h.width) {
      if (h.width !== undefined) resetHeights(h);
      h.width = width;
    }
    let changed = false;
    const rows = ul.children;
    for (let k = 0; k < rows.length && k < shownRef.current.length; k++) {
      const px = (rows[k] as HTMLElement).getBoundingClientRect().height;
      if (!px) continue;
      const key = keyOf(shownRef.current[k]!);
      const old = h.byKey.get(key);
      if (old !== undefined && Math.abs(old - px) < 0.25) continue;
      h.byKey.set(key, px);
      h.sum += px - (old ?? 0);
      changed = true;
    }
    if (changed) setVersion((v) => v + 1);
  });

  // New offsets: hold the anchor where it was in the view (a new list of items has none).
  const anchoredItems = useRef(items);
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    const a = anchor.current;
    if (anchoredItems.current !== items) {
      // (When the keyboard's row moved with them, the effect below shows it.)
      anchoredItems.current = items;
      anchor.current = anchorAt(offsets, n, el);
      return;
    }
    const top = offsets[Math.min(a.index, n)]! - a.delta;
    if (Math.abs(top - el.scrollTop) >= 0.5) scrollTo(el, top);
    if (a.active && a.index < n) reveal(el, a.index);
  }, [offsets]);

  // The keyboard's row, fully in view; it stays the anchor until the reader scrolls.
  const reveal = (el: HTMLDivElement, i: number) => {
    const top = offsets[i]!;
    const bottom = offsets[i + 1]!;
    if (top < el.scrollTop) scrollTo(el, top);
    else if (bottom > el.scrollTop + el.clientHeight) scrollTo(el, Math.min(top, bottom - el.clientHeight));
    anchor.current = { index: i, delta: top - el.scrollTop, active: true };
  };
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el || activeIndex === undefined || activeIndex < 0 || activeIndex >= n) return;
    reveal(el, activeIndex);
  }, [activeIndex, rowHeight]);

  const onScroll = (e: Event) => {
    const el = e.target as HTMLDivElement;
    setScrollTop(el.scrollTop);
    if (setByUs.current !== undefined && Math.abs(el.scrollTop - setByUs.current) < 1) return;
    // The reader scrolled: hold what is in view now (or the end). Rows coming into view are
    // measured before they are painted, and those above the anchor move the scroll position,
    // not it: the rows the reader saw before the scroll stay where the scroll put them.
    setByUs.current = undefined;
    anchor.current = anchorAt(offsets, n, el, (i) => fixed || heights.current.byKey.has(keyOf(i)));
  };

  return (
    <div ref={ref} class="vlist" onScroll={onScroll} onKeyDown={onKeyDown}>
      <ul ref={ulRef} aria-label={label} style={{ height: `${offsets[n]}px` }}>
        {shown.map((i) => (
          <li key={i} class="vrow" style={{ top: `${offsets[i]}px`, height: fixed ? `${rowHeight}px` : undefined }} aria-setsize={n} aria-posinset={i + 1}>
            {renderRow(items[i]!, i)}
          </li>
        ))}
      </ul>
    </div>
  );
}

function resetHeights(h: Heights): void {
  if (h.byKey.size) h.seed = h.sum / h.byKey.size;
  h.byKey.clear();
  h.sum = 0;
}

/** The row at `y` px from the list's top (the last row past its end). */
function indexAt(offsets: Float64Array, n: number, y: number): number {
  let lo = 0;
  let hi = n - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (offsets[mid]! <= y) lo = mid;
    else hi = mid - 1;
  }
  return Math.max(0, lo);
}

/**
 * What to hold in the view scrolled as `el` is: the list's end when scrolled to it, else the
 * first row in view already measured (else the first row in view).
 */
function anchorAt(offsets: Float64Array, n: number, el: HTMLDivElement, measured: (i: number) => boolean = () => true): Anchor {
  const top = el.scrollTop;
  if (n > 0 && top > 0 && top + el.clientHeight >= el.scrollHeight - 1) return { index: n, delta: offsets[n]! - top };
  const first = indexAt(offsets, n, top);
  let i = first;
  while (i < n && offsets[i]! < top + el.clientHeight && !measured(i)) i++;
  if (i >= n || offsets[i]! >= top + el.clientHeight) i = first;
  return { index: i, delta: offsets[i]! - top };
}

function range(from: number, to: number): number[] {
  const out: number[] = [];
  for (let i = from; i < to; i++) out.push(i);
  return out;
}
