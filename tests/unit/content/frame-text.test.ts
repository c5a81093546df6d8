// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { frameText, TOO_MUCH } from '../../../content/frame-text';
import { whenWorthScanning, type AskWorth } from '../../../content/frame-worth';

afterEach(() => {
  document.body.innerHTML = '';
  getSelection()?.removeAllRanges();
  vi.useRealTimers();
});

describe('frameText (what a waiting frame shows)', () => {
  it('is empty for an empty frame, white space, images, scripts and styles', () => {
    expect(frameText(document, 1000)).toBe('');
    document.body.innerHTML = '\n  <div style="height:40px"><img alt="" src="x.png"></div>\n<script>var baidu = 1;</script><style>p{}</style><noscript>Baidu</noscript>';
    expect(frameText(document, 1000)).toBe('');
  });

  it('is the text outside them, node after node, so a name split by markup stays whole', () => {
    document.body.innerHTML = '<div><span>Ad</span> by <b>Chat</b>GLM<script>baidu()</script></div>';
    expect(frameText(document, 1000)).toBe('Ad by ChatGLM');
  });

  it('separates blocks, so a name ending one keeps its word boundary', () => {
    document.body.innerHTML = '<div><p>Sponsored by Baidu</p><p>Inc rose</p>after<ul><li>Zhipu</li><li><i>AI</i></li></ul></div>';
    expect(frameText(document, 1000)).toBe('Sponsored by Baidu\nInc rose\nafter\nZhipu\nAI');
  });

  it('is too much past the limit, or with an open shadow root (a web component renders its text there)', () => {
    document.body.innerHTML = `<p>${'x'.repeat(20)}</p>`;
    expect(frameText(document, 20)).toBe('x'.repeat(20));
    expect(frameText(document, 19)).toBe(TOO_MUCH);
    document.body.innerHTML = '<x-widget></x-widget>';
    document.querySelector('x-widget')!.attachShadow({ mode: 'open' });
    expect(frameText(document, 1000)).toBe(TOO_MUCH);
  });
});

describe('whenWorthScanning (a frame waits until it is worth a scan)', () => {
  const url = () => 'https://ads.example/slot';
  /** Says yes when the text names Baidu; records what it was asked. */
  const asker = () => {
    const asked: string[] = [];
    const ask: AskWorth = async (text) => {
      asked.push(text);
      return text.includes('Baidu');
    };
    return { asked, ask };
  };
  const settled = (p: Promise<void>) => {
    let done = false;
    void p.then(() => (done = true));
    return () => done;
  };
  const later = (ms: number) => new Promise((r) => setTimeout(r, ms));

  it('asks once it shows text, and waits while its text holds no name, asking again only when the text changes', async () => {
    const { asked, ask } = asker();
    const done = settled(whenWorthScanning(document, url, ask));
    await later(10);
    expect([asked, done()]).toEqual([[], false]);
    document.body.innerHTML = '<p>Advertisement</p>';
    await later(400);
    expect([asked, done()]).toEqual([['Advertisement'], false]);
    // A change that leaves the same text asks nothing.
    document.body.innerHTML = '<div><p>Advertisement</p></div>';
    await later(700);
    expect([asked, done()]).toEqual([['Advertisement'], false]);
    // Each "no" doubles the wait before the next check: 500 ms now, then 1 s.
    document.body.innerHTML = '<p>Sale</p>';
    await later(300);
    expect(asked).toEqual(['Advertisement']);
    await later(400);
    expect([asked, done()]).toEqual([['Advertisement', 'Sale'], false]);
    document.body.innerHTML = '<p>Advertisement: Baidu</p>';
    await later(700);
    expect(asked).toEqual(['Advertisement', 'Sale']);
    await later(500);
    expect([asked, done()]).toEqual([['Advertisement', 'Sale', 'Advertisement: Baidu'], true]);
  });

  it('starts at once with a name already there, or too much text to send', async () => {
    const { asked, ask } = asker();
    document.body.innerHTML = '<p>Baidu</p>';
    await whenWorthScanning(document, url, ask);
    document.body.innerHTML = `<p>${'word '.repeat(20_000)}</p>`;
    await whenWorthScanning(document, url, ask);
    expect(asked).toEqual(['Baidu']);
  });

  it('starts when the reader selects text in it (to clip it), and when the answer fails', async () => {
    const { ask } = asker();
    document.body.innerHTML = '<p>Advertisement</p>';
    const done = settled(whenWorthScanning(document, url, ask));
    await later(10);
    expect(done()).toBe(false);
    const r = document.createRange();
    r.selectNodeContents(document.querySelector('p')!);
    getSelection()!.addRange(r);
    document.dispatchEvent(new Event('selectionchange'));
    await later(10);
    expect(done()).toBe(true);
    await whenWorthScanning(document, url, () => Promise.reject(new Error('no background')));
  });

  it('starts at once with text already selected when it runs (a selection fires no event then)', async () => {
    const { asked, ask } = asker();
    document.body.innerHTML = '<p>Advertisement</p>';
    getSelection()!.removeAllRanges();
    const r = document.createRange();
    r.selectNodeContents(document.querySelector('p')!);
    getSelection()!.addRange(r);
    await whenWorthScanning(document, url, ask);
    expect(asked).toEqual([]);
    getSelection()!.removeAllRanges();
  });
});
