// @vitest-environment happy-dom
/** The string matching behind anchor(): no DOM involved. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { describeOffsets } from '../../../anchoring/describe';
import {
  exactOccurrences,
  locateQuote,
  MAX_ERRORS,
  maxErrorsFor,
  MIN_FUZZY_SCORE,
  similarity,
  type AnchorSelectors,
} from '../../../anchoring/match';

const TEXT =
  'Regulators in Beijing approved four new generative AI services this week. ' +
  'Among them was a chatbot from a Hangzhou start-up that has drawn attention for its low training costs. ' +
  'The approvals bring the total number of registered services to more than two hundred.';

/** Selectors for the `occurrence`-th `needle` in `text`. */
function sel(text: string, needle: string, occurrence = 0): AnchorSelectors {
  let at = -1;
  for (let k = 0; k <= occurrence; k++) at = text.indexOf(needle, at + 1);
  if (at < 0) throw new Error(`"${needle}" not found`);
  return describeOffsets(text, at, at + needle.length);
}

function found(text: string, selectors: AnchorSelectors) {
  const m = locateQuote(text, selectors);
  return m && { text: text.slice(m.start, m.end), method: m.method };
}

describe('similarity', () => {
  it('is 1 for equal or contained text, 0 against nothing, and drops with each edit', () => {
    expect(similarity('abcdefghij', 'abcdefghij')).toBe(1);
    expect(similarity('xxabcdefghijxx', 'abcdefghij')).toBe(1);
    expect(similarity('anything', '')).toBe(1);
    expect(similarity('', 'abc')).toBe(0);
    expect(similarity('abcdeXghij', 'abcdefghij')).toBeCloseTo(0.9);
    expect(similarity('abcdghij', 'abcdefghij')).toBeCloseTo(0.8);
    expect(similarity('zzzzzzzzzz', 'abcdefghij')).toBe(0);
  });
});

describe('maxErrorsFor', () => {
  it('allows a quarter of the quote, none for very short quotes, at most MAX_ERRORS', () => {
    expect(maxErrorsFor(3)).toBe(0);
    expect(maxErrorsFor(4)).toBe(1);
    expect(maxErrorsFor(40)).toBe(10);
    expect(maxErrorsFor(100_000)).toBe(MAX_ERRORS);
  });
});

describe('exactOccurrences', () => {
  it('finds overlapping occurrences', () => {
    expect(exactOccurrences('aaaa', 'aa').map((m) => m.start)).toEqual([0, 1, 2]);
    expect(exactOccurrences('abc', '')).toEqual([]);
  });
});

describe('locateQuote', () => {
  it('uses the position, then the exact quote, then an approximate match', () => {
    const s = sel(TEXT, 'a chatbot from a Hangzhou start-up');
    expect(found(TEXT, s)).toEqual({ text: 'a chatbot from a Hangzhou start-up', method: 'position' });
    expect(found(`Updated: ${TEXT}`, s)).toEqual({ text: 'a chatbot from a Hangzhou start-up', method: 'quote' });
    expect(found(TEXT.replace('Hangzhou', 'Hang Zhou'), s)).toEqual({
      text: 'a chatbot from a Hang Zhou start-up',
      method: 'fuzzy',
    });
  });

  it('reports a score of 1 for a perfect match and less for an approximate one', () => {
    const s = sel(TEXT, 'a chatbot from a Hangzhou start-up');
    expect(locateQuote(TEXT, s)!.score).toBe(1);
    const fuzzy = locateQuote(TEXT.replace('chatbot', 'chat bot'), s)!;
    expect(fuzzy.score).toBeLessThan(1);
    expect(fuzzy.score).toBeGreaterThanOrEqual(MIN_FUZZY_SCORE);
  });

  it('ignores malformed or out-of-range positions', () => {
    const s = sel(TEXT, 'two hundred');
    for (const position of [
      { type: 'TextPositionSelector' as const, start: 5, end: 2 },
      { type: 'TextPositionSelector' as const, start: 1.5, end: 12.5 },
      { type: 'TextPositionSelector' as const, start: TEXT.length + 10, end: TEXT.length + 21 },
    ]) {
      expect(found(TEXT, { quote: s.quote, position })).toEqual({ text: 'two hundred', method: 'quote' });
    }
  });

  it('uses a position beyond a shortened text as a hint', () => {
    const line = 'Repeated line with the same words. ';
    const s = sel(line.repeat(20), 'same words', 18);
    const shorter = line.repeat(12);
    const m = locateQuote(shorter, s)!;
    expect(m.method).toBe('quote');
    // The last occurrence with a full suffix (the 12th lacks one) is the closest to the old position.
    expect(m.start).toBe(line.length * 10 + line.indexOf('same words'));
    expect(locateQuote(shorter, { quote: s.quote })!.start).toBe(line.length + line.indexOf('same words'));
  });

  it('accepts a long, nearly identical quote whose surroundings were rewritten', () => {
    const passage = 'Among them was a chatbot from a Hangzhou start-up that has drawn attention for its low training costs.';
    const s = sel(TEXT, passage);
    const page = `Completely new introduction written later by an editor. ${passage.replace('low', 'very low')} A new ending, also written by somebody else entirely.`;
    expect(found(page, { quote: s.quote })).toEqual({ text: passage.replace('low', 'very low'), method: 'fuzzy' });
  });

  it('rejects a short approximate match whose surroundings do not agree', () => {
    const s = sel(TEXT, 'Beijing');
    expect(found('The delegation from Beijang arrived on Friday after a long trip.', s)).toBeNull();
    // ...but accepts it where the surroundings agree.
    expect(found(TEXT.replace('Beijing', 'Beijang'), s)).toEqual({ text: 'Beijang', method: 'fuzzy' });
  });

  it('does not search approximately for quotes under four characters', () => {
    const s = sel(TEXT, 'AI ');
    expect(found(TEXT.replace('AI ', 'A.I. '), s)).toBeNull();
  });

  it('returns null for a quote longer than the whole text', () => {
    expect(locateQuote('short', { quote: { type: 'TextQuoteSelector', exact: 'a much longer quote than the text' } })).toBeNull();
    expect(locateQuote('', { quote: { type: 'TextQuoteSelector', exact: 'x' } })).toBeNull();
  });

  it('never anchors a quote made of characters absent from the text', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom('a', 'b', ' '), maxLength: 300 }),
        fc.string({ unit: fc.constantFrom('x', 'y', 'z'), minLength: 1, maxLength: 40 }),
        fc.string({ unit: fc.constantFrom('a', 'b', ' ', 'x'), maxLength: 32 }),
        (text, exact, prefix) => {
          expect(locateQuote(text, { quote: { type: 'TextQuoteSelector', exact, prefix } })).toBeNull();
        },
      ),
    );
  });

  it('finds every exact quote, whatever its context', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('a', 'b', ' '), minLength: 1, maxLength: 200 }), fc.nat(), fc.nat(), (text, i, j) => {
        const s = Math.min(i % text.length, j % text.length);
        const e = Math.max(i % text.length, j % text.length) + 1;
        const { quote } = describeOffsets(text, s, e);
        const m = locateQuote(text, { quote })!;
        expect(text.slice(m.start, m.end)).toBe(quote.exact);
        expect(m.method).toBe('quote');
      }),
    );
  });

  it('finds an edited quote by its context when a closer match of the quote alone is elsewhere', () => {
    const intro = 'Zhipu GLM-5 is rumoured for next year, said a blogger. ';
    const target = 'In the benchmark table, Zhipu GLM-4 ranked third among open models.';
    const s = sel(target, 'Zhipu GLM-4');
    // Far from the old position (the window around it misses) and with one more
    // error than "Zhipu GLM-5", which has the wrong context.
    const page = `${intro}${'Filler sentence about something else entirely. '.repeat(40)}${target.replace('GLM-4', 'GLM_v4')}`;
    expect(found(page, s)).toEqual({ text: 'Zhipu GLM_v4', method: 'fuzzy' });
    // Without the context there is nothing against the closer match.
    expect(found(page, { quote: { type: 'TextQuoteSelector', exact: 'Zhipu GLM-4' } })).toEqual({
      text: 'Zhipu GLM-5',
      method: 'fuzzy',
    });
  });

  it('is fast on a long page', () => {
    let seed = 42;
    const random = (n: number) => {
      // xorshift32
      seed ^= seed << 13;
      seed ^= seed >>> 17;
      seed ^= seed << 5;
      return (seed >>> 0) % n;
    };
    const words = ['model', 'chip', 'rule', 'export', 'lab', 'token', 'cost', 'cloud', 'data', 'agent', 'policy', 'open'];
    const page = Array.from({ length: 30_000 }, () => words[random(words.length)]).join(' ');
    const start = page.indexOf(' ', Math.floor(page.length * 0.8)) + 1;
    const end = page.indexOf(' ', start + 120);
    const s = describeOffsets(page, start, end);
    const quote = page.slice(start, end);
    const editedQuote = `${quote.slice(0, 40)}XYZ${quote.slice(43)}`;
    const edited = `Intro. ${page.slice(0, start)}${editedQuote}${page.slice(end)}`;
    const started = performance.now();
    const m = locateQuote(edited, s)!;
    expect(performance.now() - started).toBeLessThan(500);
    expect(m.method).toBe('fuzzy');
    expect(edited.slice(m.start, m.end)).toBe(editedQuote);
  });
});
