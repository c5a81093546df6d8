import { describe, expect, it } from 'vitest';
import { FramePolicies } from '../../../background/frame-policies';

const strict = [{ name: 'Content-Security-Policy', value: "script-src 'self'" }];

describe('FramePolicies', () => {
  it('answers from the frame’s own navigation response, for the same document only', () => {
    const p = new FramePolicies();
    p.record(3, 0, 'https://news.example/a', []);
    p.record(3, 5, 'https://embed.example/w', strict);
    expect(p.wasmAllowed(3, 0, 'https://news.example/a#comments')).toBe(true);
    expect(p.wasmAllowed(3, 5, 'https://embed.example/w')).toBe(false);
    // Another document in the frame (a navigation the worker did not see), another tab, an unknown frame.
    expect(p.wasmAllowed(3, 0, 'https://news.example/b')).toBe(false);
    expect(p.wasmAllowed(4, 0, 'https://news.example/a')).toBe(false);
    expect(p.wasmAllowed(3, 9, 'https://news.example/a')).toBe(false);
  });

  it('keeps the last response of a redirect chain, and forgets a tab’s frames on a new page or when it closes', () => {
    const p = new FramePolicies();
    p.record(3, 0, 'https://news.example/a', strict);
    p.record(3, 0, 'https://news.example/a', []);
    expect(p.wasmAllowed(3, 0, 'https://news.example/a')).toBe(true);
    p.record(3, 2, 'https://news.example/frame', []);
    p.record(3, 0, 'https://news.example/next', []);
    expect(p.wasmAllowed(3, 2, 'https://news.example/frame')).toBe(false);
    p.removeTab(3);
    expect(p.wasmAllowed(3, 0, 'https://news.example/next')).toBe(false);
    // Requests outside tabs (tabId -1) are not recorded.
    p.record(-1, 0, 'https://news.example/sw', []);
    expect(p.wasmAllowed(-1, 0, 'https://news.example/sw')).toBe(false);
  });
});
