// @vitest-environment happy-dom
/**
 * useSettings: the page's first render gets settings read before it (preloadSettings), and
 * a change the watcher sees is never overwritten by an older read that resolves after it.
 */
import { h, render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_SETTINGS, type Settings } from '../../../model/settings';

const reads: ((s: Settings) => void)[] = [];
const watchers: ((s: Settings) => void)[] = [];
vi.mock('../../../storage/settings', () => ({
  readSettings: vi.fn(() => new Promise<Settings>((resolve) => reads.push(resolve))),
  watchSettings: vi.fn((cb: (s: Settings) => void) => {
    watchers.push(cb);
    return () => watchers.splice(watchers.indexOf(cb), 1);
  }),
}));

const { preloadSettings, useSettings } = await import('../../../components/useSettings');
const storage = await import('../../../storage/settings');

let seen: (Settings | undefined)[] = [];
function Probe() {
  seen.push(useSettings());
  return null;
}

describe('useSettings', () => {
  let root: HTMLElement;
  beforeEach(() => {
    reads.length = 0;
    watchers.length = 0;
    seen = [];
    vi.mocked(storage.readSettings).mockClear();
    root = document.createElement('div');
    document.body.append(root);
  });
  afterEach(() => {
    render(null, root);
    root.remove();
  });

  it('uses the read started before the first render, once', async () => {
    preloadSettings();
    expect(storage.readSettings).toHaveBeenCalledTimes(1);
    await act(() => render(h(Probe, {}), root));
    // Subscribed right after the first render, without a second read.
    expect(watchers).toHaveLength(1);
    expect(storage.readSettings).toHaveBeenCalledTimes(1);
    await act(async () => reads[0]!({ ...DEFAULT_SETTINGS, language: 'zh-CN' }));
    expect(seen.at(-1)?.language).toBe('zh-CN');
    expect(document.documentElement.lang).toBe('zh-CN');
    // A later mount reads afresh.
    render(null, root);
    await act(() => render(h(Probe, {}), root));
    expect(storage.readSettings).toHaveBeenCalledTimes(2);
  });

  it('keeps a change the watcher saw over an older read that resolves later', async () => {
    await act(() => render(h(Probe, {}), root));
    expect(reads).toHaveLength(1);
    await act(async () => watchers[0]!({ ...DEFAULT_SETTINGS, paused: true }));
    await act(async () => reads[0]!({ ...DEFAULT_SETTINGS, paused: false }));
    expect(seen.at(-1)?.paused).toBe(true);
  });
});
