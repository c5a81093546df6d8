import { describe, expect, it } from 'vitest';
import { listPreview } from '../../../library/preview';

describe('list row preview', () => {
  it('keeps each paragraph on its own line, without the blank lines between them', () => {
    const text = 'DeepSeek released R1 in January.\n\nIt was trained for a fraction of the cost.\n\n\n深度求索发布了 R1。';
    expect(listPreview(text)).toBe('DeepSeek released R1 in January.\nIt was trained for a fraction of the cost.\n深度求索发布了 R1。');
  });

  it('keeps table rows apart and collapses spaces, also in old clippings with raw page text', () => {
    expect(listPreview('Zhipu AI | GLM-4.5\r\nTencent | Hunyuan')).toBe('Zhipu AI | GLM-4.5\nTencent | Hunyuan');
    expect(listPreview('\n      Zhipu AI\n      GLM-4.5\n    ')).toBe('Zhipu AI\nGLM-4.5');
    expect(listPreview('a \t b\u00a0 c')).toBe('a b c');
  });

  it('cuts a long text with an ellipsis, never inside a surrogate pair', () => {
    expect(listPreview('x'.repeat(500), 400)).toBe(`${'x'.repeat(400)}…`);
    expect(listPreview(`${'x'.repeat(399)}😀 more`, 400)).toBe(`${'x'.repeat(399)}…`);
    expect(listPreview(`para\n\n${'y'.repeat(200_000)}`, 10)).toBe('para\nyyyyy…');
    expect(listPreview('short')).toBe('short');
  });
});
