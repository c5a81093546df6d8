/**
 * The content script scans in WebAssembly where the page's Content-Security-Policy
 * allows it, and in JavaScript elsewhere, without a CSP violation the page (or the
 * site's reports) could see. Mentions are the same either way.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { highlightedTexts, waitForHighlights, useExtensionBrowser, useStaticServer } from './harness';

const ARTICLE = '<p id="lead">Zhipu AI released ChatGLM-6B; the Cyberspace Administration of China (CAC) approved ERNIE Bot. 百度的文心一言与通義千問。臺灣的報導寫作《網際網路資訊服務演算法推薦管理規定》。</p>';
const page = (meta = '') =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8">${meta}<title>Engine</title></head><body><h1>Models</h1>${ARTICLE}</body></html>`;

const server = useStaticServer((u) => {
  if (u.pathname !== '/engine.html') return undefined;
  const csp = u.searchParams.get('header');
  const meta = u.searchParams.get('meta');
  return {
    body: page(meta ? `<meta http-equiv="Content-Security-Policy" content="${meta}">` : ''),
    headers: csp ? { 'content-security-policy': csp } : undefined,
  };
});
const ext = useExtensionBrowser();

beforeAll(async () => {
  // The first page after start-up may be scanned before the worker (busy seeding the
  // database) answers; the content script then scans in JavaScript. Start warm.
  await visit('warm=1');
});

/** Opens the page and returns how its content script scans, its mentions and any CSP violation. */
async function visit(query: string): Promise<{ scan: unknown; texts: Record<string, string[]>; violations: string[] }> {
  const p: Page = await ext.context.newPage();
  await p.addInitScript(() => {
    const w = window as unknown as { __violations: string[] };
    w.__violations = [];
    document.addEventListener('securitypolicyviolation', (e) => w.__violations.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  await p.goto(server.url(`/engine.html?${query}`));
  await waitForHighlights(p, 4);
  const tabId = await ext.tabIdOf(p);
  const answer = await ext.worker.evaluate(async (id) => {
    const c = (globalThis as unknown as { chrome: { tabs: { sendMessage(t: number, m: unknown, o: unknown): Promise<{ ok: boolean; data: { scan: string } }> } } }).chrome;
    return c.tabs.sendMessage(id, { type: 'content/counts' }, { frameId: 0 });
  }, tabId);
  const result = {
    scan: answer.ok ? answer.data.scan : answer,
    texts: await highlightedTexts(p),
    violations: await p.evaluate(() => (window as unknown as { __violations: string[] }).__violations),
  };
  await p.close();
  return result;
}

const EXPECTED = {
  'cnai-company': ['Zhipu AI', '百度'],
  'cnai-model': ['ChatGLM-6B', 'ERNIE Bot', '文心一言', '通義千問'],
  'cnai-organization': ['Cyberspace Administration of China', 'CAC'],
  // Taiwan's words for the mainland title (engine/regional.ts), compiled by the background.
  'cnai-policy': ['網際網路資訊服務演算法推薦管理規定'],
};

describe('the scan engine a page gets', () => {
  it('is WebAssembly on a page without a policy, or one that allows it', async () => {
    for (const q of ['plain=1', `header=${encodeURIComponent("script-src 'self' 'wasm-unsafe-eval'")}`, `header=${encodeURIComponent('img-src *')}`]) {
      const r = await visit(q);
      expect(r.scan, q).toBe('webassembly');
      expect(r.texts, q).toMatchObject(EXPECTED);
      expect(r.violations, q).toEqual([]);
    }
  });

  it('is JavaScript, with the same mentions and no CSP violation, where a header or meta policy forbids it', async () => {
    const strict = [
      `header=${encodeURIComponent("default-src 'none'")}`,
      `header=${encodeURIComponent("script-src 'self'; img-src *")}`,
      `meta=${encodeURIComponent("script-src 'self'")}`,
    ];
    for (const q of strict) {
      const r = await visit(q);
      expect(r.scan, q).toBe('javascript');
      expect(r.texts, q).toMatchObject(EXPECTED);
      expect(r.violations, q).toEqual([]);
    }
  });
});
