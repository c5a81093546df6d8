/**
 * The mentions of one text judged on its own, as if it were the whole page: context
 * counts only where the text itself has it. What an imported clipping names, and what
 * the unit tests read a sentence as.
 */
import { ContextGate, type GatedMention } from './context';
import { namesVersion, type Matcher } from './matcher';

export interface TextMention extends GatedMention {
  readonly start: number;
  readonly end: number;
}

/** Mentions in text order whose entity is decided (those still waiting for context are left out). */
export function textMentions(matcher: Matcher, text: string): TextMention[] {
  const gate = new ContextGate<TextMention>(matcher);
  const recs: TextMention[] = matcher.find(text).map((m) => ({ patterns: m.patterns, entity: -1, version: namesVersion(text, m), start: m.start, end: m.end }));
  for (const r of recs) gate.add(r);
  return recs.filter((r) => r.entity >= 0);
}
