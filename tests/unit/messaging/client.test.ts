import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { askBackground } from '../../../messaging/client';

describe('askBackground', () => {
  afterEach(() => {
    vi.restoreAllMocks();
    fakeBrowser.reset();
  });

  it('sends again when an attempt gets no answer at all (a worker stopped mid-message)', async () => {
    const send = vi
      .spyOn(fakeBrowser.runtime, 'sendMessage')
      .mockImplementationOnce(() => new Promise(() => {}))
      .mockImplementationOnce(async () => ({ ok: true, data: null }));
    await expect(askBackground({ type: 'kb/mute', id: 'cac', muted: true }, 3, 20)).resolves.toBeNull();
    expect(send).toHaveBeenCalledTimes(2);
  });

  it('sends again after a transport error, and gives up with a clear message', async () => {
    const send = vi.spyOn(fakeBrowser.runtime, 'sendMessage').mockImplementation(() => new Promise(() => {}));
    await expect(askBackground({ type: 'kb/mute', id: 'cac', muted: true }, 2, 20)).rejects.toThrow(/did not answer/);
    expect(send).toHaveBeenCalledTimes(2);
    send.mockReset();
    send.mockRejectedValueOnce(new Error('Could not establish connection. Receiving end does not exist.')).mockResolvedValueOnce({ ok: true, data: null });
    await expect(askBackground({ type: 'kb/mute', id: 'cac', muted: true }, 3, 20)).resolves.toBeNull();
    expect(send).toHaveBeenCalledTimes(2);
  });

  it('does not retry an answer that says no', async () => {
    const send = vi.spyOn(fakeBrowser.runtime, 'sendMessage').mockResolvedValue({ ok: false, error: 'Unknown entity' });
    await expect(askBackground({ type: 'kb/mute', id: 'cac', muted: true }, 3, 20)).rejects.toThrow('Unknown entity');
    expect(send).toHaveBeenCalledTimes(1);
  });
});
