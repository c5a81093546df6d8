/**
 * Whether a waiting frame's site switch is off, read from the stored settings without
 * their schema (the frames part carries no Zod). The core checks the settings in full
 * when it starts, and stops on a site that is off; this only spares such a frame the
 * core's injection and evaluation. Anything unexpected in the stored value counts as on.
 */
import { browser } from 'wxt/browser';
import { isSwitchedOn, type SiteSwitch } from '../model/sites';
import { SETTINGS_KEY } from '../storage/keys';
import { switchAddresses } from './page-url';

/** The switch's two settings as stored, read leniently: what is not as expected counts as on. */
function siteSwitchOf(stored: unknown): SiteSwitch {
  const { paused, disabledSites } = (stored && typeof stored === 'object' ? stored : {}) as { paused?: unknown; disabledSites?: unknown };
  const sites = Array.isArray(disabledSites) ? disabledSites.filter((s): s is string => typeof s === 'string' && s !== '') : [];
  return { paused: paused === true, disabledSites: sites };
}

/** Off: paused, or the site of one of `addresses` (the frame's own, then the pages it is framed in) is in the list of sites that are off, as the core decides. */
export function switchedOff(stored: unknown, addresses: readonly string[]): boolean {
  return !isSwitchedOn(siteSwitchOf(stored), addresses);
}

/** Resolves at once where the switch is on, else once the settings turn it on. */
export function whenSwitchedOn(addresses: () => readonly string[] = switchAddresses): Promise<void> {
  return new Promise((resolve) => {
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      browser.storage.onChanged.removeListener(onChange);
      resolve();
    };
    // Listening first: a change while the first read travels is not missed.
    const onChange = (changes: Record<string, { newValue?: unknown }>, area: string) => {
      if (area === 'local' && SETTINGS_KEY in changes && !switchedOff(changes[SETTINGS_KEY]!.newValue, addresses())) finish();
    };
    browser.storage.onChanged.addListener(onChange);
    browser.storage.local.get(SETTINGS_KEY).then(
      (r) => {
        if (!switchedOff(r[SETTINGS_KEY], addresses())) finish();
      },
      finish,
    );
  });
}
