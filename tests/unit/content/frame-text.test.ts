// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { hasText } from '../../../content/frame-text';

afterEach(() => {
  document.body.innerHTML = '';
});

describe('hasText (whether a frame is worth scanning yet)', () => {
  it('is false for an empty frame, white space, images, scripts and styles', () => {
    expect(hasText(document)).toBe(false);
    document.body.innerHTML = '\n  <div style="height:40px"><img alt="" src="x.png"></div>\n<script>var baidu = 1;</script><style>p{}</style><noscript>Baidu</noscript>';
    expect(hasText(document)).toBe(false);
  });

  it('is true for any text outside them, however short', () => {
    document.body.innerHTML = '<div><span>Ad</span></div>';
    expect(hasText(document)).toBe(true);
  });

  it('is true for an open shadow root (a web component renders its text there)', () => {
    document.body.innerHTML = '<x-widget></x-widget>';
    document.querySelector('x-widget')!.attachShadow({ mode: 'open' });
    expect(hasText(document)).toBe(true);
  });
});
