/**
 * Answers whether a frame's text holds a name the published matcher could find, so that
 * frames showing only "Advertisement" or a cookie notice never read and build the matcher
 * themselves (content/frame-worth.ts). The background builds the matcher on the first
 * question and again after the published data changes (`invalidate`); it keeps only the
 * matcher, not the stored data it was built from.
 *
 * The answer is the matcher's own pass with its word and neighbour rules, without the
 * page-level ones: a name that needs context elsewhere on the page counts, since the
 * frame cannot tell. Veto words are not names.
 */
import { Matcher } from '../engine/matcher';
import { parseMatcherData } from '../engine/matcher-schema';

/** Whether `text` holds at least one candidate mention (not a veto word). */
export function hasNameCandidate(matcher: Matcher, text: string): boolean {
  for (const m of matcher.find(text)) {
    for (const p of m.patterns) if (!matcher.patterns.isMarker(p)) return true;
  }
  return false;
}

export class NameCandidates {
  private built?: Promise<Matcher | undefined>;

  /** `read`: the published matcher data (storage), as content scripts read it. */
  constructor(private readonly read: () => Promise<unknown>) {}

  /** True also when no valid matcher is published yet: the frame's own start then handles it. */
  async has(text: string): Promise<boolean> {
    const matcher = await (this.built ??= this.build());
    return !matcher || hasNameCandidate(matcher, text);
  }

  /** The published data changed: the next question builds the matcher again. */
  invalidate(): void {
    this.built = undefined;
  }

  private async build(): Promise<Matcher | undefined> {
    let raw: unknown;
    try {
      raw = await this.read();
    } catch (e) {
      // A failed read is asked again next time.
      this.built = undefined;
      throw e;
    }
    const data = parseMatcherData(raw);
    try {
      // The JavaScript pass: a frame's text is short, and the worker builds no WebAssembly module for it.
      return data && new Matcher(data, 'js');
    } catch {
      return undefined;
    }
  }
}
