/**
 * The content script's scanning core (Matcher, PageScanner, Highlighter) as a page
 * script, for tests that look at how a scan proceeds (bundled with esbuild and injected).
 */
import type { MatcherData } from '../../../engine/compile';
import { Matcher } from '../../../engine/matcher';
import { Highlighter } from '../../../content/highlighter';
import { PageScanner } from '../../../content/scanner';

export interface ScanProgress {
  /** Characters scanned before start() first yielded (the viewport pass). */
  firstStep: number;
  /** Characters scanned in all. */
  characters: number;
  /** Active mentions: the text of each, in document order. */
  mentions: string[];
}

declare global {
  interface Window {
    __scanner: { run(data: MatcherData): Promise<ScanProgress> };
  }
}

window.__scanner = {
  async run(data) {
    const scanner = new PageScanner(document, new Matcher(data), new Highlighter());
    const done = scanner.start();
    const firstStep = scanner.stats.characters;
    await done;
    const mentions = scanner.activeMentions().map((r) => {
      const range = document.createRange();
      range.setStart(r.startNode, r.so);
      range.setEnd(r.endNode, r.eo);
      return range.toString();
    });
    scanner.stop();
    return { firstStep, characters: scanner.stats.characters, mentions };
  },
};
