/**
 * What each frame's Content-Security-Policy allows, seen on its navigation response
 * (webRequest). The content script asks before compiling its WebAssembly scan: a
 * refused compilation would show up on the page as a CSP violation (and in the site's
 * reports). Unknown frames (service-worker responses, a worker that slept) get "no".
 */
import { policiesAllowWasm, policyHeaders, requestUrl } from '../model/csp';

interface FramePolicy {
  url: string;
  wasm: boolean;
}

export class FramePolicies {
  private readonly frames = new Map<number, Map<number, FramePolicy>>();

  /** A frame's navigation response (the last one, after redirects, wins). */
  record(tabId: number, frameId: number, url: string, headers: readonly { name: string; value?: string }[]): void {
    if (tabId < 0) return;
    // A new top-level document: the old one's frames are gone.
    if (frameId === 0) this.frames.delete(tabId);
    let frames = this.frames.get(tabId);
    if (!frames) this.frames.set(tabId, (frames = new Map()));
    frames.set(frameId, { url: requestUrl(url), wasm: policiesAllowWasm(policyHeaders(headers)) });
  }

  /** Whether the document now at `url` in this frame may compile WebAssembly, as far as its headers say. */
  wasmAllowed(tabId: number, frameId: number, url: string): boolean {
    const p = this.frames.get(tabId)?.get(frameId);
    return !!p && p.wasm && p.url === requestUrl(url);
  }

  removeTab(tabId: number): void {
    this.frames.delete(tabId);
  }
}
