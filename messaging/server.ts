/**
 * Receivers: every incoming message is validated before a handler sees it, and the
 * sender is checked; a malformed or foreign message gets `{ ok: false, error }`.
 */
import type { Browser } from 'wxt/browser';
import type { z } from '../model/zod';
import { english, msg, type Message } from '../i18n/message';
import { describeStorageError, isStorageError, storageProblem } from '../storage/errors';
import { MessageError, MessageSchema, type Envelope } from './protocol';

export type Sender = Browser.runtime.MessageSender;

type Handlers<Req extends { type: string }, Ctx> = {
  [T in Req['type']]: (request: Extract<Req, { type: T }>, ctx: Ctx) => unknown | Promise<unknown>;
};

export interface ServeOptions<Req extends { type: string }, Ctx> {
  parse: (raw: unknown) => Req;
  handlers: Handlers<Req, Ctx>;
  /** Returns the handler context, or throws MessageError when the sender is not allowed. */
  context: (sender: Sender) => Ctx;
  /** Response schemas, to keep handlers honest (validated before sending). */
  responses: Record<Req['type'], z.ZodType>;
}

/** Builds an onMessage listener (sendResponse style, so it works in every browser). */
export function createListener<Req extends { type: string }, Ctx>(opts: ServeOptions<Req, Ctx>) {
  return (raw: unknown, sender: Sender, sendResponse: (response: Envelope) => void): true => {
    void handle(opts, raw, sender).then(sendResponse);
    return true;
  };
}

export async function handle<Req extends { type: string }, Ctx>(
  opts: ServeOptions<Req, Ctx>,
  raw: unknown,
  sender: Sender,
): Promise<Envelope> {
  try {
    const ctx = opts.context(sender);
    const request = opts.parse(raw);
    const handler = opts.handlers[request.type as Req['type']] as (r: Req, c: Ctx) => unknown;
    const data = (await handler(request, ctx)) ?? null;
    const checked = opts.responses[request.type as Req['type']].safeParse(data);
    if (!checked.success) throw new Error(`handler for ${request.type} produced an invalid response`);
    return { ok: true, data: checked.data };
  } catch (e) {
    return failure(e);
  }
}

/**
 * The answer for a failed request: why, in English (`error`, for logs and older readers),
 * and as a message code (`problem`) that the receiver puts in the reader's language.
 */
export function failure(e: unknown): Extract<Envelope, { ok: false }> {
  const name = (e as { name?: string })?.name ?? '';
  const detail = (e as { detail?: Message } | null)?.detail;
  if (e instanceof MessageError || name === 'ValidationError' || name === 'KnowledgeError') {
    const error = (e as Error).message;
    // Checked here: a malformed code would make the receiver refuse the whole answer.
    return detail && MessageSchema.safeParse(detail).success ? { ok: false, error, problem: detail } : { ok: false, error };
  }
  if (isStorageError(e)) return { ok: false, error: describeStorageError(e), problem: storageProblem(e) };
  const problem = msg('message.internal', { detail: e instanceof Error ? e.message : String(e) });
  return { ok: false, error: english(problem), problem };
}
