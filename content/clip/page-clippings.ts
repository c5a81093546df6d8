/**
 * The reader's clippings of this page: re-anchored on every visit (position, exact
 * quote, then a fuzzy quote) and painted under the registry name `cnai-clipping`.
 * Clippings that cannot be placed are reported as not found, never dropped.
 */
import { anchorMany } from '../../anchoring';
import type { Clipping } from '../../model/clipping';
import type { Highlighter } from '../highlighter';

import { CLIPPING_HIGHLIGHT } from './names';
const ORPHAN_RETRY_MS = 5000;

export class PageClippings {
  private clippings: Clipping[] = [];
  private readonly ranges = new Map<string, StaticRange>();
  private orphaned: string[] = [];
  private lastAnchor = 0;

  constructor(
    private readonly doc: Document,
    private readonly highlighter: Highlighter,
    /** Open shadow roots of the page: clippings made inside one are anchored there. */
    private readonly shadowRoots: () => ShadowRoot[] = () => [],
  ) {}

  get anchoredIds(): string[] {
    return [...this.ranges.keys()];
  }

  get orphanedIds(): string[] {
    return this.orphaned;
  }

  /** Replaces the set of clippings and anchors them. */
  set(clippings: Clipping[]): void {
    this.clippings = clippings;
    this.anchor();
  }

  /**
   * Takes the stored list again (the reader may have deleted or edited clippings in the
   * library meanwhile): drops the deleted ones, keeps the others' new notes and tags, and
   * anchors again only when one was added (anchoring reads the whole page). Returns
   * whether a clipping came or went.
   */
  sync(list: Clipping[]): boolean {
    const ids = new Set(list.map((c) => c.id));
    const gone = this.clippings.filter((c) => !ids.has(c.id));
    for (const c of gone) this.remove(c.id);
    const known = new Set(this.clippings.map((c) => c.id));
    const added = list.some((c) => !known.has(c.id));
    if (added) this.set(list);
    else this.clippings = list;
    return added || gone.length > 0;
  }

  add(c: Clipping, range?: Range): void {
    this.clippings = [...this.clippings.filter((x) => x.id !== c.id), c];
    if (range) this.paint(c.id, range);
    else this.anchor();
  }

  remove(id: string): void {
    this.clippings = this.clippings.filter((c) => c.id !== id);
    const r = this.ranges.get(id);
    if (r) this.highlighter.remove(CLIPPING_HIGHLIGHT, r);
    this.ranges.delete(id);
    this.orphaned = this.orphaned.filter((x) => x !== id);
  }

  /** Re-anchors everything (after the page changed). Returns whether the result changed. */
  anchor(): boolean {
    this.lastAnchor = performance.now();
    const before = JSON.stringify([this.anchoredIds, this.orphaned]);
    this.highlighter.clear(CLIPPING_HIGHLIGHT);
    this.ranges.clear();
    this.orphaned = [];
    const root = this.doc.body ?? this.doc.documentElement;
    if (!root || !this.clippings.length) return before !== JSON.stringify([[], []]);
    const results = anchorMany(
      root,
      this.clippings.map((c) => ({ quote: c.quote, position: c.position })),
    );
    const missing: Clipping[] = [];
    results.forEach((r, i) => {
      const c = this.clippings[i]!;
      if (r) this.paint(c.id, r.range);
      else missing.push(c);
    });
    // Not in the document's own text: perhaps inside a web component's shadow root.
    for (const sr of missing.length ? this.shadowRoots() : []) {
      const found = anchorMany(
        sr,
        missing.map((c) => ({ quote: c.quote, position: c.position })),
      );
      for (let i = missing.length - 1; i >= 0; i--) {
        const r = found[i];
        if (r) {
          this.paint(missing[i]!.id, r.range);
          missing.splice(i, 1);
        }
      }
    }
    this.orphaned = missing.map((c) => c.id);
    return before !== JSON.stringify([this.anchoredIds, this.orphaned]);
  }

  /**
   * Whether anchoring should run again after the page changed: a placed clipping lost its
   * text nodes (the page re-rendered), or some are missing and the last attempt is a few
   * seconds old (looking for a missing quote can take tens of milliseconds on a big page).
   */
  stale(): boolean {
    for (const r of this.ranges.values()) if (!r.startContainer.isConnected || !r.endContainer.isConnected) return true;
    return this.orphaned.length > 0 && performance.now() - this.lastAnchor > ORPHAN_RETRY_MS;
  }

  rangeOf(id: string): StaticRange | undefined {
    return this.ranges.get(id);
  }

  private paint(id: string, range: Range): void {
    const s = new StaticRange({ startContainer: range.startContainer, startOffset: range.startOffset, endContainer: range.endContainer, endOffset: range.endOffset });
    const old = this.ranges.get(id);
    if (old) this.highlighter.remove(CLIPPING_HIGHLIGHT, old);
    this.ranges.set(id, s);
    this.highlighter.add(CLIPPING_HIGHLIGHT, s);
  }
}
