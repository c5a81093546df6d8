/**
 * The library page in the browser: find a clipping by a word of its note, edit it,
 * delete it with undo, open an entity view; edit the knowledge base end to end.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { generateClippings } from '../fixtures/generate-clippings';
import { getRecords, highlightedTexts, putRecords, waitForHighlights, useExtensionBrowser, useStaticServer } from './harness';

const server = useStaticServer();
const browser = useExtensionBrowser();
let lib: Page;

beforeAll(async () => {
  lib = await browser.openExtensionPage('library.html');
  const clippings = generateClippings(300);
  clippings[42] = { ...clippings[42]!, note: 'Remember the xylophone argument' };
  await putRecords(lib, 'clippings', clippings);
  await lib.reload();
  await lib.waitForSelector('.clip-item');
});

describe('clippings in the library', () => {
  it('lists all clippings, newest first', async () => {
    await lib.locator('.result-line', { hasText: '300 clippings' }).waitFor();
    expect(await lib.locator('.clip-item').first().innerText()).toContain('(item 299)');
  });

  it('finds a clipping by a word of its note', async () => {
    await lib.getByLabel('Search clippings').fill('xylophone');
    await lib.locator('.result-line', { hasText: '1 of 300' }).waitFor();
    await lib.locator('.clip-item').first().click();
    await expect(lib.locator('.clip-full').innerText()).resolves.toContain('(item 42)');
  });

  it('edits note and tags inline', async () => {
    await lib.getByLabel('Note').fill('Remember the xylophone argument, and the cello');
    // Typed in other letter cases: the library's spelling ("policy"), once.
    await lib.getByLabel('Tags').fill('music, Policy, POLICY');
    await lib.getByRole('button', { name: 'Save', exact: true }).click();
    await lib.locator('.clip-edit [role=status]', { hasText: 'Saved.' }).waitFor();
    await lib.getByLabel('Search clippings').fill('cello');
    await lib.locator('.result-line', { hasText: '1 of 300' }).waitFor();
    expect(await lib.locator('.clip-item').first().innerText()).toContain('#music #policy');
    // The tag filter lists each tag once.
    const tagOptions = await lib.locator('label.select-filter').filter({ has: lib.locator('span', { hasText: /^Tag$/ }) }).locator('option').allTextContents();
    expect(tagOptions).toEqual(expect.arrayContaining(['music', 'policy']));
    expect(tagOptions.filter((o) => /^policy$/i.test(o))).toHaveLength(1);
  });

  it('deletes with undo', async () => {
    await lib.locator('.clip-item').first().click();
    await lib.getByRole('button', { name: 'Delete' }).click();
    await lib.locator('.toast', { hasText: 'Clipping deleted.' }).waitFor();
    await lib.locator('.result-line', { hasText: '0 of 299' }).waitFor();
    await lib.getByRole('button', { name: 'Undo' }).click();
    await lib.locator('.result-line', { hasText: '1 of 300' }).waitFor();
  });

  it('puts the search into the URL after a pause; a link then replaces it', async () => {
    await lib.getByLabel('Search clippings').fill('xylophone');
    // Wait as long as other browser steps do: expect.poll's default of 1 s made this a timed
    // assertion (250 ms pause + search + render), and it failed once under CI load.
    await expect.poll(() => lib.url(), { timeout: 5000 }).toContain('q=xylophone');
    await lib.goto(lib.url().split('#')[0] + '#/clippings?site=example.org');
    await expect.poll(() => lib.getByLabel('Search clippings').inputValue(), { timeout: 5000 }).toBe('');
    // Longer than the typing pause: the old text must not come back into the URL.
    await lib.waitForTimeout(500);
    expect(lib.url()).toMatch(/#\/clippings\?site=example\.org$/);
  });

  it('keeps what the reader types right after the box’s text reached the URL', async () => {
    await lib.goto(lib.url().split('#')[0] + '#/clippings');
    const box = await lib.getByLabel('Search clippings').elementHandle();
    await lib.evaluate(async (input) => {
      // The library's own write of the box's text (navigate with replace), then a keystroke
      // in the next task, before a frame: the URL change must not take the keystroke back.
      history.replaceState(null, '', '#/clippings?q=cello');
      window.dispatchEvent(new HashChangeEvent('hashchange'));
      await new Promise((resolve) => setTimeout(resolve, 0));
      (input as HTMLInputElement).value = 'cellos';
      input!.dispatchEvent(new Event('input', { bubbles: true }));
    }, box);
    await expect.poll(() => lib.url(), { timeout: 5000 }).toContain('q=cellos');
    expect(await lib.getByLabel('Search clippings').inputValue()).toBe('cellos');
  });

  it('keeps a keystroke that lands just before the previous pause ends', async () => {
    await lib.goto(lib.url().split('#')[0] + '#/clippings');
    const box = await lib.getByLabel('Search clippings').elementHandle();
    await lib.evaluate(async (input) => {
      const type = (text: string) => {
        (input as HTMLInputElement).value = text;
        input!.dispatchEvent(new Event('input', { bubbles: true }));
      };
      type('cello');
      // Long enough for the pause's timer to be set (after paint), shorter than the pause.
      await new Promise((resolve) => setTimeout(resolve, 150));
      type('xylophone');
      // Hold the thread past the first pause: its timer then runs before Preact swaps it for
      // the second one, which is how a clean-clone CI run lost "xylophone".
      const until = performance.now() + 400;
      while (performance.now() < until);
    }, box);
    await expect.poll(() => lib.url(), { timeout: 5000 }).toContain('q=xylophone');
    expect(await lib.getByLabel('Search clippings').inputValue()).toBe('xylophone');
  });

  it('filters by entity from a link, and shows the entity view', async () => {
    await lib.goto(lib.url().split('#')[0] + '#/clippings?entity=cac');
    await lib.locator('.result-line', { hasText: '60 of 300' }).waitFor({ timeout: 5000 }).catch(async (e) => {
      throw new Error(`${e.message}; result line: ${await lib.locator('.result-line').innerText()}; url: ${lib.url()}; search: ${await lib.getByLabel('Search clippings').inputValue()}`);
    });
    await lib.goto(lib.url().split('#')[0] + '#/entity/cac');
    await lib.locator('.entity-view h2', { hasText: 'Cyberspace Administration of China' }).waitFor();
    await expect(lib.locator('#entity-clippings').innerText()).resolves.toMatch(/\(60\)/);
  });

  it('is keyboard usable: arrow keys move through the list', async () => {
    await lib.goto(lib.url().split('#')[0] + '#/clippings');
    await lib.locator('.clip-item').first().click();
    await lib.keyboard.press('ArrowDown');
    await lib.keyboard.press('ArrowDown');
    await expect(lib.locator('.clip-full').innerText()).resolves.toContain('(item 297)');
  });

  it('keeps a note typed but not saved when the reader moves to another clipping', async () => {
    await lib.goto(lib.url().split('#')[0] + '#/clippings');
    await lib.locator('.clip-item').first().click();
    await expect(lib.locator('.clip-full').innerText()).resolves.toContain('(item 299)');
    await lib.getByLabel('Note').fill('An unsaved thought about the oboe');
    await lib.getByLabel('Tags').fill('Policy, woodwind');
    // Another clipping chosen without pressing Save: the note was dropped without a word.
    await lib.locator('.clip-item').nth(1).click();
    await expect(lib.locator('.clip-full').innerText()).resolves.toContain('(item 298)');
    await expect
      .poll(async () => (await getRecords<{ text: string; note: string; tags: string[] }>(lib, 'clippings')).find((c) => c.text.includes('(item 299)')), { timeout: 5000 })
      .toMatchObject({ note: 'An unsaved thought about the oboe', tags: ['policy', 'woodwind'] });
    await lib.getByLabel('Search clippings').fill('oboe');
    await lib.locator('.result-line', { hasText: '1 of 300' }).waitFor();
  });

  it('shows the tags as stored after Save (the library’s spelling, no repeats)', async () => {
    await lib.goto(lib.url().split('#')[0] + '#/clippings');
    await lib.locator('.clip-item').first().click();
    await lib.getByLabel('Tags').fill('woodwind, POLICY, Woodwind');
    // Every state the form passes through, seen as the DOM changes: "Saved." with Save still
    // enabled lasted only until the library's query brought the stored clipping.
    await lib.evaluate(() => {
      const seen: string[] = ((window as unknown as { seen: string[] }).seen = []);
      const form = document.querySelector('.clip-edit')!;
      new MutationObserver(() => {
        const saved = form.querySelector('[role=status]')?.textContent?.includes('Saved.');
        if (saved) seen.push(`${(form.querySelector('button[type=submit]') as HTMLButtonElement).disabled}`);
      }).observe(form, { subtree: true, childList: true, characterData: true, attributes: true });
    });
    await lib.getByRole('button', { name: 'Save', exact: true }).click();
    await lib.locator('.clip-edit [role=status]', { hasText: 'Saved.' }).waitFor();
    expect(await lib.getByLabel('Tags').inputValue()).toBe('woodwind, policy');
    expect(await lib.getByRole('button', { name: 'Save', exact: true }).isDisabled()).toBe(true);
    expect(await lib.evaluate(() => (window as unknown as { seen: string[] }).seen)).not.toContain('false');
  });
});

describe('knowledge base editing', () => {
  it('adds an entity that is highlighted on pages, then hides it', async () => {
    await lib.goto(lib.url().split('#')[0] + '#/kb/new');
    await lib.getByLabel('English name').fill('Example Robotics Lab');
    await lib.getByLabel('Kind').selectOption('organization');
    await lib.getByLabel('Type').selectOption('lab');
    await lib.getByLabel('Summary (1–3 sentences)').fill('A fictional lab used by the tests.');
    await lib.getByRole('button', { name: 'Add alias' }).click();
    await lib.getByLabel('Alias 1').fill('Example Robotics Lab');
    await lib.getByLabel('Title').first().fill('Test fixture');
    await lib.getByLabel('Publisher').first().fill('The tests');
    await lib.getByRole('button', { name: 'Save entity' }).click();
    await lib.locator('[role=status]', { hasText: 'Saved.' }).waitFor();

    const page = await browser.context.newPage();
    server.route((u) => (u.pathname === '/robotics.html' ? { body: '<p>The Example Robotics Lab worked with Baidu.</p>' } : undefined));
    await page.goto(server.url('/robotics.html'));
    await waitForHighlights(page, 2);
    expect((await highlightedTexts(page))['cnai-organization']).toEqual(['Example Robotics Lab']);

    await lib.getByRole('button', { name: 'Hide entity' }).click();
    await page.waitForFunction(() => CSS.highlights.get('cnai-organization')?.size === 0);
    await page.close();
  });

  it('keeps an unsaved alias when another alias is hidden, and offers to show that one again', async () => {
    await lib.goto(lib.url().split('#')[0] + '#/kb/edit/deepseek');
    await lib.waitForSelector('.entity-editor');
    const n = await lib.locator('input[aria-label^="Alias "]').count();
    await lib.getByRole('button', { name: 'Add alias' }).click();
    await lib.getByLabel(`Alias ${n + 1}`, { exact: true }).fill('深度求索公司');
    // Hiding a name writes the reader's choices, which the live entity list follows: that
    // re-render replaced the draft, and the alias typed but not yet saved was gone.
    await lib.getByRole('button', { name: 'Hide DeepSeek AI', exact: true }).click();
    await lib.getByRole('button', { name: 'Show again DeepSeek AI', exact: true }).waitFor();
    expect(await lib.getByLabel(`Alias ${n + 1}`, { exact: true }).inputValue()).toBe('深度求索公司');
    await lib.getByRole('button', { name: 'Show again DeepSeek AI', exact: true }).click();
    await lib.getByRole('button', { name: 'Hide DeepSeek AI', exact: true }).waitFor();
    expect(await lib.getByLabel(`Alias ${n + 1}`, { exact: true }).inputValue()).toBe('深度求索公司');
  });

  it('refuses an invalid edit with a message naming the field', async () => {
    await lib.goto(lib.url().split('#')[0] + '#/kb/edit/baidu');
    await lib.getByLabel('Summary (1–3 sentences)').fill('Short');
    await lib.getByRole('button', { name: 'Save entity' }).click();
    await lib.locator('.report.error', { hasText: 'baidu → summary' }).waitFor();
  });
});

describe('the clippings list by keyboard', () => {
  it('End focuses the last row, and a search that shortens the list leaves one row to Tab to', async () => {
    await lib.goto(lib.url().split('#')[0] + '#/clippings');
    await lib.locator('.result-line', { hasText: /^300 clippings/ }).waitFor();
    await lib.locator('.clip-item').first().click();
    await lib.keyboard.press('End');
    // The last row is far out of the rendered window: it must still take focus.
    await expect.poll(() => lib.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.index), { timeout: 5000 }).toBe('299');
    await lib.getByLabel('Search clippings').fill('Kimi');
    await lib.locator('.result-line', { hasText: '30 of 300' }).waitFor();
    await expect(lib.locator('.clip-item[tabindex="0"]').count()).resolves.toBe(1);
    await lib.locator('.clip-item[tabindex="0"]').focus();
    // The stop is the list's last row now (the old one, 299, is past its end); the keys move from it.
    await lib.keyboard.press('ArrowUp');
    await expect.poll(() => lib.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.index)).toBe('28');
    await lib.getByRole('button', { name: 'Clear filters' }).click();
  });
});
