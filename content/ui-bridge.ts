/**
 * The content script comes in two parts. The core (content/main.ts) is listed in the
 * manifest and finds and paints mentions; the in-page UI (content/ui-main.ts: hover card,
 * clipping, the page's saved clippings, Preact, the interface strings) is a module the core
 * imports once the first mentions are painted, so that the browser compiles less before
 * the first highlights. Both run in the same isolated world and meet here.
 */
import type { Highlighter } from './highlighter';
import type { PageScanner } from './scanner';
import type { Settings } from '../model/settings';
import type { ContentResponse } from '../messaging/protocol';

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
  /** Schedules a report of this page's state to the background. */
  report(): void;
  /** The highlight name that briefly marks a place the reader jumped to. */
  focusName: string;
}

/** What the UI gives back. */
export interface ContentUi {
  /** Builds (or re-attaches) the in-page UI and starts reading this page's clippings. */
  ensure(): void;
  /** Takes the UI out of the page (the extension was turned off here). */
  remove(): void;
  /** Clippings anchored and not found on this page (for the report). */
  clippingIds(): { anchored: string[]; orphaned: string[] };
  /** After the scanner processed DOM changes: re-anchor clippings if needed. */
  onFlush(): void;
  /** Settings changed (the interface language). */
  applySettings(settings: Settings): void;
  navigate(direction: 'next' | 'prev'): boolean;
  saveSelection(): Promise<ContentResponse<'content/save-selection'>>;
  /** Scrolls to a clipping of this page and marks it briefly (once this page's clippings are read). */
  showClipping(id: string): Promise<boolean>;
  /** A new page in a single-page app: this page's clippings again. */
  reloadClippings(): Promise<void>;
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
