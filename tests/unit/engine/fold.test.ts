import TS from 'opencc-js/dict/TSCharacters';
import { describe, expect, it } from 'vitest';
import { foldTable, isUpper, isUpperAt } from '../../../engine/chars';
import { compileMatcher } from '../../../engine/compile';
import { Matcher } from '../../../engine/matcher';

const fold = (s: string) => [...s].map((c) => String.fromCharCode(foldTable()[c.charCodeAt(0)]!)).join('');

describe('traditional → simplified folding', () => {
  it('folds every traditional character as its simplified form folds (OpenCC, first candidate)', () => {
    const wrong: string[] = [];
    for (const entry of (TS as string).split('|')) {
      const [from, to] = entry.split(' ') as [string, string];
      if (from.length !== 1 || to.length !== 1 || from === to) continue;
      if (fold(from) !== fold(to)) wrong.push(`${from}→${fold(from)}, ${to}→${fold(to)}`);
    }
    expect(wrong).toEqual([]);
  });

  it('is idempotent: a folded character folds to itself', () => {
    const t = foldTable();
    const moved: string[] = [];
    for (let c = 0; c < 0x10000; c++) if (t[t[c]!] !== t[c]) moved.push(String.fromCharCode(c));
    expect(moved).toEqual([]);
  });

  // Japan's simplified forms are not read (a Japanese page writes these names in the
  // traditional forms): many are Chinese characters of their own, which must not merge.
  it.each([
    ['欠', '缺'],
    ['予', '豫'],
    ['弁', '辨'],
    ['辨', '瓣'],
    ['藏', '蔵'],
  ])('keeps %s and %s apart', (a, b) => {
    expect(fold(a)).not.toBe(fold(b));
  });

  // A regional variant table maps a character to another traditional one (Japanese 聯 → 連):
  // its own simplified form comes first, or 中國聯通 would not be 中国联通.
  it.each([
    ['聯', '联'],
    ['穎', '颖'],
    ['顎', '颚'],
    ['鯰', '鲶'],
  ])('folds %s like %s', (trad, simp) => {
    expect(fold(trad)).toBe(fold(simp));
  });

  it('lets a simplified alias find its traditional spelling, 中国联通 in 中國聯通', () => {
    const m = new Matcher(compileMatcher([{ id: 'unicom', kind: 'company', aliases: [{ text: '中国联通' }] }]).data);
    expect(m.find('中國聯通發佈').map((x) => [x.start, x.end])).toEqual([[0, 4]]);
  });
});

describe('isUpperAt', () => {
  it('agrees with isUpper on every UTF-16 code unit', () => {
    const wrong: number[] = [];
    for (let c = 0; c < 0x10000; c++) {
      const s = String.fromCharCode(c);
      if (isUpperAt(`a${s}`, 1) !== isUpper(s)) wrong.push(c);
    }
    expect(wrong).toEqual([]);
  });
});
