// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { contextAfter, contextBefore, describeOffsets, describeRange } from '../../../anchoring/describe';
import { documentText } from '../../../anchoring/text';
import { QUOTE_CONTEXT_LENGTH, TextPositionSelectorSchema, TextQuoteSelectorSchema } from '../../../model/clipping';
import { mount, range, rangeOf, textNode } from './dom';

afterEach(() => {
  document.body.innerHTML = '';
});

const LONG_BEFORE = 'The first paragraph is long enough to provide a full prefix. ';
const LONG_AFTER = ' And the last sentence is long enough to provide a full suffix.';

describe('describeRange', () => {
  it('records the exact text with 32 characters of prefix and suffix', () => {
    const root = mount(`<p>${LONG_BEFORE}Selected words${LONG_AFTER}</p>`);
    const { quote, position } = describeRange(root, rangeOf(root, 'Selected words'));
    expect(QUOTE_CONTEXT_LENGTH).toBe(32);
    expect(quote).toEqual({
      type: 'TextQuoteSelector',
      exact: 'Selected words',
      prefix: LONG_BEFORE.slice(-32),
      suffix: LONG_AFTER.slice(0, 32),
    });
    expect(quote.prefix).toHaveLength(32);
    expect(quote.suffix).toHaveLength(32);
    expect(position).toEqual({ type: 'TextPositionSelector', start: LONG_BEFORE.length, end: LONG_BEFORE.length + 14 });
    expect(TextQuoteSelectorSchema.parse(quote)).toEqual(quote);
    expect(TextPositionSelectorSchema.parse(position)).toEqual(position);
  });

  it('records shorter context near the edges and empty context at the very edges', () => {
    const root = mount('<p>Short start, then the end.</p>');
    const first = describeRange(root, rangeOf(root, 'Short'));
    expect(first.quote.prefix).toBe('');
    expect(first.quote.suffix).toBe(' start, then the end.');
    expect(first.position).toMatchObject({ start: 0, end: 5 });
    const last = describeRange(root, rangeOf(root, 'end.'));
    expect(last.quote.prefix).toBe('Short start, then the ');
    expect(last.quote.suffix).toBe('');
    const all = describeRange(root, rangeOf(root, 'Short start, then the end.'));
    expect([all.quote.prefix, all.quote.suffix]).toEqual(['', '']);
  });

  it('describes a selection across block elements from the text of all of them', () => {
    const root = mount('<h2>Heading</h2><p>First paragraph.</p><p>Second paragraph.</p>');
    const r = range(textNode(root, 1), 6, textNode(root, 2), 6);
    const { quote, position } = describeRange(root, r);
    expect(quote.exact).toBe('paragraph.Second');
    expect(quote.prefix).toBe('HeadingFirst ');
    expect(quote.suffix).toBe(' paragraph.');
    expect(documentText(root).text.slice(position.start, position.end)).toBe(quote.exact);
  });

  it('describes a selection through nested inline elements', () => {
    const root = mount('<p>An <a href="#">important <em>and <b>deeply</b> nested</em> link</a> here.</p>');
    const r = range(textNode(root, 1), 3, textNode(root, 5), 3);
    const { quote } = describeRange(root, r);
    expect(quote.exact).toBe('ortant and deeply nested li');
    expect(quote.prefix).toBe('An imp');
    expect(quote.suffix).toBe('nk here.');
  });

  it('describes ranges whose boundaries are elements', () => {
    const root = mount('<p>Click <b>this <i>bold</i> text</b> now.</p>');
    const b = root.querySelector('b')!;
    const r = document.createRange();
    r.selectNode(b);
    expect(describeRange(root, r).quote).toMatchObject({ exact: 'this bold text', prefix: 'Click ', suffix: ' now.' });
    r.selectNodeContents(root.firstChild!);
    expect(describeRange(root, r).quote.exact).toBe('Click this bold text now.');
    const p = root.firstChild!;
    expect(describeRange(root, range(p, 0, b, 1)).quote.exact).toBe('Click this ');
  });

  it('describes a selection in a shadow root relative to the shadow root', () => {
    const host = mount('<p>Light DOM text.</p><div></div>').lastChild as HTMLElement;
    const shadow = host.attachShadow({ mode: 'open' });
    shadow.innerHTML = '<p>Shadow text with a <b>highlighted</b> word in it.</p>';
    const { quote, position } = describeRange(shadow, rangeOf(shadow, 'highlighted'));
    expect(quote).toMatchObject({ exact: 'highlighted', prefix: 'Shadow text with a ', suffix: ' word in it.' });
    expect(position).toMatchObject({ start: 19, end: 30 });
  });

  it("describes a selection in an iframe's document", () => {
    const iframe = document.createElement('iframe');
    iframe.srcdoc = '<p>Framed <b>article</b> text.</p>';
    document.body.append(iframe);
    const body = iframe.contentDocument!.body;
    const r = iframe.contentDocument!.createRange();
    r.selectNodeContents(body.querySelector('b')!);
    expect(describeRange(body, r)).toEqual({
      quote: { type: 'TextQuoteSelector', exact: 'article', prefix: 'Framed ', suffix: ' text.' },
      position: { type: 'TextPositionSelector', start: 7, end: 14 },
    });
  });

  it('throws for a range without text', () => {
    const root = mount('<p>abc<img>def</p>');
    const p = root.firstChild!;
    expect(() => describeRange(root, range(p, 1, p, 2))).toThrow(RangeError);
    expect(() => describeRange(root, range(textNode(root, 0), 1, textNode(root, 0), 1))).toThrow(RangeError);
  });

  it('does not cut a surrogate pair at the outer edge of the context', () => {
    const emoji = '😀';
    const text = `${'a'.repeat(31)}${emoji}QUOTE${emoji}${'b'.repeat(31)}`;
    const d = describeOffsets(text, 33, 38);
    expect(d.quote.exact).toBe('QUOTE');
    expect(d.quote.prefix).toBe('a'.repeat(30) + emoji);
    expect(d.quote.suffix).toBe(emoji + 'b'.repeat(30));
    const cut = `${emoji}${'a'.repeat(31)}X`;
    expect(contextBefore(cut, cut.length - 1)).toBe('a'.repeat(31));
    expect(contextAfter(`X${'a'.repeat(31)}${emoji}`, 1)).toBe('a'.repeat(31));
  });
});
