/** Reader settings, applied live to open tabs (through browser.storage.onChanged). */
import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { t, tn, type MessageKey } from '../../i18n';
import { ENTITY_KINDS, type EntityKind } from '../../kb/schema';
import { DEFAULT_COLORS, type Settings } from '../../model/settings';
import { coveringSite, normalizeSite } from '../../model/sites';
import { db } from '../../storage/db';
import { clearHistory } from '../../storage/history';
import { updateSettings } from '../../storage/settings';
import { kindPlural } from '../relations';

/** WCAG contrast ratio between two colours. */
export function contrast(a: string, b: string): number {
  const lum = (hex: string) => {
    const n = Number.parseInt(hex.slice(1), 16);
    const ch = [(n >> 16) & 255, (n >> 8) & 255, n & 255].map((v) => {
      const c = v / 255;
      return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * ch[0]! + 0.7152 * ch[1]! + 0.0722 * ch[2]!;
  };
  const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p);
  return (x! + 0.05) / (y! + 0.05);
}

export function SettingsView({ settings }: { settings: Settings }) {
  const [status, setStatus] = useState('');
  const [site, setSite] = useState('');
  const [siteError, setSiteError] = useState('');
  const [delayError, setDelayError] = useState('');
  const [historyCount, setHistoryCount] = useState<number>();
  const [historySites, setHistorySites] = useState<string[]>([]);
  const [clearSite, setClearSite] = useState('');
  const [commands, setCommands] = useState<{ name?: string; shortcut?: string }[]>([]);
  const save = async (patch: Partial<Settings>) => {
    try {
      await updateSettings(patch);
      setStatus(t('set.saved'));
    } catch (e) {
      setStatus(e instanceof Error ? e.message : String(e));
    }
  };
  const refreshHistory = async () => {
    setHistoryCount(await db().history.count());
    setHistorySites(((await db().history.orderBy('site').uniqueKeys()) as string[]).filter(Boolean));
  };
  useEffect(() => {
    void refreshHistory();
    void browser.commands?.getAll().then(setCommands, () => setCommands([]));
  }, []);

  /** Adds what the reader typed as the host name pages are compared by (model/sites.ts), or says why not. */
  const addSite = () => {
    if (!site.trim()) return;
    const entry = normalizeSite(site);
    if (!entry.ok) {
      setSiteError(entry.reason === 'scheme' ? t('set.siteScheme') : entry.reason === 'wildcard' ? t('set.siteWildcard') : t('set.siteInvalid', { input: site.trim() }));
      return;
    }
    const covered = coveringSite(settings.disabledSites, entry.host);
    if (covered) {
      setSiteError(t('set.siteCovered', { site: covered }));
      return;
    }
    setSiteError('');
    void save({ disabledSites: [...settings.disabledSites, entry.host].sort() });
    setSite('');
  };

  return (
    <div class="settings-view">
      <section class="panel" aria-labelledby="set-highlighting">
        <h2 id="set-highlighting">{t('set.highlighting')}</h2>
        <label class="check">
          <input type="checkbox" checked={settings.paused} onChange={(e) => void save({ paused: (e.target as HTMLInputElement).checked })} />
          {t('set.paused')}
        </label>
        <fieldset>
          <legend>{t('set.kinds')}</legend>
          <div class="checks">
            {ENTITY_KINDS.map((k) => (
              <label key={k} class="check">
                <input type="checkbox" checked={settings.kinds[k]} onChange={(e) => void save({ kinds: { ...settings.kinds, [k]: (e.target as HTMLInputElement).checked } })} />
                {kindPlural(k)}
              </label>
            ))}
          </div>
        </fieldset>
        <fieldset>
          <legend>{t('set.colors')}</legend>
          <div class="color-grid">
            {ENTITY_KINDS.map((k) => (
              <ColorRow key={k} kind={k} value={settings.colors[k]} onChange={(v) => void save({ colors: { ...settings.colors, [k]: v } })} />
            ))}
          </div>
          <button type="button" class="secondary" onClick={() => void save({ colors: { ...DEFAULT_COLORS } })}>
            {t('set.resetColors')}
          </button>
        </fieldset>
        <label class="field narrow">
          <span>{t('set.hoverDelay')}</span>
          <input
            type="number"
            min={0}
            max={3000}
            step={50}
            value={settings.hoverDelayMs}
            aria-invalid={delayError ? true : undefined}
            aria-describedby={delayError ? 'delay-error' : undefined}
            onChange={(e) => {
              const input = e.target as HTMLInputElement;
              const v = Math.round(Number(input.value));
              // A value out of range (or a cleared field, which Number reads as 0) was dropped
              // without a word while the field kept showing it: say so, and show the one in use.
              if (input.value.trim() !== '' && Number.isFinite(v) && v >= 0 && v <= 3000) {
                setDelayError('');
                void save({ hoverDelayMs: v });
              } else {
                setDelayError(t('set.hoverDelayInvalid', { input: input.value.trim(), ms: String(settings.hoverDelayMs) })); // written as in the field above it
                input.value = String(settings.hoverDelayMs);
              }
            }}
          />
        </label>
        {delayError && (
          <p id="delay-error" class="warn" role="alert">
            {delayError}
          </p>
        )}
      </section>

      <section class="panel" aria-labelledby="set-sites">
        <h2 id="set-sites">{t('set.sites')}</h2>
        <p class="muted">{t('set.sitesHelp')}</p>
        {settings.disabledSites.length === 0 ? (
          <p class="muted">{t('set.noSites')}</p>
        ) : (
          <ul class="site-list">
            {settings.disabledSites.map((s) => (
              <li key={s}>
                <span>{s}</span>
                {!normalizeSite(s).ok && <span class="warn">⚠ {t('set.siteNeverMatches')}</span>}
                <button type="button" class="link-button" onClick={() => void save({ disabledSites: settings.disabledSites.filter((x) => x !== s) })}>
                  {t('set.removeSite', { site: s })}
                </button>
              </li>
            ))}
          </ul>
        )}
        <form
          class="inline-row"
          onSubmit={(e) => {
            e.preventDefault();
            addSite();
          }}
        >
          <input
            type="text"
            aria-label={t('set.addSite')}
            placeholder={t('set.sitePlaceholder')}
            value={site}
            aria-invalid={siteError ? true : undefined}
            aria-describedby={siteError ? 'site-error' : undefined}
            onInput={(e) => {
              setSite((e.target as HTMLInputElement).value);
              setSiteError('');
            }}
          />
          <button type="submit" class="secondary">
            {t('set.addSite')}
          </button>
        </form>
        {siteError && (
          <p id="site-error" class="warn" role="alert">
            {siteError}
          </p>
        )}
      </section>

      <section class="panel" aria-labelledby="set-history">
        <h2 id="set-history">{t('set.history')}</h2>
        <label class="check">
          <input type="checkbox" checked={settings.historyEnabled} onChange={(e) => void save({ historyEnabled: (e.target as HTMLInputElement).checked })} />
          {t('set.historyOn')}
        </label>
        <p class="muted">{t('set.historyHelp')}</p>
        <p>{historyCount === undefined ? t('loading') : tn('set.historyCount', historyCount)}</p>
        <div class="inline-row">
          <select aria-label={t('set.clearSite')} value={clearSite} onChange={(e) => setClearSite((e.target as HTMLSelectElement).value)}>
            <option value="">{t('set.clearSite')}…</option>
            {historySites.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
          <button
            type="button"
            class="secondary"
            disabled={!clearSite}
            onClick={async () => {
              const n = await clearHistory(clearSite);
              setStatus(t('set.cleared', { n }));
              setClearSite('');
              await refreshHistory();
            }}
          >
            {t('set.clearSite')}
          </button>
          <button
            type="button"
            class="danger"
            onClick={async () => {
              const n = await clearHistory();
              setStatus(t('set.cleared', { n }));
              await refreshHistory();
            }}
          >
            {t('set.clearAll')}
          </button>
        </div>
      </section>

      <section class="panel" aria-labelledby="set-language">
        <h2 id="set-language">{t('set.language')}</h2>
        <select aria-label={t('set.language')} value={settings.language} onChange={(e) => void save({ language: (e.target as HTMLSelectElement).value as Settings['language'] })}>
          <option value="auto">{t('set.langAuto')}</option>
          <option value="en">English</option>
          <option value="zh-CN">简体中文</option>
          <option value="zh-TW">繁體中文</option>
        </select>
      </section>

      <section class="panel" aria-labelledby="set-chinese-script">
        <h2 id="set-chinese-script">{t('set.chineseScript')}</h2>
        <select
          aria-label={t('set.chineseScript')}
          value={settings.chineseScript}
          onChange={(e) => void save({ chineseScript: (e.target as HTMLSelectElement).value as Settings['chineseScript'] })}
        >
          <option value="auto">{t('set.scriptAuto')}</option>
          <option value="simplified">{t('set.scriptSimplified')}</option>
          <option value="traditional">{t('set.scriptTraditional')}</option>
        </select>
      </section>

      <section class="panel" aria-labelledby="set-shortcuts">
        <h2 id="set-shortcuts">{t('set.shortcuts')}</h2>
        <dl class="shortcut-list">
          {commands
            .filter((c) => c.name && !c.name.startsWith('_'))
            .map((c) => (
              <div key={c.name}>
                <dt>{t(`set.shortcut.${c.name}` as MessageKey)}</dt>
                <dd>{c.shortcut ? <kbd>{c.shortcut}</kbd> : <span class="warn">{t('set.unassigned')}</span>}</dd>
              </div>
            ))}
        </dl>
        <p class="muted">{t('set.shortcutsHelp')}</p>
        {import.meta.env.BROWSER !== 'firefox' && (
          <button type="button" class="secondary" onClick={() => void browser.tabs.create({ url: 'chrome://extensions/shortcuts' })}>
            {t('set.openShortcuts')}
          </button>
        )}
      </section>
      <p class="muted" role="status" aria-live="polite">
        {status}
      </p>
    </div>
  );
}

function ColorRow({ kind, value, onChange }: { kind: EntityKind; value: string; onChange: (v: string) => void }) {
  const weak = contrast(value, '#ffffff') < 2 || contrast(value, '#111111') < 2;
  const swatch = (bg: string, fg: string) => (
    <span class="swatch" style={{ background: bg, color: fg }}>
      <span style={{ background: `${value}4d` }}>DeepSeek-R1</span>
    </span>
  );
  return (
    <div class="color-row">
      <label>
        <input type="color" value={value} aria-label={t('set.colorFor', { kind: kindPlural(kind) })} onChange={(e) => onChange((e.target as HTMLInputElement).value)} />
        <span>{kindPlural(kind)}</span>
      </label>
      <span aria-label={t('set.preview')} class="previews">
        {swatch('#ffffff', '#1b1d22')}
        {swatch('#16181d', '#e8eaef')}
      </span>
      {weak && <span class="warn">⚠ {t(contrast(value, '#ffffff') < 2 ? 'set.lowContrast.light' : 'set.lowContrast.dark')}</span>}
    </div>
  );
}
