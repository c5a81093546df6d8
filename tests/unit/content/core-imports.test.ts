import { describe, expect, it } from 'vitest';
import { build } from 'esbuild';
import path from 'node:path';
import { commonZhCN } from '../../../i18n/common.zh-CN';
import { problemsZhCN } from '../../../i18n/problems.zh-CN';
import { commonZhTW } from '../../../i18n/common.zh-TW';
import { problemsZhTW } from '../../../i18n/problems.zh-TW';

/**
 * The content script's core is compiled on the page's main thread in the task that
 * injects it (content/ui-bridge.ts): what it imports is what every page load pays for
 * before its first highlights. The second part carries the rest.
 */
async function inputsOf(entry: string): Promise<string[]> {
  return Object.keys((await bundle(entry)).metafile.inputs);
}

function bundle(entry: string, minify = false) {
  return build({
    entryPoints: [path.resolve(__dirname, '../../..', entry)],
    bundle: true,
    write: false,
    metafile: true,
    minify,
    charset: 'utf8',
    format: 'esm',
    logLevel: 'silent',
    plugins: [
      {
        name: 'inline-css',
        setup(b) {
          b.onResolve({ filter: /\.css\?inline$/ }, (a) => ({ path: a.path, namespace: 'css' }));
          b.onLoad({ filter: /.*/, namespace: 'css' }, () => ({ contents: 'export default ""', loader: 'js' }));
        },
      },
    ],
  });
}

describe('the content script core', () => {
  it('carries no classic Zod, message protocol, in-page UI or interface strings', async () => {
    const inputs = await inputsOf('content/main.ts');
    const forbidden = inputs.filter((i) => /zod\/v4\/classic\/|messaging\/(protocol|client|server)\.ts|content\/(card|clip\/(?!names))|content\/ui-main|preact|i18n\/|kb\/schema\.ts/.test(i));
    expect(forbidden).toEqual([]);
    // It does scan: the engine and the scanner are there.
    expect(inputs.some((i) => i.endsWith('engine/matcher.ts'))).toBe(true);
    expect(inputs.some((i) => i.endsWith('content/scanner.ts'))).toBe(true);
  });

  it('leaves them to the second part', async () => {
    const inputs = await inputsOf('content/ui-main.ts');
    expect(inputs.some((i) => i.endsWith('messaging/protocol.ts'))).toBe(true);
    expect(inputs.some((i) => i.includes('content/card/'))).toBe(true);
  });
});

describe("every frame's part", () => {
  it('carries neither the engine nor the scanner: a frame gets the core only once worth a scan', async () => {
    const inputs = await inputsOf('content/frame-loader.ts');
    const heavy = inputs.filter((i) => /engine\/|content\/(scanner|main|highlighter)\.ts|zod\/v4\/classic\/|messaging\/protocol\.ts|preact/.test(i));
    expect(heavy).toEqual([]);
    expect(inputs.some((i) => i.endsWith('content/frame-worth.ts'))).toBe(true);
  });
});

describe('the in-page UI', () => {
  it('carries the Chinese of the messages its panel shows, not of the import problems', async () => {
    const code = (await bundle('content/ui-main.ts', true)).outputFiles[0]!.text;
    // Storage failures and refusals the background sends back, in Chinese…
    for (const table of [commonZhCN, commonZhTW]) {
      for (const code_ of ['storage.full', 'clip.gone', 'clip.invalid', 'issue.maxChars'] as const) expect(code.includes(table[code_]), code_).toBe(true);
    }
    // …but none of the library's import problems.
    for (const table of [problemsZhCN, problemsZhTW]) {
      for (const code_ of ['problem.csv.noRows', 'import.zip', 'kb.issue.claimed'] as const) expect(code.includes(table[code_]), code_).toBe(false);
    }
  });
});
