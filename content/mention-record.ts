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
  /** undefined = not yet decided (see `pieces`). */
  private split: StaticRange[] | null | undefined = undefined;

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

  /**
   * One range per text node, for a mention whose range also covers text the scanner
   * skipped without ending the block: ruby annotations between its characters
   * (<ruby>文<rt>wén</rt>心<rt>xīn</rt></ruby>), which painting the whole range would
   * tint. Null for every other mention, split across inline elements or not: one range
   * paints the same there, and keeps one range per mention in the page's highlights.
   */
  get pieces(): StaticRange[] | null {
    if (!this.rest) return null;
    return this.split === undefined ? (this.split = this.skipsText() ? this.perNode() : null) : this.split;
  }

  /** The range's text is longer than the text of the nodes the mention spans. */
  private skipsText(): boolean {
    const nodes = this.nodes;
    let own = this.eo - this.so;
    for (let i = 0; i < nodes.length - 1; i++) own += nodes[i]!.length;
    const live = (this.startNode.ownerDocument ?? document).createRange();
    try {
      live.setStart(this.startNode, this.so);
      live.setEnd(this.endNode, this.eo);
    } catch {
      return false;
    }
    return live.toString().length !== own;
  }

  private perNode(): StaticRange[] {
    const nodes = this.nodes;
    const last = nodes.length - 1;
    return nodes.map(
      (n, i) =>
        new StaticRange({
          startContainer: n,
          startOffset: i === 0 ? this.so : 0,
          endContainer: n,
          endOffset: i === last ? this.eo : n.length,
        }),
    );
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
