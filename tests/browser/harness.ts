/**
 * Browser-test harness: a static server on 127.0.0.1 and Debian's Chromium driven by
 * playwright-core with the built extension (.output/chrome-mv3) loaded.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Page, type Worker } from 'playwright-core';

// Evaluated inside the extension's service worker.
declare const chrome: any; // eslint-disable-line @typescript-eslint/no-explicit-any

export const ROOT = path.resolve(import.meta.dirname, '../..');
export const EXTENSION_DIR = process.env.CNAI_EXTENSION_DIR ?? path.join(ROOT, '.output/chrome-mv3');
export const FIXTURES_DIR = path.join(ROOT, 'tests/fixtures/pages');
/** The shared test material (real pages, seed articles); absent on a user's fresh clone. */
export const SHARED_DIR = path.resolve(ROOT, process.env.CNAI_SHARED_DIR ?? '../shared');
export const hasShared = existsSync(path.join(SHARED_DIR, 'pages'));

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
};

export type Route = (url: URL) => { body: string | Buffer; type?: string; headers?: Record<string, string> } | undefined;

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
        res.writeHead(200, { 'content-type': out.type ?? 'text/html; charset=utf-8', ...out.headers });
        res.end(out.body);
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

export async function launchWithExtension(opts: { colorScheme?: 'light' | 'dark'; userDataDir?: string } = {}): Promise<ExtensionBrowser> {
  if (!existsSync(path.join(EXTENSION_DIR, 'manifest.json'))) throw new Error('Build the extension first: npm run build');
  const userDataDir = opts.userDataDir ?? mkdtempSync(path.join(tmpdir(), 'cnai-profile-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: chromiumPath(),
    headless: true,
    colorScheme: opts.colorScheme ?? 'light',
    viewport: { width: 1200, height: 900 },
    args: [
      `--disable-extensions-except=${EXTENSION_DIR}`,
      `--load-extension=${EXTENSION_DIR}`,
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
      '--disable-default-apps',
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
      // Without the "tabs" permission tab URLs are hidden; the content script's report carries it.
      const url = page.url().split('#')[0];
      return worker.evaluate(async (u) => {
        const deadline = Date.now() + 10_000;
        while (Date.now() < deadline) {
          const reports = ((await chrome.storage.session.get('tabReports')).tabReports ?? {}) as Record<string, Record<string, { url: string }>>;
          for (const [tab, frames] of Object.entries(reports)) if (frames['0']?.url === u) return Number(tab);
          await new Promise((r) => setTimeout(r, 50));
        }
        throw new Error(`no report from a tab at ${u}`);
      }, url);
    },
  };
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
export async function waitForHighlights(page: Page, min = 1, timeout = 10_000): Promise<void> {
  await page.waitForFunction(
    (m) => {
      let n = 0;
      for (const [name, h] of CSS.highlights) if (name.startsWith('cnai-')) n += h.size;
      return n >= m;
    },
    min,
    { timeout },
  );
}
