/**
 * Why a clipping, or its note and tags, could not be saved, or the save undone: in the
 * reader's words, never a raw schema dump. What the background refuses comes as a message
 * code (messaging/protocol.ts `problem`), put in words here with the small table of the
 * messages the page's UI shows (i18n/common.ts).
 */
import { t } from '../../i18n';
import { renderCommon } from '../../i18n/common';
import { msg, type Message } from '../../i18n/message';
import { ClipTooLongError } from '../../model/clipping';
import { isStorageError, storageProblem } from '../../storage/errors';

/** Why an operation failed, as a message code; undefined where only English words are known. */
export function failureMessage(e: unknown): Message | undefined {
  const detail = (e as { detail?: unknown } | null)?.detail;
  if (detail && typeof detail === 'object' && typeof (detail as Message).code === 'string') return detail as Message;
  if (isStorageError(e)) return storageProblem(e);
  // The extension was reloaded or updated under the page: its messages go nowhere.
  if (/Extension context invalidated|Receiving end does not exist|Could not establish connection/i.test(e instanceof Error ? e.message : String(e))) {
    return msg('message.extensionGone');
  }
  return undefined;
}

/** Why an operation failed, in the reader's language where it is known as a code, else its English message. */
export function describeFailure(e: unknown): string {
  const m = failureMessage(e);
  return m ? renderCommon(m) : e instanceof Error ? e.message : String(e);
}

export function describeSaveError(e: unknown): string {
  // t() writes the numbers as the interface language does.
  if (e instanceof ClipTooLongError) return t('clip.tooLong', { count: e.length, limit: e.limit });
  return t('clip.failed', { error: describeFailure(e) });
}
