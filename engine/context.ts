/**
 * Page-level context requirements. An alias with a `context` counts only while the
 * page also has an unambiguous mention (through an alias without a context
 * requirement) of its own entity or of one of its context entities. Mentions come and
 * go as the page changes, so the gate keeps counts and re-decides dependents when a
 * context entity appears or disappears.
 *
 * Dependent mentions are kept per pattern, and each entity knows which patterns it can
 * satisfy, so adding a mention that waits for context costs one set insertion however
 * many context entities its alias lists.
 */
import { P_NEEDS_CONTEXT } from './compile';
import type { PatternTable } from './patterns';
import { emptyKeepingStore } from './reuse';

export interface GatedMention {
  /** Candidate patterns, in pack order. */
  readonly patterns: readonly number[];
  /** Resolved entity index, or -1 while waiting for context. */
  entity: number;
  /**
   * Set by the gate: the mention came through an alias without a context requirement
   * (it counts towards its entity's presence). A field, not a WeakSet: a dense page
   * has tens of thousands of mentions.
   */
  free?: boolean;
}

export interface GateChange<M extends GatedMention> {
  activated: M[];
  deactivated: M[];
}

export class ContextGate<M extends GatedMention> {
  private readonly presence: Int32Array;
  /** Context-dependent mentions (active or pending), by candidate pattern. */
  private readonly byPattern = new Map<number, Set<M>>();
  /** For each entity, the context-requiring patterns it can satisfy (built once per matcher). */
  private patternsByEntity?: ContextIndex;
  /** Reused by every call: callers consume a change before the next call (no allocation per mention). */
  private readonly change: GateChange<M> = { activated: [], deactivated: [] };

  private fresh(): GateChange<M> {
    emptyKeepingStore(this.change.activated);
    emptyKeepingStore(this.change.deactivated);
    return this.change;
  }

  constructor(private readonly patterns: PatternTable, entityCount: number) {
    this.presence = new Int32Array(entityCount);
  }

  isPresent(entity: number): boolean {
    return this.presence[entity]! > 0;
  }

  /** Adds a mention; the returned change is valid until the next add or remove. */
  add(m: M): GateChange<M> {
    const change = this.fresh();
    const free = this.freePattern(m.patterns);
    if (free !== undefined) {
      m.entity = this.patterns.entity[free]!;
      m.free = true;
      change.activated.push(m);
      if (this.presence[m.entity]!++ === 0) this.recheck(m.entity, change);
      return change;
    }
    for (const p of m.patterns) {
      let set = this.byPattern.get(p);
      if (!set) this.byPattern.set(p, (set = new Set()));
      set.add(m);
    }
    m.entity = this.resolve(m.patterns);
    if (m.entity >= 0) change.activated.push(m);
    return change;
  }

  /** Removes a mention; the returned change is valid until the next add or remove. */
  remove(m: M): GateChange<M> {
    const change = this.fresh();
    if (m.free) {
      m.free = false;
      if (--this.presence[m.entity]! === 0) this.recheck(m.entity, change);
    } else {
      for (const p of m.patterns) this.byPattern.get(p)?.delete(m);
    }
    m.entity = -1;
    return change;
  }

  /** The entity a mention with these candidate patterns would resolve to on this page now, or -1. */
  resolveAgainstPage(patterns: readonly number[]): number {
    const free = this.freePattern(patterns);
    return free !== undefined ? this.patterns.entity[free]! : this.resolve(patterns);
  }

  private freePattern(patterns: readonly number[]): number | undefined {
    const flags = this.patterns.flags;
    // Indexed loops here and below: they run per mention, often before V8 optimizes them,
    // and an unoptimized for-of allocates an iterator each time.
    for (let i = 0; i < patterns.length; i++) if (!(flags[patterns[i]!]! & P_NEEDS_CONTEXT)) return patterns[i];
    return undefined;
  }

  private resolve(patterns: readonly number[]): number {
    for (let i = 0; i < patterns.length; i++) {
      const p = patterns[i]!;
      const e = this.patterns.entity[p]!;
      if (this.presence[e]! > 0) return e;
      const c = this.patterns.extra(p)?.c;
      if (c) for (let j = 0; j < c.length; j++) if (this.presence[c[j]!]! > 0) return e;
    }
    return -1;
  }

  /** Re-decides the mentions that depend on `entity` after its presence changed. */
  private recheck(entity: number, change: GateChange<M>): void {
    // No context-dependent mention on the page yet: nothing to re-decide (and no index to build).
    if (this.byPattern.size === 0) return;
    const index = (this.patternsByEntity ??= contextIndex(this.patterns));
    for (const p of index.get(entity) ?? []) {
      const set = this.byPattern.get(p);
      if (!set) continue;
      for (const m of set) {
        const next = this.resolve(m.patterns);
        if (next === m.entity) continue;
        if (m.entity >= 0) change.deactivated.push(m);
        m.entity = next;
        if (next >= 0) change.activated.push(m);
      }
    }
  }
}

/** Entity → the context-requiring patterns it satisfies (only entities that have any). */
type ContextIndex = Map<number, number[]>;

const contextIndexes = new WeakMap<PatternTable, ContextIndex>();

/**
 * Built from the pattern table's list of context patterns (a few dozen), so its cost
 * does not grow with the dictionary: it runs in every tab, inside the scan.
 */
function contextIndex(patterns: PatternTable): ContextIndex {
  const cached = contextIndexes.get(patterns);
  if (cached) return cached;
  const index: ContextIndex = new Map();
  const note = (e: number, p: number) => {
    const list = index.get(e);
    // Each pattern once per entity (its own entity may also be listed as a context).
    if (!list) index.set(e, [p]);
    else if (list[list.length - 1] !== p) list.push(p);
  };
  for (const p of patterns.contextPatterns) {
    note(patterns.entity[p]!, p);
    for (const e of patterns.extra(p)?.c ?? []) note(e, p);
  }
  contextIndexes.set(patterns, index);
  return index;
}
