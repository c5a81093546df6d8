/** An import through the library's data view, timed in the page (bench/ui.ts, bench/import-ab.ts). */
import type { Page } from 'playwright-core';

/**
 * An init script for the library page: when a file was chosen and when an import's report
 * appeared, in `window.__t` (`file`, `report`), in the page's own clock (without Playwright's
 * upload handling).
 */
export const IMPORT_PROBE = `
  window.__t = {};
  document.addEventListener('change', (e) => { if (e.target.type === 'file') window.__t.file = performance.now(); }, true);
  new MutationObserver(() => { if (document.querySelector('.report.ok') && !window.__t.report) window.__t.report = performance.now(); }).observe(document, { childList: true, subtree: true });
`;

/** Forgets the times taken so far and the last report, before the next import or export. */
export const RESET_TIMES = `window.__t = {}; document.querySelector('.report')?.remove();`;

/**
 * Empties the clippings store (the transfer worker opens the database by itself), imports
 * `file` and waits for the report of `n` new clippings. Returns the ms from the chosen file
 * to the report, as IMPORT_PROBE recorded them.
 */
export async function importIntoEmpty(lib: Page, file: string, n: number): Promise<number> {
  await lib.evaluate(async () => {
    const req = indexedDB.open('cnai-context');
    const db: IDBDatabase = await new Promise((res) => (req.onsuccess = () => res(req.result)));
    await new Promise<void>((res) => {
      const tx = db.transaction('clippings', 'readwrite');
      tx.objectStore('clippings').clear();
      tx.oncomplete = () => res();
    });
    db.close();
  });
  await lib.evaluate(RESET_TIMES);
  await lib.locator('input[type=file]').setInputFiles(file);
  await lib.locator('.report.ok', { hasText: `Imported ${n.toLocaleString('en-US')} new` }).waitFor({ timeout: 60_000 });
  return (await lib.evaluate('window.__t.report - window.__t.file')) as number;
}
