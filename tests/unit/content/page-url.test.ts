import { describe, expect, it } from 'vitest';
import { documentAddress, switchAddresses } from '../../../content/page-url';

/** A window-like object: its address, its parent (itself at the top), and whether another origin hides its location. */
function frame(href: string, parent?: Window, opts: { crossOrigin?: boolean; baseURI?: string } = {}): Window {
  const w = {
    get location() {
      if (opts.crossOrigin) throw new DOMException('Blocked a frame from accessing a cross-origin frame.', 'SecurityError');
      return { href };
    },
    document: { baseURI: opts.baseURI ?? href },
  } as unknown as Window & { parent: Window };
  w.parent = parent ?? w;
  return w;
}

describe('documentAddress (the address clippings and the site switch use)', () => {
  it("is a document's own address", () => {
    expect(documentAddress(frame('https://news.example/a?x=1#top'))).toBe('https://news.example/a?x=1#top');
    const page = frame('https://news.example/a');
    expect(documentAddress(frame('https://ads.example/slot', page))).toBe('https://ads.example/slot');
  });

  it("is the page's for an inline frame, through nested ones", () => {
    const page = frame('https://news.example/a');
    const blank = frame('about:blank', page);
    expect(documentAddress(blank)).toBe('https://news.example/a');
    expect(documentAddress(frame('about:srcdoc', blank))).toBe('https://news.example/a');
    // Inside another site's frame, that site's page.
    const ad = frame('https://ads.example/slot', frame('https://news.example/a'));
    expect(documentAddress(frame('about:blank', ad))).toBe('https://ads.example/slot');
  });

  it("falls back to the frame's base URL where its ancestors cannot be read", () => {
    const hidden = frame('https://news.example/a', undefined, { crossOrigin: true });
    expect(documentAddress(frame('about:srcdoc', hidden, { baseURI: 'https://news.example/a' }))).toBe('https://news.example/a');
    // No better address anywhere: its own.
    expect(documentAddress(frame('about:blank', hidden, { baseURI: 'about:blank' }))).toBe('about:blank');
    expect(documentAddress(frame('about:blank'))).toBe('about:blank');
  });
});

describe('switchAddresses (whose site switches cover a document)', () => {
  it("are its address and, in a frame, its ancestors' origins (where the browser lists them)", () => {
    expect(switchAddresses(frame('https://news.example/a'))).toEqual(['https://news.example/a']);
    const embed = { location: { href: 'https://video.example/embed/1', ancestorOrigins: ['https://news.example', 'https://portal.example'] }, document: {} } as unknown as Window;
    (embed as Window & { parent: Window }).parent = frame('https://news.example/a', undefined, { crossOrigin: true });
    expect(switchAddresses(embed)).toEqual(['https://video.example/embed/1', 'https://news.example', 'https://portal.example']);
  });
});
