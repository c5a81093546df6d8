/**
 * The project's security lint, run in CI with the tests: the extension's own code never
 * writes HTML strings into the DOM and never evaluates strings as code. Page-derived and
 * knowledge-base text is only ever rendered as text (Preact escapes it).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../..');
const SOURCE_DIRS = ['entrypoints', 'components', 'content', 'background', 'engine', 'anchoring', 'formats', 'kb', 'model', 'storage', 'library', 'messaging', 'i18n'];
const FORBIDDEN: [RegExp, string][] = [
  [/\.innerHTML\s*[+]?=/, 'assignment to innerHTML'],
  [/\.outerHTML\s*[+]?=/, 'assignment to outerHTML'],
  [/insertAdjacentHTML\s*\(/, 'insertAdjacentHTML'],
  [/dangerouslySetInnerHTML/, 'dangerouslySetInnerHTML'],
  [/document\.write(ln)?\s*\(/, 'document.write'],
  [/\beval\s*\(/, 'eval'],
  [/new\s+Function\s*\(/, 'new Function'],
  [/\bsetTimeout\s*\(\s*['"`]/, 'setTimeout with a string'],
  [/createContextualFragment\s*\(/, 'createContextualFragment'],
  [/\.setHTMLUnsafe\s*\(|parseHTMLUnsafe\s*\(/, 'HTML parsing of strings'],
];

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) return files(p);
    return /\.(ts|tsx|js|mjs)$/.test(name) ? [p] : [];
  });
}

describe('security lint', () => {
  const sources = SOURCE_DIRS.flatMap((d) => files(path.join(ROOT, d)));

  it('finds the source files', () => {
    expect(sources.length).toBeGreaterThan(40);
  });

  it('never writes HTML strings into the DOM or evaluates strings as code', () => {
    const hits: string[] = [];
    for (const file of sources) {
      readFileSync(file, 'utf8')
        .split('\n')
        .forEach((line, i) => {
          const code = line.replace(/\/\/.*$/, '');
          for (const [re, what] of FORBIDDEN) if (re.test(code)) hits.push(`${path.relative(ROOT, file)}:${i + 1}: ${what}`);
        });
    }
    expect(hits).toEqual([]);
  });

  it('renders links only with http(s) URLs (safeHref) in the UI', () => {
    const hits: string[] = [];
    for (const file of sources.filter((f) => f.endsWith('.tsx'))) {
      readFileSync(file, 'utf8')
        .split('\n')
        .forEach((line, i) => {
          // An <a href={…}> must take its value from safeHref / a checked local link.
          const m = /<a\b[^>]*\bhref=\{([^}]*)\}/.exec(line);
          if (m && !/safeHref|href\b|source\b|`#\//.test(m[1]!)) hits.push(`${path.relative(ROOT, file)}:${i + 1}: ${m[0]}`);
        });
    }
    expect(hits).toEqual([]);
  });
});
