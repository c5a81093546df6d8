/** Merging an imported clipping into a stored one: adds only what is new, and is idempotent. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mergeClipping, paragraphsOf } from '../../../library/merge';
import { MAX_NOTE, type Clipping } from '../../../model/clipping';
import { generateClippings } from '../../fixtures/generate-clippings';
import { clippingArb } from '../formats/samples';

const [base] = generateClippings(1) as [Clipping];
const stored: Clipping = { ...base, note: 'My edited note\n\nA note from the file.', tags: ['AI', 'policy'], updated: '2026-01-02T00:00:00.000Z' };

describe('mergeClipping', () => {
  it('adds nothing when the stored note already holds the incoming one, however it is spaced or encoded', () => {
    for (const note of ['A note from the file.', '  A note\r\nfrom   the file.\n', 'A note from the file.\n\n\n', '']) {
      const m = mergeClipping(stored, { ...base, note, tags: [] });
      expect(m.changed).toBe(false);
      expect(m.clipping).toBe(stored);
    }
    const composed = { ...stored, note: 'Café' };
    expect(mergeClipping(composed, { ...base, note: 'Cafe\u0301', tags: [] }).changed).toBe(false);
  });

  it('appends only the paragraphs the stored note lacks', () => {
    const m = mergeClipping(stored, { ...base, note: 'A note from the file.\n\nA second thought.', tags: [] });
    expect(m.changed).toBe(true);
    expect(m.clipping.note).toBe('My edited note\n\nA note from the file.\n\nA second thought.');
    expect(paragraphsOf(m.clipping.note)).toHaveLength(3);
  });

  it('takes the incoming note as it is when the stored one is empty', () => {
    expect(mergeClipping({ ...stored, note: '' }, { ...base, note: ' Theirs\n' }).clipping.note).toBe(' Theirs\n');
  });

  it('adds tags without letter-case duplicates, keeping the stored spelling', () => {
    const m = mergeClipping(stored, { ...base, note: '', tags: ['ai', 'Policy', 'new'] });
    expect(m.clipping.tags).toEqual(['AI', 'policy', 'new']);
    expect(mergeClipping(stored, { ...base, note: '', tags: ['ai', 'POLICY'] }).changed).toBe(false);
  });

  it('adds entities, fills a missing title, and moves `updated` on only when something was added', () => {
    const older = { ...base, note: '', tags: [], updated: '2025-01-01T00:00:00.000Z' };
    const newer = { ...older, updated: '2027-01-01T00:00:00.000Z' };
    expect(mergeClipping(stored, newer)).toMatchObject({ changed: false, clipping: { updated: stored.updated } });
    const m = mergeClipping({ ...stored, title: '' }, { ...newer, title: 'A title', entities: [...base.entities, 'glm'] });
    expect(m.clipping).toMatchObject({ title: 'A title', entities: [...base.entities, 'glm'], updated: newer.updated });
    expect(mergeClipping(stored, { ...older, entities: ['glm'] }).clipping.updated).toBe(stored.updated);
  });

  it('leaves out a note that would make the merged one too long, and says so', () => {
    const long = { ...stored, note: 'x'.repeat(MAX_NOTE - 10) };
    const m = mergeClipping(long, { ...base, note: 'A note that does not fit.', tags: ['new'] });
    expect(m).toMatchObject({ changed: true, noteLeftOut: true, clipping: { note: long.note, tags: ['AI', 'policy', 'new'] } });
  });

  it('is idempotent: merging the same clipping again changes nothing (property)', () => {
    fc.assert(
      fc.property(clippingArb, clippingArb, (a, b) => {
        const once = mergeClipping(a, b).clipping;
        const twice = mergeClipping(once, b);
        expect(twice.changed).toBe(false);
        expect(twice.clipping).toBe(once);
        expect(mergeClipping(a, a).changed).toBe(false);
      }),
      { numRuns: 300 },
    );
  });
});
