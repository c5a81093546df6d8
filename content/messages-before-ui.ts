/**
 * Messages that arrive before the second part is loaded. The second part (content/ui-main.ts)
 * answers the background and the popup, but it is imported only after the first highlights:
 * a save command (Alt+Shift+S), a jump to a mention or the popup's question sent in that
 * window went to a document with no listener, and the reader's selection was not saved, with
 * no word. The core listens from its start and, until the second part is there, loads it and
 * hands it the message; from then on the second part's own listener answers, and this one
 * stands aside (so no message is answered twice). Where the extension is off on the page
 * nothing answers, as before: the background takes no answer as "nothing here".
 */
import type { ContentUi } from './ui-bridge';

type SendResponse = (response: unknown) => void;
export type MessageListener = (raw: unknown, sender: unknown, sendResponse: SendResponse) => true | undefined;

export interface BeforeUiOptions {
  /** The second part, once loaded (undefined until then). */
  loaded(): ContentUi | undefined;
  /** Loads it (once). */
  load(): Promise<ContentUi>;
  /** Whether this document answers at all now (settings read, the site on, the extension there). */
  answering(): boolean;
}

export function messagesBeforeUi(opts: BeforeUiOptions): MessageListener {
  return (raw, sender, sendResponse) => {
    if (opts.loaded() || !opts.answering()) return undefined;
    opts.load().then(
      (ui) => ui.onMessage(raw, sender, sendResponse),
      // Without an answer the sender would wait until the page closes.
      () => sendResponse({ ok: false, error: 'The in-page interface could not be loaded.' }),
    );
    return true;
  };
}
