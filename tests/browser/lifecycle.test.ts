/**
 * The extension survives its own lifecycle: the MV3 service worker stopped in the middle
 * of a save or an import, storage that is full, and a database upgrade under an open page.
 * Nothing is lost or duplicated, and the reader is told what happened.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { generateClippings } from '../fixtures/generate-clippings';
import { axClick, axText, axWait, getRecords, launchWithExtension, putRecords, selectText, waitForHighlights, useExtensionBrowser, useStaticServer, saveSelection } from './harness';

const server = useStaticServer();
const browser = useExtensionBrowser();

/** Stops the extension's service worker (as Chrome does after 30 s idle). */
async function stopServiceWorker(extPage: Page) {
  const cdp = await extPage.context().newCDPSession(extPage);
  await cdp.send('ServiceWorker.enable');
  await cdp.send('ServiceWorker.stopAllWorkers');
  await cdp.detach();
}

async function countClippings(extPage: Page): Promise<number> {
  return (await getRecords(extPage, 'clippings')).length;
}

describe('service worker stopped at any moment', () => {
  it('a clipping saved while the worker stops is stored exactly once', async () => {
    const lib = await browser.openExtensionPage('library.html');
    const page = await browser.context.newPage();
    await page.goto(server.url('/article.html'));
    await waitForHighlights(page, 3);
    await selectText(page, '#p3', 'Moonshot AI released Kimi K2');
    await stopServiceWorker(lib);
    await Promise.all([axClick(page, 'button', 'Save clipping'), stopServiceWorker(lib)]);
    await axWait(page, 'dialog', /Saved to your clippings|Already in your clippings/, 10_000);
    expect(await countClippings(lib)).toBe(1);
    // Saving the same selection again does not duplicate it.
    await stopServiceWorker(lib);
    await saveSelection(page, '#p3', 'Moonshot AI released Kimi K2', { dialog: /Already in your clippings/, timeout: 10_000 });
    expect(await countClippings(lib)).toBe(1);
    await page.close();
    await lib.close();
  });

  it('an import keeps going when the worker stops (it runs in the library page)', async () => {
    const lib = await browser.openExtensionPage('library.html', '#/data');
    await lib.waitForSelector('.data-view');
    const clippings = generateClippings(3000);
    const backup = JSON.stringify({ format: 'cnai-backup', schemaVersion: 1, exportedAt: '2026-11-22T00:00:00.000Z', clippings, userEntities: [], entityPrefs: [] });
    const before = await countClippings(lib);
    await lib.locator('input[type=file]').setInputFiles({ name: 'backup.json', mimeType: 'application/json', buffer: Buffer.from(backup) });
    await stopServiceWorker(lib);
    await lib.locator('.report.ok', { hasText: 'Imported 3,000 new' }).waitFor({ timeout: 30_000 });
    expect(await countClippings(lib)).toBe(before + 3000);
    await lib.close();
  });
});

describe('storage full', () => {
  it('saving a clipping says so, and nothing is half-written', async () => {
    const lib = await browser.openExtensionPage('library.html');
    const before = await countClippings(lib);
    // The extension has unlimitedStorage, so a full disk is simulated where IndexedDB writes.
    await browser.worker.evaluate(() => {
      const g = globalThis as unknown as { __restoreAdd?: () => void };
      const add = IDBObjectStore.prototype.add;
      const put = IDBObjectStore.prototype.put;
      const fail = function (): never {
        throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      };
      IDBObjectStore.prototype.add = fail;
      IDBObjectStore.prototype.put = fail;
      g.__restoreAdd = () => {
        IDBObjectStore.prototype.add = add;
        IDBObjectStore.prototype.put = put;
      };
    });
    try {
      const page = await browser.context.newPage();
      await page.goto(server.url('/article.html'));
      await waitForHighlights(page, 3);
      await selectText(page, '#p1', 'Alibaba answered with Qwen2.5-Max');
      await axClick(page, 'button', 'Save clipping');
      await expect.poll(() => axText(page), { timeout: 10_000 }).toMatch(/Could not save: Your disk or browser storage is full/);
      expect(await countClippings(lib)).toBe(before);
      await page.close();
    } finally {
      await browser.worker.evaluate(() => (globalThis as unknown as { __restoreAdd: () => void }).__restoreAdd());
    }
    await lib.close();
  });
});

describe('database upgrade under an open page', () => {
  it('the popup and library say so instead of failing silently', async () => {
    // Own profile: the database is left at a newer version afterwards.
    const b = await launchWithExtension();
    try {
      const lib = await b.openExtensionPage('library.html');
      await lib.waitForSelector('.lib-head');
      await putRecords(lib, 'clippings', generateClippings(3));
      await lib.reload();
      await lib.waitForSelector('.clip-item');
      const other = await b.openExtensionPage('popup.html');
      // A newer version of the extension opens the database at a higher version.
      await other.evaluate(async () => {
        const current: number = await new Promise((res) => {
          const r = indexedDB.open('cnai-context');
          r.onsuccess = () => {
            const v = r.result.version;
            r.result.close();
            res(v);
          };
        });
        await new Promise<void>((res, rej) => {
          const r = indexedDB.open('cnai-context', current + 10);
          r.onsuccess = () => {
            r.result.close();
            res();
          };
          r.onerror = () => rej(r.error);
        });
      });
      await lib.locator('.db-notice', { hasText: 'The extension was updated while this page was open' }).waitFor({ timeout: 10_000 });
      expect(await countClippings(other)).toBe(3);
    } finally {
      await b.close();
    }
  });
});
