/** Reader-facing explanations of storage failures (no Dexie import: content scripts use it too). */
import { english, msg, type Message } from '../i18n/message';

/** Whether an error's name is one of a storage failure (IndexedDB or Dexie). */
export function isStorageError(e: unknown): boolean {
  return /Quota|Database|Version|Blocked|OpenFailed|Abort|Constraint/.test((e as { name?: string })?.name ?? '');
}

/** A storage failure as a message code (common.en.ts), for the reader's language. */
export function storageProblem(e: unknown): Message {
  const name = (e as { name?: string })?.name ?? '';
  const inner = (e as { inner?: { name?: string } })?.inner?.name ?? '';
  if (name === 'QuotaExceededError' || inner === 'QuotaExceededError') return msg('storage.full');
  if (name === 'DatabaseClosedError' || name === 'VersionChangeError' || inner === 'VersionError') return msg('storage.updated');
  if (name === 'OpenFailedError' || name === 'BlockedError' || inner === 'BlockedError') return msg('storage.blocked');
  return msg('storage.other', { detail: e instanceof Error ? e.message : String(e) });
}

/** A reader-facing explanation of a storage failure, in English (logs, and the reader's words via {@link storageProblem}). */
export function describeStorageError(e: unknown): string {
  const m = storageProblem(e);
  // An unknown failure keeps its own words, as it always did.
  return m.code === 'storage.other' ? String(m.params!.detail) : english(m);
}
