import { describe, expect, it } from 'vitest';
import { loadBuiltinPack } from '../../../kb/builtin';
import { matcherFor, pageMentions } from '../helpers';

// Forms an alias audit found missing or resolved to a less specific entity (the family
// or the company), and the guards that keep the ambiguous ones quiet elsewhere.
describe('audited aliases', () => {
  const m = matcherFor(loadBuiltinPack().entities);
  const found = (text: string) => pageMentions(m, text);

  it.each([
    // Zhipu AI's international brand in capitals, and the one-word spelling.
    ['Z.AI released GLM-4.5', [['Z.AI', 'zhipu-ai'], ['GLM-4.5', 'glm-4-5']]],
    ['the model is based on ZhipuAI’s GLM-4.5-Air', [['ZhipuAI', 'zhipu-ai'], ['GLM-4.5-Air', 'glm-4-5']]],
    ['GLM-4.1V-Thinking and GLM-4.1V-9B-Thinking', [['GLM-4.1V-Thinking', 'glm-4-1v-thinking'], ['GLM-4.1V-9B-Thinking', 'glm-4-1v-thinking']]],
    // ByteDance's Seed team and its open model.
    ['ByteDance Seed released Seed-OSS-36B-Instruct', [['ByteDance Seed', 'bytedance-seed'], ['Seed-OSS-36B-Instruct', 'seed-oss']]],
    ['ByteDance Seed-OSS-36B is out', [['ByteDance', 'bytedance'], ['Seed-OSS-36B', 'seed-oss']]],
    ["developed by ByteDance's Seed Team", [["ByteDance's Seed Team", 'bytedance-seed']]],
    ['字节跳动Seed团队推出Seed-OSS-36B', [['字节跳动Seed团队', 'bytedance-seed'], ['Seed-OSS-36B', 'seed-oss']]],
    ['字節跳動Seed團隊', [['字節跳動Seed團隊', 'bytedance-seed']]],
    ['字节跳动旗下Seed团队', [['字节跳动', 'bytedance'], ['Seed团队', 'bytedance-seed']]],
    // StepFun's trillion-parameter model, named with the company on the page.
    ['StepFun unveiled Step-2 at WAIC', [['StepFun', 'stepfun'], ['Step-2', 'step-2'], ['WAIC', 'waic']]],
    ['step-2-16k ranked fifth', [['step-2-16k', 'step-2']]],
    // MiniMax's abab models.
    ['MiniMax launched abab6.5 and abab6.5s', [['MiniMax', 'minimax'], ['abab6.5', 'minimax-abab'], ['abab6.5s', 'minimax-abab']]],
    ['the new Abab-6.5 family; abab5.5s-chat', [['Abab-6.5', 'minimax-abab'], ['abab5.5s-chat', 'minimax-abab']]],
    ['MiniMax abab models', [['MiniMax', 'minimax'], ['abab', 'minimax-abab']]],
    // Baichuan's fourth generation is a model, not the company.
    ['Baichuan 4 was released in May', [['Baichuan 4', 'baichuan-4']]],
    ['Baichuan4-Turbo and Baichuan 4 Air', [['Baichuan4-Turbo', 'baichuan-4'], ['Baichuan 4 Air', 'baichuan-4']]],
    ['百川智能发布Baichuan4', [['百川智能', 'baichuan-ai'], ['Baichuan4', 'baichuan-4']]],
    // 01.AI's closed models count without the company on the page, and vouch for "Yi".
    ['Yi-Large ranked seventh', [['Yi-Large', 'yi-large']]],
    ['Yi Lightning tops Chinese models', [['Yi Lightning', 'yi-lightning']]],
    ['Yi-Lightning costs less than other Yi models', [['Yi-Lightning', 'yi-lightning'], ['Yi', 'yi']]],
    // Qwen generations that used to resolve to the family.
    ['Qwen3-Omni-30B-A3B-Instruct and Qwen3-Omni', [['Qwen3-Omni-30B-A3B-Instruct', 'qwen3-omni'], ['Qwen3-Omni', 'qwen3-omni']]],
    ['Qwen3-Next-80B-A3B beats Qwen3-32B', [['Qwen3-Next-80B-A3B', 'qwen3-next'], ['Qwen3-32B', 'qwen3']]],
    ['Qwen1.5-MoE is upcycled from Qwen-1.8B', [['Qwen1.5-MoE', 'qwen1-5'], ['Qwen-1.8B', 'qwen-1']]],
    // Company + product phrasings in Chinese news.
    ['阿里云通义大模型', [['阿里云', 'alibaba-cloud'], ['通义', 'qwen']]],
    ['阿里雲通義', [['阿里雲', 'alibaba-cloud'], ['通義', 'qwen']]],
    ['阿里云通义千问', [['阿里云', 'alibaba-cloud'], ['通义千问', 'qwen']]],
    ['阿里通义万相', [['阿里', 'alibaba-group'], ['通义万相', 'wan']]],
    // A product named without guard vouches for the maker's short name written next to it.
    ['阿里通义千问', [['阿里', 'alibaba-group'], ['通义千问', 'qwen']]],
    // "字节" (also "byte") counts only where ByteDance or its Doubao is named.
    ['腾讯元宝和字节豆包大模型', [['腾讯元宝', 'yuanbao'], ['字节', 'bytedance'], ['豆包大模型', 'doubao']]],
    ['每个字节有8位，腾讯元宝', [['腾讯元宝', 'yuanbao']]],
    ['字节跳动发布豆包；字节豆包', [['字节跳动', 'bytedance'], ['豆包', 'doubao'], ['字节', 'bytedance'], ['豆包', 'doubao']]],
  ])('%s', (text, expected) => {
    expect(found(text)).toEqual(expected);
  });

  it.each([
    'Step 2: install the package',
    'The poem follows an abab rhyme scheme.',
    '《风俗通义》是东汉应劭的著作',
    '种子Seed团队',
  ])('leaves out the ambiguous forms without their context: %s', (text) => {
    const hits = found(text).filter(([, id]) => ['step-2', 'minimax-abab', 'qwen', 'bytedance-seed'].includes(id));
    expect(hits).toEqual([]);
  });

  it('keeps Z.ai and Z.AI case-sensitive', () => {
    expect(found('visit z.ai today')).toEqual([]);
    expect(found('Z.ai and Z.AI')).toEqual([['Z.ai', 'zhipu-ai'], ['Z.AI', 'zhipu-ai']]);
  });
});
