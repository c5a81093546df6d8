/**
 * Export from the library (the downloaded file is checked) and import of a backup
 * into a fresh profile, in the browser.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { generateClippings } from '../fixtures/generate-clippings';
import { getRecords, launchWithExtension, putRecords, type ExtensionBrowser } from './harness';

let browser: ExtensionBrowser;
let lib: Page;
const dir = mkdtempSync(path.join(tmpdir(), 'cnai-downloads-'));
const clippings = generateClippings(120);
clippings[0] = { ...clippings[0]!, text: '=HYPERLINK("http://evil.example","click") says DeepSeek', quote: { ...clippings[0]!.quote, exact: '=HYPERLINK("http://evil.example","click") says DeepSeek' } };

beforeAll(async () => {
  browser = await launchWithExtension();
  lib = await browser.openExtensionPage('library.html', '#/data');
  await putRecords(lib, 'clippings', clippings);
  await lib.reload();
  await lib.waitForSelector('.data-view');
});
afterAll(async () => {
  await browser?.close();
  rmSync(dir, { recursive: true, force: true });
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
    expect(text).toContain('[[Cyberspace Administration of China]]');
  });

  it('downloads a Readwise CSV with formula cells neutralized', async () => {
    const { text } = await exportAs('CSV (Readwise import)');
    expect(text.replace(/^\uFEFF/, '').split('\r\n')[0]).toBe('Highlight,Title,Author,URL,Note,Location,Date,Tags');
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
      await page.locator('input[type=file]').setInputFiles(backupFile);
      await page.locator('.report.ok', { hasText: 'Imported 120 new and merged 0 duplicate clipping(s).' }).waitFor({ timeout: 20_000 });
      await page.goto(page.url().split('#')[0] + '#/clippings');
      await page.locator('.result-line', { hasText: '120 clippings' }).waitFor();
      const stored = (await getRecords<{ id: string }>(page, 'clippings')).sort((a, b) => a.id.localeCompare(b.id));
      expect(stored).toEqual([...clippings].sort((a, b) => a.id.localeCompare(b.id)));
    } finally {
      await fresh.close();
    }
  });

  it('refuses a file that is not an export, changing nothing', async () => {
    const bad = path.join(dir, 'photo.png');
    const { writeFileSync } = await import('node:fs');
    writeFileSync(bad, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 1, 2, 3]));
    await lib.locator('input[type=file]').setInputFiles(bad);
    await lib.locator('.report.error', { hasText: 'is not a text file' }).waitFor();
  });
});
