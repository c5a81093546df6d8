/**
 * A deterministic ~5 MB news-style article: sections, paragraphs, inline markup, links,
 * lists, tables, quotes, English and Chinese prose, with real aliases sprinkled in
 * (some split across inline elements, some in places that must never be highlighted:
 * attributes, <textarea>, <noscript>, hidden elements).
 */
import type { CompilableEntity } from '../engine/compile';
import { Rng } from './rng';

const EN = (
  'the of and to in a is that for on with as by at from it this be are was an or its has have will which ' +
  'their more said new also about after over than into year people company government market report model ' +
  'models data research technology development industry systems artificial intelligence chips computing power ' +
  'training inference open source release released announced investors policy regulation global users platform ' +
  'services according analysts revenue growth billion million quarter strategy cloud security national standards ' +
  'competition startups engineers language benchmark performance results compared leading largest public private ' +
  'partners customers products launch developers applications researchers university laboratory team week month ' +
  'statement officials rules draft approval export controls supply chain hardware software network services ' +
  'beijing shanghai shenzhen hangzhou washington europe china american chinese international domestic'
).split(' ');

const ZH = (
  '的 是 在 了 和 与 对 将 也 都 并 而 就 把 被 让 从 向 为 以 等 我们 他们 这 一个 这些 人工智能 发展 技术 模型 大模型 ' +
  '公司 发布 市场 研究 数据 政府 国际 产业 用户 应用 平台 能力 开源 训练 推理 芯片 算力 投资 监管 政策 安全 服务 企业 ' +
  '创新 生态 合作 行业 未来 全球 领域 标准 产品 计划 报告 显示 表示 认为 目前 今年 去年 已经 正在 进一步 推动 加快 ' +
  '支持 提升 规模 增长 亿元 万人 工程师 开发者 实验室 大学 研究院 科学家 专家 会议 论坛 上海 北京 深圳 杭州 中国 美国 欧洲 ' +
  '记者 消息 资料 分析 指出 同时 此外 但是 因为 所以 如果 可以 需要 进行 通过 相关 方面 问题 情况 工作 经济 社会'
).split(' ');

const ZH_PUNCT = ['，', '，', '，', '、', '；'];

export interface GeneratedPage {
  html: string;
  bytes: number;
  /** Aliases written into visible prose (a rough expectation, not an exact count of mentions). */
  sprinkled: number;
}

export function generateArticle(entities: readonly CompilableEntity[], targetBytes = 5_000_000, seed = 5): GeneratedPage {
  const rng = new Rng(seed);
  // Real aliases, in a stable order; context-free ones more often (they always count).
  const aliases: { text: string; versioned: boolean; han: boolean }[] = [];
  for (const e of entities) {
    for (const a of e.aliases) {
      const item = { text: a.text, versioned: !!a.versioned, han: /\p{Script=Han}/u.test(a.text) };
      aliases.push(item);
      if (!a.context) aliases.push(item);
    }
  }
  if (!aliases.length) aliases.push({ text: 'DeepSeek', versioned: false, han: false });
  let sprinkled = 0;

  const alias = (zh: boolean): string => {
    let a = rng.pick(aliases);
    // Chinese prose gets Chinese aliases more often, English prose Latin ones.
    for (let i = 0; i < 3 && a.han !== zh; i++) a = rng.pick(aliases);
    let text = esc(a.text);
    if (a.versioned && rng.chance(0.5)) text += rng.pick(['2.5', '-V3', ' 3', '-72B-Instruct', '4o', '-R1']);
    sprinkled++;
    if (a.text.length >= 4 && rng.chance(0.04)) {
      // Split across inline elements: <b>Deep</b>Seek.
      const cut = Math.floor(a.text.length / 2);
      return `<b>${esc(a.text.slice(0, cut))}</b>${esc(a.text.slice(cut))}`;
    }
    const r = rng.next();
    if (r < 0.08) return `<a href="#e${rng.int(1, 999)}">${text}</a>`;
    if (r < 0.14) return `<strong>${text}</strong>`;
    if (r < 0.18) return `<em>${text}</em>`;
    return text;
  };

  const inline = (words: string, zh: boolean): string => {
    const r = rng.next();
    if (r < 0.03) return `<a href="/topic/${rng.int(1, 5000)}" title="${esc(rng.pick(aliases).text)}">${words}</a>`;
    if (r < 0.05) return `<b>${words}</b>`;
    if (r < 0.07) return `<i>${words}</i>`;
    if (r < 0.08) return `<code>${words}</code>`;
    if (r < 0.09) return `<span class="c${rng.int(1, 9)}">${words}</span>`;
    if (r < 0.092 && !zh) return `${words}<sup>[${rng.int(1, 300)}]</sup>`;
    return words;
  };

  const enSentence = (): string => {
    const n = rng.int(8, 24);
    const parts: string[] = [];
    for (let i = 0; i < n; i++) {
      if (rng.chance(0.035)) parts.push(alias(false));
      else parts.push(inline(rng.pick(EN), false));
    }
    const s = parts.join(' ');
    return s[0]!.toUpperCase() + s.slice(1) + rng.pick(['.', '.', '.', ',', ';', '?']);
  };

  const zhSentence = (): string => {
    const n = rng.int(6, 18);
    let s = '';
    for (let i = 0; i < n; i++) {
      if (rng.chance(0.045)) s += alias(true);
      else s += inline(rng.pick(ZH), true);
      if (i > 2 && rng.chance(0.12)) s += rng.pick(ZH_PUNCT);
    }
    if (rng.chance(0.1)) s += `（${rng.int(2019, 2026)}年${rng.int(1, 12)}月）`;
    return s + rng.pick(['。', '。', '。', '！', '？']);
  };

  /** A heading: plain words (markup is never cut), sometimes naming an entity. */
  const heading = (zh: boolean): string => {
    const words: string[] = [];
    for (let i = rng.int(3, 8); i > 0; i--) words.push(rng.pick(zh ? ZH : EN));
    if (rng.chance(0.3)) words.splice(rng.int(0, words.length), 0, esc(rng.pick(aliases).text));
    const s = words.join(zh ? '' : ' ');
    return zh ? s : s[0]!.toUpperCase() + s.slice(1);
  };

  const paragraph = (zh: boolean): string => {
    const n = rng.int(2, 6);
    let s = '';
    for (let i = 0; i < n; i++) s += zh ? zhSentence() : (i ? ' ' : '') + enSentence();
    return s;
  };

  const chunks: string[] = [];
  let bytes = 0;
  const push = (s: string) => {
    chunks.push(s);
    bytes += Buffer.byteLength(s);
  };

  push(
    '<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><title>Generated benchmark article</title>' +
      '<style>body{font:16px/1.5 sans-serif;max-width:60em;margin:0 auto;padding:1em}aside{float:right;width:14em;font-size:.9em}' +
      'table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:2px 4px}.c3{color:#555}</style></head><body>\n' +
      '<header><nav><ul>' +
      ['News', 'Technology', 'Business', 'China', 'World', '科技', '财经', '国际'].map((t, i) => `<li><a href="/s/${i}">${t}</a></li>`).join('') +
      '</ul></nav></header>\n<main><article>\n<h1>Generated benchmark article: AI in China / 中国人工智能</h1>\n',
  );
  let section = 0;
  while (bytes < targetBytes - 2000) {
    section++;
    const zhSection = rng.chance(0.45);
    push(`<section id="s${section}"><h2>${heading(zhSection)}</h2>\n`);
    const blocks = rng.int(4, 12);
    for (let b = 0; b < blocks; b++) {
      const zh = rng.chance(0.85) ? zhSection : !zhSection;
      const r = rng.next();
      if (r < 0.72) push(`<p>${paragraph(zh)}</p>\n`);
      else if (r < 0.82) {
        const tag = rng.chance(0.6) ? 'ul' : 'ol';
        const items = rng.int(3, 8);
        let s = `<${tag}>`;
        for (let i = 0; i < items; i++) s += `<li>${zh ? zhSentence() : enSentence()}</li>`;
        push(`${s}</${tag}>\n`);
      } else if (r < 0.87) push(`<blockquote><p>${paragraph(zh)}</p></blockquote>\n`);
      else if (r < 0.9) {
        let s = '<table><thead><tr><th>Name</th><th>名称</th><th>Note</th></tr></thead><tbody>';
        for (let i = 0; i < rng.int(3, 10); i++) s += `<tr><td>${alias(false)}</td><td>${alias(true)}</td><td>${rng.pick(EN)} ${rng.int(1, 100)}%</td></tr>`;
        push(`${s}</tbody></table>\n`);
      } else if (r < 0.93) push(`<aside><h3>${rng.pick(ZH)}${rng.pick(ZH)}</h3><p>${paragraph(zh)}</p></aside>\n`);
      else if (r < 0.95) push(`<figure><img src="/img/${section}.png" alt="${esc(rng.pick(aliases).text)}"><figcaption>${zh ? zhSentence() : enSentence()}</figcaption></figure>\n`);
      else if (r < 0.96) push(`<textarea>${esc(rng.pick(aliases).text)} ${rng.pick(EN)}</textarea>\n`);
      else if (r < 0.97) push(`<noscript>${esc(rng.pick(aliases).text)}</noscript><div hidden>${esc(rng.pick(aliases).text)}</div>\n`);
      else push(`<div class="box"><p>${paragraph(zh)}</p><p>${paragraph(!zh)}</p></div>\n`);
    }
    push('</section>\n');
  }
  push('</article></main>\n<footer><p>Generated deterministically for benchmarks.</p></footer></body></html>\n');
  return { html: chunks.join(''), bytes, sprinkled };
}

function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
