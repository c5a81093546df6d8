/**
 * Whether a waiting frame's site switch is off, read from the stored settings without
 * their schema (the frames part carries no Zod). The core checks the settings in full
 * when it starts, and stops on a site that is off; this only spares such a frame the
 * core's injection and evaluation. Anything unexpected in the stored value counts as on.
 */
import { browser } from 'wxt/browser';
import { coveringSite } from '../model/sites';
import { hostOf } from '../model/url';
import { SETTINGS_KEY } from '../storage/keys';
import { switchAddresses } from './page-url';

/** Off: paused, or the site of one of `addresses` (the frame's own, then the pages it is framed in) is in the list of sites that are off. */
export function switchedOff(stored: unknown, addresses: readonly string[]): boolean {
  if (!stored || typeof stored !== 'object') return false;
  const { paused, disabledSites } = stored as { paused?: unknown; disabledSites?: unknown };
  if (paused === true) return true;
  if (!Array.isArray(disabledSites)) return false;
  const sites = disabledSites.filter((s): s is string => typeof s === 'string');
  return addresses.some((a) => {
    const host = hostOf(a);
    return host !== '' && coveringSite(sites, host) !== undefined;
  });
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
