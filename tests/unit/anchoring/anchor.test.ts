// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { anchor, anchorMany, type AnchorResult } from '../../../anchoring/anchor';
import { describeRange } from '../../../anchoring/describe';
import { documentText } from '../../../anchoring/text';
import { mount, rangeOf, rangeText } from './dom';

afterEach(() => {
  vi.restoreAllMocks();
  document.body.innerHTML = '';
});

const P1 = 'DeepSeek released a new reasoning model on Monday, the company said in a statement.';
const P2 = 'The model was trained on a cluster of export-controlled chips, according to people familiar with the matter.';
const P3 = 'Analysts said the release could pressure rivals to cut prices for their own services.';
const ARTICLE = `<h1>New model</h1><p>${P1}</p><p>${P2}</p><p>${P3}</p>`;

/** Selectors for `needle` (its `occurrence`-th occurrence) in the page `markup`. */
function clip(markup: string, needle: string, occurrence = 0) {
  const root = mount(markup);
  return describeRange(root, rangeOf(root, needle, occurrence));
}

function expectAnchored(result: AnchorResult | null, root: Node, text: string, method: AnchorResult['method']) {
  expect(result).not.toBeNull();
  const r = result!;
  expect(r.method).toBe(method);
  expect(documentText(root).text.slice(r.start, r.end)).toBe(text);
  expect(rangeText(r.range, root)).toBe(text);
  expect(r.range.toString()).toBe(text);
}

describe('anchor by position', () => {
  it('uses the recorded position when the text there is the quote', () => {
    const saved = clip(ARTICLE, 'export-controlled chips');
    const root = mount(ARTICLE);
    const result = anchor(root, saved);
    expectAnchored(result, root, 'export-controlled chips', 'position');
    expect([result!.start, result!.end]).toEqual([saved.position.start, saved.position.end]);
  });

  it('anchors in re-rendered markup with the same text but different nodes', () => {
    const saved = clip(`<p>Alpha <b>beta</b> gamma delta.</p><p>Epsilon zeta.</p>`, 'beta gamma delta.Epsilon');
    const root = mount(`<div><span>Alpha be</span><em>ta gamma</em> <i>delta.</i></div><section>Epsilon <u>zeta.</u></section>`);
    const result = anchor(root, saved);
    expectAnchored(result, root, 'beta gamma delta.Epsilon', 'position');
    expect(result!.range.startContainer.parentElement!.tagName).toBe('SPAN');
    expect(result!.range.endContainer.parentElement!.tagName).toBe('SECTION');
  });

  it('does not trust the position when its text is not the quote', () => {
    const saved = clip(ARTICLE, 'reasoning model');
    const root = mount(ARTICLE.replace('DeepSeek', 'DeepSeek AI'));
    expectAnchored(anchor(root, saved), root, 'reasoning model', 'quote');
  });

  it('does not trust the position of a short quote whose surroundings are different', () => {
    const saved = clip('<p>Intro words. The model that was clipped, and more.</p>', 'model');
    // Another "model" now sits at the recorded position; the clipped one moved.
    const root = mount('<p>Some other text: model. Intro words. The model that was clipped, and more.</p>');
    const text = documentText(root).text;
    expect(text.slice(saved.position.start, saved.position.end)).toBe('model');
    const result = anchor(root, saved);
    expectAnchored(result, root, 'model', 'quote');
    expect(result!.start).toBe(text.indexOf('model that was clipped'));
  });

  it('ignores a position beyond the end of the text', () => {
    const saved = clip(ARTICLE, 'cut prices');
    const root = mount(`<p>${P3}</p>`);
    expectAnchored(anchor(root, saved), root, 'cut prices', 'quote');
  });
});

describe('anchor by exact quote', () => {
  it('finds the quote when the text before it moved', () => {
    const saved = clip(ARTICLE, 'according to people familiar');
    const root = mount(`<aside>Sponsored: read our newsletter.</aside>${ARTICLE}`);
    expectAnchored(anchor(root, saved), root, 'according to people familiar', 'quote');
  });

  it('works without a position selector', () => {
    const saved = clip(ARTICLE, 'could pressure rivals');
    const root = mount(ARTICLE);
    expectAnchored(anchor(root, { quote: saved.quote }), root, 'could pressure rivals', 'quote');
  });

  it('chooses among repeated quotes by prefix and suffix', () => {
    const page = '<p>Critics said the model is expensive. Fans said the model is open. Nobody said the model is fast.</p>';
    for (let k = 0; k < 3; k++) {
      const saved = clip(page, 'the model', k);
      const root = mount(`<p>Update: this story was corrected.</p>${page}`);
      const text = documentText(root).text;
      const occurrences = [...text.matchAll(/the model/g)].map((m) => m.index);
      const result = anchor(root, { quote: saved.quote });
      expectAnchored(result, root, 'the model', 'quote');
      expect(result!.start).toBe(occurrences[k]);
    }
  });

  it('prefers the occurrence whose context agrees, even far from the recorded position', () => {
    const page = `<p>${P1}</p><p>${P2}</p><p>${P3} The model ran out of memory.</p>`;
    const saved = clip(page, 'The model', 1);
    // The last paragraph moved to the top; the first "The model" is now near the old position.
    const root = mount(`<p>${P3} The model ran out of memory.</p><p>${P1}</p><p>${P2}</p>`);
    const result = anchor(root, saved);
    expectAnchored(result, root, 'The model', 'quote');
    expect(documentText(root).text.slice(result!.end, result!.end + 12)).toBe(' ran out of ');
  });

  it('chooses among repeated quotes with identical context by the position hint', () => {
    const line = 'Subscribe to our newsletter for daily updates on AI. ';
    const page = `<p>${line.repeat(8)}</p>`;
    const saved = clip(page, 'newsletter', 4);
    expect(saved.quote.prefix).toBe(clip(page, 'newsletter', 3).quote.prefix);
    expect(saved.quote.suffix).toBe(clip(page, 'newsletter', 5).quote.suffix);
    // Three characters inserted at the top: the position is off by three.
    const root = mount(`<p>Ad </p><p>${line.repeat(8)}</p>`);
    const result = anchor(root, saved);
    expectAnchored(result, root, 'newsletter', 'quote');
    expect(result!.start).toBe(saved.position.start + 3);
    // Without the hint the first of the equally good occurrences wins.
    const first = anchor(root, { quote: saved.quote });
    expect(first!.start).toBeLessThan(result!.start);
  });

  it('anchors when the same text is split into different nodes and moved', () => {
    const saved = clip(ARTICLE, 'cluster of export-controlled chips');
    const root = mount(
      `<nav>Home | World | Tech</nav><h1>New <em>model</em></h1><p>${P1}</p>` +
        `<p>The model was trained on a <a href="#">cluster</a> of export-<wbr>controlled <b>chips</b>, according to people familiar with the matter.</p>`,
    );
    expectAnchored(anchor(root, saved), root, 'cluster of export-controlled chips', 'quote');
  });
});

describe('fuzzy anchoring', () => {
  it('re-anchors after a word changed', () => {
    const saved = clip(ARTICLE, 'trained on a cluster of export-controlled chips');
    const root = mount(ARTICLE.replace('cluster of', 'large cluster of').replace('export-controlled', 'restricted'));
    // Two edits of 17 characters in a 47-character quote are more than a quarter: no anchor.
    expect(anchor(root, saved)).toBeNull();
    const gentle = mount(ARTICLE.replace('trained on a cluster', 'trained on one cluster'));
    expectAnchored(anchor(gentle, saved), gentle, 'trained on one cluster of export-controlled chips', 'fuzzy');
  });

  it('re-anchors a sentence after a word changed', () => {
    const saved = clip(ARTICLE, P2);
    const edited = P2.replace('familiar with', 'briefed on');
    const root = mount(`<p>Correction appended.</p>${ARTICLE.replace(P2, edited)}`);
    expectAnchored(anchor(root, saved), root, edited, 'fuzzy');
  });

  it('re-anchors after punctuation changed', () => {
    const saved = clip(ARTICLE, 'on Monday, the company said in a statement');
    const root = mount(ARTICLE.replace('on Monday, the company said', 'on Monday — the company said'));
    expectAnchored(anchor(root, saved), root, 'on Monday — the company said in a statement', 'fuzzy');
    const quotes = mount(ARTICLE.replace("company said in a statement", 'company said in a "statement'));
    expectAnchored(anchor(quotes, saved), quotes, 'on Monday, the company said in a "statement', 'fuzzy');
  });

  it('re-anchors after whitespace changed', () => {
    const saved = clip(`<p>${P3}</p>`, 'the release could pressure rivals to cut prices');
    const root = mount(`<p>${P3.replace('could pressure', 'could\n      pressure').replace('to cut', 'to  cut')}</p>`);
    expectAnchored(anchor(root, saved), root, 'the release could\n      pressure rivals to  cut prices', 'fuzzy');
  });

  it('re-anchors a selection across paragraphs after the markup gained whitespace between them', () => {
    const saved = clip(ARTICLE, 'in a statement.The model was trained');
    const root = mount(ARTICLE.replaceAll('</p><p>', '</p>\n  <p>'));
    expectAnchored(anchor(root, saved), root, 'in a statement.\n  The model was trained', 'fuzzy');
  });

  it('prefers the approximate match near the recorded position when there are several', () => {
    const a = 'OpenAI said on Monday that it would';
    const page = `<p>${a} expand. Later, the board met again.</p><p>${P1}</p><p>${P2}</p><p>Meanwhile ${a} hire.</p>`;
    const saved = clip(page, a, 1);
    const root = mount(page.replace(`Meanwhile ${a}`, `Meanwhile ${a.replace('Monday', 'Tuesday')}`).replace(a, a.replace('Monday', 'Sunday')));
    const result = anchor(root, saved);
    expectAnchored(result, root, 'OpenAI said on Tuesday that it would', 'fuzzy');
  });
});

describe('no anchor', () => {
  it('returns null when the quoted passage is gone', () => {
    const saved = clip(ARTICLE, P2);
    const root = mount(ARTICLE.replace(`<p>${P2}</p>`, ''));
    expect(anchor(root, saved)).toBeNull();
  });

  it('returns null for a short quote that is gone, even if similar words remain', () => {
    const saved = clip(ARTICLE, 'Monday');
    const root = mount(ARTICLE.replace('Monday', 'Tuesday'));
    expect(anchor(root, saved)).toBeNull();
    const saved2 = clip(ARTICLE, 'export-controlled');
    const root2 = mount(ARTICLE.replace('export-controlled', 'advanced'));
    expect(anchor(root2, saved2)).toBeNull();
  });

  it('returns null when the page is very different', () => {
    const saved = [
      clip(ARTICLE, 'DeepSeek released a new reasoning model'),
      clip(ARTICLE, 'the company said in a statement'),
      clip(ARTICLE, 'according to people familiar with the matter'),
      clip(ARTICLE, 'Analysts said the release'),
      clip(ARTICLE, P3),
    ];
    const root = mount(
      '<h1>Weather</h1><p>Rain is expected across the region on Tuesday, the agency said in its forecast.</p>' +
        '<p>The storm was tracked by a network of coastal radars, according to officials in the area.</p>' +
        '<p>Forecasters said the system could bring flooding to low-lying streets near the river.</p>',
    );
    expect(anchorMany(root, saved)).toEqual([null, null, null, null, null]);
  });

  it('returns null on an empty page', () => {
    const saved = clip(ARTICLE, 'reasoning model');
    expect(anchor(mount(''), saved)).toBeNull();
  });
});

describe('unrendered text', () => {
  const json = `<script type="application/json">{"body":"${P1} ${P2}"}</script>`;

  it('skips a copy of the article in a <script>', () => {
    const saved = clip(ARTICLE, 'export-controlled');
    const root = mount(`${json}${ARTICLE}`);
    const text = documentText(root).text;
    expect(text.indexOf('export-controlled')).toBeLessThan(text.lastIndexOf('export-controlled'));
    for (const selectors of [saved, { quote: saved.quote }]) {
      const result = anchor(root, selectors);
      expectAnchored(result, root, 'export-controlled', 'quote');
      expect(result!.range.startContainer.parentElement!.tagName).toBe('P');
    }
  });

  it('does not anchor in a <script> or <style> even when only there the quote survives', () => {
    const saved = clip(ARTICLE, 'export-controlled chips, according to people');
    const root = mount(`${json}<style>/* export-controlled chips, according to people */</style><p>${P1}</p>`);
    expect(anchor(root, saved)).toBeNull();
  });

  it('still counts unrendered text in positions and anchors quotes that span it', () => {
    const page = `<p>${P1}</p><script>track("view")</script><p>${P2}</p>`;
    const saved = clip(page, 'in a statement.track("view")The model');
    const root = mount(page);
    expectAnchored(anchor(root, saved), root, 'in a statement.track("view")The model', 'position');
  });
});

describe('roots other than the page body', () => {
  it('anchors in a shadow root', () => {
    const host = mount('<p>Light text.</p><div></div>').lastChild as HTMLElement;
    const shadow = host.attachShadow({ mode: 'open' });
    shadow.innerHTML = ARTICLE;
    const saved = describeRange(shadow, rangeOf(shadow, 'reasoning model'));
    shadow.innerHTML = `<p>Inserted.</p>${ARTICLE}`;
    const result = anchor(shadow, saved);
    expectAnchored(result, shadow, 'reasoning model', 'quote');
    expect(result!.range.startContainer.getRootNode()).toBe(shadow);
  });

  it("anchors in an iframe's document body", () => {
    const iframe = document.createElement('iframe');
    iframe.srcdoc = ARTICLE;
    document.body.append(iframe);
    const body = iframe.contentDocument!.body;
    const saved = describeRange(body, rangeOf(body, 'cut prices'));
    const result = anchor(body, saved);
    expect(result!.method).toBe('position');
    expect(result!.range.toString()).toBe('cut prices');
    expect(result!.range.startContainer.ownerDocument).toBe(iframe.contentDocument);
  });
});

describe('anchorMany', () => {
  it('anchors a list in order, with null for those that do not anchor', () => {
    const list = [
      clip(ARTICLE, 'reasoning model'),
      clip(ARTICLE, 'export-controlled chips'),
      clip(ARTICLE, P3),
      clip(ARTICLE, 'New model'),
    ];
    const root = mount(`<p>Breaking.</p>${ARTICLE.replace(`<p>${P3}</p>`, '')}`);
    const results = anchorMany(root, list);
    expect(results.map((r) => r && r.range.toString())).toEqual(['reasoning model', 'export-controlled chips', null, 'New model']);
    expect(results.map((r) => r?.method ?? null)).toEqual(['quote', 'quote', null, 'quote']);
    expect(anchorMany(root, [])).toEqual([]);
  });

  it('accepts whole clipping records', () => {
    const saved = clip(ARTICLE, 'reasoning model');
    const clipping = { id: 'x', text: 'reasoning model', note: '', tags: [], ...saved };
    const root = mount(ARTICLE);
    expect(anchorMany(root, [clipping])[0]!.method).toBe('position');
  });

  it('walks the DOM once for many clippings', () => {
    const paragraphs = Array.from({ length: 200 }, (_, i) => `<p>Paragraph ${i} says something about item ${i * 7} in detail.</p>`);
    const page = paragraphs.join('');
    const list = Array.from({ length: 200 }, (_, i) => clip(page, `something about item ${i * 7} in`));
    const root = mount(`<p>New header.</p>${page}`);
    const walker = vi.spyOn(document, 'createTreeWalker');
    const results = anchorMany(root, list);
    // One walk, whatever the number of clippings (how long it takes is not a test's business).
    expect(walker).toHaveBeenCalledTimes(1);
    expect(results.every((r, i) => r?.range.toString() === `something about item ${i * 7} in`)).toBe(true);
  });
});
