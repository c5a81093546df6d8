/**
 * Drafts a traditional Chinese (Taiwan) interface table from a simplified one with
 * OpenCC (cn → twp: Taiwan characters and phrases). It only prints the draft: the
 * committed tables (i18n/zh-TW.ts, common.zh-TW.ts, problems.zh-TW.ts) were made this
 * way once, then read line by line and corrected by hand for Taiwan usage and for this
 * product's terms, so never overwrite them with a draft; use it to draft new keys.
 *
 * Run: npx tsx scripts/draft-zh-tw.ts i18n/zh-CN.ts > /tmp/zh-TW.draft.ts
 */
import { readFileSync } from 'node:fs';
import * as OpenCC from 'opencc-js';

const file = process.argv[2];
if (!file) throw new Error('usage: npx tsx scripts/draft-zh-tw.ts <i18n/…zh-CN.ts>');
const convert = OpenCC.Converter({ from: 'cn', to: 'twp' });
const source = readFileSync(file, 'utf8');
process.stdout.write(
  convert(source)
    .replace(/ZhCN\b/g, 'ZhTW')
    .replace(/\bzhCN\b/g, 'zhTW')
    .replace(/\.zh-CN'/g, ".zh-TW'"),
);
