/**
 * Interface benchmarks with generated data, in headless Chromium with the built
 * extension: library first paint and search with 10,000 clippings, popup first paint,
 * export and import of 10,000 clippings in every format, and the longest task on a small
 * page while the content script starts (with and without the extension), and the
 * extension's tasks on the hostile test pages (bench/ui-hostile.ts). Writes bench/ui-results.json
 * and the "Interface" section of BENCHMARKS.md (between its markers).
 *
 *   npx tsx bench/ui.ts [--runs=5] [--only=hostile|big|data]   (--only prints and writes nothing)
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { generateClippings } from '../tests/fixtures/generate-clippings';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { chromiumPath, launchWithExtension, putRecords, startServer, waitForHighlights, watchStartupMarks, type StaticServer } from '../tests/browser/harness';
import { articleEntities, loadRealKb } from './dictionaries';
import { generateArticle } from './generate';
import { hostileRows } from './ui-hostile';
import { IMPORT_PROBE, importIntoEmpty, RESET_TIMES } from './library-import';
import { median, r1 } from './stats';

const ROOT = path.resolve(import.meta.dirname, '..');
const argv = process.argv.slice(2);
const RUNS = Number(argv.find((a) => a.startsWith('--runs='))?.slice(7) ?? 5);
const ONLY = argv.find((a) => a.startsWith('--only='))?.slice(7);
const N = 10_000;
const log = (s: string) => console.log(`[ui] ${s}`);

// Records when an element matching a selector first appears, relative to navigation start.
// (tsx keeps function names with a __name helper that pages lack: provide it.)
// Export and import times are taken in the page: from the click (or the chosen file) to
// the file handed to the browser (or the import report, IMPORT_PROBE), without Playwright's
// own download and upload handling.
const FIRST_SEEN = `
  window.__name = window.__name || ((f) => f);
  window.__firstSeen = {};
  ${IMPORT_PROBE}
  document.addEventListener('click', (e) => { if (e.target.closest && e.target.closest('button.primary')) window.__t.click = performance.now(); }, true);
  new MutationObserver(() => {
    for (const sel of ['.clip-item', '.entity-row', '.lib-head']) {
      if (!window.__firstSeen[sel] && document.querySelector(sel)) window.__firstSeen[sel] = performance.now();
    }
    const status = document.querySelector('.data-view [role=status]');
    if (status && status.textContent.startsWith('Exported') && !window.__t.exported) window.__t.exported = performance.now();
  }).observe(document, { childList: true, subtree: true, characterData: true });
`;

/**
 * The longest task on a fresh load of `url` until 1.5 s after navigation, per load (the
 * first load of the browser is left out: it compiles everything cold).
 */
/**
 * Per load (after a warm-up load): the longest task, and when the first mention was
 * highlighted, in ms after navigation start (-1: none). A string, not a function: tsx
 * would add helper calls that do not exist in the page.
 */
const LOAD_PROBE = `
  window.__lt = [];
  new PerformanceObserver((l) => { for (const e of l.getEntries()) window.__lt.push(e.duration); }).observe({ type: 'longtask', buffered: true });
  window.__firstHighlight = -1;
  (function poll() {
    if (['cnai-model', 'cnai-company', 'cnai-organization', 'cnai-policy'].some((h) => (CSS.highlights.get(h)?.size ?? 0) > 0)) window.__firstHighlight = performance.now();
    else if (performance.now() < 5000) setTimeout(poll, 4);
  })();
`;

async function smallPageLoads(context: BrowserContext, url: string, runs: number, marks = false, settleMs = 1500): Promise<{ longest: number[]; firstHighlight: number[]; fromScriptStart: number[]; storageAnswer: number[] }> {
  const longest: number[] = [];
  const firstHighlight: number[] = [];
  const fromScriptStart: number[] = [];
  const storageAnswer: number[] = [];
  for (let i = 0; i <= runs; i++) {
    const page = await context.newPage();
    const readMarks = marks ? await watchStartupMarks(page) : undefined;
    await page.addInitScript({ content: LOAD_PROBE });
    await page.goto(url, { timeout: 60_000 });
    await page.waitForTimeout(settleMs);
    const { lt, first } = await page.evaluate(() => {
      const w = window as unknown as { __lt: number[]; __firstHighlight: number };
      return { lt: w.__lt, first: w.__firstHighlight };
    });
    const m = await readMarks?.();
    if (i > 0) {
      longest.push(r1(Math.max(0, ...lt)));
      firstHighlight.push(r1(first));
      if (m?.loader !== undefined && m.firstPaint !== undefined) fromScriptStart.push(r1(m.firstPaint - m.loader));
      if (m?.loader !== undefined && m.storageAnswer !== undefined) storageAnswer.push(r1(m.storageAnswer - m.loader));
    }
    await page.close();
  }
  return { longest, firstHighlight, fromScriptStart, storageAnswer };
}

/**
 * The generated 5 MB article of the engine benchmark, opened at its top and scrolled to
 * its middle (a reload that restores the reading position): when the first highlights
 * came, from the content script's start (its own marks). The longest task is not reported:
 * the page's own parsing and layout take longer than 50 ms with or without the extension.
 */
async function bigPageRows(context: BrowserContext, server: StaticServer, runs: number): Promise<Row[]> {
  const real = await loadRealKb();
  const { html } = generateArticle(articleEntities(real));
  const scrolled = html.replace('</body>', '<script>scrollTo(0, document.documentElement.scrollHeight / 2);</script></body>');
  server.route((u) => (u.pathname === '/big.html' ? { body: u.searchParams.has('middle') ? scrolled : html } : undefined));
  const rows: Row[] = [];
  for (const [query, where] of [['', 'at its top'], ['?middle', 'scrolled to its middle']] as const) {
    const loads = await smallPageLoads(context, server.url(`/big.html${query}`), runs, true, 4000);
    rows.push({ case: `5 MB page load, ${where}: first highlights, after the content script started`, ms: r1(median(loads.fromScriptStart)), target: 100, runs: loads.fromScriptStart });
    log(`5 MB page ${where}: first highlights ${r1(median(loads.fromScriptStart))} ms after the content script started (${loads.fromScriptStart.join(', ')})`);
  }
  return rows;
}

interface Row {
  case: string;
  ms: number;
  target?: number;
  runs: number[];
}

/** Export and import of 10,000 clippings in every format, through the library's worker. */
async function dataRows(lib: Page, runs: number): Promise<Row[]> {
  const out: Row[] = [];
  const dir = mkdtempSync(path.join(os.tmpdir(), 'cnai-ui-bench-'));
  await lib.goto(`${lib.url().split('#')[0]}#/data`);
  await lib.waitForSelector('.data-view');
  const formats: [string, string, boolean][] = [
    ['Markdown', 'Markdown (one file, for Obsidian and similar)', false],
    ['Markdown per page (zip)', 'Markdown (one file per page, zipped)', false],
    ['CSV', 'CSV (Readwise import)', true],
    ['W3C Web Annotation', 'W3C Web Annotation (JSON-LD)', true],
    ['JSON backup', 'JSON backup (everything you own)', true],
  ];
  const files: [string, string][] = [];
  for (const [label, radio, importable] of formats) {
    const times: number[] = [];
    for (let i = 0; i < Math.min(runs, 3); i++) {
      await lib.getByLabel(radio).check();
      await lib.evaluate(RESET_TIMES);
      const [download] = await Promise.all([lib.waitForEvent('download', { timeout: 60_000 }), lib.getByRole('button', { name: 'Export', exact: true }).click()]);
      await lib.waitForFunction(() => (window as unknown as { __t: { exported?: number } }).__t.exported);
      times.push(r1(await lib.evaluate(() => { const t = (window as unknown as { __t: { exported: number; click: number } }).__t; return t.exported - t.click; })));
      const file = path.join(dir, download.suggestedFilename());
      await download.saveAs(file);
      if (i === 0 && importable) files.push([label, file]);
    }
    out.push({ case: `export ${N.toLocaleString('en-US')} clippings: ${label}`, ms: r1(median(times)), target: 2000, runs: times });
    log(`export ${label}: ${median(times)} ms`);
  }
  for (const [label, file] of files) {
    const times: number[] = [];
    for (let i = 0; i < Math.min(runs, 3); i++) {
      // Into an empty database each time.
      times.push(r1(await importIntoEmpty(lib, file, N)));
    }
    out.push({ case: `import ${N.toLocaleString('en-US')} clippings: ${label}`, ms: r1(median(times)), target: 2000, runs: times });
    log(`import ${label}: ${median(times)} ms`);
  }
  rmSync(dir, { recursive: true, force: true });
  return out;
}

async function main(): Promise<void> {
  if (!existsSync(path.join(ROOT, '.output/chrome-mv3/manifest.json'))) throw new Error('Build first: npm run build');
  if (ONLY === 'big' || ONLY === 'hostile') {
    // One part only, printed.
    const b = await launchWithExtension();
    const server = await startServer();
    try {
      const rows = ONLY === 'big' ? await bigPageRows(b.context, server, RUNS) : await hostileRows(b, server, Math.min(RUNS, 3), log);
      for (const r of rows) console.log(`${r.target === undefined ? '    ' : r.ms <= r.target ? 'PASS' : 'FAIL'}  ${r.case}: ${r.ms} ms (${r.runs.join(', ')})`);
    } finally {
      await server.close();
      await b.close();
    }
    return;
  }
  if (ONLY === 'data') {
    const b = await launchWithExtension();
    await b.context.addInitScript({ content: FIRST_SEEN });
    try {
      const lib = await b.openExtensionPage('library.html');
      await putRecords(lib, 'clippings', generateClippings(N));
      for (const r of await dataRows(lib, RUNS)) console.log(`${r.ms <= r.target! ? 'PASS' : 'FAIL'}  ${r.case}: ${r.ms} ms (${r.runs.join(', ')})`);
    } finally {
      await b.close();
    }
    return;
  }
  const rows: Row[] = [];
  const clippings = generateClippings(N);
  const b = await launchWithExtension();
  await b.context.addInitScript({ content: FIRST_SEEN });
  try {
    const lib = await b.openExtensionPage('library.html');
    await putRecords(lib, 'clippings', clippings);

    // Library first paint: the first rows of clippings on screen.
    const paints: number[] = [];
    const searches: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      await lib.goto(lib.url().split('#')[0]!);
      await lib.waitForSelector('.clip-item');
      paints.push(await lib.evaluate(() => (window as unknown as { __firstSeen: Record<string, number> }).__firstSeen['.clip-item']!));
      // Search: from the keystroke to the updated result list, once the index is built.
      await lib.locator('.result-line', { hasText: `${N.toLocaleString('en-US')} clippings` }).waitFor();
      await lib.waitForFunction(() => !document.querySelector('.result-line')?.textContent?.includes('Indexing'), undefined, { timeout: 30_000 });
      for (const q of ['licence', 'regulation', '网信办', 'xyzzy']) {
        searches.push(
          await lib.evaluate(async (query) => {
            const input = document.querySelector<HTMLInputElement>('input[type=search]')!;
            const line = document.querySelector('.result-line')!;
            const before = line.textContent;
            const t = performance.now();
            input.value = query;
            input.dispatchEvent(new Event('input', { bubbles: true }));
            await new Promise<void>((resolve) => {
              const check = () => (line.textContent !== before ? resolve() : requestAnimationFrame(check));
              new MutationObserver(() => line.textContent !== before && resolve()).observe(line, { childList: true, subtree: true, characterData: true });
              check();
            });
            const ms = performance.now() - t;
            input.value = '';
            input.dispatchEvent(new Event('input', { bubbles: true }));
            return ms;
          }, q),
        );
        await lib.waitForTimeout(50);
      }
    }
    rows.push({ case: `library first paint, ${N.toLocaleString('en-US')} clippings`, ms: r1(median(paints)), target: 300, runs: paints.map(r1) });
    rows.push({ case: `search (keystroke → results), ${N.toLocaleString('en-US')} clippings`, ms: r1(median(searches)), target: 50, runs: searches.map(r1) });
    log(`library first paint ${r1(median(paints))} ms, search ${r1(median(searches))} ms`);

    // Popup first paint for a tab with mentions.
    const server = await startServer();
    const page = await b.context.newPage();
    await page.goto(server.url('/article.html'));
    await waitForHighlights(page, 5);
    const tabId = await b.tabIdOf(page);
    const popupPaints: number[] = [];
    const popup = await b.context.newPage();
    await popup.setViewportSize({ width: 400, height: 600 });
    for (let i = 0; i < RUNS; i++) {
      await popup.goto(`chrome-extension://${b.extensionId}/popup.html?tabId=${tabId}`);
      await popup.waitForSelector('.entity-row');
      popupPaints.push(await popup.evaluate(() => (window as unknown as { __firstSeen: Record<string, number> }).__firstSeen['.entity-row']!));
    }
    rows.push({ case: 'popup first paint (entity list)', ms: r1(median(popupPaints)), target: 100, runs: popupPaints.map(r1) });
    log(`popup first paint ${r1(median(popupPaints))} ms`);

    // The content script's start on a small page: compiling and running it is one task.
    const loads = await smallPageLoads(b.context, server.url('/article.html'), RUNS, true);
    const withExt = loads.longest;
    const plain = await chromium.launch({ executablePath: chromiumPath(), headless: true });
    const plainContext = await plain.newContext({ viewport: { width: 1200, height: 900 } });
    const without = (await smallPageLoads(plainContext, server.url('/article.html'), RUNS)).longest;
    await plain.close();
    // The worst load, not the median: the target is that no task exceeds 50 ms.
    rows.push({ case: 'small page load: longest task with the extension, worst load (0 = none over 50 ms)', ms: Math.max(...withExt), target: 50, runs: withExt });
    rows.push({ case: 'small page load: longest task without the extension, worst load', ms: Math.max(...without), runs: without });
    rows.push({ case: 'small page load: first highlights, after navigation start', ms: r1(median(loads.firstHighlight)), runs: loads.firstHighlight });
    // The issue's "viewport first" target counts from the content script's start (its marks, read from its isolated world).
    rows.push({ case: 'small page load: first highlights, after the content script started', ms: r1(median(loads.fromScriptStart)), target: 100, runs: loads.fromScriptStart });
    rows.push({ case: 'small page load: stored matcher and settings arrived, after the content script started', ms: r1(median(loads.storageAnswer)), runs: loads.storageAnswer });
    log(`small page longest task ${Math.max(...withExt)} ms with the extension, ${Math.max(...without)} ms without; first highlights after ${median(loads.firstHighlight)} ms (${median(loads.fromScriptStart)} ms after the content script started; storage answer after ${median(loads.storageAnswer)} ms)`);
    rows.push(...(await bigPageRows(b.context, server, RUNS)));
    rows.push(...(await hostileRows(b, server, Math.min(RUNS, 3), log)));
    await server.close();

    rows.push(...(await dataRows(lib, RUNS)));
  } finally {
    await b.close();
  }

  const results = { date: new Date().toISOString(), clippings: N, runs: RUNS, rows };
  writeFileSync(path.join(ROOT, 'bench/ui-results.json'), `${JSON.stringify(results, null, 2)}\n`);
  const table = [
    '## Interface (generated data, built extension in headless Chromium)',
    '',
    `Median of ${RUNS} runs (3 for exports and imports). Measured by \`bench/ui.ts\` on ${results.date.slice(0, 10)}, in the page: first paint from navigation start to the first row on screen; search from the keystroke to the updated list (index built); exports from the click on Export to the file handed to the browser; imports from the chosen file to the report, into an empty database.`,
    '',
    '| Case | Median (ms) | Target (ms) | Result | Runs (ms) |',
    '|---|---:|---:|---|---|',
    ...rows.map((r) => `| ${r.case} | ${r.ms} | ${r.target ?? ''} | ${r.target === undefined ? '' : r.ms <= r.target ? 'PASS' : 'FAIL'} | ${r.runs.join(', ')} |`),
    '',
  ].join('\n');
  const file = path.join(ROOT, 'BENCHMARKS.md');
  const current = existsSync(file) ? readFileSync(file, 'utf8') : '# Benchmarks\n';
  const section = `<!-- ui:start -->\n${table}<!-- ui:end -->`;
  const next = current.includes('<!-- ui:start -->') ? current.replace(/<!-- ui:start -->[\s\S]*<!-- ui:end -->/, section) : `${current.trimEnd()}\n\n${section}\n`;
  writeFileSync(file, next);
  for (const r of rows) console.log(`${r.target === undefined ? '    ' : r.ms <= r.target ? 'PASS' : 'FAIL'}  ${r.case}: ${r.ms} ms${r.target ? ` (target ${r.target})` : ''}`);
}

await main();
