/**
 * The popup paints its entity list from the labels kept with a tab's report
 * (background/tab-reports.ts). A renamed entity must show its new name there without
 * the page reporting again.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchWithExtension, startServer, waitForHighlights, type ExtensionBrowser, type StaticServer } from './harness';

let server: StaticServer;
let ext: ExtensionBrowser;

beforeAll(async () => {
  server = await startServer();
  ext = await launchWithExtension();
});

afterAll(async () => {
  await ext?.close();
  await server?.close();
});

describe('popup labels', () => {
  it('shows an entity renamed in the knowledge base under its new name in an open tab', async () => {
    const page = await ext.context.newPage();
    await page.goto(server.url('/article.html'));
    await waitForHighlights(page, 5);
    const tabId = await ext.tabIdOf(page);
    const rowName = async () => {
      const popup = await ext.openExtensionPage('popup.html', `?tabId=${tabId}`);
      await popup.waitForSelector('.entity-row[data-entity="zhipu-ai"]');
      const name = await popup.locator('.entity-row[data-entity="zhipu-ai"] .row-name').innerText();
      await popup.close();
      return name;
    };
    expect(await rowName()).toMatch(/^Zhipu AI\b/);

    // The reader renames it in the library's editor; the background republishes the matcher and labels.
    const lib = await ext.openExtensionPage('library.html', '#/kb/edit/zhipu-ai');
    await lib.getByLabel('English name').fill('Zhipu (renamed)');
    await lib.getByRole('button', { name: 'Save entity' }).click();
    await lib.locator('[role=status]', { hasText: 'Saved.' }).waitFor();
    await lib.close();

    const deadline = Date.now() + 10_000;
    let name = '';
    while (Date.now() < deadline && !(name = await rowName()).startsWith('Zhipu (renamed)')) await new Promise((r) => setTimeout(r, 250));
    expect(name).toMatch(/^Zhipu \(renamed\)/);
    await page.close();
  });
});
