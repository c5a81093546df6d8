/**
 * Page-level context requirements. An alias with a `context` counts only while the
 * page also has an unambiguous mention (through an alias without a context
 * requirement) of its own entity or of one of its context entities, or of an entity that
 * vouches for one of those (a model for its family and maker, a policy for its issuer, a
 * company for its parent: engine/compile.ts VOUCHING; "Tencent Hunyuan-T1" names Tencent
 * though the longer name took the word), or a mention of a
 * partner: an alias of an entity of another kind that needs context too, whose entity is
 * in this alias's context and which lists this alias's entity in its own ("Moonshot's
 * Kimi", 阿里发布千问, "the CAC's Interim Measures": a company and its model, a regulator
 * and its rule vouch for each other). Not two of a kind: "Ministry of Education" and
 * "Ministry of Commerce" name ministries of many governments, together as alone. Mentions
 * come and go as the page changes, so the gate keeps counts and re-decides dependents
 * when a context entity or a partner appears or disappears.
 *
 * Dependent mentions are kept per pattern, and each entity knows which patterns it can
 * satisfy, so adding a mention that waits for context costs one set insertion however
 * many context entities its alias lists.
 *
 * Veto words work the other way (alias `unlessPageSays`): while the page says one of an
 * alias's veto words (a marker: found like an alias, never a mention itself), the alias
 * does not count, as if it were not written; 清華大學 on a page that says 國立清華大學 is
 * National Tsing Hua University. A vetoed free mention no longer counts towards its
 * entity's presence, so what it vouched for is re-decided too. Vetoes depend only on
 * markers, and presence only on free mentions, so re-deciding never loops.
 */
import { P_FREE_WITH_VERSION, P_NEEDS_CONTEXT, P_UNLESS } from './compile';
import type { PatternTable } from './patterns';
import { emptyKeepingStore } from './reuse';

export interface GatedMention {
  /** Candidate patterns, in pack order. */
  readonly patterns: readonly number[];
  /** Resolved entity index, or -1 while waiting for context. */
  entity: number;
  /** A version named unmistakably follows the alias (matcher `namesVersion`): `freeWithVersion` aliases need no context then. */
  readonly version?: boolean;
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
  /** Free mentions of each entity. */
  private readonly presence: Int32Array;
  /** Free mentions of the entities that vouch for each entity (matcher `vouches`). */
  private readonly vouched: Int32Array;
  private readonly vouches: readonly (readonly number[] | undefined)[];
  /** Context-dependent mentions (active or pending), by candidate pattern. */
  private readonly byPattern = new Map<number, Set<M>>();
  /** For each entity, the context-requiring patterns it can satisfy (built once per matcher). */
  private patternsByEntity?: ContextIndex;
  /** For each context-requiring pattern, its partner patterns (built once per matcher). */
  private partnersByPattern?: PartnerIndex;
  /** How many mentions of each marker (veto word) the page has, by marker ordinal. */
  private readonly markerPresence: Int32Array;
  /** Mentions with a vetoable candidate pattern (active or not), by that pattern. */
  private readonly byVetoable = new Map<number, Set<M>>();
  /** For each marker ordinal, the patterns it vetoes (built once per matcher). */
  private vetoesByMarker?: VetoIndex;
  /** Reused by every call: callers consume a change before the next call (no allocation per mention). */
  private readonly change: GateChange<M> = { activated: [], deactivated: [] };

  private fresh(): GateChange<M> {
    emptyKeepingStore(this.change.activated);
    emptyKeepingStore(this.change.deactivated);
    return this.change;
  }

  private readonly patterns: PatternTable;
  private readonly kinds: readonly string[];

  /** `matcher`: the patterns to judge, each entity's kind (partners are of different kinds) and what its mentions vouch for. */
  constructor(matcher: { readonly patterns: PatternTable; readonly kinds: readonly string[]; readonly vouches?: readonly (readonly number[] | undefined)[] }) {
    this.patterns = matcher.patterns;
    this.kinds = matcher.kinds;
    this.presence = new Int32Array(matcher.kinds.length);
    this.vouched = new Int32Array(matcher.kinds.length);
    this.vouches = matcher.vouches ?? [];
    this.markerPresence = new Int32Array(matcher.patterns.count - matcher.patterns.markerStart);
  }

  /** Whether the page names `entity` unambiguously, or an entity that vouches for it. */
  isPresent(entity: number): boolean {
    return this.presence[entity]! > 0 || this.vouched[entity]! > 0;
  }

  /** Adds a mention; the returned change is valid until the next add or remove. */
  add(m: M): GateChange<M> {
    const change = this.fresh();
    const marker = m.patterns[0]! - this.patterns.markerStart;
    if (marker >= 0) {
      // A veto word: never a mention; aliases it vetoes stop counting when it first appears.
      if (this.markerPresence[marker]!++ === 0) this.vetoChanged(marker, change);
      return change;
    }
    if (this.vetoable(m.patterns)) this.track(this.byVetoable, m);
    this.enter(m, change);
    return change;
  }

  /** Removes a mention; the returned change is valid until the next add or remove. */
  remove(m: M): GateChange<M> {
    const change = this.fresh();
    const marker = m.patterns[0]! - this.patterns.markerStart;
    if (marker >= 0) {
      if (--this.markerPresence[marker]! === 0) this.vetoChanged(marker, change);
      return change;
    }
    if (this.byVetoable.size && this.vetoable(m.patterns)) this.untrack(this.byVetoable, m);
    this.leave(m, change);
    return change;
  }

  /** Decides a mention counted nowhere yet: free (it counts towards its entity), or waiting for context. */
  private enter(m: M, change: GateChange<M>): void {
    const free = this.freePattern(m.patterns, m.version);
    if (free !== undefined) {
      m.entity = this.patterns.entity[free]!;
      m.free = true;
      change.activated.push(m);
      this.count(m.entity, 1, change);
      return;
    }
    this.track(this.byPattern, m);
    m.entity = this.resolve(m.patterns, m);
    if (m.entity >= 0) change.activated.push(m);
    this.recheckPartners(m, change);
  }

  /** Takes a mention out of every count (the caller reports its deactivation if it needs to). */
  private leave(m: M, change: GateChange<M>): void {
    if (m.free) {
      m.free = false;
      const e = m.entity;
      m.entity = -1;
      this.count(e, -1, change);
    } else {
      this.untrack(this.byPattern, m);
      m.entity = -1;
      this.recheckPartners(m, change);
    }
  }

  /** A free mention of `e` came (1) or went (-1): counts it for `e` and what `e` vouches for, re-deciding where an entity appeared or disappeared. */
  private count(e: number, by: 1 | -1, change: GateChange<M>): void {
    const was = this.presence[e]! + this.vouched[e]!;
    this.presence[e] = this.presence[e]! + by;
    if (was === 0 || was + by === 0) this.recheck(e, change);
    const up = this.vouches[e];
    if (up) {
      for (let i = 0; i < up.length; i++) {
        const a = up[i]!;
        const before = this.presence[a]! + this.vouched[a]!;
        this.vouched[a] = this.vouched[a]! + by;
        if (before === 0 || before + by === 0) this.recheck(a, change);
      }
    }
  }

  private track(index: Map<number, Set<M>>, m: M): void {
    for (let i = 0; i < m.patterns.length; i++) {
      const p = m.patterns[i]!;
      let set = index.get(p);
      if (!set) index.set(p, (set = new Set()));
      set.add(m);
    }
  }

  private untrack(index: Map<number, Set<M>>, m: M): void {
    for (let i = 0; i < m.patterns.length; i++) index.get(m.patterns[i]!)?.delete(m);
  }

  /** Whether any candidate pattern has veto words. */
  private vetoable(patterns: readonly number[]): boolean {
    const flags = this.patterns.flags;
    for (let i = 0; i < patterns.length; i++) if (flags[patterns[i]!]! & P_UNLESS) return true;
    return false;
  }

  /** Whether pattern p counts for nothing on this page now: a marker, or an alias whose veto words the page says. */
  private silenced(p: number): boolean {
    return p >= this.patterns.markerStart || ((this.patterns.flags[p]! & P_UNLESS) !== 0 && this.vetoed(p));
  }

  /** Whether pattern p's veto words are on the page. */
  private vetoed(p: number): boolean {
    const u = this.patterns.extra(p)?.u;
    if (u) for (let i = 0; i < u.length; i++) if (this.markerPresence[u[i]!]! > 0) return true;
    return false;
  }

  /** After marker `ordinal` appeared or went: decides again the mentions of the patterns it vetoes. */
  private vetoChanged(ordinal: number, change: GateChange<M>): void {
    if (this.byVetoable.size === 0) return;
    const index = (this.vetoesByMarker ??= vetoIndex(this.patterns, this.kinds));
    const list = index.get(ordinal);
    if (!list) return;
    for (let i = 0; i < list.length; i++) {
      const p = list[i]!;
      const set = this.byVetoable.get(p);
      if (!set?.size) continue;
      // Deciding one again re-decides others, but adds to no set of vetoable mentions and drops from none.
      for (const m of set) this.revet(m, change);
      // Its mentions vouch (or stop vouching) for its partners' mentions.
      const partners = this.partners().get(p);
      if (partners) for (let j = 0; j < partners.length; j++) for (const x of this.byPattern.get(partners[j]!) ?? []) this.redecide(x, change);
    }
  }

  /** Decides a vetoable mention again after a veto word came or went. */
  private revet(m: M, change: GateChange<M>): void {
    const free = this.freePattern(m.patterns, m.version);
    if (m.free ? free !== undefined && this.patterns.entity[free] === m.entity : free === undefined) {
      // Free as before, or waiting as before (a vetoed context pattern may have been its resolution).
      if (!m.free) this.redecide(m, change);
      return;
    }
    if (m.entity >= 0) change.deactivated.push(m);
    this.leave(m, change);
    this.enter(m, change);
  }

  /** The entity a mention with these candidate patterns would resolve to on this page now, or -1. */
  resolveAgainstPage(patterns: readonly number[], version?: boolean): number {
    const free = this.freePattern(patterns, version);
    return free !== undefined ? this.patterns.entity[free]! : this.resolve(patterns);
  }

  private freePattern(patterns: readonly number[], version: boolean | undefined): number | undefined {
    const flags = this.patterns.flags;
    // Indexed loops here and below: they run per mention, often before V8 optimizes them,
    // and an unoptimized for-of allocates an iterator each time.
    for (let i = 0; i < patterns.length; i++) {
      const p = patterns[i]!;
      if (this.silenced(p)) continue;
      const f = flags[p]!;
      if (!(f & P_NEEDS_CONTEXT) || (version && f & P_FREE_WITH_VERSION)) return p;
    }
    return undefined;
  }

  /** The entity of the first pattern whose context is on the page (`self`: the mention asking, which is no partner of its own). */
  private resolve(patterns: readonly number[], self?: M): number {
    for (let i = 0; i < patterns.length; i++) {
      const p = patterns[i]!;
      if (this.silenced(p)) continue;
      const e = this.patterns.entity[p]!;
      if (this.isPresent(e)) return e;
      const c = this.patterns.extra(p)?.c;
      if (c) for (let j = 0; j < c.length; j++) if (this.isPresent(c[j]!)) return e;
      if (c && this.hasPartnerMention(p, self)) return e;
    }
    return -1;
  }

  private partners(): PartnerIndex {
    return (this.partnersByPattern ??= partnerIndex(this.patterns, this.kinds));
  }

  private hasPartnerMention(p: number, self: M | undefined): boolean {
    const partners = this.partners().get(p);
    if (!partners) return false;
    for (let i = 0; i < partners.length; i++) {
      if (this.silenced(partners[i]!)) continue;
      const set = this.byPattern.get(partners[i]!);
      if (set && (set.size > 1 || (set.size === 1 && !set.has(self!)))) return true;
    }
    return false;
  }

  /**
   * After `m` (waiting for context) came or went: re-decides the mentions of its
   * patterns' partners. Only when a partner pattern's mentions went between none, one
   * and more (whether some other mention vouches can change only then), so a page with
   * many such mentions does not re-decide them all on every one.
   */
  private recheckPartners(m: M, change: GateChange<M>): void {
    const partners = this.partners();
    for (let i = 0; i < m.patterns.length; i++) {
      const q = m.patterns[i]!;
      const mine = partners.get(q);
      if (!mine) continue;
      const size = this.byPattern.get(q)?.size ?? 0;
      if (size > 2) continue;
      for (let j = 0; j < mine.length; j++) {
        const set = this.byPattern.get(mine[j]!);
        if (!set) continue;
        for (const x of set) if (x !== m) this.redecide(x, change);
      }
    }
  }

  /** Re-decides the mentions that depend on `entity` after its presence changed. */
  private recheck(entity: number, change: GateChange<M>): void {
    // No context-dependent mention on the page yet: nothing to re-decide (and no index to build).
    if (this.byPattern.size === 0) return;
    const index = (this.patternsByEntity ??= contextIndex(this.patterns, this.kinds));
    for (const p of index.get(entity) ?? []) {
      const set = this.byPattern.get(p);
      if (!set) continue;
      for (const m of set) this.redecide(m, change);
    }
  }

  /** Resolves a waiting or vouched mention again, noting in `change` if its entity moved. */
  private redecide(m: M, change: GateChange<M>): void {
    const next = this.resolve(m.patterns, m);
    if (next === m.entity) return;
    if (m.entity >= 0) change.deactivated.push(m);
    m.entity = next;
    if (next >= 0) change.activated.push(m);
  }
}

/**
 * `build`, run once per pattern table: a page's gates come and go (a scanner starts over),
 * its matcher stays.
 */
function perTable<T>(build: (patterns: PatternTable, kinds: readonly string[]) => T): (patterns: PatternTable, kinds: readonly string[]) => T {
  const cache = new WeakMap<PatternTable, T>();
  return (patterns, kinds) => {
    let index = cache.get(patterns);
    if (index === undefined) cache.set(patterns, (index = build(patterns, kinds)));
    return index;
  };
}

/** Appends `value` to the list of `key`. */
function pushTo(map: Map<number, number[]>, key: number, value: number): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** Entity → the context-requiring patterns it satisfies (only entities that have any). */
type ContextIndex = Map<number, number[]>;

/**
 * Built from the pattern table's list of context patterns (a few dozen), so its cost
 * does not grow with the dictionary: it runs in every tab, inside the scan.
 */
const contextIndex = perTable((patterns): ContextIndex => {
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
  return index;
});

/** Context-requiring pattern → its partners (see the module comment); only patterns that have any. */
type PartnerIndex = Map<number, number[]>;

/**
 * Partners of p: patterns q of an entity of another kind, needing context, where q's
 * entity is in p's context and p's entity in q's (symmetric), and q is another name: not
 * in p's group (a name two entities share would otherwise vouch for itself wherever it is
 * written twice). Built from the context patterns by their own entity (a few per entity),
 * so it costs a short walk per context entity listed.
 */
const partnerIndex = perTable((patterns, kinds): PartnerIndex => {
  const owned = new Map<number, number[]>();
  for (const q of patterns.contextPatterns) pushTo(owned, patterns.entity[q]!, q);
  const groupOf = new Map<number, number>();
  for (let g = 0; g < patterns.groupCount; g++)
    for (let i = patterns.groupStart[g]!; i < patterns.groupStart[g + 1]!; i++) groupOf.set(patterns.groupItems[i]!, g);
  const index: PartnerIndex = new Map();
  for (const p of patterns.contextPatterns) {
    const e = patterns.entity[p]!;
    let list: number[] | undefined;
    for (const other of patterns.extra(p)?.c ?? []) {
      if (other === e || kinds[other] === kinds[e]) continue;
      for (const q of owned.get(other) ?? []) {
        if (groupOf.get(q) !== groupOf.get(p) && (patterns.extra(q)?.c ?? []).includes(e) && !list?.includes(q)) (list ??= []).push(q);
      }
    }
    if (list) index.set(p, list);
  }
  return index;
});

/** Marker ordinal → the patterns it vetoes (only markers that veto any). */
type VetoIndex = Map<number, number[]>;

/** Built from the patterns' extras (the few with veto words), not by a walk over every pattern. */
const vetoIndex = perTable((patterns): VetoIndex => {
  const index: VetoIndex = new Map();
  for (const p of patterns.vetoablePatterns) for (const u of patterns.extra(p)?.u ?? []) pushTo(index, u, p);
  return index;
});
