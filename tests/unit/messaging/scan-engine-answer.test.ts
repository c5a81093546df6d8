import { describe, expect, it } from 'vitest';
import { parseEarlyAnswer } from '../../../messaging/client';
import { wasmFromScanEngineAnswer } from '../../../messaging/scan-engine-answer';
import { worthFromAnswer } from '../../../messaging/frame-worth-answer';

// The content script's core checks this one answer with Zod Mini; the protocol (classic
// Zod) is what the background's answer is built against. Both must agree.
const answers: unknown[] = [
  { ok: true, data: { wasm: true } },
  { ok: true, data: { wasm: false } },
  { ok: false, error: 'The background is busy.' },
  { ok: true, data: { wasm: 'yes' } },
  { ok: true, data: { wasm: true, extra: 1 } },
  { ok: true, data: {} },
  { ok: true },
  { ok: 'true', data: { wasm: true } },
  { ok: false },
  null,
  undefined,
  'wasm',
];

describe('the scan-engine answer in the content script core', () => {
  it('accepts and refuses exactly what the message protocol does', async () => {
    for (const raw of answers) {
      const classic = await parseEarlyAnswer('page/scan-engine', Promise.resolve(raw)).then(
        (r) => ({ wasm: r.wasm }),
        (e: Error) => ({ error: e.message }),
      );
      let mini: { wasm: boolean } | { error: string };
      try {
        mini = { wasm: wasmFromScanEngineAnswer(raw) };
      } catch (e) {
        mini = { error: (e as Error).message };
      }
      expect('wasm' in mini, JSON.stringify(raw)).toBe('wasm' in classic);
      if ('wasm' in mini && 'wasm' in classic) expect(mini.wasm).toBe(classic.wasm);
    }
  });

  it('passes the background’s own error on', () => {
    expect(() => wasmFromScanEngineAnswer({ ok: false, error: 'The background is busy.' })).toThrow('The background is busy.');
  });
});

describe('the frame-worth answer in the content script core', () => {
  const worthAnswers: unknown[] = [
    { ok: true, data: { worth: true } },
    { ok: true, data: { worth: false } },
    { ok: false, error: 'The background is busy.' },
    { ok: true, data: { worth: 1 } },
    { ok: true, data: { worth: true, wasm: true } },
    { ok: true, data: {} },
    { ok: true },
    null,
    'worth',
  ];

  it('accepts and refuses exactly what the message protocol does', async () => {
    for (const raw of worthAnswers) {
      const classic = await parseEarlyAnswer('frame/worth', Promise.resolve(raw)).then(
        (r) => ({ worth: r.worth }),
        (e: Error) => ({ error: e.message }),
      );
      let mini: { worth: boolean } | { error: string };
      try {
        mini = { worth: worthFromAnswer(raw) };
      } catch (e) {
        mini = { error: (e as Error).message };
      }
      expect('worth' in mini, JSON.stringify(raw)).toBe('worth' in classic);
      if ('worth' in mini && 'worth' in classic) expect(mini.worth).toBe(classic.worth);
    }
  });
});
