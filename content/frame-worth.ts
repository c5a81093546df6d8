/**
 * When a frame is worth a scan (content/frame-text.ts says why frames wait; the top
 * document has the core listed and never asks). A frame is once its text names
 * something, with every rule applied (the background, which has the matcher built,
 * answers from the frame's text), when it shows one of its page's clippings, when it
 * shows more text than is sent to ask (a widget full of prose) or text in a shadow root,
 * and when the reader selects something in it (to clip it).
 * Until then it reads and builds nothing, and asks again only when its text changes
 * (checked at most once per CHECK_MS, then less often after each "no", down to once per
 * MAX_CHECK_MS). A failed or malformed answer counts as yes.
 */
import { browser } from 'wxt/browser';
import { FRAME_TEXT_MAX } from '../messaging/frame-limits';
import { worthFromAnswer } from '../messaging/core-answers';
import { frameText, TOO_MUCH } from './frame-text';
import { hasSelection } from './held-saves';

const CHECK_MS = 250;
/** Each "no" doubles the wait before the next check, up to this: a ticker frame that names nothing asks rarely. */
const MAX_CHECK_MS = 2000;

/** Asks the background about a frame's text (the frame's page URL, for its clippings). */
export type AskWorth = (text: string, url: string) => Promise<boolean>;

export const askBackgroundWorth: AskWorth = async (text, url) =>
  worthFromAnswer(await browser.runtime.sendMessage({ type: 'frame/worth', url, text }));

export function whenWorthScanning(doc: Document, pageUrl: () => string, ask: AskWorth = askBackgroundWorth): Promise<void> {
  return new Promise((resolve) => {
    let done = false;
    let asked: string | undefined;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let checking = false;
    let delay = CHECK_MS;
    let again = false;
    const finish = () => {
      if (done) return;
      done = true;
      observer.disconnect();
      doc.removeEventListener('selectionchange', onSelection);
      clearTimeout(timer);
      resolve();
    };
    const check = async () => {
      if (done) return;
      if (checking) {
        again = true;
        return;
      }
      const text = frameText(doc, FRAME_TEXT_MAX);
      if (text === TOO_MUCH) return finish();
      if (text === '' || text === asked) return;
      asked = text;
      checking = true;
      const worth = await ask(text, pageUrl()).catch(() => true);
      checking = false;
      if (worth) return finish();
      delay = Math.min(delay * 2, MAX_CHECK_MS);
      if (again) {
        again = false;
        void check();
      }
    };
    const onSelection = () => {
      if (hasSelection(doc)) finish();
    };
    const observer = new MutationObserver(() => {
      if (timer) return;
      timer = setTimeout(() => {
        timer = undefined;
        void check();
      }, delay);
    });
    observer.observe(doc, { childList: true, subtree: true, characterData: true });
    doc.addEventListener('selectionchange', onSelection);
    // A selection made before this part ran (it runs at document_idle) fires no event.
    onSelection();
    void check();
  });
}
