/**
 * Browser side of the benchmark: the page sources (real pages with their scripts
 * stripped, the generated article), a static server, headless Chromium, and the
 * esbuild bundle of the engines that is injected into every fresh page.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import path from 'node:path';
import { build } from 'esbuild';
import { chromium, type Browser, type BrowserContext, type CDPSession, type Page } from 'playwright-core';
import { CHROMIUM_ARGS, chromiumPath } from '../tests/browser/harness';
import { ROOT } from './dictionaries';

export { chromiumPath };

/** The shared test material (real pages); absent on a fresh clone. Same convention as tests/browser/harness.ts. */
export const SHARED_DIR = path.resolve(ROOT, process.env.CNAI_SHARED_DIR ?? '../shared');
export const hasShared = existsSync(path.join(SHARED_DIR, 'pages'));

export interface StaticServer {
  url(p: string): string;
  close(): Promise<void>;
}

/** Serves /bench/<name>.html from memory (and /bench/blank.html) on 127.0.0.1. */
async function startServer(pages: ReadonlyMap<string, string>, headers: Record<string, string>): Promise<StaticServer> {
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const m = /^\/bench\/([\w-]+)\.html$/.exec(url.pathname);
    const html = m ? pages.get(m[1]!) : undefined;
    if (html === undefined) {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('not found');
      return;
    }
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store', ...headers });
    res.end(html);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  return {
    url: (p) => `${origin}${p}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

export const SHARED_PAGES = ['wikipedia-2', 'yahoo-2', 'qq', 'pixnet'] as const;
export const GENERATED = 'generated-5mb';

export interface PageSource {
  name: string;
  html: string;
  bytes: number;
  /** Where it came from, for the report. */
  origin: string;
}

/** Page scripts must not run: every <script> element is removed. */
export function stripScripts(html: string): string {
  return html.replace(/<script\b[\s\S]*?<\/script\s*>/gi, '').replace(/<script\b[^>]*\/>/gi, '');
}

export function sharedPages(names: readonly string[] = SHARED_PAGES): PageSource[] {
  if (!hasShared) return [];
  return names
    .map((name) => path.join(SHARED_DIR, 'pages', name, 'source.html'))
    .filter((file) => existsSync(file))
    .map((file) => {
      const html = stripScripts(readFileSync(file, 'utf8'));
      return { name: path.basename(path.dirname(file)), html, bytes: Buffer.byteLength(html), origin: path.relative(ROOT, file) };
    });
}

/** The engines bundle (IIFE defining window.__bench), of this tree or of another checkout's (`root`). */
export function engineBundle(root = ROOT): Promise<string> {
  return pageBundle(path.join(root, 'bench/page/engines.ts'));
}

/** A module and what it imports as one script to inject into a page (IIFE), built as the content script is. */
export async function pageBundle(entry: string): Promise<string> {
  const out = await build({
    entryPoints: [entry],
    bundle: true,
    format: 'iife',
    target: 'chrome120',
    write: false,
    minify: false,
    logLevel: 'silent',
    // The content script's build also sees these as a production build.
    define: { 'process.env.NODE_ENV': '"production"', 'import.meta.env.DEV': 'false' },
  });
  return out.outputFiles[0]!.text;
}

export function markJsSource(): string {
  return readFileSync(path.join(ROOT, 'node_modules/mark.js/dist/mark.min.js'), 'utf8');
}

/** No request may leave 127.0.0.1 (the pages reference images, fonts, styles on the web). */
const CSP = "default-src 'self' 'unsafe-inline' 'unsafe-eval' data: blob:";

export interface BenchBrowser {
  browser: Browser;
  context: BrowserContext;
  page: Page;
  cdp: CDPSession;
  server: StaticServer;
  version: string;
  bundle: string;
  /**
   * Navigates to a fresh copy of a page, injects the engines and lets layout finish. It
   * reads nothing of the page's text: a walk here would warm the floor's code and create
   * the JS wrappers of every node before the engine under test runs (a content script's
   * isolated world never finds them made). `bundle`: another engines bundle than this
   * tree's (bench/engine-ab.ts).
   */
  load(name: string, bundle?: string): Promise<{ height: number; loadMs: number }>;
  /** Counts the loaded page (elements, visible text nodes, characters): only on a load that measures nothing. */
  facts(): Promise<{ elements: number; textNodes: number; chars: number }>;
  close(): Promise<void>;
}

export async function openBenchBrowser(sources: readonly PageSource[], opts: { jsFlags?: string; extraArgs?: string[] } = {}): Promise<BenchBrowser> {
  const pages = new Map(sources.map((s) => [s.name, s.html]));
  pages.set('blank', '<!doctype html><html><head><meta charset="utf-8"></head><body><p>blank</p></body></html>');
  const server = await startServer(pages, { 'content-security-policy': CSP });
  const browser = await chromium.launch({
    executablePath: chromiumPath(),
    headless: true,
    args: [
      ...CHROMIUM_ARGS,
      '--disable-extensions',
      '--blink-settings=imagesEnabled=false',
      ...(opts.jsFlags ? [`--js-flags=${opts.jsFlags}`] : []),
      ...(opts.extraArgs ?? []),
    ],
  });
  const context = await browser.newContext({ viewport: { width: 1200, height: 900 } });
  await context.addInitScript(() => {
    const w = window as unknown as { __longtasks: { start: number; duration: number }[] };
    w.__longtasks = [];
    try {
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) w.__longtasks.push({ start: e.startTime, duration: e.duration });
      }).observe({ type: 'longtask', buffered: true });
    } catch {
      // no longtask support
    }
  });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  const bundle = await engineBundle();
  let loads = 0;
  return {
    browser,
    context,
    page,
    cdp,
    server,
    version: browser.version(),
    bundle,
    async load(name, other) {
      const t = Date.now();
      await page.goto(server.url(`/bench/${name}.html`), { waitUntil: 'load', timeout: 120_000 });
      // A unique source each time: V8 must not reuse code compiled for an earlier page (first visit).
      await page.evaluate(`${other ?? bundle}\n//# run ${++loads}`);
      const height = await page.evaluate(() => window.__bench.layout());
      return { height, loadMs: Date.now() - t };
    },
    facts() {
      return page.evaluate(() => window.__bench.info());
    },
    async close() {
      await browser.close();
      await server.close();
    },
  };
}
