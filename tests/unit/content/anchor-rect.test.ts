import { describe, expect, it } from 'vitest';
import { visibleAnchor } from '../../../content/clip/anchor-rect';

const rect = (x: number, y: number, width: number, height: number) => ({ x, y, width, height, left: x, top: y, right: x + width, bottom: y + height }) as DOMRectReadOnly;
const view = { width: 1200, height: 900 };
/** Line boxes 20 px high from `top`, one every 24 px. */
const lines = (top: number, n: number) => Array.from({ length: n }, (_, i) => rect(100, top + i * 24, 600, 20));
const bounds = (rs: DOMRectReadOnly[]) => rect(100, rs[0]!.top, 600, rs.at(-1)!.bottom - rs[0]!.top);

describe('where the clipping button goes', () => {
  it('is the last line of a selection that is all in view', () => {
    const rs = lines(100, 3);
    expect(visibleAnchor(rs, bounds(rs), view)).toMatchObject({ top: 148, bottom: 168, left: 100, right: 700 });
  });

  it('is the last line in view of a selection that runs past the bottom of the window', () => {
    const rs = lines(700, 50);
    const a = visibleAnchor(rs, bounds(rs), view);
    expect(a.top).toBe(892);
    expect(a.bottom).toBe(900);
  });

  it('is on the edge a selection went past when none of it is in view', () => {
    const below = lines(1500, 5);
    expect(visibleAnchor(below, bounds(below), view)).toMatchObject({ top: 900, bottom: 900, left: 100, right: 700 });
    const above = lines(-500, 5);
    expect(visibleAnchor(above, bounds(above), view)).toMatchObject({ top: 0, bottom: 0 });
  });

  it('skips empty boxes and clips a wide line to the window', () => {
    const rs = [rect(-50, 100, 1400, 20), rect(0, 0, 0, 0)];
    expect(visibleAnchor(rs, rect(-50, 100, 1400, 20), view)).toMatchObject({ left: 0, right: 1200, top: 100, bottom: 120 });
  });
});
