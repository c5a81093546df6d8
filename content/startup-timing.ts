/**
 * When the content script's start-up steps happened (performance.now(), the page's clock):
 * the "viewport first" target counts from the loader's start, and the benchmark
 * (bench/ui.ts) and the browser tests read these marks from the isolated world through
 * the DevTools protocol. They live on the isolated world's global, which the page cannot
 * reach.
 */
export interface StartupTiming {
  /** The document_start part (entrypoints/prefetch.content.ts) sent the first reads. */
  prefetch?: number;
  /**
   * The page rendered its first frame after DOMContentLoaded (content/first-frame.ts): from
   * then on the scanner reads the viewport without running a pending layout of the page.
   */
  layoutReady?: number;
  /** The loader (entrypoints/content) started, at document_idle. */
  loader?: number;
  /** The answer to the storage read of the matcher and the settings arrived. */
  storageAnswer?: number;
  /**
   * The background's answer on the scan engine (whether the page's policy allows
   * WebAssembly) arrived: the scan waits for it as it waits for the storage answer.
   */
  engineAnswer?: number;
  /** The application module started. */
  app?: number;
  /** The application had the stored matcher data and settings in hand. */
  stored?: number;
  /** The matcher was built. */
  matcher?: number;
  /** The first highlights were registered (the scan's first slice). */
  firstPaint?: number;
}

const KEY = Symbol.for('cnai-context.startup');

export function startupTiming(): StartupTiming {
  const g = globalThis as { [KEY]?: StartupTiming };
  return (g[KEY] ??= {});
}

/** Records the first time a step happened (later starts, after a settings change, keep the first). */
export function markStartup(step: keyof StartupTiming): void {
  startupTiming()[step] ??= performance.now();
}
