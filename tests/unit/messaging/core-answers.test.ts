import { describe, expect, it } from 'vitest';
import { parseEarlyAnswer } from '../../../messaging/client';
import { wasmFromScanEngineAnswer, worthFromAnswer } from '../../../messaging/core-answers';

// The content script's core checks these answers with Zod Mini; the protocol (classic Zod)
// is what the background's answers are built against. Both must agree.
const cases = [
  {
    type: 'page/scan-engine' as const,
    key: 'wasm' as const,
    mini: wasmFromScanEngineAnswer,
    answers: [
      { ok: true, data: { wasm: true } },
      { ok: true, data: { wasm: false } },
      { ok: true, data: { wasm: 'yes' } },
      { ok: true, data: { wasm: true, extra: 1 } },
      { ok: true, data: { worth: true } },
      { ok: 'true', data: { wasm: true } },
    ],
  },
  {
    type: 'frame/worth' as const,
    key: 'worth' as const,
    mini: worthFromAnswer,
    answers: [
      { ok: true, data: { worth: true } },
      { ok: true, data: { worth: false } },
      { ok: true, data: { worth: 1 } },
      { ok: true, data: { worth: true, wasm: true } },
      { ok: true, data: { wasm: true } },
    ],
  },
];
const common: unknown[] = [{ ok: false, error: 'The background is busy.' }, { ok: true, data: {} }, { ok: true }, { ok: false }, null, undefined, 'yes'];

describe.each(cases)('the $type answer in the content script core', ({ type, key, mini, answers }) => {
  it('accepts and refuses exactly what the message protocol does', async () => {
    for (const raw of [...answers, ...common]) {
      const classic = await parseEarlyAnswer(type, Promise.resolve(raw)).then(
        (r) => ({ value: (r as Record<string, boolean>)[key] }),
        (e: Error) => ({ error: e.message }),
      );
      let ours: { value: boolean } | { error: string };
      try {
        ours = { value: mini(raw) };
      } catch (e) {
        ours = { error: (e as Error).message };
      }
      expect('value' in ours, JSON.stringify(raw)).toBe('value' in classic);
      if ('value' in ours && 'value' in classic) expect(ours.value).toBe(classic.value);
    }
  });

  it('passes the background’s own error on, and names the request in a malformed one', () => {
    expect(() => mini({ ok: false, error: 'The background is busy.' })).toThrow('The background is busy.');
    expect(() => mini('yes')).toThrow(`Malformed response to ${type}`);
  });
});
