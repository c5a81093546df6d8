// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { SelectionUi, type SaveOutcome } from '../../../content/clip/selection-ui';
import type { Clipping } from '../../../model/clipping';
import { generateClippings } from '../../fixtures/generate-clippings';

const IDLE = 150;
const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

function setup(opts: { update?: (id: string, note: string, tags: string[]) => Promise<void>; undo?: (id: string) => Promise<void> } = {}) {
  document.body.innerHTML = '<p id="p">Zhipu AI released GLM-4.5 today.</p><input id="elsewhere">';
  const host = document.createElement('div');
  document.documentElement.appendChild(host);
  const uiRoot = host.attachShadow({ mode: 'open' });
  const update = vi.fn(opts.update ?? (async () => {}));
  const undo = vi.fn(opts.undo ?? (async () => {}));
  const ui = new SelectionUi({
    doc: document,
    uiRoot,
    isOwn: () => false,
    shadowRoots: () => [],
    save: async () => {
      throw new Error('not used');
    },
    update,
    undo,
    enabled: () => true,
    ensureHost: () => {},
    panelIdleMs: IDLE,
  });
  ui.attach();
  const range = document.createRange();
  range.selectNodeContents(document.getElementById('p')!);
  const clipping: Clipping = { ...generateClippings(1)[0]!, note: '', tags: [] };
  const outcome: SaveOutcome = { clipping, duplicate: false, range };
  const panel = () => uiRoot.querySelector('[role="dialog"]');
  const field = <T extends HTMLElement>(sel: string) => uiRoot.querySelector(sel) as T;
  /** Types into a field of the panel as a reader would (focus, keys, input). */
  const type = (sel: string, value: string) => {
    const el = field<HTMLInputElement>(sel);
    el.focus();
    el.dispatchEvent(new KeyboardEvent('keydown', { key: 'a', bubbles: true }));
    el.value = value;
    el.dispatchEvent(new InputEvent('input', { bubbles: true }));
  };
  /** Shows the panel and waits for it to put focus in the note field, as it does when it opens. */
  const open = async () => {
    ui.showPanel(outcome);
    await vi.waitFor(() => expect(uiRoot.activeElement?.tagName).toBe('TEXTAREA'), { timeout: IDLE / 2, interval: 5 });
  };
  const cleanup = () => {
    ui.detach();
    host.remove();
  };
  return { ui, uiRoot, update, undo, outcome, clipping, panel, field, type, open, cleanup };
}

let cleanup: (() => void) | undefined;
afterEach(() => {
  cleanup?.();
  cleanup = undefined;
});

/** Opens the panel with a failing save or undo and types a note in it: what the failure tests start from. */
async function openWithNote(opts: Parameters<typeof setup>[0]) {
  const t = setup(opts);
  cleanup = t.cleanup;
  await t.open();
  t.type('textarea', 'keep me');
  return t;
}

describe('the saved panel keeps what the reader typed', () => {
  it('closes by itself when left alone, and then saves the note and tags', async () => {
    const t = setup();
    cleanup = t.cleanup;
    await t.open();
    t.type('textarea', 'Entity List, January 2025');
    t.type('input', 'policy, export controls');
    // Focus leaves the panel (the reader tabbed out): the timeout starts counting.
    (document.getElementById('elsewhere') as HTMLInputElement).focus();
    await wait(IDLE * 3);
    expect(t.panel()).toBeNull();
    expect(t.update).toHaveBeenCalledTimes(1);
    expect(t.update).toHaveBeenCalledWith(t.clipping.id, 'Entity List, January 2025', ['policy', 'export controls']);
  });

  it('does not close by itself while the reader works in it', async () => {
    const t = setup();
    cleanup = t.cleanup;
    await t.open();
    t.type('textarea', 'half a thought');
    await wait(IDLE * 4);
    expect(t.panel()).not.toBeNull();
    expect(t.update).not.toHaveBeenCalled();
  });

  it('closes an untouched panel by itself, with nothing to save', async () => {
    const t = setup();
    cleanup = t.cleanup;
    await t.open();
    await wait(IDLE * 3);
    expect(t.panel()).toBeNull();
    expect(t.update).not.toHaveBeenCalled();
  });

  it('saves on Esc, on Done and when the page navigates, each once', async () => {
    for (const close of [
      (t: ReturnType<typeof setup>) => t.field('textarea').dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true })),
      (t: ReturnType<typeof setup>) => t.field<HTMLButtonElement>('.primary').click(),
      (t: ReturnType<typeof setup>) => t.ui.closePanel(),
    ]) {
      const t = setup();
      await t.open();
      t.type('textarea', 'a note');
      close(t);
      expect(t.panel()).toBeNull();
      await wait(IDLE * 2);
      expect(t.update.mock.calls).toEqual([[t.clipping.id, 'a note', []]]);
      t.cleanup();
    }
  });

  it('saves nothing after Undo', async () => {
    const t = setup();
    cleanup = t.cleanup;
    await t.open();
    t.type('textarea', 'never mind');
    t.field<HTMLButtonElement>('.undo').click();
    await wait(IDLE * 3);
    expect(t.undo).toHaveBeenCalledWith(t.clipping.id);
    expect(t.panel()).toBeNull();
    expect(t.update).not.toHaveBeenCalled();
  });

  it('stays open with what was typed and says why when Undo fails', async () => {
    const t = await openWithNote({
      undo: async () => {
        throw new Error('The extension was reloaded');
      },
    });
    t.field<HTMLButtonElement>('.undo').click();
    await wait(0);
    await wait(0);
    expect(t.panel()).not.toBeNull();
    expect(t.field<HTMLTextAreaElement>('textarea').value).toBe('keep me');
    expect(t.uiRoot.querySelector('[role="status"]')!.textContent).toMatch(/^Could not undo: /);
    // Closing it still saves the note (the clipping is still there).
    t.ui.closePanel();
    await wait(0);
    expect(t.update).toHaveBeenCalledWith(t.clipping.id, 'keep me', []);
  });

  it('comes back with the text and the reason when saving fails', async () => {
    let fail = true;
    const t = await openWithNote({
      update: async () => {
        if (fail) throw Object.assign(new Error('full'), { name: 'QuotaExceededError' });
      },
    });
    t.ui.closePanel();
    await wait(0);
    expect(t.panel()).not.toBeNull();
    expect(t.field<HTMLTextAreaElement>('textarea').value).toBe('keep me');
    expect(t.uiRoot.querySelector('[role="status"]')!.textContent).toMatch(/^Could not save: Your disk or browser storage is full/);
    fail = false;
    t.ui.closePanel();
    await wait(0);
    expect(t.panel()).toBeNull();
    expect(t.update).toHaveBeenLastCalledWith(t.clipping.id, 'keep me', []);
  });

  it('comes back once: a failure that lasts ends in a message, not a panel that keeps returning', async () => {
    const t = await openWithNote({
      update: async () => {
        throw new Error('This clipping no longer exists.');
      },
    });
    t.ui.closePanel();
    await wait(0);
    expect(t.panel()).not.toBeNull();
    // Focus elsewhere on the page: the idle time closes the panel again, and saving fails again.
    (document.getElementById('elsewhere') as HTMLInputElement).focus();
    await wait(IDLE * 4);
    expect(t.panel()).toBeNull();
    expect(t.uiRoot.querySelector('[role="alert"]')?.getAttribute('aria-label')).toMatch(/^Your note and tags could not be saved: /);
    await wait(IDLE * 4);
    expect(t.update).toHaveBeenCalledTimes(2);
  });
});

describe('what the save command says in the page when it cannot save', () => {
  it('says why next to a selection that cannot be clipped (text being edited), and saves nothing', async () => {
    const t = setup();
    cleanup = t.cleanup;
    const editable = document.createElement('div');
    editable.contentEditable = 'true';
    editable.textContent = 'My draft about Zhipu AI';
    document.body.appendChild(editable);
    const r = document.createRange();
    r.selectNodeContents(editable);
    getSelection()!.removeAllRanges();
    getSelection()!.addRange(r);
    const answer = await t.ui.saveSelection();
    expect(answer).toEqual({ saved: false, reason: 'Text you are editing cannot be clipped.' });
    expect(t.uiRoot.querySelector('[role="alert"]')?.getAttribute('aria-label')).toBe('Text you are editing cannot be clipped.');
    getSelection()!.removeAllRanges();
  });

  it('shows a notice at the top of the window when nothing is selected in any frame', () => {
    const t = setup();
    cleanup = t.cleanup;
    t.ui.showNotice('Select some text on the page first.');
    const alert = t.uiRoot.querySelector('[role="alert"]') as HTMLElement;
    expect(alert.textContent).toBe('Select some text on the page first.');
    expect((alert.parentElement as HTMLElement).style.top).toBe('12px');
  });
});
