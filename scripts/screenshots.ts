/**
 * Takes the README's screenshots in headless Chromium with the built extension:
 * the demo page highlighted, the popup, the hover card (light and dark), the library.
 * Run: npm run build && npx tsx scripts/screenshots.ts
 */
import { readFileSync } from 'node:fs';
import { generateClippings } from '../tests/fixtures/generate-clippings';
import { highlightCenter, launchWithExtension, putRecords, startServer, waitForHighlights, axWait } from '../tests/browser/harness';

const out = (name: string) => `docs/screenshots/${name}.png`;
const server = await startServer();
server.route((u) => (u.pathname === '/demo.html' ? { body: readFileSync('demo/index.html', 'utf8') } : undefined));

for (const scheme of ['light', 'dark'] as const) {
  const b = await launchWithExtension({ colorScheme: scheme });
  const page = await b.context.newPage();
  await page.setViewportSize({ width: 1100, height: 760 });
  await page.goto(server.url('/demo.html'));
  await waitForHighlights(page, 20);
  await page.waitForTimeout(500);
  if (scheme === 'light') await page.screenshot({ path: out('page') });
  const { x, y } = await highlightCenter(page, 'cnai-model', 5);
  await page.mouse.move(x, y);
  await axWait(page, 'dialog', /ChatGLM-6B/, 5000);
  await page.waitForTimeout(400);
  await page.screenshot({ path: out(`card-${scheme}`) });
  if (scheme === 'light') {
    const tabId = await b.tabIdOf(page);
    const popup = await b.openExtensionPage('popup.html', `?tabId=${tabId}`);
    await popup.setViewportSize({ width: 400, height: 600 });
    await popup.waitForSelector('.entity-row');
    await popup.screenshot({ path: out('popup') });
    await popup.click('[data-entity="chatglm-6b"]');
    await popup.waitForSelector('.entity-detail');
    await popup.screenshot({ path: out('popup-detail') });
    const lib = await b.openExtensionPage('library.html');
    await lib.setViewportSize({ width: 1200, height: 760 });
    const clippings = generateClippings(2000);
    // The one shown: a clipping of several paragraphs (each on its own line in the list's row).
    const shown = clippings[1998]!;
    const paragraphs = [
      'DeepSeek released DeepSeek-R1 with open weights and a permissive licence.',
      'The model was trained for a fraction of the cost of its American rivals, the company said.',
      '深度求索表示，R1 的权重以 MIT 许可证公开。',
    ];
    clippings[1998] = { ...shown, text: paragraphs.join('\n\n'), quote: { ...shown.quote, exact: paragraphs.join('\n') }, entities: clippings[0]!.entities };
    await putRecords(lib, 'clippings', clippings);
    await lib.reload();
    await lib.waitForSelector('.clip-item');
    await lib.click('.clip-item >> nth=1');
    await lib.waitForTimeout(300);
    await lib.screenshot({ path: out('library') });
  }
  await b.close();
}
await server.close();
console.log('screenshots written to docs/screenshots/');
