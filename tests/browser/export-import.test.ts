/**
 * Export from the library (the downloaded file is checked) and import of a backup
 * into a fresh profile, in the browser.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { clippingLink } from '../../formats/markdown';
import { generateClippings } from '../fixtures/generate-clippings';
import { getRecords, launchWithExtension, putRecords, useExtensionBrowser } from './harness';

const dir = mkdtempSync(path.join(tmpdir(), 'cnai-downloads-'));
// Registered before the browser's hooks, so that it runs after the browser closed.
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});
const browser = useExtensionBrowser();
let lib: Page;
const clippings = generateClippings(120);
clippings[0] = { ...clippings[0]!, text: '=HYPERLINK("http://evil.example","click") says DeepSeek', quote: { ...clippings[0]!.quote, exact: '=HYPERLINK("http://evil.example","click") says DeepSeek' } };

beforeAll(async () => {
  lib = await browser.openExtensionPage('library.html', '#/data');
  await putRecords(lib, 'clippings', clippings);
  await lib.reload();
  await lib.waitForSelector('.data-view');
});

async function exportAs(label: string): Promise<{ name: string; text: string; file: string }> {
  await lib.getByLabel(label).check();
  const [download] = await Promise.all([lib.waitForEvent('download'), lib.getByRole('button', { name: 'Export', exact: true }).click()]);
  const file = path.join(dir, download.suggestedFilename());
  await download.saveAs(file);
  return { name: download.suggestedFilename(), text: readFileSync(file, 'utf8'), file };
}

describe('export from the library', () => {
  it('downloads Markdown with front matter, blockquotes and wiki links', async () => {
    const { name, text } = await exportAs('Markdown (one file, for Obsidian and similar)');
    expect(name).toMatch(/^cnai-clippings-\d{4}-\d{2}-\d{2}-all\.md$/);
    expect(text.startsWith('---\n')).toBe(true);
    expect(text).toContain('> DeepSeek released DeepSeek-R1');
    // Each quote ends with the link to its place on the page (built in the worker, as in Node).
    const c = clippings[10]!;
    expect(text).toContain(`\n> ${c.text} ${clippingLink(c)}\n`);
    expect(text).toContain(`\nSource: [${c.site}](<${c.url}>)\n`);
    expect(text).toContain('[[Cyberspace Administration of China]]');
  });

  let csvFile = '';
  it('downloads a Readwise CSV with formula cells neutralized', async () => {
    const { text, file } = await exportAs('CSV (Readwise import)');
    csvFile = file;
    expect(text.replace(/^\uFEFF/, '').split('\r\n')[0]).toBe('Highlight,Title,Author,URL,Note,Location,Date,Tags,Anchor Quote,Anchor Prefix,Anchor Suffix,Anchor Start,Anchor End');
    expect(text.split('\r\n').length).toBeGreaterThan(120);
    expect(text).toContain(`"'=HYPERLINK(""http://evil.example"",""click"") says DeepSeek"`);
    expect(text).not.toMatch(/(^|,)=HYPERLINK/m);
  });

  it('downloads W3C Web Annotations', async () => {
    const { text } = await exportAs('W3C Web Annotation (JSON-LD)');
    const json = JSON.parse(text);
    expect(json['@context']).toBe('http://www.w3.org/ns/anno.jsonld');
    expect(json.total).toBe(120);
  });

  it('exports the clippings view’s filter, search included, reached through the Import & export link', async () => {
    await lib.goto(lib.url().split('#')[0] + '#/clippings');
    await lib.getByLabel('Search clippings').fill('Kimi');
    await lib.locator('.result-line', { hasText: '12 of 120' }).waitFor();
    await expect.poll(() => lib.url(), { timeout: 5000 }).toContain('q=Kimi');
    await lib.locator('.lib-head nav').getByRole('link', { name: 'Import & export' }).click();
    await lib.waitForSelector('.data-view');
    // The filter came along: its scope can be chosen (it was disabled) and is chosen.
    await expect(lib.getByLabel('The current filter in Clippings').isChecked()).resolves.toBe(true);
    // Said in words, not as the query string.
    await lib.getByText('(“Kimi”)', { exact: true }).waitFor();
    const { text } = await exportAs('CSV (Readwise import)');
    const rows = text.split('\r\n').slice(1).filter(Boolean);
    expect(rows).toHaveLength(12);
    expect(rows.every((r) => r.includes('Kimi K2'))).toBe(true);
    await lib.getByRole('radio', { name: 'Everything', exact: true }).check();
    expect((await exportAs('CSV (Readwise import)')).text.split('\r\n').slice(1).filter(Boolean)).toHaveLength(120);
  });

  let backupFile = '';
  it('downloads a JSON backup', async () => {
    const { text, file } = await exportAs('JSON backup (everything you own)');
    expect(JSON.parse(text)).toMatchObject({ format: 'cnai-backup', schemaVersion: 1 });
    backupFile = file;
  });

  it('imports the backup into a fresh profile, reproducing every clipping', async () => {
    const fresh = await launchWithExtension();
    try {
      const page = await fresh.openExtensionPage('library.html', '#/data');
      await page.waitForSelector('.data-view');
      // Every progress line shown meanwhile: a phase before it has counts is named alone.
      await page.evaluate(() => {
        const seen: string[] = ((window as unknown as { __progress: string[] }).__progress = []);
        new MutationObserver(() => {
          const text = document.querySelector('.data-view .progress')?.textContent;
          if (text && seen[seen.length - 1] !== text) seen.push(text);
        }).observe(document.querySelector('.data-view')!, { childList: true, subtree: true, characterData: true });
      });
      await page.locator('input[type=file]').setInputFiles(backupFile);
      await page.locator('.report.ok', { hasText: 'Imported 120 new and merged 0 duplicate clipping(s).' }).waitFor({ timeout: 20_000 });
      const progress = await page.evaluate(() => (window as unknown as { __progress: string[] }).__progress);
      expect(progress.length).toBeGreaterThan(0);
      for (const line of progress) expect(line).toMatch(/^(Loading…|Importing .*|(Checking|Saving)…|Saving: [1-9]\d* of 120)$/);
      await page.goto(page.url().split('#')[0] + '#/clippings');
      await page.locator('.result-line', { hasText: '120 clippings' }).waitFor();
      const stored = (await getRecords<{ id: string }>(page, 'clippings')).sort((a, b) => a.id.localeCompare(b.id));
      expect(stored).toEqual([...clippings].sort((a, b) => a.id.localeCompare(b.id)));
    } finally {
      await fresh.close();
    }
  });

  it('restores a backup’s settings into a profile still on the defaults, and keeps the settings the reader has changed', async () => {
    type Chrome = { chrome: { storage: { local: { get(k: string): Promise<Record<string, { hoverDelayMs: number; disabledSites: string[] }>>; set(v: object): Promise<void> } } } };
    const settingsOf = (p: Page) => p.evaluate(async () => (await (globalThis as unknown as Chrome).chrome.storage.local.get('settings')).settings);
    const change = (p: Page, patch: object) =>
      p.evaluate(async (patch) => {
        const { chrome } = globalThis as unknown as Chrome;
        const current = (await chrome.storage.local.get('settings')).settings ?? {};
        await chrome.storage.local.set({ settings: { ...current, ...patch } });
      }, patch);
    await change(lib, { hoverDelayMs: 800, disabledSites: ['example.org'] });
    const { file } = await exportAs('JSON backup (everything you own)');
    const fresh = await launchWithExtension();
    try {
      const page = await fresh.openExtensionPage('library.html', '#/data');
      await page.waitForSelector('.data-view');
      await page.locator('input[type=file]').setInputFiles(file);
      await page.locator('.report.ok', { hasText: 'Imported 120 new' }).waitFor({ timeout: 20_000 });
      expect(await settingsOf(page)).toMatchObject({ hoverDelayMs: 800, disabledSites: ['example.org'] });
      // The reader changes a setting; the same backup imported again does not undo it, and says so.
      await change(page, { hoverDelayMs: 500 });
      await page.evaluate(() => document.querySelector('.report')?.setAttribute('data-old', ''));
      await page.locator('input[type=file]').setInputFiles(file);
      await page.locator('.report.ok:not([data-old])', { hasText: 'Settings you have changed were kept' }).waitFor({ timeout: 20_000 });
      expect(await settingsOf(page)).toMatchObject({ hoverDelayMs: 500, disabledSites: ['example.org'] });
    } finally {
      await fresh.close();
      await change(lib, { hoverDelayMs: 300, disabledSites: [] });
    }
  });

  it('imports the same backup again after an edit without adding its note twice, and says nothing changed', async () => {
    const fresh = await launchWithExtension();
    const importFile = async (page: Page, file: string, report: string) => {
      // The previous report, which may say the same, is marked so that only the new one is waited for.
      await page.evaluate(() => document.querySelector('.report')?.setAttribute('data-old', ''));
      await page.locator('input[type=file]').setInputFiles(file);
      await page.locator('.report.ok:not([data-old])', { hasText: report }).waitFor({ timeout: 20_000 });
    };
    try {
      const page = await fresh.openExtensionPage('library.html', '#/data');
      await page.waitForSelector('.data-view');
      await importFile(page, backupFile, 'Imported 120 new and merged 0 duplicate clipping(s).');
      // Edit the first clipping's note in the library, as a reader would.
      const edited = clippings[0]!;
      expect(edited.note).not.toBe('');
      await page.goto(page.url().split('#')[0] + '#/clippings');
      await page.getByLabel('Search clippings').fill('HYPERLINK');
      await page.locator('.result-line', { hasText: '1 of 120' }).waitFor();
      await page.locator('.clip-item').first().click();
      await page.getByLabel('Note').fill('My edited note');
      await page.getByRole('button', { name: 'Save', exact: true }).click();
      await page.locator('.clip-edit [role=status]', { hasText: 'Saved.' }).waitFor();

      await page.goto(page.url().split('#')[0] + '#/data');
      await page.waitForSelector('.data-view');
      // The first import after the edit brings the file's note back beside the edit; later ones change nothing.
      await importFile(page, backupFile, 'Imported 0 new and merged 1 duplicate clipping(s). 119 already present, unchanged.');
      await importFile(page, backupFile, 'Imported 0 new and merged 0 duplicate clipping(s). 120 already present, unchanged.');
      await importFile(page, backupFile, 'Imported 0 new and merged 0 duplicate clipping(s). 120 already present, unchanged.');
      await importFile(page, csvFile, 'Imported 0 new and merged');
      const stored = await getRecords<{ id: string; note: string }>(page, 'clippings');
      expect(stored).toHaveLength(120);
      expect(stored.find((c) => c.id === edited.id)!.note).toBe(`My edited note\n\n${edited.note}`);
      // Every other note is as it was: none was doubled.
      const notes = new Map(clippings.map((c) => [c.id, c.note]));
      expect(stored.filter((c) => c.id !== edited.id && c.note !== notes.get(c.id))).toEqual([]);
    } finally {
      await fresh.close();
    }
  });

  it('fails the import of a CSV without a Highlight column in both modes, with an error report', async () => {
    for (const [mode, label] of [
      ['all', 'All or nothing: import only if every record is valid'],
      ['valid', 'Import the valid records and list the skipped ones'],
    ]) {
      // One file per mode: its name in the report tells the two reports apart.
      const bad = path.join(dir, `wrong-header-${mode}.csv`);
      writeFileSync(bad, 'Title,URL,Note\r\nA page,https://example.com/a,A note\r\n');
      await lib.getByLabel(label!).check();
      await lib.locator('input[type=file]').setInputFiles(bad);
      const report = lib.locator('.report.error', { hasText: `“wrong-header-${mode}.csv” cannot be read as a CSV file` });
      await report.waitFor();
      expect(await report.innerText()).toContain('The file: has no “Highlight” column');
      expect(await lib.locator('.report.ok').count()).toBe(0);
    }
    await lib.getByLabel('All or nothing: import only if every record is valid').check();
    expect(await getRecords(lib, 'clippings')).toHaveLength(120);
  });

  it('refuses a file that is not an export, changing nothing', async () => {
    const bad = path.join(dir, 'photo.png');
    writeFileSync(bad, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 1, 2, 3]));
    await lib.locator('input[type=file]').setInputFiles(bad);
    await lib.locator('.report.error', { hasText: 'is not a text file' }).waitFor();
  });

  it('reports an import’s problems in the interface language: 简体中文', async () => {
    const base = lib.url().split('#')[0]!;
    await lib.goto(`${base}#/settings`);
    await lib.getByRole('combobox', { name: 'Interface language' }).selectOption('zh-CN');
    try {
      await lib.getByRole('heading', { name: '界面语言' }).waitFor();
      await lib.goto(`${base}#/data`);
      await lib.getByLabel('全部或不导入：只有每条记录都有效时才导入').check();
      const bad = path.join(dir, 'bad-rows.csv');
      writeFileSync(bad, 'Highlight,URL\r\n,https://example.com/a\r\nSome text,ftp://example.com/b\r\n');
      await lib.locator('input[type=file]').setInputFiles(bad);
      const report = lib.locator('.report.error', { hasText: '未导入任何内容：有 2 条记录无法读取。' });
      await report.waitFor();
      const text = await report.innerText();
      expect(text).toContain('问题如下：');
      expect(text).toContain('第 2 行，Highlight：为空；已跳过此行。');
      expect(text).toContain('第 3 行，URL：“ftp://example.com/b”不是网址（http:// 或 https://）；已跳过此行。');
      expect(text).not.toMatch(/Nothing was imported|skipped|is empty|row \d/);
      expect(await getRecords(lib, 'clippings')).toHaveLength(120);
    } finally {
      await lib.goto(`${base}#/settings`);
      await lib.getByRole('combobox', { name: '界面语言' }).selectOption('auto');
      await lib.getByRole('heading', { name: 'Interface language' }).waitFor();
      await lib.goto(`${base}#/data`);
    }
  });
});
