/**
 * Answers whether a frame's text names something the published matcher would highlight
 * there, so that frames showing only "Advertisement", a cookie notice or an ad that says
 * "Spark" never read and build the matcher themselves (content/frame-worth.ts). The
 * background builds the matcher on the first question and again after the published data
 * changes (`invalidate`); it keeps only the matcher, not the stored data it was built from.
 *
 * The answer applies every rule, the page-level ones too (context, veto words), to the
 * frame's text as if it were the whole page: a frame is a document of its own, and its
 * scanner judges context within it. The frame asks again when its text changes, so context
 * that arrives later still starts it. Its text includes what the scanner skips (hidden
 * elements), which can only add names and context, but for a veto word written there.
 */
import { Matcher } from '../engine/matcher';
import { parseMatcherData } from '../engine/matcher-schema';
import { textMentions } from '../engine/text-mentions';

/** Whether `text`, read as a whole page, has at least one mention. */
export function namesSomething(matcher: Matcher, text: string): boolean {
  return textMentions(matcher, text).length > 0;
}

export class NameCandidates {
  private built?: Promise<Matcher | undefined>;

  /** `read`: the published matcher data (storage), as content scripts read it. */
  constructor(private readonly read: () => Promise<unknown>) {}

  /** True also when no valid matcher is published yet: the frame's own start then handles it. */
  async has(text: string): Promise<boolean> {
    const matcher = await (this.built ??= this.build());
    return !matcher || namesSomething(matcher, text);
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
