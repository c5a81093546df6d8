import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { scanEngineRequest, sendEarlyRequests, takeEarlyRequests } from '../../../content/early-requests';
import { parseEarlyAnswer } from '../../../messaging/client';
import { BackgroundRequestSchemas, MessageError } from '../../../messaging/protocol';
import { MATCHER_STORAGE_KEY, SETTINGS_KEY } from '../../../storage/keys';

describe("the content script loader's early requests", () => {
  beforeEach(() => {
    fakeBrowser.reset();
    vi.stubGlobal('location', { href: 'https://news.example.com/a?b=1' });
  });
  afterEach(() => {
    takeEarlyRequests();
    vi.unstubAllGlobals();
  });

  it('sends a scan-engine request that the protocol accepts (the loader has no Zod to check it)', () => {
    expect(BackgroundRequestSchemas['page/scan-engine'].parse(scanEngineRequest('https://news.example.com/a'))).toEqual({
      type: 'page/scan-engine',
      url: 'https://news.example.com/a',
    });
  });

  it('hands the storage read and the raw answer over once, and the answer is validated', async () => {
    await fakeBrowser.storage.local.set({ [MATCHER_STORAGE_KEY]: { format: 'x' }, [SETTINGS_KEY]: { hoverDelayMs: 300 }, other: 1 });
    const seen: unknown[] = [];
    fakeBrowser.runtime.onMessage.addListener((msg: unknown) => {
      seen.push(msg);
      return Promise.resolve({ ok: true, data: { wasm: true } });
    });
    sendEarlyRequests();
    const early = takeEarlyRequests()!;
    expect(takeEarlyRequests()).toBeUndefined();
    expect(await early.stored).toEqual({ [MATCHER_STORAGE_KEY]: { format: 'x' }, [SETTINGS_KEY]: { hoverDelayMs: 300 } });
    expect(await parseEarlyAnswer('page/scan-engine', early.scanEngine)).toEqual({ wasm: true });
    expect(seen).toEqual([{ type: 'page/scan-engine', url: 'https://news.example.com/a?b=1' }]);
    expect(early.storageChanged()).toBe(false);
  });

  it('rejects a malformed answer with a clear message', async () => {
    fakeBrowser.runtime.onMessage.addListener(() => Promise.resolve({ ok: true, data: { wasm: 'yes' } }));
    sendEarlyRequests();
    const early = takeEarlyRequests()!;
    await expect(parseEarlyAnswer('page/scan-engine', early.scanEngine)).rejects.toThrow(MessageError);
    await expect(parseEarlyAnswer('page/scan-engine', early.scanEngine)).rejects.toThrow(/Invalid response to page\/scan-engine/);
  });

  it('says when storage changed the matcher or the settings after the read went out', async () => {
    sendEarlyRequests();
    const early = takeEarlyRequests()!;
    await fakeBrowser.storage.local.set({ unrelated: 1 });
    await fakeBrowser.storage.session.set({ [SETTINGS_KEY]: 1 });
    expect(early.storageChanged()).toBe(false);
    sendEarlyRequests();
    const next = takeEarlyRequests()!;
    await fakeBrowser.storage.local.set({ [SETTINGS_KEY]: { hoverDelayMs: 100 } });
    expect(next.storageChanged()).toBe(true);
  });
});
