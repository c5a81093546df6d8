/**
 * Every entity the seed articles name is highlighted there with the right kind.
 * The seed articles live in ../shared/seeds (not part of the repository); without
 * them this suite reports a visible skip.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import expected from '../fixtures/seed-entities.json';
import { highlightedTexts, SHARED_DIR, waitForHighlights, useExtensionBrowser, useStaticServer } from './harness';

const seedsDir = path.join(SHARED_DIR, 'seeds');
const hasSeeds = existsSync(seedsDir);
const escape = (s: string) => s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);

/** A seed article as a plain HTML page: its first line as the title, one paragraph per line. */
export function seedPage(file: string): string {
  const lines = readFileSync(path.join(seedsDir, file), 'utf8').split('\n');
  const body = lines.map((l) => (l.trim() ? `<p>${escape(l)}</p>` : '')).join('\n');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escape(lines[0] ?? file)}</title></head><body><article>${body}</article></body></html>`;
}

describe.skipIf(!hasSeeds)('seed articles (../shared/seeds)', () => {
  const files = hasSeeds ? readdirSync(seedsDir).filter((f) => f.endsWith('.txt')).sort() : [];
  const server = useStaticServer((url) => {
    const m = /^\/seed\/(\d{3})\.html$/.exec(url.pathname);
    const file = m && files.find((f) => f.startsWith(m[1]!));
    return file ? { body: seedPage(file) } : undefined;
  });
  const browser = useExtensionBrowser();

  for (const file of files) {
    const key = file.slice(0, 3);
    const want = (expected.seeds as Record<string, Record<string, { kind: string; text: string }>>)[key] ?? {};
    it(`highlights every entity seed ${key} names (${Object.keys(want).length}) with the right kind`, async () => {
      const page = await browser.context.newPage();
      await page.goto(server.url(`/seed/${key}.html`));
      await waitForHighlights(page, Math.min(1, Object.keys(want).length));
      const tabId = await browser.tabIdOf(page);
      const counts = await browser.worker.evaluate(async (id) => {
        // eslint-disable-next-line @typescript-eslint/no-explicit-any
        const reports = (await (globalThis as any).chrome.storage.session.get('tabReports')).tabReports;
        return reports[id]['0'].counts as Record<string, number>;
      }, tabId);
      const texts = await highlightedTexts(page);
      const missing: string[] = [];
      for (const [id, { kind, text }] of Object.entries(want)) {
        if (!counts[id]) missing.push(`${id} (not counted)`);
        else if (!texts[`cnai-${kind}`]?.includes(text)) missing.push(`${id}: "${text}" not highlighted as ${kind}`);
      }
      expect(missing).toEqual([]);
      await page.close();
    });
  }
});
