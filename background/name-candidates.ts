/**
 * Answers whether a frame's text holds a name the published matcher could find, so that
 * frames showing only "Advertisement" or a cookie notice never read and build the matcher
 * themselves (content/frame-worth.ts). The background builds the matcher once from the
 * published data and again when it is republished (a new fingerprint).
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
  private built?: { fingerprint: unknown; matcher: Matcher | undefined };

  /** `read`: the published matcher data (storage), as content scripts read it. */
  constructor(private readonly read: () => Promise<unknown>) {}

  /** True also when no valid matcher is published yet: the frame's own start then handles it. */
  async has(text: string): Promise<boolean> {
    const matcher = await this.matcher();
    return !matcher || hasNameCandidate(matcher, text);
  }

  private async matcher(): Promise<Matcher | undefined> {
    const raw = await this.read();
    const fingerprint = (raw as { fingerprint?: unknown } | undefined)?.fingerprint;
    if (!this.built || this.built.fingerprint !== fingerprint || fingerprint === undefined) {
      const data = parseMatcherData(raw);
      let matcher: Matcher | undefined;
      try {
        // The JavaScript pass: a frame's text is short, and the worker builds no WebAssembly module for it.
        matcher = data && new Matcher(data, 'js');
      } catch {
        matcher = undefined;
      }
      this.built = { fingerprint, matcher };
    }
    return this.built.matcher;
  }
}
