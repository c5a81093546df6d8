/**
 * The content script comes in two parts. The core (content/main.ts) is listed in the
 * manifest and finds and paints mentions; the rest (content/ui-main.ts: messages to and
 * from the background and the popup, the hover card, clipping, the page's saved
 * clippings, Preact, the interface strings) is a module the core imports once the first
 * mentions are painted. The browser compiles a listed script on the page's main thread,
 * in the task that injects it, so the core carries only what the first highlights need
 * (no classic Zod: model/zod-mini.ts). Both run in the same isolated world and meet here.
 */
import type { Highlighter } from './highlighter';
import type { PageScanner } from './scanner';
import type { Settings } from '../model/settings';

/** What the core lends the UI. */
export interface ContentCore {
  doc: Document;
  highlighter: Highlighter;
  /** The current scanner (undefined while the extension is off on this page). */
  scanner(): PageScanner | undefined;
  settings(): Settings;
  /** Whether the extension acts on this page now. */
  enabled(): boolean;
  pageUrl(): string;
  /** How the current scanner scans ('none' without one). */
  scanMode(): 'webassembly' | 'javascript' | 'none';
  /** The extension is still there (not reloaded, updated or removed under us). */
  alive(): boolean;
  /** The highlight name that briefly marks a place the reader jumped to. */
  focusName: string;
}

/** What the UI gives back. */
export interface ContentUi {
  /** Schedules a report of this page's state to the background (debounced). */
  report(): void;
  /** Asks the background to publish the matcher (none was stored). */
  ensureMatcher(): Promise<void>;
  /** Builds (or re-attaches) the in-page UI and starts reading this page's clippings. */
  ensure(): void;
  /** Takes the UI out of the page (the extension was turned off here). */
  remove(): void;
  /** After the scanner processed DOM changes: re-anchor clippings if needed. */
  onFlush(): void;
  /** Settings changed (the interface language, the script of Chinese names). */
  applySettings(settings: Settings): void;
  /** A new page in a single-page app: a new report, and this page's clippings again. */
  onNavigate(): void;
  /** The extension went away: stop listening for messages. */
  dispose(): void;
  /**
   * Its message listener, for a message that came before it was loaded
   * (content/messages-before-ui.ts): answers through `sendResponse`.
   */
  onMessage(raw: unknown, sender: unknown, sendResponse: (response: unknown) => void): true;
}

export type StartUi = (core: ContentCore) => ContentUi;

const KEY = Symbol.for('cnai-context.ui-slot');
type Slot = { [KEY]?: (start: StartUi) => void };

/** Core side: imports the UI module from `url` and starts it with `core`. */
export function loadUi(url: string, core: ContentCore): Promise<ContentUi> {
  return new Promise<ContentUi>((resolve, reject) => {
    let done = false;
    (globalThis as Slot)[KEY] = (start) => {
      delete (globalThis as Slot)[KEY];
      done = true;
      try {
        resolve(start(core));
      } catch (e) {
        reject(e);
      }
    };
    import(/* @vite-ignore */ url).then(
      () => {
        if (!done) reject(new Error('The in-page UI module did not start.'));
      },
      (e: unknown) => {
        delete (globalThis as Slot)[KEY];
        reject(e);
      },
    );
  });
}

/** UI side (the module's entry): hands its start function to the core that imported it. */
export function provideUi(start: StartUi): void {
  (globalThis as Slot)[KEY]?.(start);
}
