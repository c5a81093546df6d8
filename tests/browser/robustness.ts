/**
 * Helpers for the robustness and security suites (real-pages, hostile, security):
 * a plain Chromium without the extension for baselines, blocking of every request
 * that leaves the machine, collection of the extension's own errors (service worker
 * and content scripts), and a precise description of every highlighted range.
 */
import { chromium, type Browser, type BrowserContext, type Frame, type Page, type Worker } from 'playwright-core';
import { loadBuiltinPack } from '../../kb/builtin';
import { flagTable, foldText } from '../../engine/chars';
import { versionSuffixEnd } from '../../engine/matcher';
import { CHROMIUM_ARGS, chromiumPath, type ExtensionBrowser } from './harness';

export const KINDS = ['model', 'company', 'organization', 'policy'] as const;
/** The registry names of entity mentions. */
export const MENTION_HIGHLIGHTS = KINDS.map((k) => `cnai-${k}`);

/** Aborts every http(s) request that is not for 127.0.0.1 or localhost (real pages reference CDNs). */
export async function blockExternal(context: BrowserContext): Promise<void> {
  await context.route(/^https?:\/\/(?!(?:127\.0\.0\.1|localhost)(?::\d+)?\/)/, (route) => route.abort());
}

export interface PlainBrowser {
  browser: Browser;
  context: BrowserContext;
  close(): Promise<void>;
}

/** The same Chromium without the extension (baselines), same viewport and colour scheme as launchWithExtension. */
export async function launchPlain(): Promise<PlainBrowser> {
  const browser = await chromium.launch({ executablePath: chromiumPath(), headless: true, args: [...CHROMIUM_ARGS] });
  const context = await browser.newContext({ viewport: { width: 1200, height: 900 }, colorScheme: 'light' });
  return { browser, context, close: () => browser.close() };
}

/**
 * Collects the extension's own errors: console errors and warnings of its service
 * worker, uncaught exceptions and unhandled rejections there (through listeners
 * installed in the worker), and, in watched pages, console errors and warnings that
 * come from chrome-extension:// scripts or start with "[CN AI Context]" and uncaught
 * exceptions whose stack points into the extension (the content script's isolated world).
 */
export class ExtensionErrors {
  private readonly seen: string[] = [];
  private readonly workers = new Set<Worker>();

  constructor(private readonly ext: ExtensionBrowser) {}

  async start(): Promise<void> {
    await this.watchWorker(this.ext.worker);
    this.ext.context.on('serviceworker', (w) => void this.watchWorker(w).catch(() => {}));
  }

  private async watchWorker(w: Worker): Promise<void> {
    if (this.workers.has(w)) return;
    this.workers.add(w);
    w.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') this.seen.push(`service worker console.${m.type()}: ${m.text()}`);
    });
    await w.evaluate(() => {
      const g = globalThis as unknown as { __cnaiTestErrors?: string[] };
      if (g.__cnaiTestErrors) return;
      const list: string[] = (g.__cnaiTestErrors = []);
      self.addEventListener('error', (e) => list.push(`service worker uncaught: ${(e as ErrorEvent).message}`));
      self.addEventListener('unhandledrejection', (e) => {
        const r = (e as PromiseRejectionEvent).reason;
        list.push(`service worker unhandled rejection: ${r instanceof Error ? r.stack : String(r)}`);
      });
    });
  }

  /** Starts collecting the content script's errors in a page (all its frames). */
  watch(page: Page): Page {
    page.on('console', (m) => {
      const url = m.location().url ?? '';
      const ours = url.startsWith('chrome-extension://') || m.text().startsWith('[CN AI Context]');
      if (ours && (m.type() === 'error' || m.type() === 'warning')) this.seen.push(`content console.${m.type()} (${page.url()}): ${m.text()}`);
    });
    page.on('pageerror', (e) => {
      if (`${e.stack ?? ''}`.includes('chrome-extension://')) this.seen.push(`content script exception (${page.url()}): ${e.stack}`);
    });
    return page;
  }

  /** What was collected after an earlier list() (multiset difference). */
  async since(earlier: string[]): Promise<string[]> {
    const left = [...earlier];
    return (await this.list()).filter((e) => {
      const i = left.indexOf(e);
      if (i < 0) return true;
      left.splice(i, 1);
      return false;
    });
  }

  /** Everything collected so far. */
  async list(): Promise<string[]> {
    const out = [...this.seen];
    for (const w of this.workers) {
      const errs = await w.evaluate(() => (globalThis as unknown as { __cnaiTestErrors?: string[] }).__cnaiTestErrors).catch(() => undefined);
      if (errs) out.push(...errs);
    }
    return out;
  }
}

/** Page-side errors (uncaught exceptions and console errors), as text, for baseline comparisons. */
export function collectPageErrors(page: Page): string[] {
  const out: string[] = [];
  page.on('pageerror', (e) => out.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') out.push(`console.error: ${m.text()}`);
  });
  return out;
}

export interface RangeInfo {
  name: string;
  text: string;
  /** Why this range is not in visible prose (empty when it is). */
  problems: string[];
  /** Text of the nearest block ancestor (for messages and expectations). */
  block: string;
  /** Where the range lives. */
  root: 'document' | 'shadow' | 'detached';
  /** id of the nearest ancestor element with an id. */
  nearestId: string;
}

/** Every range in the cnai-* mention highlights of a document, checked against the places where nothing may be highlighted. */
export async function cnaiRanges(target: Page | Frame, names: string[] = MENTION_HIGHLIGHTS): Promise<RangeInfo[]> {
  return target.evaluate((only) => {
    const FORBIDDEN =
      'script, style, noscript, template, textarea, input, select, option, optgroup, datalist, title, head, svg, math, iframe, object, [hidden], [contenteditable]:not([contenteditable="false"])';
    const BLOCKS = /^(p|div|li|h[1-6]|td|th|dd|dt|blockquote|section|article|header|footer|figcaption|pre|body|main|aside|nav|caption|summary|details|form|label)$/;
    // Types are erased before the function is sent to the page: the interface can be named here.
    const out: RangeInfo[] = [];
    for (const [name, h] of CSS.highlights) {
      if (!only.includes(name)) continue;
      for (const r of h) {
        const problems: string[] = [];
        let text = '';
        let block = '';
        let root: 'document' | 'shadow' | 'detached' = 'document';
        let nearestId = '';
        if (r.startContainer.nodeType !== 3 || r.endContainer.nodeType !== 3) problems.push('container is not a text node');
        if (!r.startContainer.isConnected || !r.endContainer.isConnected) {
          problems.push('range in a removed node');
          root = 'detached';
        } else if (r.startContainer.getRootNode() instanceof ShadowRoot) root = 'shadow';
        try {
          const range = document.createRange();
          range.setStart(r.startContainer, r.startOffset);
          range.setEnd(r.endContainer, r.endOffset);
          text = range.toString();
        } catch (e) {
          problems.push(`invalid range: ${e}`);
        }
        if (r.collapsed || !text.trim()) problems.push('empty range');
        if (text !== text.trim()) problems.push('range starts or ends with white space');
        for (const node of [r.startContainer, r.endContainer]) {
          const el = node.nodeType === 1 ? (node as Element) : node.parentElement;
          if (!el) {
            problems.push('text node without a parent element');
            continue;
          }
          const bad = el.closest(FORBIDDEN);
          if (bad) problems.push(`inside <${bad.localName}>`);
          if ((el as HTMLElement).isContentEditable) problems.push('inside an editable region');
          if (el.namespaceURI !== 'http://www.w3.org/1999/xhtml') problems.push(`inside a ${el.namespaceURI} element`);
        }
        const start = r.startContainer;
        if (start.nodeType === 3) {
          // The white-space delimited token around the mention must not be a URL.
          const data = (start as Text).data;
          let a = r.startOffset;
          while (a > 0 && !/\s/.test(data[a - 1]!)) a--;
          const endData = r.endContainer.nodeType === 3 ? (r.endContainer as Text).data : '';
          let b = r.endOffset;
          while (b < endData.length && !/\s/.test(endData[b]!)) b++;
          const token = data.slice(a, r.startOffset) + text + endData.slice(r.endOffset, b);
          if (/:\/\/|^www\.|\w\.\w+\/|\?\w+=/i.test(token)) problems.push(`inside a URL written in the text: ${token}`);
          let el = start.parentElement;
          while (el && !BLOCKS.test(el.localName)) el = el.parentElement;
          block = (el?.textContent ?? data).replace(/\s+/g, ' ').trim().slice(0, 300);
          for (let e = start.parentElement; e; e = e.parentElement) {
            if (e.id) {
              nearestId = e.id;
              break;
            }
          }
        }
        out.push({ name, text, problems, block, root, nearestId });
      }
    }
    return out;
  }, names);
}

/** Number of ranges in the cnai-* mention highlights of a document. */
export async function mentionCount(target: Page | Frame): Promise<number> {
  return target.evaluate((names) => {
    let n = 0;
    for (const name of names) n += CSS.highlights.get(name)?.size ?? 0;
    return n;
  }, MENTION_HIGHLIGHTS);
}

/** Waits until the number of mention ranges stays the same for `quietMs`. */
export async function waitForStableMentions(target: Page | Frame, quietMs = 600, timeout = 15_000): Promise<number> {
  const deadline = Date.now() + timeout;
  let last = -1;
  let since = Date.now();
  for (;;) {
    const n = await mentionCount(target);
    if (n !== last) {
      last = n;
      since = Date.now();
    } else if (Date.now() - since >= quietMs) return n;
    if (Date.now() > deadline) return n;
    await new Promise((r) => setTimeout(r, 150));
  }
}

/**
 * Whether a highlighted text of a kind is an alias of the built-in knowledge base
 * after normalization (models may carry a version suffix: "Qwen2.5-72B").
 */
export function aliasChecker(): (kind: string, text: string) => boolean {
  const { entities } = loadBuiltinPack();
  const byKind = new Map<string, Set<string>>();
  for (const e of entities) {
    let set = byKind.get(e.kind);
    if (!set) byKind.set(e.kind, (set = new Set()));
    for (const a of e.aliases) set.add(foldText(a.text));
  }
  const flags = flagTable();
  return (kind, text) => {
    const set = byKind.get(kind);
    if (!set) return false;
    if (set.has(foldText(text))) return true;
    if (kind !== 'model') return false;
    for (let i = 1; i < text.length; i++) {
      if (!set.has(foldText(text.slice(0, i)))) continue;
      if (versionSuffixEnd(text, i, text.length, flags) === text.length) return true;
    }
    return false;
  };
}

export function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

export interface TaskSample {
  /** Duration of the main-thread task, ms. */
  duration: number;
  /** Time spent in it running the extension's scripts (calls into chrome-extension:// code), ms. */
  extensionMs: number;
}

export interface TraceSummary {
  /** Main-thread tasks of the traced page's renderer that ran extension code. */
  tasksWithExtension: TaskSample[];
  /** Tasks longer than 50 ms in that renderer, with the extension's share. */
  longTasks: TaskSample[];
  /** Total time in extension code. */
  extensionMs: number;
}

/**
 * Records a Chromium trace while `during` runs and attributes main-thread tasks to the
 * extension: a task's extension time is the time of the outermost script calls
 * (FunctionCall, TimerFire, EventDispatch callbacks, v8 microtasks) whose script URL is
 * chrome-extension://. A long task is the extension's when it would not have been long
 * without that time.
 */
export async function traceExtension(page: Page, during: () => Promise<void>): Promise<TraceSummary> {
  const cdp = await page.context().newCDPSession(page);
  const events: TraceEvent[] = [];
  cdp.on('Tracing.dataCollected', (e) => {
    for (const ev of e.value) events.push(ev as unknown as TraceEvent);
  });
  const done = new Promise<void>((resolve) => cdp.once('Tracing.tracingComplete', () => resolve()));
  await cdp.send('Tracing.start', {
    transferMode: 'ReportEvents',
    traceConfig: { includedCategories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'toplevel', 'v8.execute'] },
  } as never);
  try {
    await during();
  } finally {
    await cdp.send('Tracing.end');
    await done;
    await cdp.detach().catch(() => {});
  }
  return summarizeTrace(events);
}

interface TraceEvent {
  name: string;
  ph: string;
  ts: number;
  dur?: number;
  pid: number;
  tid: number;
  args?: { data?: { url?: string; scriptName?: string; stackTrace?: { url?: string }[] }; name?: string; worldName?: string };
}

function scriptUrl(e: TraceEvent): string {
  const d = e.args?.data;
  return d?.url ?? d?.scriptName ?? d?.stackTrace?.[0]?.url ?? '';
}

function summarizeTrace(events: TraceEvent[]): TraceSummary {
  const isExt = (e: TraceEvent) => {
    // The content script's application is a module: its evaluation names no URL, only
    // the isolated world it runs in (the page's own modules run in the main world, which
    // has no name; this extension is the only one loaded).
    if (e.name === 'v8.evaluateModule') return !!e.args?.worldName;
    return scriptUrl(e).startsWith('chrome-extension://');
  };
  // Script calls into extension code, outermost only.
  const calls = events
    .filter((e) => e.ph === 'X' && e.dur !== undefined && ['FunctionCall', 'EvaluateScript', 'v8.callFunction', 'v8.evaluateModule'].includes(e.name) && isExt(e))
    .sort((a, b) => a.ts - b.ts);
  const outer: TraceEvent[] = [];
  for (const c of calls) {
    const last = outer[outer.length - 1];
    if (last && last.pid === c.pid && last.tid === c.tid && c.ts < last.ts + last.dur!) continue;
    outer.push(c);
  }
  const threads = new Set(outer.map((c) => `${c.pid}:${c.tid}`));
  const tasks = events.filter((e) => e.ph === 'X' && e.name === 'RunTask' && e.dur !== undefined && threads.has(`${e.pid}:${e.tid}`));
  const within = (t: TraceEvent, list: TraceEvent[]) => list.filter((c) => c.pid === t.pid && c.tid === t.tid && c.ts >= t.ts && c.ts < t.ts + t.dur!);
  const time = (t: TraceEvent, list: TraceEvent[]) => list.reduce((s, c) => s + Math.min(c.dur!, t.ts + t.dur! - c.ts), 0) / 1000;
  // A task resumed after `scheduler.yield()` (the scanner's slices) runs as a microtask
  // checkpoint: the trace names no script for it. Such a task counts as the extension's
  // when no script of the page runs in it (the fixtures this is used on run no promise
  // code of their own); without this, every slice after the first went uncounted.
  const pageCalls = events.filter((e) => e.ph === 'X' && ['FunctionCall', 'EvaluateScript', 'TimerFire', 'EventDispatch', 'v8.callFunction'].includes(e.name) && !isExt(e) && scriptUrl(e) !== '');
  const microtasks = events.filter((e) => e.ph === 'X' && e.dur !== undefined && e.name === 'RunMicrotasks');
  const share = (t: TraceEvent) => {
    const calls = within(t, outer);
    if (calls.length || within(t, pageCalls).length) return time(t, calls);
    return time(t, within(t, microtasks));
  };
  const samples = tasks.map((t) => ({ duration: t.dur! / 1000, extensionMs: share(t) }));
  return {
    tasksWithExtension: samples.filter((s) => s.extensionMs > 0),
    longTasks: samples.filter((s) => s.duration > 50),
    extensionMs: samples.reduce((s, t) => s + t.extensionMs, 0),
  };
}
