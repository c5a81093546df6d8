/**
 * A windowed list of fixed-height rows: only the rows in view (plus a margin) are in
 * the DOM, so 10,000 clippings scroll as smoothly as ten.
 */
import type { ComponentChildren } from 'preact';
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';

export interface VirtualListProps<T> {
  items: readonly T[];
  rowHeight: number;
  renderRow: (item: T, index: number) => ComponentChildren;
  /** Index to keep in view (keyboard selection). */
  activeIndex?: number;
  label: string;
  onKeyDown?: (e: KeyboardEvent) => void;
  overscan?: number;
}

export function VirtualList<T>({ items, rowHeight, renderRow, activeIndex, label, onKeyDown, overscan = 6 }: VirtualListProps<T>) {
  const ref = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [height, setHeight] = useState(600);
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    setHeight(el.clientHeight || 600);
    const ro = new ResizeObserver(() => setHeight(el.clientHeight || 600));
    ro.observe(el);
    return () => ro.disconnect();
  }, []);
  useEffect(() => {
    const el = ref.current;
    if (!el || activeIndex === undefined || activeIndex < 0) return;
    const top = activeIndex * rowHeight;
    if (top < el.scrollTop) el.scrollTop = top;
    else if (top + rowHeight > el.scrollTop + el.clientHeight) el.scrollTop = top + rowHeight - el.clientHeight;
  }, [activeIndex, rowHeight]);
  const first = Math.max(0, Math.floor(scrollTop / rowHeight) - overscan);
  const last = Math.min(items.length, Math.ceil((scrollTop + height) / rowHeight) + overscan);
  const rows = [];
  // The active row is always in the DOM, in view or not: it is the list's one tab stop, and
  // the keyboard focuses it (End, Home) before the list has scrolled to it.
  const extra = activeIndex !== undefined && activeIndex >= 0 && activeIndex < items.length && (activeIndex < first || activeIndex >= last) ? [activeIndex] : [];
  for (const i of [...(extra[0]! < first ? extra : []), ...range(first, last), ...(extra[0]! >= last ? extra : [])]) {
    rows.push(
      <li key={i} class="vrow" style={{ top: `${i * rowHeight}px`, height: `${rowHeight}px` }} aria-setsize={items.length} aria-posinset={i + 1}>
        {renderRow(items[i]!, i)}
      </li>,
    );
  }
  return (
    <div ref={ref} class="vlist" onScroll={(e) => setScrollTop((e.target as HTMLDivElement).scrollTop)} onKeyDown={onKeyDown}>
      <ul aria-label={label} style={{ height: `${items.length * rowHeight}px` }}>
        {rows}
      </ul>
    </div>
  );
}

function range(from: number, to: number): number[] {
  const out: number[] = [];
  for (let i = from; i < to; i++) out.push(i);
  return out;
}
