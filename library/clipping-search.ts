/**
 * Full-text search over clippings (text, note, page title, tags) with MiniSearch.
 * Chinese has no spaces between words, so runs of CJK characters are indexed as
 * single characters and overlapping pairs; everything is folded like page text
 * (case, width, traditional → simplified). Pure: no browser or database API.
 */
import MiniSearch from 'minisearch';
import { foldText } from '../engine/chars';
import type { Clipping } from '../model/clipping';

const CJK_CHAR = '[\\p{Script=Han}\\p{Script=Hiragana}\\p{Script=Katakana}\\p{Script=Hangul}]';
const CJK = new RegExp(CJK_CHAR, 'u');
const CJK_RUN = new RegExp(`${CJK_CHAR}+`, 'gu');
const SEP = /[\s\p{P}\p{S}]+/u;

/** Words for Latin text; characters and character pairs for CJK runs. */
export function tokenize(text: string): string[] {
  const out: string[] = [];
  for (const chunk of foldText(text).split(SEP)) {
    if (!chunk) continue;
    let latin = '';
    let prevCjk = '';
    for (const ch of chunk) {
      if (CJK.test(ch)) {
        if (latin) out.push(latin);
        latin = '';
        out.push(ch);
        if (prevCjk) out.push(prevCjk + ch);
        prevCjk = ch;
      } else {
        latin += ch;
        prevCjk = '';
      }
    }
    if (latin) out.push(latin);
  }
  return out;
}

/**
 * Query terms: Latin words as typed; each CJK run as its pairs (or its single character).
 * Runs, not all the chunk's CJK characters: in "谱AI发" the two characters are not
 * neighbours, and their pair was never indexed.
 */
export function tokenizeQuery(text: string): string[] {
  const out: string[] = [];
  for (const chunk of foldText(text).split(SEP)) {
    if (!chunk) continue;
    out.push(...chunk.split(CJK_RUN).filter(Boolean));
    for (const run of chunk.match(CJK_RUN) ?? []) {
      const cjk = [...run];
      if (cjk.length === 1) out.push(cjk[0]!);
      for (let i = 0; i + 1 < cjk.length; i++) out.push(cjk[i]! + cjk[i + 1]!);
    }
  }
  return out;
}

type Doc = Pick<Clipping, 'id' | 'text' | 'note' | 'title' | 'tags'>;

export class ClippingSearch {
  private readonly index = new MiniSearch<Doc>({
    fields: ['text', 'note', 'title', 'tags'],
    idField: 'id',
    extractField: (doc, field) => (field === 'tags' ? doc.tags.join(' ') : String(doc[field as keyof Doc] ?? '')),
    tokenize,
    processTerm: (t) => t,
    searchOptions: {
      tokenize: tokenizeQuery,
      processTerm: (t) => t,
      prefix: (term) => !CJK.test(term),
      fuzzy: (term) => (term.length > 4 && !CJK.test(term) ? 0.2 : false),
      combineWith: 'AND',
      boost: { text: 2, note: 2, tags: 1.5 },
    },
  });
  private readonly versions = new Map<string, string>();

  get size(): number {
    return this.versions.size;
  }

  /** Brings the index in line with the current clippings (adds, updates, removes). */
  sync(clippings: readonly Clipping[]): void {
    const seen = new Set<string>();
    for (const c of clippings) {
      seen.add(c.id);
      const v = this.versions.get(c.id);
      if (v === c.updated) continue;
      if (v !== undefined) this.index.discard(c.id);
      this.index.add(c);
      this.versions.set(c.id, c.updated);
    }
    for (const id of [...this.versions.keys()]) {
      if (!seen.has(id)) {
        this.index.discard(id);
        this.versions.delete(id);
      }
    }
  }

  /** Adds clippings in chunks, yielding between them (a first build over 10,000 clippings). */
  async syncInChunks(clippings: readonly Clipping[], chunk = 500, yieldFn: () => Promise<void> = () => new Promise((r) => setTimeout(r, 0))): Promise<void> {
    for (let i = 0; i < clippings.length; i += chunk) {
      const part = clippings.slice(i, i + chunk);
      for (const c of part) {
        if (this.versions.get(c.id) === c.updated) continue;
        if (this.versions.has(c.id)) this.index.discard(c.id);
        this.index.add(c);
        this.versions.set(c.id, c.updated);
      }
      if (i + chunk < clippings.length) await yieldFn();
    }
    this.sync(clippings);
  }

  /** Matching clipping ids, best first. */
  search(query: string): string[] {
    if (!query.trim()) return [];
    return this.index.search(query).map((r) => r.id as string);
  }
}
