/**
 * Messages that arrive before the second part is loaded. The second part (content/ui-main.ts)
 * answers the background and the popup, but it is imported only after the first highlights:
 * a save command (Alt+Shift+S), a jump to a mention or the popup's question sent in that
 * window went to a document with no listener, and the reader's selection was not saved, with
 * no word. The core listens from its start and, until the second part is there, loads it and
 * hands it the message; from then on the second part's own listener answers, and this one
 * stands aside (so no message is answered twice). Where the extension is off on the page
 * nothing answers, as before: the background takes no answer as "nothing here".
 *
 * The part that runs first (a frame's loader, the top document's document_start part) may
 * have kept a save command that came before this listener answered (content/held-saves.ts);
 * the core hands those over once it has read the settings (`deliverHeld`).
 */
import { declinesSave, type HeldMessage, type SendResponse } from './held-saves';
import type { ContentUi } from './ui-bridge';

export type MessageListener = (raw: unknown, sender: unknown, sendResponse: SendResponse) => true | undefined;

export interface BeforeUiOptions {
  /** The second part, once loaded (undefined until then). */
  loaded(): ContentUi | undefined;
  /** Loads it (once). */
  load(): Promise<ContentUi>;
  /** Whether this document answers at all now (settings read, the site on, the extension there). */
  answering(): boolean;
  /** The document (a save command with nothing selected in it gets no answer). */
  doc: Document;
}

/** Loads the second part and hands it the message. */
function handOver(opts: BeforeUiOptions, raw: unknown, sender: unknown, sendResponse: SendResponse): void {
  opts.load().then(
    (ui) => ui.onMessage(raw, sender, sendResponse),
    // Without an answer the sender would wait until the page closes.
    () => sendResponse({ ok: false, error: 'The in-page interface could not be loaded.' }),
  );
}

export function messagesBeforeUi(opts: BeforeUiOptions): MessageListener {
  return (raw, sender, sendResponse) => {
    if (opts.loaded() || !opts.answering() || declinesSave(raw, opts.doc)) return undefined;
    handOver(opts, raw, sender, sendResponse);
    return true;
  };
}

/**
 * Answers the messages the first part kept (call once the settings are read). They were
 * promised an answer, so where the extension is off here they get a failure that says so.
 */
export function deliverHeld(opts: BeforeUiOptions, held: readonly HeldMessage[]): void {
  for (const { raw, sender, sendResponse } of held) {
    const ui = opts.loaded();
    if (ui) ui.onMessage(raw, sender, sendResponse);
    else if (opts.answering()) handOver(opts, raw, sender, sendResponse);
    else sendResponse({ ok: false, error: 'The extension is off on this page.' });
  }
}
