/** Tells the reader when the database was upgraded or blocked under an open extension page. */
import { useEffect, useState } from 'preact/hooks';
import { t } from '../i18n';
import { onDbEvent, type DbEvent } from '../storage/db-events';

export function DbNotice() {
  const [event, setEvent] = useState<DbEvent>();
  useEffect(() => onDbEvent(setEvent), []);
  if (!event) return null;
  return (
    <div class="db-notice" role="alert">
      {t(event === 'versionchange' ? 'db.upgraded' : 'db.blocked')}{' '}
      {event === 'versionchange' && (
        <button type="button" class="secondary" onClick={() => location.reload()}>
          {t('db.reload')}
        </button>
      )}
    </div>
  );
}
