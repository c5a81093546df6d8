/**
 * What the save button, the saved panel and an error are placed next to: the last line
 * box of the selection that the reader can see. A selection running past the window
 * would put them off-screen at its last line; one scrolled out of view entirely leaves
 * them at the edge it went past, so they never leave the window.
 */

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
  top: number;
  left: number;
  right: number;
  bottom: number;
}

const box = (left: number, top: number, right: number, bottom: number): Box => ({
  x: left,
  y: top,
  left,
  top,
  right,
  bottom,
  width: right - left,
  height: bottom - top,
});

const clamp = (v: number, lo: number, hi: number) => Math.min(Math.max(v, lo), hi);

/**
 * `rects`: the selection's line boxes in viewport coordinates (Range.getClientRects());
 * `bounds`: its bounding box, used when it has none; `view`: the viewport's size.
 */
export function visibleAnchor(rects: ArrayLike<DOMRectReadOnly>, bounds: DOMRectReadOnly, view: { width: number; height: number }): Box {
  for (let i = rects.length - 1; i >= 0; i--) {
    const r = rects[i]!;
    if (r.width === 0 && r.height === 0) continue;
    if (r.bottom > 0 && r.top < view.height && r.right > 0 && r.left < view.width) {
      return box(Math.max(r.left, 0), Math.max(r.top, 0), Math.min(r.right, view.width), Math.min(r.bottom, view.height));
    }
  }
  // Nothing in view: a flat box on the nearest edge, within the selection's columns.
  const y = bounds.bottom <= 0 ? 0 : bounds.top >= view.height ? view.height : clamp(bounds.bottom, 0, view.height);
  const left = clamp(bounds.left, 0, view.width);
  const right = clamp(bounds.right, left, view.width);
  return box(left, y, right, y);
}
