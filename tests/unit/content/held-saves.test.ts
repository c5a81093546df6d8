/**
 * A save command that reaches a waiting frame before its core listens (content/held-saves.ts)
 * is kept for the core, which answers it once it has read the settings (deliverHeld, in
 * messages-before-ui.test.ts).
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { declinesSave, failHeldSaves, holdSavesForCore, takeHeldSaves, type SendResponse } from '../../../content/held-saves';

type Listener = (raw: unknown, sender: unknown, sendResponse: SendResponse) => true | undefined;

function fakeMessages() {
  const listeners = new Set<Listener>();
  return {
    listeners,
    addListener: (l: Listener) => void listeners.add(l),
    removeListener: (l: Listener) => void listeners.delete(l),
    /** What the browser does: every listener sees the message; true keeps the channel open. */
    send(raw: unknown, sendResponse: SendResponse = () => {}) {
      return [...listeners].map((l) => l(raw, { id: 'ext' }, sendResponse));
    },
  };
}

function fakeDoc(selected: { value: boolean }) {
  return { getSelection: () => ({ isCollapsed: !selected.value }) } as unknown as Document;
}

const save = { type: 'content/save-selection' };

afterEach(() => {
  takeHeldSaves();
  vi.useRealTimers();
});

describe('save commands kept for a frame’s core', () => {
  it('keeps a save command that finds a selection here, and nothing else', () => {
    const messages = fakeMessages();
    const selected = { value: false };
    holdSavesForCore(fakeDoc(selected), messages);
    // No selection in this frame: another frame has it, as before.
    expect(messages.send(save)).toEqual([undefined]);
    selected.value = true;
    expect(messages.send({ type: 'content/counts' })).toEqual([undefined]);
    expect(messages.send(null)).toEqual([undefined]);
    expect(messages.send(save)).toEqual([true]);
    const held = takeHeldSaves();
    expect(held.map((m) => m.raw)).toEqual([save]);
    // Taken: the frames part no longer listens, and a second take finds nothing.
    expect(messages.listeners.size).toBe(0);
    expect(takeHeldSaves()).toEqual([]);
  });

  it('listens once per world, however often the frames part starts', () => {
    const messages = fakeMessages();
    holdSavesForCore(fakeDoc({ value: true }), messages);
    holdSavesForCore(fakeDoc({ value: true }), messages);
    expect(messages.listeners.size).toBe(1);
  });

  it('answers kept commands with a failure when no core comes, and when the start fails', async () => {
    vi.useFakeTimers();
    const messages = fakeMessages();
    holdSavesForCore(fakeDoc({ value: true }), messages, 1000);
    const late = vi.fn();
    messages.send(save, late);
    vi.advanceTimersByTime(999);
    expect(late).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(late).toHaveBeenCalledWith({ ok: false, error: expect.stringContaining('did not start') });
    // Still listening: a core may come yet.
    const failed = vi.fn();
    messages.send(save, failed);
    failHeldSaves('The extension could not start in this frame.');
    expect(failed).toHaveBeenCalledWith({ ok: false, error: 'The extension could not start in this frame.' });
    expect(late).toHaveBeenCalledTimes(1);
    expect(takeHeldSaves()).toEqual([]);
  });

  it('declines a save command only where nothing is selected', () => {
    expect(declinesSave(save, fakeDoc({ value: false }))).toBe(true);
    expect(declinesSave(save, fakeDoc({ value: true }))).toBe(false);
    expect(declinesSave({ type: 'content/counts' }, fakeDoc({ value: false }))).toBe(false);
    expect(declinesSave(undefined, fakeDoc({ value: false }))).toBe(false);
    // A malformed one is left to the listener that checks it (and answers with its error).
    expect(declinesSave({ type: 'content/save-selection', force: true }, fakeDoc({ value: false }))).toBe(false);
  });

  it('is nothing where no earlier part listens', () => {
    expect(takeHeldSaves()).toEqual([]);
    expect(() => failHeldSaves('x')).not.toThrow();
  });
});
