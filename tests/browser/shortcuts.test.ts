/**
 * The keyboard shortcuts are the manifest's suggested keys in a fresh profile. Chromium
 * leaves a suggested key unassigned, without a word, where the browser has it for itself
 * (Alt+Shift+N and Alt+Shift+P on Windows and Linux): the commands then do nothing.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXTENSION_DIR, useExtensionBrowser } from './harness';

// Evaluated inside the extension's service worker.
declare const chrome: { commands: { getAll(): Promise<{ name?: string; shortcut?: string }[]> } };

const browser = useExtensionBrowser();
const manifest = JSON.parse(readFileSync(path.join(EXTENSION_DIR, 'manifest.json'), 'utf8')) as {
  commands: Record<string, { suggested_key?: { default?: string } }>;
};


describe('keyboard shortcuts in a fresh profile', () => {
  it('every command has its suggested key', async () => {
    const names = Object.keys(manifest.commands);
    expect(names).toEqual(['next-mention', 'previous-mention', 'save-clipping']);
    const assigned = Object.fromEntries((await browser.worker.evaluate(() => chrome.commands.getAll())).map((c) => [c.name, c.shortcut]));
    for (const name of names) expect(assigned[name], name).toBe(manifest.commands[name]!.suggested_key!.default);
  });

  it('the settings page shows them', async () => {
    const lib = await browser.openExtensionPage('library.html', '#/settings');
    await lib.locator('.shortcut-list kbd').nth(2).waitFor();
    expect(await lib.locator('.shortcut-list dd').allTextContents()).toEqual(['Alt+Shift+Period', 'Alt+Shift+Comma', 'Alt+Shift+S']);
    await lib.close();
  });
});
