/**
 * Taiwan's words for terms that mainland titles and names use. The character fold makes
 * 通義千問 find 通义千问, but Taiwanese pages write some words differently, not just in
 * other characters: 人工智慧 for 人工智能, 網路 for 网络, 資訊 for 信息, 積體電路 for 集成电路, 數位 for 数字 (digital) … so
 * 《生成式人工智慧服務管理暫行辦法》 is the Interim Measures as a Taiwanese paper writes
 * them. Pairs in folded form (simplified characters), the longer term first where one
 * contains another.
 */
import { hasHan } from './chars';
import { mixes } from './mixes';

export const REGIONAL_TERMS: readonly (readonly [mainland: string, taiwan: string])[] = [
  ['互联网络', '网际网路'],
  ['互联网', '网际网路'],
  ['人工智能', '人工智慧'],
  ['网络', '网路'],
  ['信息', '资讯'],
  ['数据', '资料'],
  ['算法', '演算法'],
  ['集成电路', '积体电路'],
  ['数字化', '数位化'],
  ['数字', '数位'],
];

/**
 * The other spellings of a folded alias with Taiwan's words in it: every mix of the two
 * for up to three such terms (a page may take one word over and keep another), beyond
 * that only all of them. Compiled as patterns of their own, like the spacing variants.
 */
export function regionalVariants(folded: string): string[] {
  if (!hasHan(folded)) return [];
  const plain: string[] = [];
  const sites: (readonly [string, string])[] = [];
  let start = 0;
  for (let i = 0; i < folded.length; ) {
    const term = REGIONAL_TERMS.find(([mainland]) => folded.startsWith(mainland, i));
    if (!term) {
      i++;
      continue;
    }
    plain.push(folded.slice(start, i));
    sites.push(term);
    i += term[0].length;
    start = i;
  }
  if (!sites.length) return [];
  plain.push(folded.slice(start));
  const forms = mixes(plain, (j, taiwan) => sites[j]![taiwan ? 1 : 0]);
  forms.delete(folded);
  return [...forms];
}
