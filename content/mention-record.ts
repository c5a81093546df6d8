/**
 * One mention found on the page.
 *
 * Its `StaticRange` is created on first use. A page with thousands of mentions registers
 * only those near the viewport (content/highlight-window.ts), so most ranges would never
 * be painted, and every range is an object in Blink's heap that each garbage collection
 * has to mark (bench/ANALYSIS.md). The highlight window's bookkeeping lives here too, so
 * a mention costs one object rather than three.
 */
import type { GatedMention } from '../engine/context';
import type { WindowEntry } from './highlight-window';

export class MentionRecord implements GatedMention, WindowEntry {
  entity = -1;
  free = false;
  /** Entity index whose highlight holds the range, or -1. */
  active = -1;
  wName = '';
  wTop = 0;
  wBottom = 0;
  wEpoch = 0;
  wShown = false;
  private made: StaticRange | undefined = undefined;

  constructor(
    /** Candidate patterns, in pack order (shared between mentions: never mutated). */
    readonly patterns: readonly number[],
    /** The first text node the mention spans. */
    readonly startNode: Text,
    /**
     * The nodes after the first, for the rare mention split across inline elements; null
     * otherwise (an array per mention would be one more object for every collection to
     * copy on a dense page).
     */
    private readonly rest: Text[] | null,
    /** Offsets in the first and the last node. */
    readonly so: number,
    readonly eo: number,
    /** A version named unmistakably follows the alias (see GatedMention). */
    readonly version: boolean,
  ) {}

  get endNode(): Text {
    return this.rest ? this.rest[this.rest.length - 1]! : this.startNode;
  }

  /** The text nodes the mention spans, first to last (a new array). */
  get nodes(): Text[] {
    return this.rest ? [this.startNode, ...this.rest] : [this.startNode];
  }

  /** The mention's range, created on first access. */
  get range(): StaticRange {
    return (this.made ??= new StaticRange({
      startContainer: this.startNode,
      startOffset: this.so,
      endContainer: this.endNode,
      endOffset: this.eo,
    }));
  }
}
