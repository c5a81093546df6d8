/** Why a clipping, or its note and tags, could not be saved: in the reader's words, never a raw schema dump. */
import { currentLanguage, t } from '../../i18n';
import { ClipTooLongError } from '../../model/clipping';
import { describeStorageError } from '../../storage/errors';

export function describeSaveError(e: unknown): string {
  if (e instanceof ClipTooLongError) {
    const n = new Intl.NumberFormat(currentLanguage());
    return t('clip.tooLong', { count: n.format(e.length), limit: n.format(e.limit) });
  }
  return t('clip.failed', { error: describeStorageError(e) });
}
