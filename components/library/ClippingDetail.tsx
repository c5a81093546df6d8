/** One clipping in the library: full text, source, entities, note and tags (editable), delete with undo. */
import { useEffect, useRef, useState } from 'preact/hooks';
import { t } from '../../i18n';
import { renderMessage } from '../../i18n/render';
import type { Entity } from '../../kb/schema';
import { linkToClipping } from '../../formats/text-fragment';
import type { Clipping } from '../../model/clipping';
import { deleteClipping, restoreClipping, updateClipping, ValidationError } from '../../storage/clippings';
import { describeStorageError, isStorageError, storageProblem } from '../../storage/errors';
import { parseTags } from '../clip/SavedPanel';
import { entityLabel, safeHref } from '../relations';
import type { ToastState } from './Toast';

/** A storage failure in the interface language; anything else in its own (English) words. */
const storageWords = (e: unknown): string => (isStorageError(e) ? renderMessage(storageProblem(e)) : describeStorageError(e));

export interface ClippingDetailProps {
  clipping: Clipping;
  entities: Map<string, Entity>;
  toast: (t: Omit<ToastState, 'id'>) => void;
  onFilterPage: (url: string) => void;
  onDeleted: () => void;
}

export function ClippingDetail({ clipping: c, entities, toast, onFilterPage, onDeleted }: ClippingDetailProps) {
  const propTags = c.tags.join(', ');
  const [note, setNote] = useState(c.note);
  const [tags, setTags] = useState(propTags);
  const [status, setStatus] = useState('');
  // What is stored: the prop, or the save's own result until the library's query brings
  // it (else Save stood enabled for a moment after "Saved.", the tags in the old order).
  const [stored, setStored] = useState({ note: c.note, tags: propTags });
  useEffect(() => setStored((s) => (s.note === c.note && s.tags === propTags ? s : { note: c.note, tags: propTags })), [c.note, propTags]);
  const dirty = note !== stored.note || tags !== stored.tags;
  // What the fields hold now, for the save when the reader leaves this clipping unsaved.
  const typed = useRef({ note, tags, dirty, deleted: false });
  typed.current = { note, tags, dirty, deleted: typed.current.deleted };
  useEffect(
    () => () => {
      // Another clipping chosen (a click, the arrow keys), another view, a filter that
      // leaves this one out: what was typed is saved, as the panel on a page does.
      const { note, tags, dirty, deleted } = typed.current;
      if (dirty && !deleted) void updateClipping(c.id, { note, tags: parseTags(tags) }).catch((e: unknown) => console.error('[CN AI Context] note not saved', e));
    },
    [],
  );
  const save = async () => {
    try {
      const next = await updateClipping(c.id, { note, tags: parseTags(tags) });
      // The tags as stored: without repeats, in the library's spelling ("Policy" → "policy").
      const saved = { note: next.note, tags: next.tags.join(', ') };
      setNote(saved.note);
      setTags(saved.tags);
      setStored(saved);
      setStatus(t('lib.saved'));
    } catch (e) {
      // A refusal that says why as a message code (storage/clippings.ts): in the interface language.
      setStatus(t('clip.failed', { error: e instanceof ValidationError && e.detail ? renderMessage(e.detail) : storageWords(e) }));
    }
  };
  const remove = async () => {
    let deleted;
    try {
      typed.current.deleted = true;
      deleted = await deleteClipping(c.id);
    } catch (e) {
      typed.current.deleted = false;
      setStatus(storageWords(e));
      return;
    }
    onDeleted();
    if (deleted) {
      toast({
        message: t('lib.deleted'),
        action: {
          label: t('lib.undo'),
          run: () => void restoreClipping(deleted).then(() => toast({ message: t('lib.restored') })),
        },
      });
    }
  };
  const source = safeHref(c.url) ? linkToClipping(c) : undefined;
  return (
    <article class="clip-detail" aria-labelledby="clip-detail-title">
      <h2 id="clip-detail-title" class="clip-detail-title">
        {source ? (
          <a href={source} target="_blank" rel="noopener noreferrer" title={t('lib.openSource')}>
            {c.title || c.url}
          </a>
        ) : (
          c.title || c.url
        )}
      </h2>
      <p class="muted small">
        {c.site} · {t('lib.savedOn', { date: c.created.slice(0, 10) })}
      </p>
      <blockquote class="clip-full">{c.text}</blockquote>
      {c.entities.length > 0 && (
        <p class="entity-chips">
          <span class="muted">{t('lib.mentions')}: </span>
          {c.entities.map((id) => {
            const e = entities.get(id);
            return (
              <a key={id} class={`chip kind-${e?.kind ?? 'model'}`} href={`#/entity/${encodeURIComponent(id)}`}>
                {e ? entityLabel(e) : id}
              </a>
            );
          })}
        </p>
      )}
      <form
        class="clip-edit"
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        <label class="field">
          <span>{t('lib.note')}</span>
          <textarea rows={4} value={note} onInput={(e) => (setNote((e.target as HTMLTextAreaElement).value), setStatus(''))} />
        </label>
        <label class="field">
          <span>{t('lib.tags')}</span>
          <input type="text" value={tags} aria-describedby="tags-help" onInput={(e) => (setTags((e.target as HTMLInputElement).value), setStatus(''))} />
          <span id="tags-help" class="muted small">
            {t('lib.tagsHelp')}
          </span>
        </label>
        <div class="row-actions">
          <button type="submit" class="primary" disabled={!dirty}>
            {t('lib.saveEdits')}
          </button>
          {source && (
            <a class="button secondary" href={source} target="_blank" rel="noopener noreferrer">
              {t('lib.openSource')}
            </a>
          )}
          <button type="button" class="secondary" onClick={() => onFilterPage(c.url)}>
            {t('lib.fromPage')}
          </button>
          <button type="button" class="danger" onClick={() => void remove()}>
            {t('lib.delete')}
          </button>
        </div>
        <p class="muted small" role="status" aria-live="polite">
          {status}
        </p>
      </form>
    </article>
  );
}
