/**
 * What the keyboard commands do in a tab, where doing nothing would leave the reader
 * guessing whether the extension heard them.
 *
 * The save shortcut (Alt+Shift+S). The selection may be in any frame, so the command goes to
 * all of them, and a frame with nothing selected stays silent (content/held-saves.ts
 * `declinesSave`). Silence from every frame means nothing is selected anywhere: the top
 * document then says so in the page.
 *
 * The next / previous mention shortcuts move in the top document. Where the whole tab
 * counted no mention (frames included), the top document says there is none to move to.
 */
import { ContentResponseSchemas, parseResponse, type ContentRequest } from '../messaging/protocol';

/** Sends a request to the tab's frames (all of them without `frameId`); resolves with the first answer (messaging/client.ts sendToContent). */
export type SendToTab = (request: ContentRequest, frameId?: number) => Promise<unknown>;

/** A send that no frame answered: no listener there, or every listener stayed silent. */
export function noFrameAnswered(e: unknown): boolean {
  const m = e instanceof Error ? e.message : String(e);
  return /Receiving end does not exist|message port closed before a response/i.test(m);
}

/** 'answered': some frame took the command (saved, or said why not); 'nothing-selected': none had a selection, and the page was told. */
export async function runSaveCommand(send: SendToTab): Promise<'answered' | 'nothing-selected' | 'failed'> {
  let answer: unknown;
  try {
    answer = await send({ type: 'content/save-selection' });
  } catch (e) {
    if (!noFrameAnswered(e)) return 'failed';
  }
  if (answer !== undefined) return 'answered';
  // The top document only: the notice is placed in the window, not in a frame.
  await send({ type: 'content/notice', notice: 'no-selection' }, 0).catch(() => {});
  return 'nothing-selected';
}

/**
 * Next / previous mention. `mentionsInTab`: the tab's mentions as its frames reported them
 * (a frame's mentions are not the top document's to move to, so only none at all is said).
 */
export async function runNavigateCommand(send: SendToTab, direction: 'next' | 'prev', mentionsInTab: () => Promise<number>): Promise<'moved' | 'no-mentions' | 'stayed'> {
  let found: boolean;
  try {
    const raw = await send({ type: 'content/navigate', direction }, 0);
    ({ found } = parseResponse(raw, ContentResponseSchemas['content/navigate'], 'content/navigate'));
  } catch {
    // No answer (off there, no content script), a failure, or a malformed answer: nothing to add.
    return 'stayed';
  }
  if (found) return 'moved';
  if ((await mentionsInTab().catch(() => 1)) > 0) return 'stayed';
  await send({ type: 'content/notice', notice: 'no-mentions' }, 0).catch(() => {});
  return 'no-mentions';
}
