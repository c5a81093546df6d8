/**
 * Finding a quote in a text: by position, by exact quote, then approximately.
 * Pure string logic (no DOM), so it can run on any text snapshot.
 *
 * The scoring follows Hypothesis's match-quote: a candidate is scored by the
 * similarity of its text to the quote, of the text around it to the recorded
 * prefix and suffix, and (as a tie-breaker) by its closeness to the recorded
 * position. Unlike Hypothesis, an approximate match must reach a minimum score,
 * so a quote whose text is gone does not land somewhere random.
 */
import approxSearch from 'approx-string-match';
import { QUOTE_CONTEXT_LENGTH, type TextPositionSelector, type TextQuoteSelector } from '../model/clipping';

export type AnchorMethod = 'position' | 'quote' | 'fuzzy';

/** What to look for: a clipping (or anything else with these selectors). */
export interface AnchorSelectors {
  quote: TextQuoteSelector;
  position?: TextPositionSelector | undefined;
}

export interface TextMatch {
  start: number;
  end: number;
  method: AnchorMethod;
  /** 0..1; 1 for a perfect match of the quote and of its prefix and suffix. */
  score: number;
}

// Weights of the score's parts (as in Hypothesis): the quote dominates, the
// context decides between candidates, the position only breaks ties.
const QUOTE_WEIGHT = 50;
const PREFIX_WEIGHT = 20;
const SUFFIX_WEIGHT = 20;
const POSITION_WEIGHT = 2;
const TOTAL_WEIGHT = QUOTE_WEIGHT + PREFIX_WEIGHT + SUFFIX_WEIGHT + POSITION_WEIGHT;

/** An approximate match may differ from the quote in at most this share of its characters... */
export const MAX_ERROR_RATE = 0.25;
/** ...and in at most this many characters (bounds the cost: O(text × errors / 32)). */
export const MAX_ERRORS = 256;
/** Minimum score for an approximate match. */
export const MIN_FUZZY_SCORE = 0.75;
/**
 * A quote at least this long that is at least LONG_QUOTE_SIMILARITY similar is
 * accepted whatever its context: such a passage does not occur by chance.
 */
export const LONG_QUOTE_LENGTH = 2 * QUOTE_CONTEXT_LENGTH;
export const LONG_QUOTE_SIMILARITY = 0.9;
/** Around the position hint, also look for approximate matches that are not the best in the whole text. */
const HINT_WINDOW = 8 * QUOTE_CONTEXT_LENGTH;

interface Candidate {
  start: number;
  end: number;
  errors: number;
}

interface Context {
  prefix: string;
  suffix: string;
  hint: number | undefined;
}

export interface LocateOptions {
  /**
   * Whether a match may be at [start, end); by default anywhere. anchor() uses it
   * to skip text that is never rendered (a <script> holding a JSON copy of the article).
   */
  allow?: ((start: number, end: number) => boolean) | undefined;
}

/**
 * Similarity (0..1) of `expected` to the best-matching part of `actual`:
 * 1 − edit distance / length of `expected`. Empty `expected` counts as agreement.
 */
export function similarity(actual: string, expected: string): number {
  if (expected.length === 0 || actual === expected) return 1;
  if (actual.length === 0) return 0;
  if (actual.includes(expected)) return 1;
  const best = approxSearch(actual, expected, expected.length)[0];
  return best ? 1 - best.errors / expected.length : 0;
}

function scoreParts(text: string, c: Candidate, quoteLength: number, ctx: Context) {
  const quote = 1 - c.errors / quoteLength;
  const prefix = ctx.prefix ? similarity(text.slice(Math.max(0, c.start - ctx.prefix.length), c.start), ctx.prefix) : 1;
  const suffix = ctx.suffix ? similarity(text.slice(c.end, c.end + ctx.suffix.length), ctx.suffix) : 1;
  const position = ctx.hint === undefined ? 1 : 1 - Math.min(1, Math.abs(c.start - ctx.hint) / Math.max(1, text.length));
  const score =
    (QUOTE_WEIGHT * quote + PREFIX_WEIGHT * prefix + SUFFIX_WEIGHT * suffix + POSITION_WEIGHT * position) /
    TOTAL_WEIGHT;
  return { quote, prefix, suffix, score };
}

/**
 * The best-scoring candidate. Ties go to fewer errors, then to a length closer to
 * the quote's, then to closeness to the hint, then to the earlier one.
 */
function best(text: string, candidates: Candidate[], quoteLength: number, ctx: Context) {
  let top: { c: Candidate; parts: ReturnType<typeof scoreParts> } | null = null;
  for (const c of candidates) {
    const parts = scoreParts(text, c, quoteLength, ctx);
    if (!top || better(c, parts.score, top.c, top.parts.score, quoteLength, ctx.hint)) top = { c, parts };
  }
  return top;
}

function better(a: Candidate, as: number, b: Candidate, bs: number, quoteLength: number, hint: number | undefined): boolean {
  if (as !== bs) return as > bs;
  if (a.errors !== b.errors) return a.errors < b.errors;
  const la = Math.abs(a.end - a.start - quoteLength);
  const lb = Math.abs(b.end - b.start - quoteLength);
  if (la !== lb) return la < lb;
  if (hint !== undefined) {
    const da = Math.abs(a.start - hint);
    const db = Math.abs(b.start - hint);
    if (da !== db) return da < db;
  }
  return a.start < b.start;
}

/** Every occurrence of `quote` in `text`, overlapping ones included. */
export function exactOccurrences(text: string, quote: string): Candidate[] {
  const found: Candidate[] = [];
  if (!quote) return found;
  for (let i = text.indexOf(quote); i !== -1; i = text.indexOf(quote, i + 1)) {
    found.push({ start: i, end: i + quote.length, errors: 0 });
  }
  return found;
}

/** The most errors an approximate match of a quote of this length may have. */
export function maxErrorsFor(quoteLength: number): number {
  return Math.min(MAX_ERRORS, Math.floor(quoteLength * MAX_ERROR_RATE));
}

/** At most this many matches of the quote with its context are looked into. */
const MAX_CONTEXT_MATCHES = 16;

function approximateCandidates(text: string, quote: string, ctx: Context): Candidate[] {
  const maxErrors = maxErrorsFor(quote.length);
  if (maxErrors < 1) return [];
  const found: Candidate[] = approxSearch(text, quote, maxErrors);
  const searchIn = (from: number, to: number): void => {
    for (const m of approxSearch(text.slice(from, to), quote, maxErrors)) {
      found.push({ start: m.start + from, end: m.end + from, errors: m.errors });
    }
  };
  // approx-string-match reports only the matches with the fewest errors in the
  // whole text, but the right place may have a few more errors than some other
  // place. Look for it (a) near the recorded position...
  const hint = ctx.hint;
  if (hint !== undefined) {
    const from = Math.max(0, hint - HINT_WINDOW - maxErrors);
    const to = Math.min(text.length, hint + quote.length + HINT_WINDOW + maxErrors);
    if (from > 0 || to < text.length) searchIn(from, to);
  }
  // ...and (b) where the quote with its prefix and suffix matches best.
  if (ctx.prefix || ctx.suffix) {
    const withContext = ctx.prefix + quote + ctx.suffix;
    const matches = approxSearch(text, withContext, maxErrorsFor(withContext.length));
    for (const m of matches.slice(0, MAX_CONTEXT_MATCHES)) searchIn(m.start, m.end);
  }
  return found;
}

/** Whether the text around [start, end) is exactly the recorded prefix and suffix. */
function contextAgrees(text: string, start: number, end: number, quote: TextQuoteSelector): boolean {
  const prefix = quote.prefix ?? '';
  const suffix = quote.suffix ?? '';
  return (
    (prefix.length === 0 || text.slice(Math.max(0, start - prefix.length), start) === prefix) &&
    (suffix.length === 0 || text.slice(end, end + suffix.length) === suffix)
  );
}

function validPosition(position: TextPositionSelector, textLength: number): boolean {
  return (
    Number.isInteger(position.start) &&
    Number.isInteger(position.end) &&
    position.start >= 0 &&
    position.end > position.start &&
    position.end <= textLength
  );
}

/**
 * Where the selectors point in `text`, or null if the quote is not there.
 *
 * 1. `position`, if the text there is the quote and (for a quote shorter than
 *    LONG_QUOTE_LENGTH, which could recur by chance) the text around it is the
 *    prefix and suffix; otherwise the position is only a hint for steps 2 and 3;
 * 2. the exact quote: the occurrence whose surroundings agree best with the
 *    prefix and suffix, then the closest to the position;
 * 3. an approximate match of the quote (up to MAX_ERROR_RATE of its characters
 *    inserted, deleted or replaced), the best by the same scoring, if its score
 *    reaches MIN_FUZZY_SCORE (or if it is long and nearly identical to the quote).
 */
export function locateQuote(text: string, selectors: AnchorSelectors, options: LocateOptions = {}): TextMatch | null {
  const { quote, position } = selectors;
  const allow = options.allow ?? (() => true);
  const exact = quote.exact;
  if (!exact || exact.length > text.length + maxErrorsFor(exact.length)) return null;
  const ctx: Context = { prefix: quote.prefix ?? '', suffix: quote.suffix ?? '', hint: undefined };

  if (position && validPosition(position, text.length)) {
    ctx.hint = position.start;
    const { start, end } = position;
    if (
      end - start === exact.length &&
      text.startsWith(exact, start) &&
      (exact.length >= LONG_QUOTE_LENGTH || contextAgrees(text, start, end, quote)) &&
      allow(start, end)
    ) {
      const parts = scoreParts(text, { start, end, errors: 0 }, exact.length, ctx);
      return { start, end, method: 'position', score: parts.score };
    }
  } else if (position && Number.isInteger(position.start) && position.start >= 0) {
    // Unusable as a position (say, beyond a text that got shorter), but still a hint of where to look.
    ctx.hint = Math.min(position.start, text.length);
  }

  const exactMatches = exactOccurrences(text, exact).filter((c) => allow(c.start, c.end));
  if (exactMatches.length > 0) {
    const top = best(text, exactMatches, exact.length, ctx)!;
    return { start: top.c.start, end: top.c.end, method: 'quote', score: top.parts.score };
  }

  const candidates = approximateCandidates(text, exact, ctx).filter((c) => c.end > c.start && allow(c.start, c.end));
  const top = best(text, candidates, exact.length, ctx);
  if (!top) return null;
  const { score, quote: quoteSimilarity } = top.parts;
  const accepted =
    score >= MIN_FUZZY_SCORE || (exact.length >= LONG_QUOTE_LENGTH && quoteSimilarity >= LONG_QUOTE_SIMILARITY);
  return accepted ? { start: top.c.start, end: top.c.end, method: 'fuzzy', score } : null;
}
