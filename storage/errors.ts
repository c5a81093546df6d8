/** Reader-facing explanations of storage failures (no Dexie import: content scripts use it too). */

/** A reader-facing explanation of a storage failure. */
export function describeStorageError(e: unknown): string {
  const name = (e as { name?: string })?.name ?? '';
  const inner = (e as { inner?: { name?: string } })?.inner?.name ?? '';
  if (name === 'QuotaExceededError' || inner === 'QuotaExceededError') {
    return 'Your disk or browser storage is full, so nothing was saved. Free some space (or export and delete old clippings) and try again.';
  }
  if (name === 'DatabaseClosedError' || name === 'VersionChangeError' || inner === 'VersionError') {
    return 'The extension was updated while this page was open. Reload the page; nothing was lost.';
  }
  if (name === 'OpenFailedError' || name === 'BlockedError' || inner === 'BlockedError') {
    return 'Another page of the extension is holding the database. Close the other library or popup windows and try again.';
  }
  return e instanceof Error ? e.message : String(e);
}
