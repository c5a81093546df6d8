/**
 * Paints mentions with the CSS Custom Highlight API: one Highlight per kind, registered
 * under public names (cnai-model, cnai-company, cnai-organization, cnai-policy). The
 * page's DOM is never modified.
 */
import type { EntityKind } from '../kb/schema';
import { ENTITY_KINDS } from '../kb/schema';

export const HIGHLIGHT_PREFIX = 'cnai-';
export const kindHighlightName = (kind: EntityKind) => `${HIGHLIGHT_PREFIX}${kind}`;

export function highlightApiAvailable(): boolean {
  return typeof CSS !== 'undefined' && 'highlights' in CSS && typeof Highlight === 'function';
}

export class Highlighter {
  private readonly highlights = new Map<string, Highlight>();

  constructor(extraNames: readonly string[] = []) {
    for (const name of [...ENTITY_KINDS.map(kindHighlightName), ...extraNames]) {
      const h = new Highlight();
      this.highlights.set(name, h);
    }
    this.register();
  }

  /** (Re)registers our highlights; a page that cleared the registry gets them back. */
  register(): void {
    for (const [name, h] of this.highlights) if (CSS.highlights.get(name) !== h) CSS.highlights.set(name, h);
  }

  add(name: string, range: AbstractRange): void {
    this.highlights.get(name)?.add(range);
  }

  remove(name: string, range: AbstractRange): void {
    this.highlights.get(name)?.delete(range);
  }

  clear(name?: string): void {
    if (name) this.highlights.get(name)?.clear();
    else for (const h of this.highlights.values()) h.clear();
  }

  size(name: string): number {
    return this.highlights.get(name)?.size ?? 0;
  }

  dispose(): void {
    for (const [name, h] of this.highlights) {
      h.clear();
      if (CSS.highlights.get(name) === h) CSS.highlights.delete(name);
    }
  }
}
