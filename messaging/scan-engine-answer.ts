/**
 * The background's answer to `page/scan-engine`, checked in the content script's core
 * before its first highlights: the same envelope and data as messaging/protocol.ts
 * (EnvelopeSchema, BackgroundResponseSchemas['page/scan-engine']), in Zod Mini so that the
 * core does not carry classic Zod (model/zod-mini.ts). A unit test keeps the two in step.
 */
import { z } from '../model/zod-mini';
import { lazySchema } from '../model/lazy-schema';

const AnswerSchema = lazySchema(() =>
  z.union([
    z.strictObject({ ok: z.literal(true), data: z.strictObject({ wasm: z.boolean() }) }),
    z.strictObject({ ok: z.literal(false), error: z.string() }),
  ]),
);

/** Whether the background allows WebAssembly on the page; throws on a malformed or failed answer. */
export function wasmFromScanEngineAnswer(raw: unknown): boolean {
  const r = AnswerSchema.safeParse(raw);
  if (!r.success) throw new Error(`Malformed response to page/scan-engine: ${r.error.issues.map((i) => i.message).join('; ')}`);
  if (!r.data.ok) throw new Error(r.data.error);
  return r.data.data.wasm;
}
