/**
 * Senders: validate the outgoing request, send it, validate the response.
 */
import { browser } from 'wxt/browser';
import {
  BackgroundRequestSchema,
  BackgroundResponseSchemas,
  ContentRequestSchema,
  ContentResponseSchemas,
  parseResponse,
  type BackgroundRequest,
  type BackgroundResponse,
  type ContentRequest,
  type ContentResponse,
} from './protocol';

export async function askBackground<T extends BackgroundRequest['type']>(
  request: Extract<BackgroundRequest, { type: T }>,
): Promise<BackgroundResponse<T>> {
  const msg = BackgroundRequestSchema.parse(request);
  const raw = await browser.runtime.sendMessage(msg);
  return parseResponse(raw, BackgroundResponseSchemas[request.type as T], request.type) as BackgroundResponse<T>;
}

export async function askContent<T extends ContentRequest['type']>(
  tabId: number,
  request: Extract<ContentRequest, { type: T }>,
  frameId?: number,
): Promise<ContentResponse<T>> {
  const msg = ContentRequestSchema.parse(request);
  const raw = await browser.tabs.sendMessage(tabId, msg, frameId === undefined ? undefined : { frameId });
  return parseResponse(raw, ContentResponseSchemas[request.type as T], request.type) as ContentResponse<T>;
}
