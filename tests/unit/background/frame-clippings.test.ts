import { describe, expect, it } from 'vitest';
import { showsAQuote } from '../../../background/frame-clippings';

describe("showsAQuote (a waiting frame shows one of its page's clippings)", () => {
  const quote = '百度今天发布了文心一言，\n  这是一个大型语言模型，今后将面向公众开放使用。';

  it('finds a quote whatever the white space between its blocks', () => {
    expect(showsAQuote('广告\n百度今天发布了文心一言，这是一个大型语言模型，\n今后将面向公众开放使用。', [quote])).toBe(true);
    expect(showsAQuote('广告 · 了解更多', [quote])).toBe(false);
    expect(showsAQuote('anything', [])).toBe(false);
  });

  it('takes either end of a long quote, so an edit in its middle does not hide it', () => {
    // The middle edited: both ends still there.
    expect(showsAQuote('百度今天发布了文心一言，这是一个模型，今后将面向公众开放使用。', [quote])).toBe(true);
    // Only one end still there.
    expect(showsAQuote('百度今天发布了文心一言，这是一个大型模型', [quote])).toBe(true);
    expect(showsAQuote('昨天，这是一个大型语言模型，今后将面向公众开放使用。', [quote])).toBe(true);
    // Neither.
    expect(showsAQuote('百度今天发布了文心一言，', [quote])).toBe(false);
  });

  it('takes a short quote whole, and one of several is enough', () => {
    expect(showsAQuote('Ad: DeepSeek-R1 today', ['DeepSeek-R1'])).toBe(true);
    expect(showsAQuote('Ad: DeepSeek-V3 today', ['DeepSeek-R1'])).toBe(false);
    expect(showsAQuote('Ad: DeepSeek-V3 today', ['DeepSeek-R1', 'V3 to'])).toBe(true);
  });

  it('does not keep a frame waiting for a quote of only white space', () => {
    expect(showsAQuote('Ad', [' \n '])).toBe(true);
  });
});
