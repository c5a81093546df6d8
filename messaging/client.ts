/**
 * Senders: validate the outgoing request, send it, validate the response.
 */
import { browser } from 'wxt/browser';
import type { z } from '../model/zod';
import { issuesMessage } from '../formats/problems';
import {
  BackgroundRequestSchemas,
  BackgroundResponseSchemas,
  ContentRequestSchemas,
  ContentResponseSchemas,
  describeZodError,
  MessageError,
  messageError,
  parseResponse,
  type BackgroundRequest,
  type BackgroundResponse,
  type ContentRequest,
  type ContentResponse,
} from './protocol';

/**
 * True for failures of the transport itself (the service worker was stopped or is
 * restarting), where sending again is safe: every background request is idempotent
 * (saves are deduplicated by page and selection, formats/common sameSelection; updates
 * and deletes by id).
 */
function isTransportError(e: unknown): boolean {
  const m = e instanceof Error ? e.message : String(e);
  return /Could not establish connection|message port closed|Receiving end does not exist|No SW|service worker/i.test(m);
}

/** The request, checked by its type's schema; a failure says which field and why in words (Zod's own message is a JSON dump). */
function checkRequest<M extends Record<string, z.ZodType>>(schemas: M, request: { type: string }): unknown {
  const s = Object.hasOwn(schemas, request.type) ? schemas[request.type] : undefined;
  if (!s) throw new MessageError(`Unknown message type: ${request.type}`);
  const r = s.safeParse(request);
  if (!r.success) throw messageError({ code: 'message.invalid', params: { issues: issuesMessage(r.error, request, 'message') } }, describeZodError(r.error, request));
  return r.data;
}

export async function askBackground<T extends BackgroundRequest['type']>(
  request: Extract<BackgroundRequest, { type: T }>,
  attempts = 3,
): Promise<BackgroundResponse<T>> {
  // The request's own schema, not the union: a content script builds only what it sends.
  const msg = checkRequest(BackgroundRequestSchemas, request);
  for (let i = 1; ; i++) {
    let raw: unknown;
    try {
      raw = await browser.runtime.sendMessage(msg);
    } catch (e) {
      if (i >= attempts || !isTransportError(e)) throw e;
      await new Promise((r) => setTimeout(r, 100 * i));
      continue;
    }
    // A stopped worker can also answer nothing at all.
    if (raw === undefined && i < attempts) {
      await new Promise((r) => setTimeout(r, 100 * i));
      continue;
    }
    return parseResponse(raw, BackgroundResponseSchemas[request.type as T], request.type) as BackgroundResponse<T>;
  }
}

/** Validates the answer to a request sent before this code was loaded (content/early-requests.ts). */
export async function parseEarlyAnswer<T extends BackgroundRequest['type']>(type: T, raw: Promise<unknown>): Promise<BackgroundResponse<T>> {
  return parseResponse(await raw, BackgroundResponseSchemas[type], type) as BackgroundResponse<T>;
}

export async function askContent<T extends ContentRequest['type']>(
  tabId: number,
  request: Extract<ContentRequest, { type: T }>,
  frameId?: number,
): Promise<ContentResponse<T>> {
  const raw = await sendToContent(tabId, request, frameId);
  return parseResponse(raw, ContentResponseSchemas[request.type as T], request.type) as ContentResponse<T>;
}

/** Sends a checked request to a tab's frames (all of them without `frameId`) and returns the first answer unchecked (undefined: none answered). */
export async function sendToContent(tabId: number, request: ContentRequest, frameId?: number): Promise<unknown> {
  const msg = checkRequest(ContentRequestSchemas, request);
  return browser.tabs.sendMessage(tabId, msg, frameId === undefined ? undefined : { frameId });
}
