/**
 * The background's answers that the content script's core reads before its first
 * highlights (`page/scan-engine`) or before it starts in a frame (`frame/worth`): the same
 * envelope and data as messaging/protocol.ts (EnvelopeSchema, BackgroundResponseSchemas),
 * in Zod Mini so that the core does not carry classic Zod (model/zod-mini.ts). A unit
 * test keeps the two in step.
 */
import { z } from '../model/zod-mini';
import { lazySchema } from '../model/lazy-schema';

/** A reader of one answer: its data, or a throw on a malformed or failed answer. */
function answerReader<T>(type: string, data: () => z.ZodMiniType<T>): (raw: unknown) => T {
  const schema = lazySchema(() =>
    z.union([z.strictObject({ ok: z.literal(true), data: data() }), z.strictObject({ ok: z.literal(false), error: z.string() })]),
  );
  return (raw) => {
    const r = schema.safeParse(raw);
    if (!r.success) throw new Error(`Malformed response to ${type}: ${r.error.issues.map((i) => i.message).join('; ')}`);
    if (!r.data.ok) throw new Error(r.data.error);
    return r.data.data as T;
  };
}

const scanEngine = answerReader('page/scan-engine', () => z.strictObject({ wasm: z.boolean() }));
const frameWorth = answerReader('frame/worth', () => z.strictObject({ worth: z.boolean() }));

/** Whether the background allows WebAssembly on the page. */
export const wasmFromScanEngineAnswer = (raw: unknown): boolean => scanEngine(raw).wasm;

/** Whether the frame is worth a scan. */
export const worthFromAnswer = (raw: unknown): boolean => frameWorth(raw).worth;
