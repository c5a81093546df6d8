/** Small statistics shared by the benchmark scripts. */

/** The median: the middle value, or the mean of the two middle ones for an even count (NaN for none). */
export function median(xs: readonly number[]): number {
  if (!xs.length) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/** Rounded to one decimal (for reports). */
export const r1 = (x: number): number => Math.round(x * 10) / 10;
