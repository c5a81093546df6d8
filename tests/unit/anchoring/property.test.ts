// @vitest-environment happy-dom
/** Property tests: random documents split into random nodes, random ranges. */
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { anchor } from '../../../anchoring/anchor';
import { describeRange } from '../../../anchoring/describe';
import { documentText, offsetsToRange, rangeToOffsets } from '../../../anchoring/text';
import { range, rangeText } from './dom';

afterEach(() => {
  document.body.innerHTML = '';
});

/** How to build a document: each step adds a Text node, maybe after opening or closing an element. */
interface Step {
  text: string;
  action: 'stay' | 'open' | 'close' | 'comment' | 'empty-element';
  tag: 'b' | 'i' | 'p' | 'span' | 'div';
}

// A small alphabet, so quotes recur and prefixes/suffixes matter.
const textArb = fc.string({ unit: fc.constantFrom('a', 'b', 'c', ' ', '.', 'é', '\n'), maxLength: 12 });
const stepArb: fc.Arbitrary<Step> = fc.record({
  text: textArb,
  action: fc.constantFrom('stay', 'stay', 'open', 'close', 'comment', 'empty-element'),
  tag: fc.constantFrom('b', 'i', 'p', 'span', 'div'),
});
const docArb = fc.array(stepArb, { minLength: 1, maxLength: 40 });

function build(steps: readonly Step[]): HTMLElement {
  document.body.innerHTML = '<article></article>';
  const root = document.body.firstElementChild as HTMLElement;
  const stack: Element[] = [root];
  for (const step of steps) {
    const top = stack[stack.length - 1]!;
    if (step.action === 'open') {
      const el = document.createElement(step.tag);
      top.appendChild(el);
      stack.push(el);
    } else if (step.action === 'close' && stack.length > 1) {
      stack.pop();
    } else if (step.action === 'comment') {
      top.appendChild(document.createComment('c'));
    } else if (step.action === 'empty-element') {
      top.appendChild(document.createElement('img'));
    }
    stack[stack.length - 1]!.appendChild(document.createTextNode(step.text));
  }
  return root;
}

/** Every range boundary point under `root`, with its text offset computed by a plain recursive walk. */
function boundaryPoints(root: Node): { node: Node; offset: number; text: number }[] {
  const points: { node: Node; offset: number; text: number }[] = [];
  let seen = 0;
  const visit = (node: Node): void => {
    if (node.nodeType === 3) {
      const data = (node as Text).data;
      for (let i = 0; i <= data.length; i++) points.push({ node, offset: i, text: seen + i });
      seen += data.length;
      return;
    }
    if (node.nodeType === 8) {
      points.push({ node, offset: 0, text: seen });
      return;
    }
    const children = node.childNodes;
    for (let i = 0; i < children.length; i++) {
      points.push({ node, offset: i, text: seen });
      visit(children[i]!);
    }
    points.push({ node, offset: children.length, text: seen });
  };
  visit(root);
  return points;
}

/** The same text as `steps` builds, split differently and wrapped in different elements. */
function resplit(text: string, cuts: readonly number[]): HTMLElement {
  document.body.innerHTML = '<main></main>';
  const root = document.body.firstElementChild as HTMLElement;
  const sorted = [...new Set(cuts.map((c) => c % (text.length + 1)))].sort((a, b) => a - b);
  let last = 0;
  let k = 0;
  for (const cut of [...sorted, text.length]) {
    const wrapper = document.createElement(k++ % 2 ? 'em' : 'section');
    wrapper.appendChild(document.createTextNode(text.slice(last, cut)));
    root.appendChild(wrapper);
    last = cut;
  }
  return root;
}

function occurrences(text: string, needle: string): number {
  let n = 0;
  for (let i = text.indexOf(needle); i !== -1; i = text.indexOf(needle, i + 1)) n++;
  return n;
}

const params = { numRuns: 300 };

describe('describeRange then anchor', () => {
  it('returns the same offsets, whatever the DOM split and the range boundaries', () => {
    fc.assert(
      fc.property(docArb, fc.nat(), fc.nat(), (steps, i, j) => {
        const root = build(steps);
        const points = boundaryPoints(root);
        const a = points[i % points.length]!;
        const b = points[j % points.length]!;
        const [s, e] = a.text < b.text || (a.text === b.text && i % points.length <= j % points.length) ? [a, b] : [b, a];
        const r = document.createRange();
        r.setStart(s.node, s.offset);
        r.setEnd(e.node, e.offset);
        expect(rangeToOffsets(root, r)).toEqual({ start: s.text, end: e.text });
        const text = documentText(root).text;
        expect(text).toBe(root.textContent);
        fc.pre(e.text > s.text);

        const { quote, position } = describeRange(root, r);
        expect([position.start, position.end]).toEqual([s.text, e.text]);
        expect(quote.exact).toBe(text.slice(s.text, e.text));
        expect(quote.prefix).toBe(text.slice(Math.max(0, s.text - 32), s.text));
        expect(quote.suffix).toBe(text.slice(e.text, e.text + 32));

        const result = anchor(root, { quote, position });
        expect(result).not.toBeNull();
        expect([result!.start, result!.end, result!.method]).toEqual([s.text, e.text, 'position']);
        expect(rangeText(result!.range, root)).toBe(quote.exact);
        expect(rangeToOffsets(root, result!.range)).toEqual({ start: s.text, end: e.text });
      }),
      params,
    );
  });

  it('finds the same text in a re-rendered DOM with the same text', () => {
    fc.assert(
      fc.property(docArb, fc.nat(), fc.nat(), fc.array(fc.nat(), { maxLength: 12 }), (steps, i, j, cuts) => {
        const original = build(steps);
        const text = documentText(original).text;
        fc.pre(text.length > 0);
        const s = Math.min(i % text.length, j % text.length);
        const e = Math.max(i % text.length, j % text.length) + 1;
        const described = describeRange(original, offsetsToRange(original, s, e));

        const root = resplit(text, cuts);
        expect(documentText(root).text).toBe(text);
        const result = anchor(root, described);
        expect([result!.start, result!.end, result!.method]).toEqual([s, e, 'position']);
        expect(rangeText(result!.range, root)).toBe(text.slice(s, e));
      }),
      params,
    );
  });

  it('finds the quote by its context when the text before it changed', () => {
    fc.assert(
      fc.property(docArb, textArb, fc.nat(), fc.nat(), (steps, inserted, i, j) => {
        const original = build(steps);
        const text = documentText(original).text;
        fc.pre(text.length > 0);
        const s = Math.min(i % text.length, j % text.length);
        const e = Math.max(i % text.length, j % text.length) + 1;
        const { quote, position } = describeRange(original, offsetsToRange(original, s, e));

        document.body.innerHTML = '<article><p></p></article>';
        const root = document.body.firstElementChild as HTMLElement;
        root.firstChild!.appendChild(document.createTextNode(inserted));
        root.appendChild(build(steps));
        const shifted = documentText(root).text;
        expect(shifted).toBe(inserted + text);

        for (const selectors of [{ quote }, { quote, position }]) {
          const result = anchor(root, selectors);
          expect(result).not.toBeNull();
          expect(shifted.slice(result!.start, result!.end)).toBe(quote.exact);
          if (!('position' in selectors) && occurrences(shifted, `${quote.prefix}${quote.exact}${quote.suffix}`) === 1) {
            expect(result!.start).toBe(s + inserted.length);
          }
        }
      }),
      params,
    );
  });
});

describe('offsetsToRange and rangeToOffsets', () => {
  it('are inverse for any offsets', () => {
    fc.assert(
      fc.property(docArb, fc.nat(), fc.nat(), (steps, i, j) => {
        const root = build(steps);
        const doc = documentText(root);
        const n = doc.text.length + 1;
        const [s, e] = [i % n, j % n].sort((x, y) => x - y) as [number, number];
        const r = offsetsToRange(root, s, e, doc);
        expect(rangeToOffsets(root, r, doc)).toEqual({ start: s, end: e });
        if (e > s) {
          expect(r.startContainer.nodeType).toBe(3);
          expect(r.endContainer.nodeType).toBe(3);
          // The range starts and ends inside the text it covers, never at the end or start of a node.
          expect(r.startOffset).toBeLessThan((r.startContainer as Text).data.length);
          expect(r.endOffset).toBeGreaterThan(0);
          expect(rangeText(r, root)).toBe(doc.text.slice(s, e));
        }
        expect(range(r.startContainer, r.startOffset, r.endContainer, r.endOffset).collapsed).toBe(s === e);
      }),
      params,
    );
  });
});
