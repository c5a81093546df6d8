// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { sentenceEnds } from '../../../content/clip/sentence-ends';
import { sentenceRange } from '../../../content/clip/sentence';

/** The sentences of `text` as sentenceEnds splits it. */
function split(text: string): string[] {
  const out: string[] = [];
  let from = 0;
  for (const e of [...sentenceEnds(text), text.length]) {
    const s = text.slice(from, e).trim();
    if (s) out.push(s);
    from = e;
  }
  return out;
}

/** The sentence "Save sentence" takes around `mention` in a paragraph of `html`. */
function sentenceAround(html: string, mention: string): string | undefined {
  document.body.innerHTML = `<article><p>${html}</p></article>`;
  const p = document.querySelector('p')!;
  const walker = document.createTreeWalker(p, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const at = (n as Text).data.indexOf(mention);
    if (at < 0) continue;
    const r = document.createRange();
    r.setStart(n, at);
    r.setEnd(n, at + mention.length);
    return sentenceRange(document, r)?.toString();
  }
  return undefined;
}

describe('sentence ends', () => {
  it('does not end a sentence at abbreviations, initials, dates or decimals', () => {
    const s = 'The U.S. Commerce Dept. added Zhipu AI to the Entity List in Jan. 2025, officials said.';
    expect(split(`Earlier news. ${s} Beijing objected.`)).toEqual(['Earlier news.', s, 'Beijing objected.']);
    for (const one of [
      'Mr. Wang and Dr. Li met executives of Alibaba Group Holding Ltd. and Tencent Holdings Co. in Hangzhou.',
      'Chips from Nvidia Corp. vs. Huawei Technologies Co. Ltd. were compared, e.g. the H20 and the Ascend 910B.',
      'Baidu Inc. Chief Executive Robin Li said Ernie 4.5 cost 1.2 billion yuan, i.e. less than expected.',
      'Policy No. 12 covers models, data, chips, etc. and took effect on Sept. 1 in the U.K. and the E.U. as well.',
      'The model was released at 9 a.m. Beijing time by J. Zhang and colleagues.',
    ]) {
      expect(split(one)).toEqual([one]);
    }
  });

  it('ends a sentence at a full stop after a normal word before a capital, and at "!" and "?"', () => {
    expect(split('DeepSeek released R1 in 2025. The model is open. Is it good? Yes! It is.')).toEqual([
      'DeepSeek released R1 in 2025.',
      'The model is open.',
      'Is it good?',
      'Yes!',
      'It is.',
    ]);
    // Closing quotes stay with their sentence.
    expect(split('He said, "We will ship GLM-5." Then he left.')).toEqual(['He said, "We will ship GLM-5."', 'Then he left.']);
  });

  it('does not end a sentence at a semicolon', () => {
    const s = 'Moonshot AI raised money; Zhipu AI filed for an IPO; both are based in Beijing.';
    expect(split(s)).toEqual([s]);
    expect(split('月之暗面完成融资；智谱提交了上市申请。')).toEqual(['月之暗面完成融资；智谱提交了上市申请。']);
  });

  it('ends Chinese and Japanese sentences at 。！？ with no space, closing quotes included', () => {
    expect(split('智谱AI发布了GLM-4.5模型。该模型在多项评测中表现出色！你用过吗？')).toEqual([
      '智谱AI发布了GLM-4.5模型。',
      '该模型在多项评测中表现出色！',
      '你用过吗？',
    ]);
    expect(split('他说：“我们会继续开源。”随后离开了会场。')).toEqual(['他说：“我们会继续开源。”', '随后离开了会场。']);
    expect(split('ソフトバンクは新しいモデルを発表した。詳細は来週公表する！')).toEqual(['ソフトバンクは新しいモデルを発表した。', '詳細は来週公表する！']);
    // A Latin question mark in Chinese text needs no space after it.
    expect(split('真的是DeepSeek吗?是的。')).toEqual(['真的是DeepSeek吗?', '是的。']);
  });
});

describe('the sentence around a mention', () => {
  it('takes the whole sentence through abbreviations', () => {
    const s = 'The U.S. Commerce Dept. added Zhipu AI to the Entity List in Jan. 2025, officials said.';
    expect(sentenceAround(`Earlier news. ${s} Beijing objected.`, 'Zhipu AI')).toBe(s);
    expect(sentenceAround(`Earlier news. ${s} Beijing objected.`, 'Beijing')).toBe('Beijing objected.');
  });

  it('takes the sentence across markup and semicolons, not into the next one', () => {
    expect(sentenceAround('Kimi is popular; <b>Moonshot AI</b> makes it. Qwen is Alibaba’s.', 'Moonshot AI')).toBe('Kimi is popular; Moonshot AI makes it.');
  });

  it('takes a Chinese sentence', () => {
    expect(sentenceAround('月之暗面发布了Kimi K2；智谱则发布了<b>GLM-4.5</b>。百度没有回应。', 'GLM-4.5')).toBe('月之暗面发布了Kimi K2；智谱则发布了GLM-4.5。');
  });
});
