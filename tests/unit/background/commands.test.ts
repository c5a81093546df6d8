/**
 * The keyboard commands say in the page when they find nothing to act on
 * (background/commands.ts): the save shortcut goes to every frame, and silence from all of
 * them means nothing is selected; the mention shortcuts move in the top document, and a tab
 * that counted no mention says so.
 */
import { describe, expect, it } from 'vitest';
import { noFrameAnswered, runNavigateCommand, runSaveCommand, type SendToTab } from '../../../background/commands';
import type { ContentRequest } from '../../../messaging/protocol';

function recorder(answer: (request: ContentRequest, frameId?: number) => Promise<unknown>) {
  const sent: [ContentRequest, number | undefined][] = [];
  const send: SendToTab = (request, frameId) => {
    sent.push([request, frameId]);
    return answer(request, frameId);
  };
  return { sent, send };
}

const save = { type: 'content/save-selection' };
const notice = { type: 'content/notice', notice: 'no-selection' };

describe('runSaveCommand', () => {
  it('leaves it to the frame that answered (it saved, or said why not)', async () => {
    const { sent, send } = recorder(async () => ({ ok: true, data: { saved: true } }));
    await expect(runSaveCommand(send)).resolves.toBe('answered');
    expect(sent).toEqual([[save, undefined]]);
  });

  it('tells the top document when no frame answered: nothing is selected anywhere', async () => {
    for (const silence of [async () => undefined, async () => Promise.reject(new Error('Could not establish connection. Receiving end does not exist.')), async () => Promise.reject(new Error('The message port closed before a response was received.'))]) {
      const { sent, send } = recorder((r) => (r.type === 'content/save-selection' ? silence() : Promise.resolve({ ok: true, data: null })));
      await expect(runSaveCommand(send)).resolves.toBe('nothing-selected');
      expect(sent).toEqual([
        [save, undefined],
        [notice, 0],
      ]);
    }
  });

  it('says nothing more when the send itself failed (the tab closed, the extension reloaded)', async () => {
    const { sent, send } = recorder(() => Promise.reject(new Error('No tab with id: 12.')));
    await expect(runSaveCommand(send)).resolves.toBe('failed');
    expect(sent).toEqual([[save, undefined]]);
  });

  it('does not fail when the top document cannot show the notice (no content script there)', async () => {
    const { send } = recorder(() => Promise.reject(new Error('Could not establish connection. Receiving end does not exist.')));
    await expect(runSaveCommand(send)).resolves.toBe('nothing-selected');
  });

  it('recognizes only the browser’s "nobody answered" errors', () => {
    expect(noFrameAnswered(new Error('Could not establish connection. Receiving end does not exist.'))).toBe(true);
    expect(noFrameAnswered('The message port closed before a response was received.')).toBe(true);
    expect(noFrameAnswered(new Error('Frame with ID 0 was removed.'))).toBe(false);
  });
});

describe('runNavigateCommand', () => {
  const moved = async () => ({ ok: true, data: { found: true } });
  const notFound = async () => ({ ok: true, data: { found: false } });

  it('moves in the top document, and says nothing more', async () => {
    const { sent, send } = recorder(moved);
    await expect(runNavigateCommand(send, 'next', async () => 3)).resolves.toBe('moved');
    expect(sent).toEqual([[{ type: 'content/navigate', direction: 'next' }, 0]]);
  });

  it('says there is no mention to move to when the whole tab counted none', async () => {
    const { sent, send } = recorder((r) => (r.type === 'content/navigate' ? notFound() : Promise.resolve({ ok: true, data: null })));
    await expect(runNavigateCommand(send, 'prev', async () => 0)).resolves.toBe('no-mentions');
    expect(sent).toEqual([
      [{ type: 'content/navigate', direction: 'prev' }, 0],
      [{ type: 'content/notice', notice: 'no-mentions' }, 0],
    ]);
  });

  it('says nothing when the mentions are elsewhere (in a frame, or all hidden), or the page did not answer (off there) or answered out of form', async () => {
    for (const [answer, count] of [
      [notFound, 4],
      [async () => undefined, 0],
      [async () => Promise.reject(new Error('Could not establish connection. Receiving end does not exist.')), 0],
      [async () => ({ ok: false, error: 'x' }), 0],
      // A malformed answer is checked like any other and counts as none.
      [async () => ({ ok: true, data: { found: 'no' } }), 0],
    ] as const) {
      const { sent, send } = recorder(answer);
      await expect(runNavigateCommand(send, 'next', async () => count)).resolves.toBe('stayed');
      expect(sent).toHaveLength(1);
    }
  });
});
