/**
 * Finds and paints every mention on a page, and keeps them current as the page
 * changes.
 *
 * - Viewport first: when the reader is scrolled into the page, the blocks on screen
 *   are scanned before the in-order pass over the whole document.
 * - Chunked: the in-order pass works in slices of a few milliseconds and yields to
 *   the page between them.
 * - Incremental: a MutationObserver collects changed blocks; each batch drops the
 *   ranges in those blocks and rescans only them.
 */
import type { EntityKind } from '../kb/kinds';
import { namesVersion, type Matcher } from '../engine/matcher';
import { ContextGate, type GateChange } from '../engine/context';
import { MentionRecord } from './mention-record';
import { Highlighter, kindHighlightName } from './highlighter';
import { isBlock, isClosedDetails, isInsideSkipped, nodeIndexAt, SKIP_ATTRIBUTES, skipsByAttribute, TextWalker, type SkipRegion, type TextBatch, type WalkOptions } from './walker';
import { yieldToMain } from './yield';

export interface ScannerOptions {
  /** The extension's own elements, never scanned. */
  exclude?: (el: Element) => boolean;
  /** Called (synchronously) after mentions were added or removed. */
  onChange?: () => void;
  /** Called once per shadow root that received mentions, to style highlights there. */
  onShadowRoot?: (root: ShadowRoot) => void;
  /** Target duration of one slice of the initial pass, in ms (a task stays well under 50 ms). */
  sliceMs?: number;
  /** Duration of the first slice when it covers the top of the page (the viewport). */
  firstSliceMs?: number;
  /** Characters collected per batch. */
  batchChars?: number;
  /** Delay before a batch of DOM changes is processed, in ms. */
  mutationDelayMs?: number;
  /** Called after a batch of DOM changes was processed. */
  onFlush?: () => void;
  /**
   * Whether the page's layout is up to date, so that the viewport check (which reads the
   * scroll position) runs no pending layout of the page in the scanner's task
   * (content/first-frame.ts). Until it is, the scan starts at the top and looks at the
   * viewport again between slices. Default: always.
   */
  layoutReady?: () => boolean;
  /**
   * Called when the page put a new root element in the document (document.open() and
   * write() after load, or a script replacing <html>). The scanner drops the old root's
   * mentions and scans the new one, but document.open() also erased every event listener
   * of the document and window, the content script's included: the owner starts over.
   */
  onRootReplaced?: () => void;
}

export interface ScanStats {
  /** performance.now() when the first slice (viewport) was painted. */
  firstPaint?: number;
  /** performance.now() when the initial pass finished. */
  complete?: number;
  longestSliceMs: number;
  batches: number;
  /** Characters scanned, and characters read from the page (more only when text read is dropped unscanned). */
  characters: number;
  read: number;
  /** The viewport was looked at between slices, once the layout was ready (see ScannerOptions.layoutReady), and scanned then. */
  lateViewport?: boolean;
  /** Stretches of text nodes read with one Range, and those read node by node instead (see TextBatch). */
  stretches: number;
  stretchesReadByNode: number;
}

const VIEWPORT_BUDGET = 20_000;
/**
 * Slice of the initial pass, in ms. Short enough that a garbage collection landing in it
 * (scavenges of 13–25 ms measured on the 5 MB benchmark page) mostly keeps the task under
 * 50 ms: with 20 ms slices the longest slice there was 40–55 ms, with 12 ms 28–41 ms, at
 * the same total time (bench/ANALYSIS.md).
 */
const SLICE_MS = 12;
/** During a long initial pass, waiting ranges are painted at least this often (ms). */
const DEFERRED_FLUSH_MS = 1000;
/**
 * Custom elements walked without a shadow root are looked at again this long after they
 * were seen (ms), for one attached later: an element upgraded when its definition loads
 * after the scan gets its shadow root with no DOM change an observer would see. At most
 * MAX_WAITING_HOSTS wait at a time (each look is one property read).
 */
const HOST_CHECKS_MS = [1000, 4000, 15000];
const MAX_WAITING_HOSTS = 2000;
/** Text changes, and the attributes that turn a subtree's prose on or off (`hidden`, `contenteditable`, `open` of a <details> or <dialog>). */
const OBSERVE: MutationObserverInit = { childList: true, subtree: true, characterData: true, attributeFilter: [...SKIP_ATTRIBUTES, 'open'], attributeOldValue: true };

export class PageScanner {
  readonly stats: ScanStats = { longestSliceMs: 0, batches: 0, characters: 0, read: 0, stretches: 0, stretchesReadByNode: 0 };
  /**
   * Mentions by the text nodes they span: built on first use (a hit test, a DOM change)
   * and kept current from then on. A static page that is never hovered never needs it.
   */
  private nodeIndex?: Map<Text, MentionRecord[]>;
  private readonly records = new Set<MentionRecord>();
  private readonly counts: Int32Array;
  /** Highlight names by entity index, filled as entities are met (a Map lookup per mention otherwise). */
  private readonly names: string[];
  private gate: ContextGate<MentionRecord>;
  private readonly walkOpts: WalkOptions;
  private readonly styledRoots = new WeakSet<ShadowRoot>();
  private readonly shadowRootList: ShadowRoot[] = [];
  private observer?: MutationObserver;
  private readonly dirty = new Set<Node>();
  private flushTimer?: ReturnType<typeof setTimeout>;
  /** Custom elements without a shadow root yet, with how many looks they had and when the next is due. */
  private readonly waitingHosts = new Map<Element, { looks: number; due: number }>();
  private hostTimer?: ReturnType<typeof setTimeout>;
  private initialDone = false;
  private stopped = false;
  /**
   * During the initial pass, after the first slice: ranges wait here and are handed to the
   * highlights in a few large steps. Every change to a registered Highlight makes the
   * browser repaint highlights at its next frame, which on a huge page costs far more than
   * finding the mentions; off-screen mentions need not paint between slices.
   */
  private deferred?: MentionRecord[];

  constructor(
    private readonly doc: Document,
    readonly matcher: Matcher,
    private readonly highlighter: Highlighter,
    private readonly opts: ScannerOptions = {},
  ) {
    this.counts = new Int32Array(matcher.ids.length);
    // Sized up front: filled at scattered indices, a growing array could turn into a dictionary.
    this.names = new Array<string>(matcher.ids.length);
    this.gate = new ContextGate(matcher);
    this.walkOpts = { exclude: opts.exclude };
  }

  private get root(): Node {
    return this.doc.documentElement;
  }

  /**
   * Scans the whole document and starts observing changes. When the reader is scrolled
   * into the page, the blocks on screen go first (and are skipped by the in-order pass).
   * The first slice is short so the viewport paints early; later slices are longer
   * (fewer interruptions) but far below the 50 ms of a long task.
   */
  async start(): Promise<void> {
    this.observe();
    if (this.designMode()) {
      this.stats.complete = performance.now();
      this.initialDone = true;
      return;
    }
    // A batch longer than batchChars (one long block: the walk pauses only between blocks)
    // is scanned in parts, `pending` from `at` on, in as many slices as it takes.
    let pending: TextBatch | undefined;
    let at = 0;
    let skip: SkipRegion | undefined;
    /** The rest of the viewport's batch (one huge block on screen), painted as it is found. */
    let viewportRest: TextBatch | undefined;
    // Until the layout is ready the viewport waits: the scan starts at the top.
    let viewportWaits = this.opts.layoutReady?.() === false;
    const startEl = viewportWaits ? undefined : this.viewportStart();
    if (startEl) {
      const t = performance.now();
      const v = this.viewportPass(startEl);
      pending = viewportRest = v.rest;
      at = v.at;
      skip = v.skip;
      this.noteSlice(performance.now() - t);
      this.stats.firstPaint = performance.now();
      await yieldToMain();
    }
    let walker = new TextWalker(this.root, this.walkOpts, undefined, skip);
    const batchChars = this.opts.batchChars ?? 8_000;
    let slice = skip ? (this.opts.sliceMs ?? SLICE_MS) : (this.opts.firstSliceMs ?? 8);
    if (skip && !viewportRest) this.deferred = [];
    let lastFlush = performance.now();
    while ((pending || !walker.done) && !this.stopped) {
      const t = performance.now();
      if (viewportWaits && !pending && this.opts.layoutReady!()) {
        viewportWaits = false;
        // The block on screen, when the walk has not reached it: its first part is scanned
        // and painted now (with whatever waited), the rest of a huge one first in the
        // slices below, painted as it is found; the walk passes over what this pass read.
        const el = this.viewportStart();
        if (el && walker.ahead(el)) {
          const v = this.viewportPass(el);
          walker.skipAhead(v.skip);
          this.flushDeferred();
          if (v.rest) {
            pending = viewportRest = v.rest;
            at = v.at;
            this.deferred = undefined;
          }
          this.stats.lateViewport = true;
        }
      }
      if (pending && !intact(pending)) {
        // The page changed it since the last slice: its block is dirty and is rescanned
        // after this pass (the mentions of its removed or changed text nodes are gone already).
        pending = undefined;
      }
      do {
        if (!pending) {
          if (!walker.resumable(this.root)) {
            // The page removed the node the walk paused at: start over from the top.
            this.reset();
            walker = new TextWalker(this.root, this.walkOpts);
          }
          const batch = this.read(walker, batchChars);
          if (walker.skipInvalid) {
            this.reset();
            walker = new TextWalker(this.root, this.walkOpts);
            continue;
          }
          if (!batch) continue;
          pending = batch;
          at = 0;
        }
        const end = this.partEnd(pending, at, batchChars);
        this.processBatch(pending, at, end);
        at = end;
        if (at >= pending.text.length) pending = undefined;
      } while ((pending || !walker.done) && performance.now() - t < slice);
      this.noteSlice(performance.now() - t);
      this.stats.firstPaint ??= performance.now();
      slice = this.opts.sliceMs ?? SLICE_MS;
      if (!this.deferred) {
        // The first slice (the top of the page, on screen) paints now; the rest waits. A
        // block on screen longer than a slice paints as it is scanned, to its end.
        if (!pending || pending !== viewportRest) {
          this.deferred = [];
          lastFlush = performance.now();
        }
      } else if (performance.now() - lastFlush > DEFERRED_FLUSH_MS) {
        this.flushDeferred();
        lastFlush = performance.now();
      }
      if (pending || !walker.done) await yieldToMain();
    }
    // The last slice and the last flush (thousands of ranges on a dense page) in separate tasks.
    if (this.deferred?.length) await yieldToMain();
    this.flushDeferred();
    this.deferred = undefined;
    this.stats.complete = performance.now();
    this.initialDone = true;
    if (this.dirty.size) this.scheduleFlush();
  }

  /**
   * Scans the first part of the text from the block at `el` on (VIEWPORT_BUDGET: the walk
   * pauses only between blocks, and the block on screen may be megabytes long). Returns the
   * batch when a part of it is left (`rest`, from `at` on), and the region the in-order
   * walk passes over.
   */
  private viewportPass(el: Element): { rest?: TextBatch; at: number; skip: SkipRegion } {
    const vw = new TextWalker(this.root, this.walkOpts, el);
    const batch = this.read(vw, VIEWPORT_BUDGET);
    let at = 0;
    let rest: TextBatch | undefined;
    if (batch) {
      at = this.partEnd(batch, 0, VIEWPORT_BUDGET);
      this.processBatch(batch, 0, at);
      if (at < batch.text.length) rest = batch;
    }
    return { rest, at, skip: { from: el, resumeAt: vw.position } };
  }

  /** The walk's next batch, its characters counted as read. */
  private read(walker: TextWalker, budget: number): TextBatch | null {
    const batch = walker.next(budget);
    if (batch) this.stats.read += batch.text.length;
    return batch;
  }

  stop(): void {
    this.stopped = true;
    this.observer?.disconnect();
    clearTimeout(this.flushTimer);
    clearTimeout(this.hostTimer);
    this.waitingHosts.clear();
    this.dirty.clear();
    this.reset();
  }

  /**
   * Hands the waiting ranges to the highlights (one repaint). A record deactivated
   * meanwhile is skipped; one activated twice is added once (adding is idempotent).
   */
  private flushDeferred(): void {
    const waiting = this.deferred;
    if (!waiting) return;
    for (let i = 0; i < waiting.length; i++) {
      const r = waiting[i]!;
      if (r.active >= 0) this.highlighter.addEntry(this.highlightName(r.active), r);
    }
    waiting.length = 0;
  }

  /** Drops every mention and its highlight. */
  private reset(): void {
    if (this.deferred) this.deferred.length = 0;
    for (const r of this.records) if (r.active >= 0) this.highlighter.removeEntry(this.highlightName(r.active), r);
    this.records.clear();
    this.nodeIndex = undefined;
    this.counts.fill(0);
    this.gate = new ContextGate(this.matcher);
  }

  /** Active mention counts per entity id. */
  countsById(): Record<string, number> {
    const out: Record<string, number> = {};
    this.counts.forEach((n, i) => {
      if (n > 0) out[this.matcher.ids[i]!] = n;
    });
    return out;
  }

  /** Active mentions in document order. */
  activeMentions(): MentionRecord[] {
    return [...this.records].filter((r) => r.active >= 0).sort(compareRecords);
  }

  /** The first active mention of an entity in document order (of those `accept` takes, when given). */
  firstMentionOf(entityId: string, accept?: (r: MentionRecord) => boolean): MentionRecord | undefined {
    const idx = this.matcher.entityIndex(entityId);
    let best: MentionRecord | undefined;
    for (const r of this.records) {
      if (r.active !== idx) continue;
      if (best && compareRecords(r, best) >= 0) continue;
      if (accept && !accept(r)) continue;
      best = r;
    }
    return best;
  }

  /** The active mention covering a caret position (hit testing), if any. */
  mentionAt(node: Node, offset: number): MentionRecord | undefined {
    if (node.nodeType !== 3) return undefined;
    const list = this.byNode().get(node as Text);
    if (!list) return undefined;
    for (const r of list) {
      if (r.active < 0) continue;
      const afterStart = node !== r.startNode || offset >= r.so;
      const beforeEnd = node !== r.endNode || offset < r.eo;
      if (afterStart && beforeEnd) return r;
    }
    return undefined;
  }

  /**
   * Entity ids mentioned in a piece of this page's text (context rules judged against the
   * page). `cuts` (ascending) are where blocks start in it: no mention spans one.
   */
  entitiesIn(text: string, cuts?: readonly number[]): string[] {
    const out = new Set<string>();
    for (const m of this.matcher.find(text, 0, text.length, cuts)) {
      const e = this.gate.resolveAgainstPage(m.patterns, namesVersion(text, m));
      if (e >= 0) out.add(this.matcher.ids[e]!);
    }
    return [...out];
  }

  /** Open shadow roots seen while scanning (for caret hit testing inside them). */
  shadowRoots(): ShadowRoot[] {
    return this.shadowRootList.filter((r) => r.host.isConnected);
  }

  entityKind(r: MentionRecord): EntityKind | undefined {
    return r.active >= 0 ? this.matcher.kinds[r.active] : undefined;
  }

  private byNode(): Map<Text, MentionRecord[]> {
    if (!this.nodeIndex) {
      this.nodeIndex = new Map();
      for (const r of this.records) indexRecord(this.nodeIndex, r);
    }
    return this.nodeIndex;
  }

  private highlightName(entity: number): string {
    return (this.names[entity] ??= kindHighlightName(this.matcher.kinds[entity]!));
  }

  private noteSlice(ms: number): void {
    if (ms > this.stats.longestSliceMs) this.stats.longestSliceMs = ms;
  }

  /** The block at the top of the viewport when the reader is scrolled into the page. */
  private viewportStart(): Element | undefined {
    const win = this.doc.defaultView;
    // A hidden page shows nothing (and reading its scroll position would lay it out).
    if (!win || this.doc.visibilityState === 'hidden' || win.scrollY < win.innerHeight / 2) return undefined;
    let el = this.doc.elementFromPoint(win.innerWidth / 2, Math.max(1, win.innerHeight * 0.05));
    while (el && !isBlock(el)) el = el.parentElement;
    if (!el || el === this.doc.body || el === this.doc.documentElement) return undefined;
    if (isInsideSkipped(el, this.walkOpts)) return undefined;
    // A closed <details>' summary on screen: start at the <details>, so that the walk sees it
    // closed and passes over the rest of it (a walk that starts inside would read it all).
    for (let p = el.parentElement; p; p = p.parentElement) if (isClosedDetails(p)) el = p;
    return el;
  }

  /**
   * Where the part of `batch` that starts at `at` ends: the whole rest when it is short,
   * else the first split point (Matcher.splitPoint) at least `chars` on, or the next block
   * start, whichever comes first. No mention spans either.
   */
  private partEnd(batch: TextBatch, at: number, chars: number): number {
    const n = batch.text.length;
    if (n - at <= chars * 1.5) return n;
    const from = at + chars;
    let cut = n;
    for (let i = 0; i < batch.cuts.length; i++) {
      if (batch.cuts[i]! >= from) {
        cut = batch.cuts[i]!;
        break;
      }
    }
    // Searched over a bounded stretch, so that a text with no split point costs no more than a part.
    const split = this.matcher.splitPoint(batch.text, from, Math.min(cut, from + chars));
    return split > 0 ? split : cut;
  }

  /** Mentions in batch.text[from, to): the whole batch, or one part of a long one (partEnd). */
  private processBatch(batch: TextBatch, from = 0, to = batch.text.length): void {
    if (from === 0) {
      this.stats.batches++;
      this.stats.stretches += batch.stretches;
      this.stats.stretchesReadByNode += batch.readByNode;
    }
    this.stats.characters += to - from;
    const mentions = this.matcher.find(batch.text, from, to, batch.cuts);
    let changed = false;
    for (let i = 0; i < mentions.length; i++) {
      const m = mentions[i]!;
      const si = nodeIndexAt(batch.starts, m.start);
      const ei = si + 1 < batch.starts.length && batch.starts[si + 1]! < m.end ? nodeIndexAt(batch.starts, m.end - 1) : si;
      const rec = new MentionRecord(
        m.patterns,
        batch.nodes[si]!,
        si === ei ? null : batch.nodes.slice(si + 1, ei + 1),
        m.start - batch.starts[si]!,
        m.end - batch.starts[ei]!,
        namesVersion(batch.text, m),
      );
      this.records.add(rec);
      if (this.nodeIndex) indexRecord(this.nodeIndex, rec);
      changed = this.apply(this.gate.add(rec)) || changed;
    }
    if (from === 0) {
      for (let i = 0; i < batch.shadowRoots.length; i++) this.adoptShadowRoot(batch.shadowRoots[i]!);
      for (let i = 0; i < batch.waitingHosts.length; i++) this.waitForShadowRoot(batch.waitingHosts[i]!);
    }
    if (changed) this.opts.onChange?.();
  }

  /** Styles and observes an open shadow root seen for the first time; false when seen before. */
  private adoptShadowRoot(sr: ShadowRoot): boolean {
    if (this.styledRoots.has(sr)) return false;
    this.styledRoots.add(sr);
    this.shadowRootList.push(sr);
    this.observer?.observe(sr, OBSERVE);
    this.opts.onShadowRoot?.(sr);
    return true;
  }

  private waitForShadowRoot(host: Element): void {
    if (this.stopped || this.waitingHosts.has(host) || this.waitingHosts.size >= MAX_WAITING_HOSTS) return;
    this.waitingHosts.set(host, { looks: 0, due: performance.now() + HOST_CHECKS_MS[0]! });
    if (this.hostTimer === undefined) this.hostTimer = setTimeout(() => this.lookAtHosts(), HOST_CHECKS_MS[0]);
  }

  /** The waiting hosts that are due: a shadow root found is scanned like a changed block. */
  private lookAtHosts(): void {
    this.hostTimer = undefined;
    if (this.stopped) return;
    const now = performance.now();
    let next = Infinity;
    for (const [host, w] of this.waitingHosts) {
      if (w.due > now) {
        next = Math.min(next, w.due);
        continue;
      }
      const sr = host.isConnected ? host.shadowRoot : null;
      if (sr) {
        this.waitingHosts.delete(host);
        if (!isInsideSkipped(host, this.walkOpts) && this.adoptShadowRoot(sr)) this.dirty.add(sr);
      } else if (!host.isConnected || ++w.looks >= HOST_CHECKS_MS.length) {
        this.waitingHosts.delete(host);
      } else {
        w.due = now + HOST_CHECKS_MS[w.looks]! - HOST_CHECKS_MS[w.looks - 1]!;
        next = Math.min(next, w.due);
      }
    }
    if (this.dirty.size && this.initialDone) this.scheduleFlush();
    if (next < Infinity) this.hostTimer = setTimeout(() => this.lookAtHosts(), Math.max(0, next - now));
  }

  private apply(change: GateChange<MentionRecord>): boolean {
    // Indexed loops: this runs per mention, and an unoptimized for-of allocates an iterator.
    const { activated, deactivated } = change;
    for (let i = 0; i < deactivated.length; i++) this.deactivate(deactivated[i]!);
    for (let i = 0; i < activated.length; i++) {
      const r = activated[i]!;
      if (!this.records.has(r) || r.entity < 0) continue;
      if (r.active >= 0) this.deactivate(r);
      r.active = r.entity;
      this.counts[r.active]!++;
      if (this.deferred) this.deferred.push(r);
      else this.highlighter.addEntry(this.highlightName(r.active), r);
    }
    return activated.length > 0 || deactivated.length > 0;
  }

  private deactivate(r: MentionRecord): void {
    if (r.active < 0) return;
    this.highlighter.removeEntry(this.highlightName(r.active), r);
    this.counts[r.active]!--;
    r.active = -1;
  }

  private removeRecord(r: MentionRecord): void {
    if (!this.records.delete(r)) return;
    this.deactivate(r);
    this.apply(this.gate.remove(r));
    if (!this.nodeIndex) return;
    for (const n of r.nodes) {
      const list = this.nodeIndex.get(n);
      if (!list) continue;
      const i = list.indexOf(r);
      if (i >= 0) list.splice(i, 1);
      if (!list.length) this.nodeIndex.delete(n);
    }
  }

  /** Drops every mention touching a text node in `root`'s subtree. */
  private dropSubtree(root: Node): boolean {
    let dropped = false;
    if (!this.records.size) return false;
    const index = this.byNode();
    const visit = (t: Text) => {
      const list = index.get(t);
      if (!list) return;
      for (const r of [...list]) {
        this.removeRecord(r);
        dropped = true;
      }
    };
    if (root.nodeType === 3) visit(root as Text);
    else if (index.size) {
      const walker = this.doc.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      for (let n = walker.nextNode(); n; n = walker.nextNode()) visit(n as Text);
    }
    return dropped;
  }

  // ---- dynamic pages ------------------------------------------------------

  /**
   * A document in design mode is editable as a whole (the frame of an older rich-text
   * editor): like an editable region, the reader's own writing, never scanned.
   */
  private designMode(): boolean {
    return this.doc.designMode === 'on';
  }

  private observe(): void {
    if (this.observer) return;
    this.observer = new MutationObserver((records) => this.onMutations(records));
    // The document, not its root: a root the page replaces (document.open) is seen too.
    this.observer.observe(this.doc, OBSERVE);
  }

  private isOwn(node: Node): boolean {
    return node.nodeType === 1 && (this.opts.exclude?.(node as Element) ?? false);
  }

  private onMutations(mutations: MutationRecord[]): void {
    let changed = false;
    let rootReplaced = false;
    for (const m of mutations) {
      if (m.type === 'characterData') {
        // Its ranges' offsets are stale right away: drop them now, rescan the block soon.
        changed = this.dropSubtree(m.target) || changed;
        this.markDirty(m.target);
        continue;
      }
      if (this.isOwn(m.target)) continue;
      if (m.type === 'attributes') {
        // Shown or hidden, made editable or not: rescan its block (the rescan drops the old
        // mentions and skips what is skipped now). A value that changes nothing is ignored.
        const el = m.target as Element;
        const name = m.attributeName!;
        if (name === 'open') {
          // A <details> opened or closed (its block, itself, shows more or only its summary),
          // or a <dialog> shown or closed.
          if ((el.localName === 'details' || el.localName === 'dialog') && (m.oldValue === null) !== !el.hasAttribute('open')) this.markDirty(el);
        } else if (skipsByAttribute(name, m.oldValue) !== skipsByAttribute(name, el.getAttribute(name))) this.markDirty(el);
        continue;
      }
      if (m.target === this.doc && [...m.addedNodes].some((n) => n.nodeType === 1)) rootReplaced = true;
      for (const n of m.addedNodes) {
        if (this.isOwn(n)) continue;
        // A whole block added: only it needs scanning. Inline content changes its block's text.
        if (n.nodeType === 1 && isBlock(n as Element)) this.dirty.add(n);
        else this.markDirty(m.target);
      }
      for (const n of m.removedNodes) {
        if (this.isOwn(n)) continue;
        changed = this.dropSubtree(n) || changed;
        if (!(n.nodeType === 1 && isBlock(n as Element))) this.markDirty(m.target);
      }
    }
    if (changed) this.opts.onChange?.();
    if (this.dirty.size && this.initialDone) this.scheduleFlush();
    if (rootReplaced) this.opts.onRootReplaced?.();
  }

  private markDirty(node: Node): void {
    let el: Element | null = node.nodeType === 1 ? (node as Element) : node.parentElement;
    while (el && !isBlock(el)) el = el.parentElement;
    if (el) this.dirty.add(el);
    else if (node.parentNode && node.parentNode.nodeType === 11) this.dirty.add(node.parentNode);
  }

  private scheduleFlush(): void {
    if (this.flushTimer !== undefined) return;
    this.flushTimer = setTimeout(() => {
      this.flushTimer = undefined;
      void this.flush();
    }, this.opts.mutationDelayMs ?? 50);
  }

  /** Rescans the changed blocks: outermost first, each once, in slices. */
  private async flush(): Promise<void> {
    if (this.designMode()) {
      // Turned editable as a whole since the scan: what it shows is the reader's writing now.
      this.dirty.clear();
      if (this.records.size) {
        this.reset();
        this.opts.onChange?.();
      }
      return;
    }
    const blocks = [...this.dirty].filter((n) => n.isConnected);
    this.dirty.clear();
    const outermost = blocks.filter((b) => !blocks.some((o) => o !== b && o.contains(b)));
    const sliceMs = this.opts.sliceMs ?? 10;
    const batchChars = this.opts.batchChars ?? 16_000;
    let t = performance.now();
    let changed = false;
    const pause = async () => {
      this.noteSlice(performance.now() - t);
      if (changed) this.opts.onChange?.();
      changed = false;
      await yieldToMain();
      t = performance.now();
    };
    for (const block of outermost) {
      if (this.stopped) return;
      if (!block.isConnected) continue;
      changed = this.dropSubtree(block) || changed;
      if (block.nodeType === 1 && isInsideSkipped(block, this.walkOpts)) continue;
      const walker = new TextWalker(block, this.walkOpts);
      let abandoned = false;
      while (!walker.done && !abandoned) {
        const batch = this.read(walker, batchChars);
        if (batch) {
          // A long block in parts, pausing between them as between batches.
          let at = 0;
          do {
            const before = this.records.size;
            const end = this.partEnd(batch, at, batchChars);
            this.processBatch(batch, at, end);
            at = end;
            changed = changed || this.records.size !== before;
            if (at < batch.text.length && performance.now() - t > sliceMs) {
              await pause();
              if (this.stopped) return;
              if (!intact(batch)) {
                // Changed under us: rescan the block whole in the next batch.
                this.dirty.add(block);
                abandoned = true;
              }
            }
          } while (at < batch.text.length && !abandoned);
          if (abandoned) break;
        }
        if (performance.now() - t > sliceMs) {
          await pause();
          if (this.stopped) return;
          if (!walker.resumable(block)) {
            // Changed under us: rescan it whole in the next batch.
            this.dirty.add(block);
            break;
          }
        }
      }
    }
    this.noteSlice(performance.now() - t);
    this.highlighter.register();
    if (changed) this.opts.onChange?.();
    this.opts.onFlush?.();
    if (this.dirty.size) this.scheduleFlush();
  }
}

/** Whether a batch's text nodes are still in the document with the text it read. */
function intact(batch: TextBatch): boolean {
  // The nodes' spans tile the text (starts[0] is 0), so each node keeping its span's length is enough.
  for (let i = 0; i < batch.nodes.length; i++) {
    const n = batch.nodes[i]!;
    if (!n.isConnected || n.length !== (i + 1 < batch.nodes.length ? batch.starts[i + 1]! : batch.text.length) - batch.starts[i]!) return false;
  }
  return true;
}

function indexRecord(index: Map<Text, MentionRecord[]>, r: MentionRecord): void {
  for (const n of r.nodes) {
    const list = index.get(n);
    if (list) list.push(r);
    else index.set(n, [r]);
  }
}

function compareRecords(a: MentionRecord, b: MentionRecord): number {
  const an = a.startNode;
  const bn = b.startNode;
  if (an === bn) return a.so - b.so;
  return an.compareDocumentPosition(bn) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1;
}
