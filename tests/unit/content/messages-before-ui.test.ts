import { describe, expect, it, vi } from 'vitest';
import { deliverHeld, messagesBeforeUi } from '../../../content/messages-before-ui';
import type { ContentUi } from '../../../content/ui-bridge';

function fakeUi(): ContentUi & { seen: unknown[] } {
  const seen: unknown[] = [];
  const noop = () => {};
  return {
    seen,
    report: noop,
    ensureMatcher: async () => {},
    ensure: noop,
    remove: noop,
    onFlush: noop,
    applySettings: noop,
    onNavigate: noop,
    dispose: noop,
    onMessage(raw, _sender, sendResponse) {
      seen.push(raw);
      sendResponse({ ok: true, data: { saved: true } });
      return true;
    },
  };
}

/** A document with text selected, or not. */
const docWith = (selected: boolean) => ({ getSelection: () => ({ isCollapsed: !selected }) }) as unknown as Document;
const doc = docWith(true);

describe('messages before the second part is loaded', () => {
  it('loads it and hands it the message, which it answers', async () => {
    const ui = fakeUi();
    let loaded: ContentUi | undefined;
    const load = vi.fn(async () => (loaded = ui));
    const listen = messagesBeforeUi({ loaded: () => loaded, load, answering: () => true, doc });
    const answer = new Promise((resolve) => expect(listen({ type: 'content/save-selection' }, {}, resolve)).toBe(true));
    await expect(answer).resolves.toEqual({ ok: true, data: { saved: true } });
    expect(ui.seen).toEqual([{ type: 'content/save-selection' }]);
    expect(load).toHaveBeenCalledTimes(1);
  });

  it('stands aside once the second part is there (its own listener answers), so nothing is answered twice', () => {
    const ui = fakeUi();
    const load = vi.fn(async () => ui);
    const listen = messagesBeforeUi({ loaded: () => ui, load, answering: () => true, doc });
    const sendResponse = vi.fn();
    expect(listen({ type: 'content/counts' }, {}, sendResponse)).toBeUndefined();
    expect(load).not.toHaveBeenCalled();
    expect(ui.seen).toEqual([]);
    expect(sendResponse).not.toHaveBeenCalled();
  });

  it('does not answer where the extension is off on the page (or before the settings are read)', () => {
    const load = vi.fn(async () => fakeUi());
    const listen = messagesBeforeUi({ loaded: () => undefined, load, answering: () => false, doc });
    const sendResponse = vi.fn();
    expect(listen({ type: 'content/save-selection' }, {}, sendResponse)).toBeUndefined();
    expect(load).not.toHaveBeenCalled();
    expect(sendResponse).not.toHaveBeenCalled();
  });

  it('does not answer a save command with nothing selected here (another frame may have the selection), nor load anything for it', () => {
    const load = vi.fn(async () => fakeUi());
    const listen = messagesBeforeUi({ loaded: () => undefined, load, answering: () => true, doc: docWith(false) });
    const sendResponse = vi.fn();
    expect(listen({ type: 'content/save-selection' }, {}, sendResponse)).toBeUndefined();
    expect(load).not.toHaveBeenCalled();
    // Other messages are answered as before.
    expect(listen({ type: 'content/counts' }, {}, sendResponse)).toBe(true);
  });

  it('answers with a failure when the second part cannot be loaded, so the sender does not wait for ever', async () => {
    const listen = messagesBeforeUi({ loaded: () => undefined, load: () => Promise.reject(new Error('blocked')), answering: () => true, doc });
    const answer = new Promise((resolve) => listen({ type: 'content/navigate', direction: 'next' }, {}, resolve));
    await expect(answer).resolves.toMatchObject({ ok: false, error: expect.stringContaining('could not be loaded') });
  });
});

const save = { type: 'content/save-selection' };

describe('deliverHeld (the core takes the kept commands once the settings are read)', () => {
  it('loads the second part and lets it answer each kept command', async () => {
    const ui = fakeUi();
    let loaded: ContentUi | undefined;
    const load = vi.fn(async () => (loaded = ui));
    const answers: unknown[] = [];
    const done = new Promise<void>((resolve) => {
      deliverHeld({ loaded: () => loaded, load, answering: () => true, doc }, [
        { raw: save, sender: {}, sendResponse: (r) => answers.push(r) },
        { raw: save, sender: {}, sendResponse: (r) => (answers.push(r), resolve()) },
      ]);
    });
    await done;
    expect(answers).toEqual([{ ok: true, data: { saved: true } }, { ok: true, data: { saved: true } }]);
    expect(ui.seen).toEqual([save, save]);
  });

  it('hands them straight to a second part already loaded', () => {
    const ui = fakeUi();
    const load = vi.fn(async () => ui);
    const sendResponse = vi.fn();
    deliverHeld({ loaded: () => ui, load, answering: () => true, doc }, [{ raw: save, sender: {}, sendResponse }]);
    expect(load).not.toHaveBeenCalled();
    expect(sendResponse).toHaveBeenCalledWith({ ok: true, data: { saved: true } });
  });

  it('answers with a failure that says so where the extension is off (the commands were promised an answer)', () => {
    const load = vi.fn(async () => fakeUi());
    const sendResponse = vi.fn();
    deliverHeld({ loaded: () => undefined, load, answering: () => false, doc }, [{ raw: save, sender: {}, sendResponse }]);
    expect(load).not.toHaveBeenCalled();
    expect(sendResponse).toHaveBeenCalledWith({ ok: false, error: 'The extension is off on this page.' });
  });
});
