/**
 * Browser-test harness: a static server on 127.0.0.1 and Debian's Chromium driven by
 * playwright-core with the built extension (.output/chrome-mv3) loaded.
 */
import type { StartupTiming } from '../../content/startup-timing';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type CDPSession, type Page, type Worker } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';

// Evaluated inside the extension's service worker.
declare const chrome: any; // eslint-disable-line @typescript-eslint/no-explicit-any

export const ROOT = path.resolve(import.meta.dirname, '../..');
export const EXTENSION_DIR = process.env.CNAI_EXTENSION_DIR ?? path.join(ROOT, '.output/chrome-mv3');
export const FIXTURES_DIR = path.join(ROOT, 'tests/fixtures/pages');
/** The shared test material (real pages, seed articles); absent on a user's fresh clone. */
export const SHARED_DIR = path.resolve(ROOT, process.env.CNAI_SHARED_DIR ?? '../shared');
export const hasShared = existsSync(path.join(SHARED_DIR, 'pages'));

/**
 * Flags for headless Chromium here: no sandbox (root in CI), no GPU, and none of the
 * background connections that this closed network refuses.
 */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
  '--disable-default-apps',
] as const;

export function chromiumPath(): string {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];
  const found = candidates.find((p) => p && existsSync(p));
  if (!found) throw new Error('No Chromium found: install it (apt-get install chromium) or set CHROMIUM_PATH.');
  return found;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.txt': 'text/plain; charset=utf-8',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.xhtml': 'application/xhtml+xml',
};

/** A dynamic response; `delayMs` holds it back (a slow resource). */
export type Route = (url: URL) => { body: string | Buffer; type?: string; headers?: Record<string, string>; delayMs?: number } | undefined;

export interface StaticServer {
  origin: string;
  url(p: string): string;
  close(): Promise<void>;
  /** Adds a dynamic route (checked before files). */
  route(r: Route): void;
}

/**
 * Serves tests/fixtures/pages at / and, when present, ../shared at /shared/.
 * `?csp=...` on any .html sets that Content-Security-Policy header.
 */
export async function startServer(): Promise<StaticServer> {
  const routes: Route[] = [];
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    for (const r of routes) {
      const out = r(url);
      if (out) {
        const send = () => {
          res.writeHead(200, { 'content-type': out.type ?? 'text/html; charset=utf-8', ...out.headers });
          res.end(out.body);
        };
        if (out.delayMs) setTimeout(send, out.delayMs);
        else send();
        return;
      }
    }
    let file: string;
    if (url.pathname.startsWith('/shared/')) file = path.join(SHARED_DIR, decodeURIComponent(url.pathname.slice('/shared/'.length)));
    else file = path.join(FIXTURES_DIR, decodeURIComponent(url.pathname));
    const base = url.pathname.startsWith('/shared/') ? SHARED_DIR : FIXTURES_DIR;
    if (!file.startsWith(base) || !existsSync(file) || statSync(file).isDirectory()) {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('not found');
      return;
    }
    const headers: Record<string, string> = { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream' };
    const csp = url.searchParams.get('csp');
    if (csp) headers['content-security-policy'] = csp;
    res.writeHead(200, headers);
    res.end(readFileSync(file));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  const origin = `http://127.0.0.1:${port}`;
  return {
    origin,
    url: (p) => `${origin}${p.startsWith('/') ? '' : '/'}${p}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
    route: (r) => routes.push(r),
  };
}

export interface ExtensionBrowser {
  context: BrowserContext;
  extensionId: string;
  worker: Worker;
  close(): Promise<void>;
  /** Opens an extension page (popup.html, library.html) in a new tab. */
  openExtensionPage(file: string, query?: string): Promise<Page>;
  /** The tab id Chrome gave a page (for popup.html?tabId=). */
  tabIdOf(page: Page): Promise<number>;
}

export interface LaunchOptions {
  colorScheme?: 'light' | 'dark';
  userDataDir?: string;
  /** A build other than EXTENSION_DIR (a benchmark comparing two builds side by side). */
  extensionDir?: string;
}

export async function launchWithExtension(opts: LaunchOptions = {}): Promise<ExtensionBrowser> {
  const dir = opts.extensionDir ?? EXTENSION_DIR;
  if (!existsSync(path.join(dir, 'manifest.json'))) throw new Error('Build the extension first: npm run build');
  const userDataDir = opts.userDataDir ?? mkdtempSync(path.join(tmpdir(), 'cnai-profile-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: chromiumPath(),
    headless: true,
    colorScheme: opts.colorScheme ?? 'light',
    viewport: { width: 1200, height: 900 },
    args: [
      `--disable-extensions-except=${dir}`,
      `--load-extension=${dir}`,
      ...CHROMIUM_ARGS,
      ...(process.env.CNAI_CHROME_LOG ? ['--enable-logging=stderr', '--v=0'] : []),
    ],
  });
  let [worker] = context.serviceWorkers();
  if (!worker) worker = await context.waitForEvent('serviceworker', { timeout: 20_000 });
  const extensionId = new URL(worker.url()).host;
  // Wait until the background has seeded the database and published the matcher.
  await worker.evaluate(async () => {
    const deadline = Date.now() + 20_000;
    while (Date.now() < deadline) {
      const got = await chrome.storage.local.get('matcher');
      if (got.matcher) return;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error('matcher was never published');
  });
  return {
    context,
    extensionId,
    worker,
    async close() {
      await context.close();
      if (!opts.userDataDir) rmSync(userDataDir, { recursive: true, force: true });
    },
    async openExtensionPage(file, query = '') {
      const page = await context.newPage();
      await page.goto(`chrome-extension://${extensionId}/${file}${query}`);
      return page;
    },
    async tabIdOf(page) {
      // Found through the content script's report, so it also waits until the page has
      // reported (a page that never reports, on a site that is off, needs chrome.tabs.query).
      // Two open tabs at one address would be ambiguous: that throws rather than guessing.
      const url = page.url().split('#')[0];
      return worker.evaluate(async (u) => {
        const deadline = Date.now() + 10_000;
        while (Date.now() < deadline) {
          const reports = ((await chrome.storage.session.get('tabReports')).tabReports ?? {}) as Record<string, Record<string, { url: string }>>;
          const tabs = Object.entries(reports)
            .filter(([, frames]) => frames['0']?.url === u)
            .map(([tab]) => Number(tab));
          if (tabs.length > 1) throw new Error(`tabIdOf: ${tabs.length} tabs reported ${u}; give each page its own address`);
          if (tabs.length === 1) return tabs[0]!;
          await new Promise((r) => setTimeout(r, 50));
        }
        throw new Error(`no report from a tab at ${u}`);
      }, url);
    },
  };
}

/**
 * What the background's save command (Alt+Shift+S) sends first: one broadcast to every frame
 * of the tab (headless Chromium does not deliver extension shortcuts). The first answer
 * (null when no frame answered), or the send's error.
 */
export function broadcastSave(worker: Worker, tabId: number): Promise<{ answer: unknown } | { error: string }> {
  return worker.evaluate(async (tab) => {
    try {
      return { answer: (await chrome.tabs.sendMessage(tab, { type: 'content/save-selection' })) ?? null };
    } catch (e) {
      return { error: (e as Error).message };
    }
  }, tabId);
}

/** Sets the interface language as the settings page does (storage.local: open tabs and pages follow). */
export function setInterfaceLanguage(worker: Worker, language: 'en' | 'zh-CN' | 'zh-TW'): Promise<void> {
  return worker.evaluate(async (lang) => {
    const local = chrome.storage.local;
    const cur = ((await local.get('settings')).settings ?? {}) as Record<string, unknown>;
    await local.set({ settings: { ...cur, language: lang } });
  }, language);
}

/*
 * The usual set-up of a browser test file, as hooks: useStaticServer and useExtensionBrowser
 * start their part in a beforeAll and close it in an afterAll, for the file or for the describe
 * they are called in. Each returns a stand-in that reads the started object, so tests use it
 * as before; reading it before its beforeAll ran throws. Hooks run in the order they were
 * registered and afterAll hooks in reverse (Vitest's default sequence.hooks, 'stack'): call
 * useStaticServer before useExtensionBrowser, as the files launched them, and open pages in a
 * beforeAll registered after both.
 */

function notStarted(what: string): never {
  throw new Error(`${what} is started in beforeAll: use it in a hook or a test, not while the file loads`);
}

/** A static server (startServer) with these routes, for the tests around the call. */
export function useStaticServer(...routes: Route[]): StaticServer {
  let server: StaticServer | undefined;
  beforeAll(async () => {
    server = await startServer();
    for (const r of routes) server.route(r);
  });
  afterAll(async () => {
    await server?.close();
  });
  const started = () => server ?? notStarted('useStaticServer');
  return {
    get origin() {
      return started().origin;
    },
    url: (p) => started().url(p),
    close: () => started().close(),
    route: (r) => started().route(r),
  };
}

/**
 * Chromium with the extension (launchWithExtension), for the tests around the call.
 * `ignoreCloseError`: for a test that takes the extension away under the browser.
 */
export function useExtensionBrowser(opts: LaunchOptions & { ignoreCloseError?: boolean } = {}): ExtensionBrowser {
  const { ignoreCloseError, ...launch } = opts;
  let browser: ExtensionBrowser | undefined;
  beforeAll(async () => {
    browser = await launchWithExtension(launch);
  });
  afterAll(async () => {
    await (ignoreCloseError ? browser?.close().catch(() => {}) : browser?.close());
  });
  const started = () => browser ?? notStarted('useExtensionBrowser');
  return {
    get context() {
      return started().context;
    },
    get extensionId() {
      return started().extensionId;
    },
    get worker() {
      return started().worker;
    },
    close: () => started().close(),
    openExtensionPage: (file, query) => started().openExtensionPage(file, query),
    tabIdOf: (page) => started().tabIdOf(page),
  };
}

/** The content script's start-up marks, ms on the page's clock. */
export type StartupMarks = StartupTiming;

/**
 * The extension's isolated worlds in a page and its same-process frames: those created
 * from now on, and (Runtime.enable reports them) those that exist already. `marks` reads
 * the content script's start-up marks in one of them (undefined where it marked nothing).
 */
async function isolatedWorlds(page: Page) {
  const cdp = await page.context().newCDPSession(page);
  const contexts: number[] = [];
  cdp.on('Runtime.executionContextCreated', (e) => {
    const aux = e.context.auxData as { type?: string; isDefault?: boolean } | undefined;
    if (aux?.type === 'isolated' && !aux.isDefault) contexts.push(e.context.id);
  });
  await cdp.send('Runtime.enable');
  const marks = async (contextId: number): Promise<StartupMarks | undefined> => {
    const r = await cdp
      .send('Runtime.evaluate', { expression: 'JSON.stringify(globalThis[Symbol.for("cnai-context.startup")] ?? null)', contextId, returnByValue: true })
      .catch(() => undefined);
    const value = r?.result.value as string | undefined;
    return value && value !== 'null' ? (JSON.parse(value) as StartupMarks) : undefined;
  };
  return { cdp, contexts, marks };
}

/**
 * Watches a page's execution contexts from before its navigation, so that the content
 * script's start-up marks can be read from its isolated world (the page cannot see them).
 */
export async function watchStartupMarks(page: Page): Promise<() => Promise<StartupMarks | undefined>> {
  const worlds = await isolatedWorlds(page);
  return async () => {
    // The last isolated world holding marks is the main frame's current document.
    for (const contextId of [...worlds.contexts].reverse()) {
      const m = await worlds.marks(contextId);
      if (m) return m;
    }
    return undefined;
  };
}

/** The start-up marks of every document in the page and its same-process frames whose content script marked anything. */
export async function startupMarksByFrame(page: Page): Promise<StartupMarks[]> {
  const worlds = await isolatedWorlds(page);
  const out: StartupMarks[] = [];
  for (const contextId of worlds.contexts) {
    const m = await worlds.marks(contextId);
    if (m) out.push(m);
  }
  await worlds.cdp.detach();
  return out;
}

/** Highlighted texts per registry name, in the page's main frame. */
export async function highlightedTexts(page: Page, names?: string[]): Promise<Record<string, string[]>> {
  return page.evaluate((only) => {
    const out: Record<string, string[]> = {};
    for (const [name, h] of CSS.highlights) {
      if (only && !only.includes(name)) continue;
      out[name] = [...h].map((r) => {
        const range = document.createRange();
        range.setStart(r.startContainer, r.startOffset);
        range.setEnd(r.endContainer, r.endOffset);
        return range.toString();
      });
    }
    return out;
  }, names);
}

/** Waits until the content script has registered at least `min` ranges in total. */
/**
 * Waits for at least `min` highlighted mentions in the main frame and, by default, for the
 * in-page UI the content script imports after its first highlights (content/ui-bridge.ts):
 * a test hovers or selects right away, sooner than a reader would.
 */
export async function waitForHighlights(page: Page, min = 1, timeout = 10_000, ui = true): Promise<void> {
  await page.waitForFunction(
    ([m, withUi]) => {
      let n = 0;
      for (const [name, h] of CSS.highlights) if (name.startsWith('cnai-')) n += h.size;
      return n >= (m as number) && (!withUi || document.documentElement.querySelector(':scope > [data-cnai-ui]') !== null);
    },
    [min, ui] as const,
    { timeout },
  );
}

export interface AxNode {
  role: string;
  name: string;
  backendDOMNodeId?: number;
  ignored: boolean;
}

/**
 * The page's accessibility tree, which also covers closed shadow roots (where
 * Playwright locators cannot reach): roles and names of everything rendered.
 */
export async function axNodes(page: Page): Promise<AxNode[]> {
  const cdp = await page.context().newCDPSession(page);
  try {
    const { nodes } = (await cdp.send('Accessibility.getFullAXTree')) as {
      nodes: { role?: { value?: string }; name?: { value?: string }; backendDOMNodeId?: number; ignored?: boolean }[];
    };
    return nodes.map((n) => ({ role: n.role?.value ?? '', name: n.name?.value ?? '', backendDOMNodeId: n.backendDOMNodeId, ignored: !!n.ignored }));
  } finally {
    await cdp.detach();
  }
}

/**
 * A node's box (a CDP quad: x1, y1 … x4, y4) once it stopped moving: Floating UI places
 * our elements asynchronously, so two equal readings 50 ms apart.
 */
export async function settledQuad(page: Page, cdp: CDPSession, backendNodeId: number, box: 'content' | 'border'): Promise<number[]> {
  const read = async () => ((await cdp.send('DOM.getBoxModel', { backendNodeId })) as { model: Record<'content' | 'border', number[]> }).model[box];
  let q = await read();
  for (let i = 0; i < 20; i++) {
    await page.waitForTimeout(50);
    const next = await read();
    if (next.every((v, k) => v === q[k])) break;
    q = next;
  }
  return q;
}

/** Clicks the element with this accessible role and name (closed shadow roots included). */
export async function axClick(page: Page, role: string, name: string | RegExp, timeout = 5000): Promise<void> {
  const deadline = Date.now() + timeout;
  for (;;) {
    const node = (await axNodes(page)).find((n) => !n.ignored && n.role === role && (typeof name === 'string' ? n.name === name : name.test(n.name)));
    if (node?.backendDOMNodeId) {
      const cdp = await page.context().newCDPSession(page);
      try {
        await cdp.send('DOM.scrollIntoViewIfNeeded', { backendNodeId: node.backendDOMNodeId }).catch(() => {});
        // Click only once the box stopped moving, or the click can land where the element was a frame ago.
        const q = await settledQuad(page, cdp, node.backendDOMNodeId, 'content');
        await page.mouse.click((q[0]! + q[4]!) / 2, (q[1]! + q[5]!) / 2);
        return;
      } finally {
        await cdp.detach();
      }
    }
    if (Date.now() > deadline) throw new Error(`no ${role} named ${name} in the accessibility tree`);
    await page.waitForTimeout(100);
  }
}

/** Waits until an accessible node with this role and name exists. */
export async function axWait(page: Page, role: string, name: string | RegExp, timeout = 5000): Promise<AxNode> {
  const deadline = Date.now() + timeout;
  for (;;) {
    const node = (await axNodes(page)).find((n) => !n.ignored && n.role === role && (typeof name === 'string' ? n.name === name : name.test(n.name)));
    if (node) return node;
    if (Date.now() > deadline) throw new Error(`no ${role} named ${name} in the accessibility tree`);
    await page.waitForTimeout(100);
  }
}

/** All static text in the accessibility tree (what a screen reader could read). */
export async function axText(page: Page): Promise<string> {
  return (await axNodes(page))
    .filter((n) => !n.ignored && (n.role === 'StaticText' || n.role === 'text'))
    .map((n) => n.name)
    .join('\n');
}

/** Center of the first range registered under a highlight name. */
export async function highlightCenter(page: Page, name: string, index = 0): Promise<{ x: number; y: number }> {
  return page.evaluate(
    ([n, i]) => {
      const h = CSS.highlights.get(n as string);
      const r = h && [...h][i as number];
      if (!r) throw new Error(`no range ${i} in ${n}`);
      const range = document.createRange();
      range.setStart(r.startContainer, r.startOffset);
      range.setEnd(r.endContainer, r.endOffset);
      const rect = range.getClientRects()[0]!;
      return { x: rect.x + rect.width / 2, y: rect.y + rect.height / 2 };
    },
    [name, index],
  );
}

/** Selects the first occurrence of `text` inside the element matching `selector`. */
export async function selectText(page: Page, selector: string, text: string): Promise<void> {
  await page.evaluate(
    ([sel, t]) => {
      const root = document.querySelector(sel as string)!;
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      let acc = '';
      const nodes: [Text, number][] = [];
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        nodes.push([n as Text, acc.length]);
        acc += (n as Text).data;
      }
      const start = acc.indexOf(t as string);
      if (start < 0) throw new Error(`text not found: ${t}`);
      const end = start + (t as string).length;
      const at = (off: number, isEnd: boolean) => {
        for (let i = nodes.length - 1; i >= 0; i--) {
          const [node, s] = nodes[i]!;
          if (s < off || (!isEnd && s === off) || (isEnd && s < off)) return [node, off - s] as const;
        }
        return [nodes[0]![0], 0] as const;
      };
      const [sn, so] = at(start, false);
      const [en, eo] = at(end, true);
      const range = document.createRange();
      range.setStart(sn, so);
      range.setEnd(en, eo);
      const selection = getSelection()!;
      selection.removeAllRanges();
      selection.addRange(range);
      document.dispatchEvent(new MouseEvent('mouseup', { bubbles: true }));
    },
    [selector, text],
  );
}

/**
 * Selects `text` in the element at `selector`, clicks the in-page save button and waits for
 * the panel that says it was saved (or, with `dialog`, whatever it should say).
 */
export async function saveSelection(
  page: Page,
  selector: string,
  text: string,
  opts: { button?: string; dialog?: RegExp; timeout?: number } = {},
): Promise<void> {
  await selectText(page, selector, text);
  await axClick(page, 'button', opts.button ?? 'Save clipping');
  await axWait(page, 'dialog', opts.dialog ?? /Saved to your clippings/, opts.timeout);
}

/** Every record of a store of the extension's database, read in an extension page or its service worker. */
export async function getRecords<T = unknown>(target: Page | Worker, store: string): Promise<T[]> {
  // Page and Worker evaluate alike; one signature is enough for the compiler.
  return (target as Page).evaluate(async (s) => {
    const req = indexedDB.open('cnai-context');
    const db: IDBDatabase = await new Promise((res, rej) => {
      req.onsuccess = () => res(req.result);
      req.onerror = () => rej(req.error);
    });
    try {
      return await new Promise<T[]>((res, rej) => {
        const q = db.transaction(s).objectStore(s).getAll();
        q.onsuccess = () => res(q.result as T[]);
        q.onerror = () => rej(q.error);
      });
    } finally {
      db.close();
    }
  }, store);
}

/**
 * Changes a store of the extension's database straight, in one transaction (from its service
 * worker or an extension page): puts `put`, then deletes the keys in `remove`.
 */
async function writeRecords(target: Page | Worker, store: string, put: readonly unknown[], remove: readonly string[]): Promise<void> {
  await (target as Page).evaluate(
    async ([s, recs, keys]) => {
      const req = indexedDB.open('cnai-context');
      const db: IDBDatabase = await new Promise((res, rej) => {
        req.onsuccess = () => res(req.result);
        req.onerror = () => rej(req.error);
      });
      try {
        await new Promise<void>((res, rej) => {
          const tx = db.transaction(s, 'readwrite');
          for (const r of recs as unknown[]) tx.objectStore(s).put(r);
          for (const k of keys as string[]) tx.objectStore(s).delete(k);
          tx.oncomplete = () => res();
          tx.onerror = () => rej(tx.error);
        });
      } finally {
        db.close();
      }
    },
    [store, put, remove] as const,
  );
}

/** Deletes a record straight from the extension's database, as the library does elsewhere (from its service worker or an extension page). */
export function deleteRecord(target: Page | Worker, store: string, key: string): Promise<void> {
  return writeRecords(target, store, [], [key]);
}

/** Puts records straight into the extension's database (from an extension page of it). */
export function putRecords(page: Page, store: string, records: unknown[]): Promise<void> {
  return writeRecords(page, store, records, []);
}
