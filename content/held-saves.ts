/**
 * A save command that reaches a frame before its core listens. A frame whose text names
 * nothing waits with only its small part (content/frame-loader.ts) and starts when the
 * reader selects in it; its core then needs 100–150 ms (injection, compilation, the
 * settings' read) before it answers. A save command (Alt+Shift+S) sent in that time went
 * to every frame, found no listener in this one, and the reader's selection was not saved,
 * with no word.
 *
 * The same holds in the top document while it loads: its core starts at document_idle,
 * which a page's slow script can put off for seconds after its text shows.
 *
 * The frames part (in the top document, the document_start part) listens from its start.
 * A save command that finds a selection here is kept, and the core takes it when it has
 * read the settings (content/messages-before-ui.ts) and answers it as any other. Every
 * other message is left alone, as before: the save command is the only one sent to
 * frames that have not reported (the popup's jumps and questions go to frames that
 * counted mentions). Kept on the isolated world's global, which the page cannot reach:
 * the parts are separate scripts in one world.
 */
import { browser } from 'wxt/browser';

export type SendResponse = (response: unknown) => void;

export interface HeldMessage {
  raw: unknown;
  sender: unknown;
  sendResponse: SendResponse;
}

/**
 * A kept command is answered with a failure after this long without a core (a start that
 * never came), so the sender does not wait until the page closes. Long enough for a page
 * whose scripts hold up document_idle.
 */
export const HOLD_MS = 30_000;

const KEY = Symbol.for('cnai-context.held-saves');

interface Holder {
  held: HeldMessage[];
  /** Stops listening; returns what was kept (unanswered). */
  stop(): HeldMessage[];
  /** Answers everything kept with a failure, and goes on listening. */
  fail(error: string): void;
}
type Global = { [KEY]?: Holder };

interface Listenable {
  addListener(listener: (raw: unknown, sender: unknown, sendResponse: SendResponse) => true | undefined): void;
  removeListener(listener: (raw: unknown, sender: unknown, sendResponse: SendResponse) => true | undefined): void;
}

/** Text is selected in `doc`. The frames part starts a waiting frame by the same test (content/frame-worth.ts), so a save it keeps is one whose core will come. */
export const hasSelection = (doc: Document): boolean => {
  const s = doc.getSelection();
  return !!s && !s.isCollapsed;
};

/** The save command as the protocol has it (its type, nothing else): anything malformed goes on to the listener that checks it, and gets its error. */
const isSaveCommand = (raw: unknown) =>
  !!raw && typeof raw === 'object' && (raw as { type?: unknown }).type === 'content/save-selection' && Object.keys(raw).length === 1;

/**
 * A save command that finds no selection in `doc`: the document stays silent, so that the
 * background, which sends the command to every frame, hears silence from all of them as
 * "nothing is selected" and says so in the page (background/commands.ts).
 */
export const declinesSave = (raw: unknown, doc: Document): boolean => isSaveCommand(raw) && !hasSelection(doc);

/** The first part's (a frame's loader, the top document's document_start part): keeps save commands that find a selection here until the core takes them (once per world). */
export function holdSavesForCore(doc: Document = document, messages: Listenable = browser.runtime.onMessage as unknown as Listenable, holdMs = HOLD_MS): void {
  const g = globalThis as Global;
  if (g[KEY]) return;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const holder: Holder = {
    held: [],
    stop() {
      messages.removeListener(listener);
      clearTimeout(timer);
      delete g[KEY];
      return holder.held.splice(0);
    },
    fail(error) {
      clearTimeout(timer);
      timer = undefined;
      for (const m of holder.held.splice(0)) m.sendResponse({ ok: false, error });
    },
  };
  const listener = (raw: unknown, sender: unknown, sendResponse: SendResponse): true | undefined => {
    // The selection is read now: the command may arrive before the 'selectionchange' that starts the frame.
    if (!isSaveCommand(raw) || !hasSelection(doc)) return undefined;
    holder.held.push({ raw, sender, sendResponse });
    timer ??= setTimeout(() => holder.fail('The extension did not start in this frame in time to save the selection.'), holdMs);
    return true;
  };
  g[KEY] = holder;
  messages.addListener(listener);
}

/** The core's, once it answers messages itself: the kept commands (none where no first part listened). */
export function takeHeldSaves(): HeldMessage[] {
  return (globalThis as Global)[KEY]?.stop() ?? [];
}

/** The frames part's, when the core could not be started: the kept commands are answered with a failure. */
export function failHeldSaves(error: string): void {
  (globalThis as Global)[KEY]?.fail(error);
}
