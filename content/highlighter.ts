/**
 * Paints mentions with the CSS Custom Highlight API: one Highlight per kind, registered
 * under public names (cnai-model, cnai-company, cnai-organization, cnai-policy). The
 * page's DOM is never modified.
 *
 * On pages with very many mentions only those near the viewport are registered. Chromium
 * re-validates every registered range of every highlight at the next frame after any
 * change to any of them (measured: one range added next to 20,000 registered ones costs a
 * 110–130 ms frame), so a dense 5 MB page would otherwise turn each dynamic update, and
 * the end of the initial scan, into a long task. The window follows scrolling.
 */
import type { EntityKind } from '../kb/kinds';
import { ENTITY_KINDS } from '../kb/kinds';
import { HighlightWindow, type WindowEntry } from './highlight-window';

export const HIGHLIGHT_PREFIX = 'cnai-';
const KIND_NAMES = new Map<EntityKind, string>(ENTITY_KINDS.map((k) => [k, `${HIGHLIGHT_PREFIX}${k}`]));
/** The highlight name of a kind: one string per kind, built once (called per mention). */
export const kindHighlightName = (kind: EntityKind): string => KIND_NAMES.get(kind)!;

/**
 * Above this many kind ranges the window takes over. Each registered range costs the
 * browser about 15–20 µs of PrePaint in every frame where a highlight or the DOM changed
 * (measured on the 5 MB benchmark page: 2,000 ranges 33–39 ms, 500 ranges 11 ms, 150 ranges 2 ms).
 */
const WINDOW_THRESHOLD = 500;

export class Highlighter {
  private readonly highlights = new Map<string, Highlight>();
  private readonly window: HighlightWindow;

  /** `extraNames` (focus, clippings) are always registered in full; kind names may be windowed. */
  constructor(extraNames: readonly string[] = []) {
    const kinds = ENTITY_KINDS.map(kindHighlightName);
    for (const name of [...kinds, ...extraNames]) this.highlights.set(name, new Highlight());
    this.window = new HighlightWindow(new Map(kinds.map((n) => [n, this.highlights.get(n)!])), WINDOW_THRESHOLD);
    this.register();
  }

  /** (Re)registers our highlights; a page that cleared the registry gets them back. */
  register(): void {
    for (const [name, h] of this.highlights) if (CSS.highlights.get(name) !== h) CSS.highlights.set(name, h);
  }

  /** Takes our names out of the page's registry (the extension is off on this page). */
  unregister(): void {
    for (const [name, h] of this.highlights) if (CSS.highlights.get(name) === h) CSS.highlights.delete(name);
  }

  /** Adds a range to one of the extra highlights (always registered in full). */
  add(name: string, range: AbstractRange): void {
    this.extra(name)?.add(range);
  }

  remove(name: string, range: AbstractRange): void {
    this.extra(name)?.delete(range);
  }

  /** Adds a mention to a kind highlight; its range is created only if it is registered. */
  addEntry(name: string, e: WindowEntry): void {
    this.window.add(name, e);
  }

  removeEntry(name: string, e: WindowEntry): void {
    this.window.remove(name, e);
  }

  private extra(name: string): Highlight | undefined {
    if (this.window.handles(name)) throw new Error(`${name} holds mentions: use addEntry/removeEntry`);
    return this.highlights.get(name);
  }

  clear(name?: string): void {
    for (const [n, h] of this.highlights) {
      if (name && n !== name) continue;
      if (this.window.handles(n)) this.window.clear(n);
      else h.clear();
    }
  }

  /** Mentions held under `name`, registered or waiting outside the window. */
  size(name: string): number {
    return this.window.handles(name) ? this.window.size(name) : (this.highlights.get(name)?.size ?? 0);
  }

  dispose(): void {
    this.window.dispose();
    for (const [name, h] of this.highlights) {
      h.clear();
      if (CSS.highlights.get(name) === h) CSS.highlights.delete(name);
    }
  }
}
