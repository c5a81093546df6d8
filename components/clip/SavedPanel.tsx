/** Shown after a clipping is saved: undo, and an optional note and tags right there. */
import { useEffect, useRef, useState } from 'preact/hooks';
import { t } from '../../i18n';
import type { Clipping } from '../../model/clipping';
import { describeSaveError } from './save-error';

export interface SavedPanelProps {
  clipping: Clipping;
  duplicate: boolean;
  onUndo(): void;
  onSave(note: string, tags: string[]): Promise<void>;
  onClose(): void;
  /** Keep the panel open while the reader works in it. */
  onActivity(): void;
}

export function parseTags(input: string): string[] {
  return [...new Set(input.split(/[,，\n]/).map((s) => s.trim().replace(/^#/, '')).filter(Boolean))].slice(0, 100);
}

export function SavedPanel({ clipping, duplicate, onUndo, onSave, onClose, onActivity }: SavedPanelProps) {
  const [note, setNote] = useState(clipping.note);
  const [tags, setTags] = useState(clipping.tags.join(', '));
  const [status, setStatus] = useState('');
  const noteRef = useRef<HTMLTextAreaElement>(null);
  useEffect(() => {
    if (!duplicate) noteRef.current?.focus({ preventScroll: true });
  }, []);
  const done = async () => {
    if (note !== clipping.note || tags !== clipping.tags.join(', ')) {
      try {
        await onSave(note, parseTags(tags));
        setStatus(t('clip.updated'));
      } catch (e) {
        setStatus(describeSaveError(e));
        return;
      }
    }
    onClose();
  };
  return (
    <div
      class="saved-panel"
      role="dialog"
      aria-labelledby="cnai-saved-title"
      onInput={onActivity}
      onPointerDown={onActivity}
      onKeyDown={(e) => {
        onActivity();
        if (e.key === 'Escape') {
          e.stopPropagation();
          onClose();
        }
        if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) void done();
      }}
    >
      <p id="cnai-saved-title" class="saved-title">
        {t(duplicate ? 'clip.duplicate' : 'clip.saved')}
        {!duplicate && (
          <button type="button" class="link-button undo" onClick={onUndo}>
            {t('clip.undo')}
          </button>
        )}
      </p>
      <label class="field">
        <span>{t('clip.note')}</span>
        <textarea ref={noteRef} rows={2} value={note} onInput={(e) => setNote((e.target as HTMLTextAreaElement).value)} />
      </label>
      <label class="field">
        <span>{t('clip.tags')}</span>
        <input type="text" value={tags} onInput={(e) => setTags((e.target as HTMLInputElement).value)} />
      </label>
      <div class="saved-actions">
        <button type="button" class="primary" onClick={() => void done()}>
          {t('clip.done')}
        </button>
      </div>
      <p class="card-status" role="status" aria-live="polite">
        {status}
      </p>
    </div>
  );
}
