/**
 * The note and tags typed in the saved panel, kept outside the panel so that whatever
 * closes it (Done, Esc, a click elsewhere, the idle timeout, the page navigating) can
 * save them: nothing the reader typed is dropped.
 */
import { parseTags } from '../../components/clip/SavedPanel';

export class NoteDraft {
  private note: string;
  private tags: string;
  private savedNote: string;
  private savedTags: string;
  private last: Promise<void> = Promise.resolve();

  constructor(
    start: { note: string; tags: string[] },
    private readonly write: (note: string, tags: string[]) => Promise<void>,
  ) {
    this.note = this.savedNote = start.note;
    this.tags = this.savedTags = start.tags.join(', ');
  }

  /** A field as typed (tags as the text of their field). */
  set(edit: { note?: string; tags?: string }): void {
    if (edit.note !== undefined) this.note = edit.note;
    if (edit.tags !== undefined) this.tags = edit.tags;
  }

  /** The fields as typed. */
  get typed(): { note: string; tags: string } {
    return { note: this.note, tags: this.tags };
  }

  get changed(): boolean {
    return this.note !== this.savedNote || parseTags(this.tags).join('\n') !== parseTags(this.savedTags).join('\n');
  }

  /** Saves what changed since the last save; saves run one after another, and a failure is the caller's to show. */
  save(): Promise<void> {
    const run = this.last
      .catch(() => {})
      .then(async () => {
        if (!this.changed) return;
        const { note, tags } = this;
        await this.write(note, parseTags(tags));
        this.savedNote = note;
        this.savedTags = tags;
      });
    this.last = run;
    return run;
  }
}
