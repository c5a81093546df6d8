/**
 * The highlight styles: the reader's colours override the defaults, and no style carries a
 * text-decoration. While any registered highlight range has one, Chromium walks the whole
 * page in PrePaint at every frame where a highlight changes (30–34 ms on the 5 MB
 * benchmark page for one range added; none without), so an underline would make every
 * update and every scroll of the highlight window a long task on a huge page.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { colorOverrideCss } from '../../../content/colors';
import { ENTITY_KINDS } from '../../../kb/schema';
import { DEFAULT_COLORS } from '../../../model/settings';

const css = readFileSync(path.resolve(__dirname, '../../../entrypoints/content/highlights.css'), 'utf8');
/** The rule bodies, without comments. */
const rules = css.replace(/\/\*[\s\S]*?\*\//g, '');

describe('highlight styles', () => {
  it('style every kind, the focus and clippings with a translucent background', () => {
    for (const name of [...ENTITY_KINDS, 'focus', 'clipping']) {
      expect(rules).toMatch(new RegExp(`::highlight\\(cnai-${name}\\)\\s*\\{[^}]*background-color:\\s*rgba\\([^)]*0\\.\\d+\\)`));
    }
  });

  it('carry no text-decoration, in the defaults or in the reader’s colours', () => {
    expect(rules).not.toMatch(/text-decoration|text-underline/);
    const custom = Object.fromEntries(ENTITY_KINDS.map((k) => [k, '#123456'])) as Record<(typeof ENTITY_KINDS)[number], string>;
    const out = colorOverrideCss(custom);
    expect(out.split('\n')).toHaveLength(ENTITY_KINDS.length);
    expect(out).not.toMatch(/text-decoration|text-underline/);
  });

  it('override only the colours the reader changed', () => {
    expect(colorOverrideCss({ ...DEFAULT_COLORS })).toBe('');
    const out = colorOverrideCss({ ...DEFAULT_COLORS, policy: '#ff0000' });
    expect(out).toBe('::highlight(cnai-policy){background-color:rgba(255,0,0,0.3);}');
  });
});
