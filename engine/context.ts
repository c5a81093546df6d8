/**
 * Page-level context requirements. An alias with a `context` counts only while the
 * page also has an unambiguous mention (through an alias without a context
 * requirement) of its own entity or of one of its context entities. Mentions come and
 * go as the page changes, so the gate keeps counts and re-decides dependents when a
 * context entity appears or disappears.
 */
import { P_NEEDS_CONTEXT, type MatcherPattern } from './compile';

export interface GatedMention {
  /** Candidate patterns, in pack order. */
  patterns: number[];
  /** Resolved entity index, or -1 while waiting for context. */
  entity: number;
}

export interface GateChange<M extends GatedMention> {
  activated: M[];
  deactivated: M[];
}

export class ContextGate<M extends GatedMention> {
  private readonly presence: Int32Array;
  /** Context-dependent mentions (active or pending) by each entity that could satisfy them. */
  private readonly dependents = new Map<number, Set<M>>();
  private readonly unambiguous = new WeakSet<M>();

  constructor(private readonly patterns: readonly MatcherPattern[], entityCount: number) {
    this.presence = new Int32Array(entityCount);
  }

  isPresent(entity: number): boolean {
    return this.presence[entity]! > 0;
  }

  add(m: M): GateChange<M> {
    const change: GateChange<M> = { activated: [], deactivated: [] };
    const free = m.patterns.find((p) => !(this.patterns[p]!.f & P_NEEDS_CONTEXT));
    if (free !== undefined) {
      m.entity = this.patterns[free]!.e;
      this.unambiguous.add(m);
      change.activated.push(m);
      if (this.presence[m.entity]!++ === 0) this.recheck(m.entity, change);
      return change;
    }
    for (const e of this.contextEntities(m)) {
      let set = this.dependents.get(e);
      if (!set) this.dependents.set(e, (set = new Set()));
      set.add(m);
    }
    m.entity = this.resolve(m);
    if (m.entity >= 0) change.activated.push(m);
    return change;
  }

  remove(m: M): GateChange<M> {
    const change: GateChange<M> = { activated: [], deactivated: [] };
    if (this.unambiguous.has(m)) {
      this.unambiguous.delete(m);
      if (--this.presence[m.entity]! === 0) this.recheck(m.entity, change);
    } else {
      for (const e of this.contextEntities(m)) this.dependents.get(e)?.delete(m);
    }
    m.entity = -1;
    return change;
  }

  /** The entity a mention with these candidate patterns would resolve to on this page now, or -1. */
  resolveAgainstPage(patterns: readonly number[]): number {
    const free = patterns.find((p) => !(this.patterns[p]!.f & P_NEEDS_CONTEXT));
    if (free !== undefined) return this.patterns[free]!.e;
    return this.resolve({ patterns: [...patterns] });
  }

  private contextEntities(m: M): number[] {
    const out: number[] = [];
    for (const p of m.patterns) {
      const pat = this.patterns[p]!;
      out.push(pat.e, ...(pat.c ?? []));
    }
    return out;
  }

  private resolve(m: Pick<M, 'patterns'>): number {
    for (const p of m.patterns) {
      const pat = this.patterns[p]!;
      if (this.presence[pat.e]! > 0 || pat.c?.some((c) => this.presence[c]! > 0)) return pat.e;
    }
    return -1;
  }

  /** Re-decides the mentions that depend on `entity` after its presence changed. */
  private recheck(entity: number, change: GateChange<M>): void {
    const set = this.dependents.get(entity);
    if (!set) return;
    for (const m of set) {
      const next = this.resolve(m);
      if (next === m.entity) continue;
      if (m.entity >= 0) change.deactivated.push(m);
      m.entity = next;
      if (next >= 0) change.activated.push(m);
    }
  }
}
