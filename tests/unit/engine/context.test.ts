/**
 * ContextGate: mentions of aliases that need context count only while their entity or
 * a context entity has a free mention on the page, as mentions come and go.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { P_NEEDS_CONTEXT } from '../../../engine/compile';
import { ContextGate, type GatedMention } from '../../../engine/context';
import { matcherFor } from '../helpers';

const m = matcherFor();
const patternsOf = (text: string) => m.find(text).map((x) => x.patterns);

describe('ContextGate', () => {
  it('activates a waiting mention when its context arrives, and deactivates it when the context goes', () => {
    const gate = new ContextGate<GatedMention>(m.patterns, m.ids.length);
    const [kimi] = patternsOf('Kimi');
    const [moonshot] = patternsOf('Moonshot AI');
    const waiting: GatedMention = { patterns: kimi!, entity: -1 };
    expect(gate.add(waiting).activated).toEqual([]);
    expect(waiting.entity).toBe(-1);

    const context: GatedMention = { patterns: moonshot!, entity: -1 };
    const added = gate.add(context);
    expect(added.activated).toEqual([context, waiting]);
    expect(m.ids[waiting.entity]).toBe('kimi');

    const removed = gate.remove(context);
    expect(removed.deactivated).toEqual([waiting]);
    expect(waiting.entity).toBe(-1);

    expect(gate.add(context).activated).toEqual([context, waiting]);
  });

  it('keeps every mention resolved as a fresh look at the page would (property)', () => {
    const count = m.patterns.count;
    const pat = (p: number) => m.patterns.pattern(p);
    const op = fc.oneof(
      fc.record({ add: fc.uniqueArray(fc.integer({ min: 0, max: count - 1 }), { minLength: 1, maxLength: 3 }) }),
      fc.record({ remove: fc.nat() }),
    );
    fc.assert(
      fc.property(fc.array(op, { maxLength: 40 }), (ops) => {
        const gate = new ContextGate<GatedMention>(m.patterns, m.ids.length);
        const live: GatedMention[] = [];
        for (const o of ops) {
          if ('add' in o) {
            const x: GatedMention = { patterns: [...o.add].sort((a, b) => a - b), entity: -1 };
            gate.add(x);
            live.push(x);
          } else if (live.length) {
            const [x] = live.splice(o.remove % live.length, 1);
            gate.remove(x!);
          }
          // Reference: which entities have a free mention, then each mention's first satisfied pattern.
          const present = new Set<number>();
          for (const x of live) {
            const free = x.patterns.find((p) => !(pat(p).f & P_NEEDS_CONTEXT));
            if (free !== undefined) present.add(pat(free).e);
          }
          for (const x of live) {
            const free = x.patterns.find((p) => !(pat(p).f & P_NEEDS_CONTEXT));
            const want =
              free !== undefined
                ? pat(free).e
                : (x.patterns.map(pat).find((q) => present.has(q.e) || (q.c ?? []).some((c) => present.has(c)))?.e ?? -1);
            expect(x.entity).toBe(want);
          }
        }
      }),
    );
  });
});
