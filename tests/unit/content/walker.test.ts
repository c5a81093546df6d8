// @vitest-environment happy-dom
import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { BLOCK_SEPARATOR } from '../../../engine/chars';
import { INLINE_ELEMENTS, RUBY_TEXT_ELEMENTS, SKIP_ATTRIBUTES, SKIP_ELEMENTS, skipsByAttribute, TextWalker, type TextBatch, type WalkOptions } from '../../../content/walker';
import { withSeparators } from '../../../bench/page/visible-text';

const S = BLOCK_SEPARATOR;

function mount(markup: string): HTMLElement {
  document.body.innerHTML = `<article>${markup}</article>`;
  return document.body.firstElementChild as HTMLElement;
}

const opts: WalkOptions = {};

function batches(root: Node, budget = Infinity, start?: Node): TextBatch[] {
  const w = new TextWalker(root, opts, start);
  const out: TextBatch[] = [];
  for (let b = w.next(budget); b; b = w.next(budget)) out.push(b);
  return out;
}

/** A batch's text with a separator at each cut (where a block starts). */
const sep = (b: TextBatch): string => withSeparators(b).text;

/** The whole text with separators shown as '|'. */
function shown(root: Node): string {
  return batches(root)
    .map(sep)
    .join('')
    .replaceAll(S, '|');
}

/** Every node's offset maps back to its data; cuts are ascending, inside the text, at node starts. */
function expectConsistent(b: TextBatch): void {
  b.nodes.forEach((n, i) => expect(b.text.slice(b.starts[i], b.starts[i]! + n.data.length)).toBe(n.data));
  expect(b.text).toBe(b.nodes.map((n) => n.data).join(''));
  b.cuts.forEach((c, i) => {
    expect(c).toBeGreaterThan(i ? b.cuts[i - 1]! : 0);
    expect(c).toBeLessThan(b.text.length);
    expect(b.starts).toContain(c);
  });
}

describe('TextWalker', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('joins text across inline elements and separates blocks', () => {
    const root = mount('<p>Zhipu <b>Chat</b>GLM-6B</p><p>ERNIE <a href="#">Bot</a></p>');
    expect(shown(root)).toBe('Zhipu ChatGLM-6B|ERNIE Bot');
  });

  it('closes a block when the text after it sits in an outer block', () => {
    const root = mount('<div>before<p>inside</p>after <span>tail</span></div>');
    expect(shown(root)).toBe('before|inside|after tail');
  });

  it('separates around a block inside an inline element', () => {
    const root = mount('<span>a<div>b</div>c</span>');
    expect(shown(root)).toBe('a|b|c');
  });

  it('treats <br> and unknown elements as boundaries, custom elements and spans as they are', () => {
    const root = mount('one<br>two<x-card>three</x-card>four<span>five</span>');
    expect(shown(root)).toBe('one|two|three|fourfive');
  });

  it('skips scripts, styles, form fields, hidden and editable regions', () => {
    const root = mount(
      'a<script>baidu()</script>b<style>.x{}</style>c<textarea>Qwen</textarea>d' +
        '<span hidden>Kimi</span>e<div contenteditable="true">DeepSeek</div>f<div contenteditable="false">g</div>' +
        '<dialog>Zhipu AI</dialog>h<dialog open>i</dialog>',
    );
    expect(shown(root)).toBe('a|b|c|d|e|f|g|h|i');
  });

  it('passes over ruby annotations without a boundary: the base text runs on (百<rt>bǎi</rt>度 reads 百度)', () => {
    const root = mount(
      '<p><ruby>百<rt>bǎi</rt>度<rt>dù</rt></ruby>发布了<ruby>文<rp>(</rp><rt>wén</rt><rp>)</rp>心<rtc>xīn</rtc></ruby>一言</p>' +
        '<p><ruby>腾讯<rt hidden>Téngxùn</rt></ruby>也是</p>',
    );
    expect(shown(root)).toBe('百度发布了文心一言|腾讯也是');
    for (const b of batches(root)) expectConsistent(b);
  });

  it('reads only the summary of a closed <details>, all of an open one', () => {
    const root = mount(
      '<p>a</p><details><summary>Zhipu <b>AI</b></summary><p>Kimi</p>hidden</details><p>b</p>' +
        '<details open><summary>s</summary><p>DeepSeek</p><details><p>Qwen</p><summary>inner</summary></details></details>' +
        '<details><p>no summary</p></details>c',
    );
    // The summary is rendered first wherever it sits among the children.
    expect(shown(root)).toBe('a|Zhipu AI|b|s|DeepSeek|inner|c');
    // A closed one rescanned as a block of its own (the scanner after a toggle).
    const closed = root.querySelector('details')!;
    expect(shown(closed)).toBe('Zhipu AI');
    closed.setAttribute('open', '');
    expect(shown(closed)).toBe('Zhipu AI|Kimi|hidden');
  });

  it('reads nothing of a hidden or editable <details>, not even its summary', () => {
    const root = mount('<p>a</p><details hidden><summary>Zhipu AI</summary></details><details contenteditable><summary>Kimi</summary></details><p>b</p>');
    expect(batches(root).map(sep).join('|').replaceAll(S, '|')).toBe('a|b');
  });

  it('reads only the summary of a closed <details> where the walk starts (the viewport pass)', () => {
    const root = mount('<p>a</p><details><summary>Zhipu AI</summary><p>Kimi</p></details><p>b</p>');
    const details = root.querySelector('details')!;
    expect(batches(root, Infinity, details).map(sep).join('|').replaceAll(S, '|')).toBe('Zhipu AI|b');
  });

  it('keeps the hidden part of a closed <details> out of the Range that reads the text around it', () => {
    const root = mount('<p>ERNIE</p><details><summary>x</summary>Bot</details><p>y</p>');
    const [b] = batches(root);
    expectConsistent(b!);
    expect(b!.text).toBe('ERNIExy');
  });

  it('decides skipping by an attribute value the way the walk does (the scanner compares old and new values)', () => {
    const values = [null, '', 'true', 'false', 'FALSE', 'plaintext-only', 'until-found'];
    for (const name of SKIP_ATTRIBUTES) {
      for (const value of values) {
        const root = mount('<p>x</p>');
        if (value !== null) root.firstElementChild!.setAttribute(name, value);
        expect(skipsByAttribute(name, value), `${name}=${value}`).toBe(shown(root) === '');
      }
    }
  });

  it('reads consecutive blocks with one Range, ending a stretch only at skipped content', () => {
    const toString = vi.spyOn(Range.prototype, 'toString');
    const root = mount('<p>Zhipu <b>Chat</b>GLM</p><h2>Kimi</h2><p>a<img>b<script>x()</script>c <i>d</i></p><ul><li>e</li></ul>');
    expect(shown(root)).toBe('Zhipu ChatGLM|Kimi|a|b|c d|e');
    // Two stretches: the script ends the first (the empty <img> does not).
    expect(toString).toHaveBeenCalledTimes(2);
    const [b] = batches(root);
    expect([b!.stretches, b!.readByNode]).toEqual([2, 0]);
  });

  it('reads nodes one by one when a stretch’s Range text is not what the walk counted', () => {
    vi.spyOn(Range.prototype, 'toString').mockReturnValue('unexpected');
    const root = mount('<p>Zhipu <b>Chat</b>GLM-6B</p><p>ERNIE <a href="#">Bot</a></p><p>文心一言</p>');
    const [b] = batches(root);
    expect(sep(b!).replaceAll(S, '|')).toBe('Zhipu ChatGLM-6B|ERNIE Bot|文心一言');
    expectConsistent(b!);
    expect([b!.stretches, b!.readByNode]).toEqual([1, 1]);
  });

  it('reads a stretch of large text nodes (the parser cuts long text into 65,536-character nodes) one by one', () => {
    const toString = vi.spyOn(Range.prototype, 'toString');
    const root = mount('<p id="long"></p>');
    const p = root.querySelector('#long')!;
    const big = 'x'.repeat(4096);
    for (const t of [`${big}Zhi`, `pu AI ${big}`, big]) p.appendChild(document.createTextNode(t));
    const [b] = batches(root);
    expect(b!.text).toBe(`${big}Zhipu AI ${big}${big}`);
    expect(b!.starts).toEqual([0, 4099, 4099 + 4102]);
    expect(toString).not.toHaveBeenCalled();
    expect([b!.stretches, b!.readByNode]).toEqual([0, 0]);
    expectConsistent(b!);
    // Small nodes among them bring the average down: a Range again.
    p.appendChild(document.createElement('b')).textContent = 'GLM';
    for (let i = 0; i < 10; i++) p.appendChild(document.createTextNode('-'));
    const [c] = batches(root);
    expect(toString).toHaveBeenCalledTimes(1);
    expect(c!.text).toBe(`${big}Zhipu AI ${big}${big}GLM----------`);
  });

  it('lists custom elements without a shadow root (one may attach later), also those inside a shadow tree', () => {
    const root = mount('<x-card>a</x-card><div id="host"></div><x-ready></x-ready><span>b</span>');
    const ready = root.querySelector('x-ready')!;
    ready.attachShadow({ mode: 'open' }).innerHTML = '<p>c</p>';
    const host = root.querySelector('#host')!;
    // A shadow tree with no text yet still reports what is inside it.
    host.attachShadow({ mode: 'open' }).innerHTML = '<x-inner></x-inner>';
    const [b] = batches(root);
    expect(b!.waitingHosts.map((e) => e.localName)).toEqual(['x-card', 'x-inner']);
    expect(b!.shadowRoots).toEqual([host.shadowRoot, ready.shadowRoot]);
  });

  it('reads an open shadow root as its own block, before the host’s children', () => {
    const root = mount('<p>x</p><div id="host">light</div><p>y</p>');
    const host = root.querySelector('#host')!;
    host.attachShadow({ mode: 'open' }).innerHTML = '<span>通义千问</span>';
    const [b] = batches(root);
    expect(sep(b!).replaceAll(S, '|')).toBe('x|通义千问|light|y');
    expect(b!.shadowRoots).toEqual([host.shadowRoot]);
    expectConsistent(b!);
  });

  it('reports an empty open shadow root (it may render later)', () => {
    const root = mount('<div id="host"></div>');
    const host = root.querySelector('#host')!;
    host.attachShadow({ mode: 'open' });
    expect(batches(root)[0]!.shadowRoots).toEqual([host.shadowRoot]);
  });

  it('pauses only at block boundaries once the budget is spent, and resumes where it stopped', () => {
    const root = mount('<p>aaaa <b>bb</b></p><p>cccc</p><div>dd<span>ee</span></div><p>ffff</p>');
    const list = batches(root, 3);
    // Each batch is whole blocks, without a separator at either end.
    expect(list.map(sep)).toEqual(['aaaa bb', 'cccc', 'ddee', 'ffff']);
    list.forEach(expectConsistent);
  });

  it('walks from a start node to the end of the root', () => {
    const root = mount('<p>one</p><p id="s">two <i>2</i></p><p>three</p>');
    const text = batches(root, Infinity, root.querySelector('#s')!).map(sep).join('');
    expect(text.replaceAll(S, '|')).toBe('two 2|three');
  });

  it('continues after a region another walk already covered', () => {
    const root = mount('<p>one</p><p id="s">two</p><p id="r">three</p><p>four</p>');
    const from = root.querySelector('#s')!;
    const resumeAt = root.querySelector('#r')!;
    const w = new TextWalker(root, opts, undefined, { from, resumeAt });
    const text = sep(w.next()!).replaceAll(S, '|');
    expect(text).toBe('one|three|four');
    expect(w.done).toBe(true);
  });

  it('starts at a comment (a root whose first child is one)', () => {
    const root = mount('<!-- note --><p>Kimi</p>');
    expect(shown(root)).toBe('Kimi');
  });

  it('skips the excluded element', () => {
    const root = mount('<p>a</p><div id="ours">card</div><p>b</p>');
    const w = new TextWalker(root, { ...opts, exclude: (el) => el.id === 'ours' });
    expect(sep(w.next()!).replaceAll(S, '|')).toBe('a|b');
  });

  it('matches a reference walk on random documents, whole and in batches', () => {
    const tags = ['p', 'div', 'li', 'br', 'span', 'b', 'a', 'em', 'script', 'style', 'x-tag', 'h2', 'details', 'summary', 'dialog', 'ruby', 'rt'];
    interface Tree {
      tag: string;
      hidden: boolean;
      open: boolean;
      children: (Tree | string)[];
    }
    const tree: fc.Memo<Tree> = fc.memo((n) =>
      fc.record({
        tag: fc.constantFrom(...tags),
        hidden: fc.integer({ min: 0, max: 9 }).map((x) => x === 0),
        open: fc.boolean(),
        children: n > 1 ? fc.array(fc.oneof(fc.stringMatching(/^[a-z ]{0,4}$/), fc.constant('<!--c-->'), tree(n - 1)), { maxLength: 4 }) : fc.constant([]),
      }),
    );
    const markup = (t: Tree | string): string =>
      typeof t === 'string'
        ? t
        : t.tag === 'br'
          ? '<br>'
          : `<${t.tag}${t.hidden ? ' hidden' : ''}${t.open && (t.tag === 'details' || t.tag === 'dialog') ? ' open' : ''}>${t.children.map(markup).join('')}</${t.tag}>`;
    // The reference: a recursive walk, then separators collapsed.
    const reference = (node: Node, out: string[]): void => {
      for (const c of node.childNodes) {
        if (c.nodeType === 3) {
          if ((c as Text).data) out.push((c as Text).data);
          continue;
        }
        if (c.nodeType !== 1) continue;
        const el = c as Element;
        // A ruby annotation: left out, the text on either side joined.
        if (RUBY_TEXT_ELEMENTS.has(el.localName)) continue;
        if (SKIP_ELEMENTS.has(el.localName) || el.hasAttribute('hidden') || (el.localName === 'dialog' && !el.hasAttribute('open'))) {
          out.push(S);
          continue;
        }
        if (el.localName === 'details' && !el.hasAttribute('open')) {
          // Closed: its first <summary> child alone, as a block.
          const summary = [...el.children].find((k) => k.localName === 'summary');
          out.push(S);
          if (summary && !summary.hasAttribute('hidden')) reference(summary, out);
          out.push(S);
          continue;
        }
        const block = !INLINE_ELEMENTS.has(el.localName);
        if (block) out.push(S);
        reference(el, out);
        if (block) out.push(S);
      }
    };
    const collapse = (s: string) => s.replace(new RegExp(`${S}+`, 'g'), S).replace(new RegExp(`^${S}|${S}$`, 'g'), '');
    fc.assert(
      fc.property(fc.array(tree(4), { maxLength: 5 }), fc.integer({ min: 1, max: 12 }), (trees, budget) => {
        const root = mount(trees.map(markup).join(''));
        const want: string[] = [];
        reference(root, want);
        expect(collapse(batches(root).map(sep).join(''))).toBe(collapse(want.join('')));
        const list = batches(root, budget);
        list.forEach(expectConsistent);
        for (const b of list) expect(sep(b).startsWith(S) || sep(b).endsWith(S)).toBe(false);
        expect(collapse(list.map(sep).join(S))).toBe(collapse(want.join('')));
      }),
      { numRuns: 300 },
    );
  });
});
