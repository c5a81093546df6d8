/** An import through the library's data view, timed in the page (bench/ui.ts, bench/import-ab.ts). */
import type { Page } from 'playwright-core';

/**
 * Empties the clippings store (the transfer worker opens the database by itself), imports
 * `file` and waits for the report of `n` new clippings. Returns the ms from the chosen file
 * to the report, as the page's probe recorded them in `window.__t` (`file`, `report`).
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
  await lib.evaluate(`window.__t = {}; document.querySelector('.report')?.remove();`);
  await lib.locator('input[type=file]').setInputFiles(file);
  await lib.locator('.report.ok', { hasText: `Imported ${n.toLocaleString('en-US')} new` }).waitFor({ timeout: 60_000 });
  return (await lib.evaluate('window.__t.report - window.__t.file')) as number;
}
