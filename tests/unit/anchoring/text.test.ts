// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { documentText, isUnrenderedSpan, offsetsToRange, rangeToOffsets } from '../../../anchoring/text';
import { mount, range, rangeText, textNode } from './dom';

afterEach(() => {
  document.body.innerHTML = '';
});

describe('documentText', () => {
  it('concatenates every Text node in tree order, equal to textContent', () => {
    const root = mount('<h1>Title</h1><p>One <b>two <i>three</i></b> four</p><!-- note --><p>five</p>');
    const doc = documentText(root);
    expect(doc.text).toBe(root.textContent);
    expect(doc.text).toBe('TitleOne two three fourfive');
    expect(doc.nodes.map((n) => n.data)).toEqual(['Title', 'One ', 'two ', 'three', ' four', 'five']);
    expect(doc.starts).toEqual([0, 5, 9, 13, 18, 23]);
  });

  it('counts hidden text (script, style, display:none) and whitespace, like Hypothesis and textContent', () => {
    const root = mount('<style>p{}</style><p>a</p>\n  <script>var x;</script><p hidden>b</p>');
    expect(documentText(root).text).toBe('p{}a\n  var x;b');
    expect(documentText(root).text).toBe(root.textContent);
  });

  it('keeps empty Text nodes, which start where the next one does', () => {
    const root = mount('<p>ab</p>');
    const p = root.firstChild!;
    p.insertBefore(document.createTextNode(''), p.firstChild);
    p.appendChild(document.createTextNode(''));
    p.appendChild(document.createTextNode('cd'));
    const doc = documentText(root);
    expect(doc.nodes.map((n) => n.data)).toEqual(['', 'ab', '', 'cd']);
    expect(doc.starts).toEqual([0, 0, 2, 2]);
    expect(doc.text).toBe('abcd');
  });

  it('handles an empty root, a Text root and a Document root', () => {
    expect(documentText(mount(''))).toEqual({ text: '', nodes: [], starts: [] });
    const t = document.createTextNode('solo');
    expect(documentText(t).text).toBe('solo');
    mount('<p>body text</p>');
    expect(documentText(document).text).toBe(document.documentElement.textContent);
  });

  it('does not enter nested shadow roots (neither does textContent)', () => {
    const root = mount('<p>light</p><div></div>');
    (root.lastChild as HTMLElement).attachShadow({ mode: 'open' }).innerHTML = '<p>shadow</p>';
    expect(documentText(root).text).toBe('light');
  });
});

describe('rangeToOffsets', () => {
  it('maps Text-node boundaries', () => {
    const root = mount('<p>Hello <b>bold</b> world</p>');
    const r = range(textNode(root, 0), 2, textNode(root, 2), 3);
    expect(rangeToOffsets(root, r)).toEqual({ start: 2, end: 13 });
  });

  it('maps element boundaries (before a child, at the end of an element)', () => {
    const root = mount('<p>Hello <b>bold</b> world</p><p>next</p>');
    const p = root.firstChild as HTMLElement;
    const b = p.childNodes[1]!;
    expect(rangeToOffsets(root, range(p, 1, p, 2))).toEqual({ start: 6, end: 10 });
    expect(rangeToOffsets(root, range(b, 0, b, 1))).toEqual({ start: 6, end: 10 });
    expect(rangeToOffsets(root, range(p, 0, p, 3))).toEqual({ start: 0, end: 16 });
    expect(rangeToOffsets(root, range(root, 1, root, 2))).toEqual({ start: 16, end: 20 });
    const r = document.createRange();
    r.selectNodeContents(root);
    expect(rangeToOffsets(root, r)).toEqual({ start: 0, end: 20 });
    r.selectNode(b);
    expect(rangeToOffsets(root, r)).toEqual({ start: 6, end: 10 });
  });

  it('maps boundaries in elements without text and in comments', () => {
    const root = mount('<p>ab<img><span></span><!--c-->cd</p>');
    const p = root.firstChild!;
    const span = p.childNodes[2]!;
    const comment = p.childNodes[3]!;
    expect(rangeToOffsets(root, range(p, 1, span, 0))).toEqual({ start: 2, end: 2 });
    expect(rangeToOffsets(root, range(comment, 1, p, 5))).toEqual({ start: 2, end: 4 });
  });

  it('handles a selection across elements and nested inline elements', () => {
    const root = mount('<p>one <em>two <b>three</b></em></p><ul><li>four</li><li>five <i>six</i></li></ul>');
    const r = range(textNode(root, 2), 2, textNode(root, 5), 1);
    const { start, end } = rangeToOffsets(root, r);
    expect(documentText(root).text.slice(start, end)).toBe('reefourfive s');
  });

  it('clips a range that starts or ends outside the root', () => {
    document.body.innerHTML = '<p>before</p><article><p>inside</p></article><p>after</p>';
    const root = document.querySelector('article')!;
    const before = document.body.firstChild!.firstChild!;
    const after = document.body.lastChild!.firstChild!;
    expect(rangeToOffsets(root, range(before, 2, after, 3))).toEqual({ start: 0, end: 6 });
    expect(rangeToOffsets(root, range(document.body, 0, document.body, 3))).toEqual({ start: 0, end: 6 });
    expect(rangeToOffsets(root, range(before, 0, before, 1))).toEqual({ start: 0, end: 0 });
    expect(rangeToOffsets(root, range(after, 0, after, 1))).toEqual({ start: 6, end: 6 });
    expect(rangeToOffsets(root, range(textNode(root, 0), 3, after, 1))).toEqual({ start: 3, end: 6 });
  });

  it('reuses a precomputed documentText', () => {
    const root = mount('<p>abc<b>def</b></p>');
    const doc = documentText(root);
    expect(rangeToOffsets(root, range(doc.nodes[1]!, 1, doc.nodes[1]!, 3), doc)).toEqual({ start: 4, end: 6 });
  });

  it('throws for a range in another tree', () => {
    const root = mount('<p>light</p><div></div>');
    const shadow = (root.lastChild as HTMLElement).attachShadow({ mode: 'open' });
    shadow.innerHTML = '<p>shadow</p>';
    const inShadow = shadow.firstChild!.firstChild!;
    expect(() => rangeToOffsets(root, range(inShadow, 0, inShadow, 2))).toThrow(RangeError);
    expect(() => rangeToOffsets(shadow, range(textNode(root, 0), 0, textNode(root, 0), 2))).toThrow(RangeError);
  });
});

describe('offsetsToRange', () => {
  it('returns a range between Text nodes covering the text', () => {
    const root = mount('<p>Hello <b>bold <i>and</i></b> world</p>');
    const r = offsetsToRange(root, 3, 14);
    expect(r.startContainer).toBe(textNode(root, 0));
    expect(r.startOffset).toBe(3);
    expect(r.endContainer).toBe(textNode(root, 2));
    expect(r.endOffset).toBe(3);
    expect(rangeText(r, root)).toBe('lo bold and');
    expect(r.toString()).toBe('lo bold and');
  });

  it('resolves node boundaries to the inside of the range (start of the next node, end of the previous)', () => {
    const root = mount('<p>ab<b>cd</b>ef</p>');
    const r = offsetsToRange(root, 2, 4);
    expect([r.startContainer, r.startOffset]).toEqual([textNode(root, 1), 0]);
    expect([r.endContainer, r.endOffset]).toEqual([textNode(root, 1), 2]);
  });

  it('skips empty Text nodes', () => {
    const root = mount('<p>ab</p>');
    const p = root.firstChild!;
    p.insertBefore(document.createTextNode(''), p.firstChild);
    p.appendChild(document.createTextNode(''));
    p.appendChild(document.createTextNode('cd'));
    p.appendChild(document.createTextNode(''));
    const all = offsetsToRange(root, 0, 4);
    expect([(all.startContainer as Text).data, all.startOffset]).toEqual(['ab', 0]);
    expect([(all.endContainer as Text).data, all.endOffset]).toEqual(['cd', 2]);
    const mid = offsetsToRange(root, 2, 4);
    expect([(mid.startContainer as Text).data, mid.startOffset]).toEqual(['cd', 0]);
    const firstHalf = offsetsToRange(root, 0, 2);
    expect([(firstHalf.endContainer as Text).data, firstHalf.endOffset]).toEqual(['ab', 2]);
  });

  it('returns collapsed ranges for empty spans, including at the end and in an empty root', () => {
    const root = mount('<p>ab</p><p>cd</p>');
    const end = offsetsToRange(root, 4, 4);
    expect(end.collapsed).toBe(true);
    expect([(end.startContainer as Text).data, end.startOffset]).toEqual(['cd', 2]);
    const mid = offsetsToRange(root, 2, 2);
    expect([(mid.startContainer as Text).data, mid.startOffset]).toEqual(['cd', 0]);
    const empty = mount('<p></p>');
    const r = offsetsToRange(empty, 0, 0);
    expect(r.collapsed).toBe(true);
    expect(r.startContainer).toBe(empty);
  });

  it('throws for offsets outside the text', () => {
    const root = mount('<p>abc</p>');
    expect(() => offsetsToRange(root, 0, 4)).toThrow(RangeError);
    expect(() => offsetsToRange(root, -1, 2)).toThrow(RangeError);
    expect(() => offsetsToRange(root, 2, 1)).toThrow(RangeError);
    expect(() => offsetsToRange(root, 0.5, 2)).toThrow(RangeError);
  });

  it('round-trips with rangeToOffsets for every span', () => {
    const root = mount('<p>a<b>bc<i></i>d</b></p><p>e<!--x-->f</p>');
    const n = documentText(root).text.length;
    for (let s = 0; s <= n; s++) {
      for (let e = s; e <= n; e++) expect(rangeToOffsets(root, offsetsToRange(root, s, e))).toEqual({ start: s, end: e });
    }
  });

  it('works in a shadow root', () => {
    const host = mount('<p>light</p><div></div>').lastChild as HTMLElement;
    const shadow = host.attachShadow({ mode: 'open' });
    shadow.innerHTML = '<p>in <b>the</b> shadow</p>';
    expect(documentText(shadow).text).toBe('in the shadow');
    const r = offsetsToRange(shadow, 3, 10);
    expect(r.toString()).toBe('the sha');
    expect(rangeToOffsets(shadow, r)).toEqual({ start: 3, end: 10 });
    const p = shadow.firstChild!;
    expect(rangeToOffsets(shadow, range(p, 1, shadow, 1))).toEqual({ start: 3, end: 13 });
  });

  it("works in an iframe's document (another realm)", () => {
    const iframe = document.createElement('iframe');
    iframe.srcdoc = '<p>in <i>the</i> frame</p>';
    document.body.append(iframe);
    const body = iframe.contentDocument!.body;
    const r = offsetsToRange(body, 1, 8);
    expect(r.startContainer.ownerDocument).toBe(iframe.contentDocument);
    expect(r.toString()).toBe('n the f');
    expect(rangeToOffsets(body, r)).toEqual({ start: 1, end: 8 });
    const p = body.firstChild!;
    expect(rangeToOffsets(body, range(p, 1, p, 2))).toEqual({ start: 3, end: 6 });
  });
});

describe('isUnrenderedSpan', () => {
  it('is true only for spans wholly inside <script>, <style> or <noscript> text', () => {
    const root = mount('<p>ab</p><script>cd</script><style>ef</style><noscript>gh</noscript><p>ij</p>');
    const doc = documentText(root);
    expect(doc.text).toBe('abcdefghij');
    expect(isUnrenderedSpan(doc, 0, 2)).toBe(false);
    expect(isUnrenderedSpan(doc, 2, 4)).toBe(true);
    expect(isUnrenderedSpan(doc, 3, 8)).toBe(true);
    expect(isUnrenderedSpan(doc, 1, 3)).toBe(false);
    expect(isUnrenderedSpan(doc, 7, 9)).toBe(false);
    expect(isUnrenderedSpan(doc, 3, 3)).toBe(false);
  });
});
