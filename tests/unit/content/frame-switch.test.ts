/**
 * A waiting frame's site switch, read from the stored settings by the frames part (which
 * has no settings schema): the core is injected only where the switch is on.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { switchedOff, whenSwitchedOn } from '../../../content/frame-switch';
import { SETTINGS_KEY } from '../../../storage/keys';

const ad = 'https://ads.example.net/slot?id=3';
const page = 'https://www.news.example.com';

describe('switchedOff (the stored settings, read without their schema)', () => {
  it('is off when paused, or when the frame or a page it is framed in is on a site that is off', () => {
    expect(switchedOff({ paused: true, disabledSites: [] }, [ad, page])).toBe(true);
    expect(switchedOff({ paused: false, disabledSites: ['example.net'] }, [ad, page])).toBe(true);
    // The page's entry covers its subdomains, as in the core (www. aside).
    expect(switchedOff({ disabledSites: ['news.example.com'] }, [ad, page])).toBe(true);
    expect(switchedOff({ disabledSites: ['example.org'] }, [ad, page])).toBe(false);
    // An about:blank frame's own address has no site; its page's has.
    expect(switchedOff({ disabledSites: ['news.example.com'] }, ['about:blank', page])).toBe(true);
  });

  it('counts anything unexpected as on: the core checks the settings in full', () => {
    for (const stored of [undefined, null, 'off', { paused: 'yes' }, { disabledSites: 'example.net' }, { disabledSites: [3, null] }]) {
      expect(switchedOff(stored, [ad, page])).toBe(false);
    }
  });
});

describe('whenSwitchedOn', () => {
  beforeEach(() => fakeBrowser.reset());
  const settled = (p: Promise<void>) => {
    let done = false;
    void p.then(() => (done = true));
    return () => done;
  };
  const tick = () => new Promise((r) => setTimeout(r, 10));

  it('resolves at once where the switch is on, or nothing is stored', async () => {
    await whenSwitchedOn(() => [ad, page]);
    await fakeBrowser.storage.local.set({ [SETTINGS_KEY]: { paused: false, disabledSites: ['example.org'] } });
    await whenSwitchedOn(() => [ad, page]);
  });

  it('waits while the site is off, and resolves when the settings turn it on', async () => {
    await fakeBrowser.storage.local.set({ [SETTINGS_KEY]: { paused: false, disabledSites: ['news.example.com'] } });
    const done = settled(whenSwitchedOn(() => [ad, page]));
    await tick();
    expect(done()).toBe(false);
    // Another change that leaves it off: still waiting.
    await fakeBrowser.storage.local.set({ [SETTINGS_KEY]: { paused: true, disabledSites: [] } });
    await tick();
    expect(done()).toBe(false);
    await fakeBrowser.storage.local.set({ [SETTINGS_KEY]: { paused: false, disabledSites: [] } });
    await tick();
    expect(done()).toBe(true);
  });
});
