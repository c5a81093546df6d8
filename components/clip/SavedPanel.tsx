/** Shown after a clipping is saved: undo, and an optional note and tags right there. */
import { useEffect, useRef, useState } from 'preact/hooks';
import { t } from '../../i18n';
import { MAX_NOTE, type Clipping } from '../../model/clipping';
import { uniqueTags } from '../../model/tags';

export interface SavedPanelProps {
  clipping: Clipping;
  duplicate: boolean;
  onUndo(): void;
  /** Every edit (tags as typed): the owner saves them however the panel closes. */
  onDraft(edit: { note?: string; tags?: string }): void;
  /** Done or Esc. */
  onClose(): void;
  /** Keep the panel open while the reader works in it. */
  onActivity(): void;
  /** What the fields start with, when not the clipping's (the panel shown again after a failed save). */
  initial?: { note: string; tags: string };
  /** Why the note and tags could not be saved. */
  error?: string;
}

export function parseTags(input: string): string[] {
  return uniqueTags(input.split(/[,，\n]/).map((s) => s.trim().replace(/^#/, ''))).slice(0, 100);
}

export function SavedPanel({ clipping, duplicate, onUndo, onDraft, onClose, onActivity, initial, error }: SavedPanelProps) {
  const [note, setNote] = useState(initial?.note ?? clipping.note);
  const [tags, setTags] = useState(initial?.tags ?? clipping.tags.join(', '));
  const noteRef = useRef<HTMLTextAreaElement>(null);
  useEffect(() => {
    if (!duplicate) noteRef.current?.focus({ preventScroll: true });
  }, []);
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
        if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) onClose();
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
        <textarea
          ref={noteRef}
          rows={2}
          maxLength={MAX_NOTE}
          value={note}
          onInput={(e) => {
            const v = (e.target as HTMLTextAreaElement).value;
            setNote(v);
            onDraft({ note: v });
          }}
        />
      </label>
      <label class="field">
        <span>{t('clip.tags')}</span>
        <input
          type="text"
          value={tags}
          onInput={(e) => {
            const v = (e.target as HTMLInputElement).value;
            setTags(v);
            onDraft({ tags: v });
          }}
        />
      </label>
      <div class="saved-actions">
        <button type="button" class="primary" onClick={onClose}>
          {t('clip.done')}
        </button>
      </div>
      <p class="card-status" role="status" aria-live="polite">
        {error ?? ''}
      </p>
    </div>
  );
}
