/**
 * The background's answer to `frame/worth`, checked in the content script's core (Zod
 * Mini, as messaging/scan-engine-answer.ts, which says why). A unit test keeps it in step
 * with messaging/protocol.ts.
 */
import { z } from '../model/zod-mini';
import { lazySchema } from '../model/lazy-schema';

const AnswerSchema = lazySchema(() =>
  z.union([
    z.strictObject({ ok: z.literal(true), data: z.strictObject({ worth: z.boolean() }) }),
    z.strictObject({ ok: z.literal(false), error: z.string() }),
  ]),
);

/** Whether the frame is worth a scan; throws on a malformed or failed answer. */
export function worthFromAnswer(raw: unknown): boolean {
  const r = AnswerSchema.safeParse(raw);
  if (!r.success) throw new Error(`Malformed response to frame/worth: ${r.error.issues.map((i) => i.message).join('; ')}`);
  if (!r.data.ok) throw new Error(r.data.error);
  return r.data.data.worth;
}
