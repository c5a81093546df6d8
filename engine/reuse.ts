/**
 * Empties an array that is filled again right away, keeping its backing store:
 * `length = 0` makes V8 drop the store, and the pushes that follow (one per occurrence
 * or mention on a dense page) would grow a new one on every call (1.2 MB a scan on the
 * 5 MB benchmark page, bench/ANALYSIS.md).
 */
export function emptyKeepingStore(a: unknown[]): void {
  while (a.length) a.pop();
}
