import { useLayoutEffect, useState } from 'preact/hooks';
import { applyDisplaySettings } from '../i18n';
import { DEFAULT_SETTINGS, type Settings } from '../model/settings';
import { readSettings, watchSettings } from '../storage/settings';

let early: Promise<Settings> | undefined;

/**
 * Starts reading the settings before the first render (an entry point calls it before
 * `render`). Pages paint nothing until they have them, since they choose the language;
 * read from the hook's effect, they cost the popup a frame plus a storage round trip.
 */
export function preloadSettings(): void {
  if (early) return;
  early = readSettings();
  // Handled by the hook; this only keeps an unused failed read from being reported.
  early.catch(() => undefined);
}

/** The current settings, kept live; also applies the interface language. */
export function useSettings(): Settings | undefined {
  const [settings, setSettings] = useState<Settings>();
  // A layout effect runs right after the first render; Preact runs useEffect a frame later.
  useLayoutEffect(() => {
    let changed = false;
    const apply = (s: Settings) => {
      // No page here (popup, library): the browser's languages decide 'auto'.
      document.documentElement.lang = applyDisplaySettings(s);
      setSettings(s);
    };
    const read = early ?? readSettings();
    early = undefined;
    // A change seen by the watcher is newer than a read that started before it.
    void read.then(
      (s) => !changed && apply(s),
      () => !changed && apply(DEFAULT_SETTINGS),
    );
    const unwatch = watchSettings((s) => {
      changed = true;
      apply(s);
    });
    return unwatch;
  }, []);
  return settings;
}
