// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { describeRange } from '../../../anchoring';
import { CELL_SEPARATOR, readableText } from '../../../content/clip/readable';
import { clippingFromRange } from '../../../content/clip/capture';
import { mount, range, rangeOf } from '../anchoring/dom';

/** The readable text of the whole article. */
function all(markup: string): string {
  const root = mount(markup);
  const r = document.createRange();
  r.selectNodeContents(root);
  return readableText(r).text;
}

/** The text with a '¦' at each cut. */
function withCuts(r: Range): string {
  const { text, cuts } = readableText(r);
  let out = '';
  let at = 0;
  for (const c of cuts) {
    out += `${text.slice(at, c)}¦`;
    at = c;
  }
  return out + text.slice(at);
}

const TABLE = `
  <table>
    <tr>
      <td>Zhipu AI</td>
      <td>GLM-4.5</td>
      <td>2025</td>
    </tr>
    <tr>
      <td>Tencent</td>
      <td>Hunyuan</td>
      <td>2023</td>
    </tr>
  </table>`;

describe('readableText', () => {
  it('separates the cells of a row and puts each row on its own line', () => {
    const root = mount(TABLE);
    // From the start of the first row to the end of "Hunyuan", as a reader selects it.
    const r = rangeOf(root, 'Zhipu AI');
    const hunyuan = rangeOf(root, 'Hunyuan');
    r.setEnd(hunyuan.endContainer, hunyuan.endOffset);
    expect(describeRange(document.body, r).quote.exact).toMatch(/^Zhipu AI\s+GLM-4\.5\s+2025\s+Tencent\s+Hunyuan$/);
    expect(readableText(r).text).toBe(`Zhipu AI${CELL_SEPARATOR}GLM-4.5${CELL_SEPARATOR}2025\nTencent${CELL_SEPARATOR}Hunyuan`);
    // Cuts on both sides of every separator: each cell is matched on its own.
    expect(withCuts(r)).toBe('Zhipu AI¦ | ¦GLM-4.5¦ | ¦2025¦\n¦Tencent¦ | ¦Hunyuan');
  });

  it('separates cells written with no white space between them', () => {
    expect(all('<table><tr><th>Maker</th><th>Model</th></tr><tr><td>Zhipu AI</td><td>GLM-4.5</td></tr></table>')).toBe(
      'Maker | Model\nZhipu AI | GLM-4.5',
    );
  });

  it('keeps a row on one line when its cells hold blocks, and leaves empty cells out', () => {
    expect(all('<table><tr><td><div>Zhipu AI</div></td><td></td><td><p>GLM-4.5</p></td><td><br></td></tr><tr><td><div>Tencent</div></td></tr></table>')).toBe(
      'Zhipu AI | GLM-4.5\nTencent',
    );
    // Several blocks in one cell keep their lines (a layout table holds whole articles).
    expect(all('<table><tr><td><p>One.</p><p>Two.</p></td><td>x</td></tr></table>')).toBe('One.\n\nTwo. | x');
  });

  it('puts list items on their own lines without the source indentation', () => {
    const root = mount(`
      <p>More than 100 million
         users.</p>
      <ul>
        <li>ByteDance   launched Doubao</li>
        <li>Tencent launched
            Hunyuan</li>
      </ul>`);
    const r = rangeOf(root, 'users.');
    r.setEnd(rangeOf(root, 'Hunyuan').endContainer, rangeOf(root, 'Hunyuan').endOffset);
    expect(readableText(r).text).toBe('users.\n\nByteDance launched Doubao\nTencent launched Hunyuan');
    expect(all('<ol><li>a<ul><li>b</li></ul></li><li>c</li></ol>')).toBe('a\nb\nc');
  });

  it('keeps text split across inline elements joined (<b>Chat</b>GLM-6B), with no cut', () => {
    const root = mount('<p>Zhipu <b>Chat</b>GLM-6B and <a href="#">ERNIE <i>Bot</i></a>, <span>iFlytek</span> <em>Spark</em>.</p>');
    const r = document.createRange();
    r.selectNodeContents(root);
    expect(readableText(r)).toEqual({ text: 'Zhipu ChatGLM-6B and ERNIE Bot, iFlytek Spark.', cuts: [] });
  });

  it('leaves ruby annotations (pinyin) out and keeps the base text joined, with no cut', () => {
    const root = mount('<p><ruby>百<rt>bǎi</rt>度<rt>dù</rt></ruby>发布了<ruby>文<rp>(</rp><rt>wén</rt><rp>)</rp>心</ruby>一言。</p>');
    const r = document.createRange();
    r.selectNodeContents(root);
    expect(readableText(r)).toEqual({ text: '百度发布了文心一言。', cuts: [] });
  });

  it('sets paragraphs off by a blank line (as innerText does), other blocks and <br> by a line break', () => {
    expect(all('<h2>Models</h2><h3>DeepSeek</h3><div>R1</div>')).toBe('Models\nDeepSeek\nR1');
    expect(all('<h2>DeepSeek</h2>\n<p>First.</p>\n<p>Second<br>line<br><br>after a blank.</p><div>Div</div><div><div>Nested</div></div>')).toBe(
      'DeepSeek\n\nFirst.\n\nSecond\nline\n\nafter a blank.\n\nDiv\nNested',
    );
  });

  it('keeps white space in <pre> and in elements styled white-space: pre', () => {
    expect(all('<p>Run:</p><pre>pip install  zhipuai\n  glm = ZhipuAI()</pre><p>then   go.</p>')).toBe(
      'Run:\n\npip install  zhipuai\n  glm = ZhipuAI()\n\nthen go.',
    );
    expect(all('<div style="white-space: pre">a  b\nc</div><div style="white-space: pre-line">d   e\nf</div>')).toBe('a  b\nc\nd e\nf');
  });

  it('joins Chinese across a source line break, and keeps spaces written between words', () => {
    expect(all('<p>智谱AI发布了\n      GLM-4.5，腾讯发布了\n      混元大模型。</p>')).toBe('智谱AI发布了 GLM-4.5，腾讯发布了混元大模型。');
    expect(all('<ul><li>智谱</li><li>腾讯混元</li></ul>')).toBe('智谱\n腾讯混元');
    expect(all('<p>Kimi 与 DeepSeek</p>')).toBe('Kimi 与 DeepSeek');
    expect(all('<table><tr><td>智谱</td><td>清言</td></tr></table>')).toBe('智谱 | 清言');
  });

  it('leaves out what the page does not show, cutting where the scanner does', () => {
    const root = mount(
      '<p>DeepSeek<script>var x = "Qwen";</script>-R1 <span hidden>hidden</span>and <span style="display:none">none</span>Kimi</p>' +
        '<details><summary>Summary</summary>Body</details><p>Tail <input value="typed"> end</p>',
    );
    const r = document.createRange();
    r.selectNodeContents(root);
    // The script, the hidden span and the field are where the scanner starts a new block
    // (a space there is a block of its own); display: none is not.
    expect(withCuts(r)).toBe('DeepSeek¦-R1¦ ¦and Kimi¦\n\n¦Summary¦\n\n¦Tail¦ ¦end');
  });

  it('reads only the selected part of the first and last text nodes', () => {
    const root = mount('<p>Before Zhipu AI</p><p>GLM-4.5 after</p>');
    const first = root.querySelector('p')!.firstChild as Text;
    const last = root.querySelectorAll('p')[1]!.firstChild as Text;
    expect(readableText(range(first, 7, last, 7)).text).toBe('Zhipu AI\n\nGLM-4.5');
    expect(readableText(range(first, 7, first, 12)).text).toBe('Zhipu');
  });

  it('is empty for a selection of white space only', () => {
    const root = mount('<p>a</p>\n   \n<p>b</p>');
    const ws = root.childNodes[1] as Text;
    expect(readableText(range(ws, 0, ws, ws.data.length)).text).toBe('');
  });
});

describe('clippingFromRange', () => {
  const base = { href: 'https://news.example.cn/a?utm_source=x', title: 'Models', now: new Date('2025-01-02T03:04:05Z'), id: '0b8f7c7e-1f2a-4c1b-9a59-3a4f1f0c1e2d' };

  it('stores the shown text and detects entities block by block, keeping the selectors on the page text', () => {
    const root = mount(TABLE);
    const r = rangeOf(root, 'Zhipu AI');
    const hunyuan = rangeOf(root, 'Hunyuan');
    r.setEnd(hunyuan.endContainer, hunyuan.endOffset);
    const seen: [string, readonly number[]][] = [];
    const c = clippingFromRange(r, {
      ...base,
      entitiesIn: (text, cuts) => {
        seen.push([text, cuts]);
        const blocks = [0, ...cuts, text.length].slice(0, -1).map((s, i) => text.slice(s, [...cuts, text.length][i]));
        return blocks.map((b) => b.trim()).filter((b) => /^[A-Z]/.test(b)).map((b) => b.toLowerCase().replace(/[^a-z0-9]+/g, '-'));
      },
    });
    expect(c.text).toBe('Zhipu AI | GLM-4.5 | 2025\nTencent | Hunyuan');
    expect(c.entities).toEqual(['zhipu-ai', 'glm-4-5', 'tencent', 'hunyuan']);
    expect(seen[0]![0]).toBe(c.text);
    // The selectors are the page's text, as anchoring counts it.
    expect(c.quote).toEqual(describeRange(document.body, r).quote);
    expect(c.quote.exact).not.toBe(c.text);
    expect(c.url).toBe('https://news.example.cn/a');
  });

  it('falls back to the quote when nothing shown is selected', () => {
    const root = mount('<p>a<span style="display:none">Hidden Zhipu</span>b</p>');
    const t = root.querySelector('span')!.firstChild as Text;
    const c = clippingFromRange(range(t, 0, t, t.data.length), { ...base, entitiesIn: (text) => [text.length > 3 ? 'zhipu-ai' : 'x'] });
    expect(c.text).toBe('Hidden Zhipu');
    expect(c.entities).toEqual(['zhipu-ai']);
  });
});
