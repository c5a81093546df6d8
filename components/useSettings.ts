import { useEffect, useState } from 'preact/hooks';
import { resolveLanguage, setLanguage } from '../i18n';
import { DEFAULT_SETTINGS, type Settings } from '../model/settings';
import { readSettings, watchSettings } from '../storage/settings';

/** The current settings, kept live; also applies the interface language. */
export function useSettings(): Settings | undefined {
  const [settings, setSettings] = useState<Settings>();
  useEffect(() => {
    const apply = (s: Settings) => {
      setLanguage(resolveLanguage(s.language));
      document.documentElement.lang = resolveLanguage(s.language);
      setSettings(s);
    };
    void readSettings().then(apply, () => apply(DEFAULT_SETTINGS));
    return watchSettings(apply);
  }, []);
  return settings;
}
