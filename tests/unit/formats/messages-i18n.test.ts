/**
 * Import and validation messages are codes with parameters, put in words in the reader's
 * language: every code has its English and Chinese wordings (简体中文 and 繁體中文), and a
 * reader with the interface in Chinese reads Chinese sentences, never the English of the
 * code or Zod's.
 */
import { describe, expect, it } from 'vitest';
import { problemsEn as en, type MessageCode } from '../../../i18n/problems.en';
import { problemsZhCN as zhCN } from '../../../i18n/problems.zh-CN';
import { problemsZhTW as zhTW } from '../../../i18n/problems.zh-TW';
import { setLanguage } from '../../../i18n';
import { renderMessage } from '../../../i18n/render';
import { msg } from '../../../i18n/message';
import { ISSUE } from '../../../model/issues';
import { ClippingSchema } from '../../../model/clipping';
import { parseBackup } from '../../../formats/backup';
import { describeIssue, describeIssues, formatProblem, formatProblems, issuesMessage, zodProblems } from '../../../formats/problems';
import { fromReadwiseCsv } from '../../../formats/readwise';
import { fromW3C } from '../../../formats/w3c';
import { checkIntegrity, formatProblem as formatPackProblem, formatProblemIn, parseEntities } from '../../../kb/validate';
import { checkFile } from '../../../library/transfer';
import { ValidationError } from '../../../storage/clippings';
import { NOW, SAMPLE_CLIPPINGS, sequentialIds } from './samples';

const messageKeys = Object.keys(en) as MessageCode[];
const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
/** Latin words of three letters or more that are not code, field or format names (quoted examples aside). */
const englishWords = (s: string) => s.match(/\b(?!(?:true|false|null|notPrecededBy|notFollowedBy|freeWithVersion|shared|format|cnai|knowledge|pack|entities|clippings|userEntities|entityPrefs|history|source|TextQuoteSelector|Highlight|Title|Author|URL|Note|Location|Date|Tags|CNAI|JSON|ZIP|PDF|CSV|UTF|Excel|Readwise|Hypothesis|W3C|Web|Annotation|ISO|UTC|UUID|YYYY|https?|jsonld|json|csv|id)\b)[A-Za-z]{3,}\b/g) ?? [];

describe('message tables', () => {
  it.each([
    ['简体中文', zhCN],
    ['繁體中文', zhTW],
  ] as const)('give every import and validation code an English and a %s wording with the same parameters', (_, zh) => {
    expect(messageKeys.length).toBeGreaterThan(100);
    expect(Object.keys(zh).sort()).toEqual([...messageKeys].sort());
    for (const k of messageKeys) {
      expect(zh[k], k).toBeTruthy();
      expect(placeholders(zh[k]), k).toEqual(placeholders(en[k]));
      // Every wording with words in it (not only "{record}: {message}.") has Chinese ones.
      if (/[a-z]{3,}/i.test(en[k].replace(/\{\w+\}/g, '')) && k !== 'issue.type.boolean') expect(zh[k], k).toMatch(/\p{Script=Han}/u);
      expect(englishWords(zh[k].replace(/\{\w+\}|“[^”]*”|「[^」]*」|"[^"]*"/g, '')), `${k}: ${zh[k]}`).toEqual([]);
    }
  });

  it('word the schemas’ own messages as the schemas do, in English', () => {
    for (const [name, text] of Object.entries(ISSUE)) expect(en[`issue.${name}` as MessageCode]).toBe(text);
  });
});

describe('import problems in 简体中文', () => {
  it('reads a CSV row’s problems in Chinese', () => {
    const csv = 'Highlight,URL,Date,Tags\r\nfine,https://example.com/,yesterday-ish,"ok, ' + 'x'.repeat(70) + '"\r\n,https://example.com/\r\nno page,ftp://example.com/\r\n';
    const r = fromReadwiseCsv(csv, { newId: sequentialIds(), now: NOW });
    expect(formatProblems(r.problems, 'zh-CN').split('\n')).toEqual([
      '第 2 行，Date：无法将“yesterday-ish”识别为日期（应类似 2026-11-22 14:05:00）；已改用导入时间。',
      `第 2 行，Tags：标签“${'x'.repeat(40)}”不符合要求：最多 64 个字符；已略去。`,
      '第 3 行，Highlight：为空；已跳过此行。',
      '第 4 行，URL：“ftp://example.com/”不是网址（http:// 或 https://）；已跳过此行。',
    ]);
    // The same problems in English, worded as before.
    expect(formatProblems(r.problems)).toContain('Row 3, Highlight: is empty; the row was skipped.');
  });

  it('reads a backup made by a newer version, and an invalid clipping in it, in Chinese', () => {
    const newer = parseBackup(JSON.stringify({ format: 'cnai-backup', schemaVersion: 3 }));
    expect(newer.ok).toBe(false);
    expect(newer.ok ? [] : newer.problems).toEqual([
      { record: { code: 'problem.record.backupFile' }, field: ['schemaVersion'], message: { code: 'problem.backup.newerSchema', params: { version: 3 } } },
    ]);
    expect(formatProblems(newer.ok ? [] : newer.problems, 'zh-CN')).toBe('备份文件，schemaVersion：为 3：此备份由更新版本的扩展创建；请先更新扩展再导入。');

    const bad = { ...SAMPLE_CLIPPINGS[0], id: 'not-a-uuid', tags: [''], extra: 1 };
    const backup = parseBackup(JSON.stringify({ format: 'cnai-backup', schemaVersion: 1, exportedAt: NOW.toISOString(), clippings: [bad], userEntities: [], entityPrefs: [] }));
    const problems = backup.ok ? [] : backup.problems;
    expect(formatProblems(problems, 'zh-CN').split('\n')).toEqual([
      '第 1 条摘录（id not-a-uuid），id：必须是 UUID。',
      '第 1 条摘录（id not-a-uuid），tags › 第 1 项：不能为空。',
      '第 1 条摘录（id not-a-uuid）：含有未知字段：“extra”。',
    ]);
    expect(formatProblems(problems).split('\n')[1]).toBe('Clipping 1 (id not-a-uuid), tags › item 1: must not be empty.');
  });

  it('maps Zod’s issue codes to its own, never showing Zod’s English', () => {
    const input = { ...SAMPLE_CLIPPINGS[0], title: 5, note: 'x'.repeat(50_001), tags: 'a', extra: 1, entities: undefined, quote: { type: 'Other', exact: 'x' } };
    const r = ClippingSchema.safeParse(input);
    expect(r.success).toBe(false);
    const zh = r.error!.issues.map((i) => renderMessage(describeIssue(i, input), 'zh-CN'));
    expect(zh).toEqual(['应为文本，而不是数字', '必须是 "TextQuoteSelector"', '缺失（应为列表）', '最多 50000 个字符', '应为列表，而不是文本', '含有未知字段：“extra”']);
    for (const i of r.error!.issues) {
      expect(renderMessage(describeIssue(i, input), 'zh-CN')).not.toContain(i.message);
      expect(renderMessage(describeIssue(i, input), 'en')).not.toMatch(/^(Invalid|Too (big|small)|Unrecognized key)/);
    }
    // Errors and logs keep the English.
    expect(describeIssues(r.error!, input, 'clipping')).toMatch(/^title: must be text, not a number; quote › type: must be "TextQuoteSelector"; /);
    expect(formatProblem(zodProblems(msg('problem.record.row', { n: 2 }), r.error!, input)[0]!, 'zh-CN')).toBe('第 2 行，title：应为文本，而不是数字。');
  });

  it('reads W3C annotation problems in Chinese', () => {
    const r = fromW3C(JSON.stringify([{ id: 'a1', target: 'file:///x.pdf' }, 'oops']), { newId: sequentialIds(), now: NOW });
    expect(formatProblems(r.problems, 'zh-CN').split('\n')).toEqual([
      '第 1 条批注（id a1），target › source：“file:///x.pdf”不是网页地址（http:// 或 https://）；PDF 或本地文件上的批注无法成为摘录；已跳过此条批注。',
      '第 2 条批注：不是 JSON 对象；已跳过此条批注。',
    ]);
    const empty = fromW3C('[]');
    expect(formatProblems(empty.problems, 'zh-CN')).toBe('文件：不包含批注（其列表或集合为空）。');
  });

  it('words the refusal of a file before reading it in Chinese', () => {
    const refusal = checkFile('photo.png', new Uint8Array([0x89, 0x50, 0, 0]))!;
    expect(refusal).toEqual({ code: 'import.binary', params: { name: 'photo.png' } });
    expect(renderMessage(refusal, 'zh-CN')).toBe('“photo.png”不是文本文件（看起来是二进制数据：图片、PDF、ZIP 等）。请导入 .json、.jsonld 或 .csv 导出文件。');
    expect(renderMessage(refusal, 'en')).toBe('“photo.png” is not a text file (it looks like binary data: an image, a PDF, a ZIP…). Import a .json, .jsonld or .csv export.');
  });
});

describe('knowledge-base problems in 简体中文', () => {
  it('shows the entity editor’s problems in Chinese, and keeps them English for kb:check', () => {
    const entity = {
      id: 'example-ai',
      kind: 'company',
      name: { en: 'Example AI' },
      aliases: [{ text: 'Ex', lang: 'en' }],
      summary: 'A company used in tests only.',
      facts: {},
      relations: [{ type: 'invests_in', target: 'nobody' }],
      sources: [],
      updated: '2026-01-01',
    };
    const parsed = parseEntities([entity]);
    expect(parsed.problems.map((p) => formatProblemIn(p, 'zh-CN'))).toEqual(['example-ai → sources：至少需要一个来源']);
    expect(parsed.problems.map(formatPackProblem)).toEqual(['example-ai → sources: needs at least one source']);
    const valid = parseEntities([{ ...entity, sources: [{ title: 'T', publisher: 'P' }] }]).entities;
    expect(checkIntegrity(valid).map((p) => formatProblemIn(p, 'zh-CN'))).toEqual([
      'example-ai → relations.0.target：指向“nobody”，但知识库中没有它',
      'example-ai → aliases.0：短别名“Ex”必须区分大小写，或带有语境要求',
    ]);
    expect(formatProblemIn({ entity: '', field: 'format', message: msg('kb.issue.notPack') }, 'zh-CN')).toBe(
      '文件 → format：不是知识包（应含 "format": "cnai-knowledge-pack" 和 "entities" 列表）',
    );
  });
});

describe('clipping validation in 简体中文', () => {
  it('keeps the English message for logs and gives the library the reader’s language', () => {
    const bad = { ...SAMPLE_CLIPPINGS[0], tags: ['a,b'] };
    const r = ClippingSchema.safeParse(bad);
    const e = new ValidationError(msg('clip.invalid', { issues: issuesMessage(r.error!, bad, 'clipping') }));
    expect(e.message).toBe('Invalid clipping: tags › item 1: must not contain commas, tabs or line breaks');
    try {
      setLanguage('zh-CN');
      expect(renderMessage(e.detail!)).toBe('摘录无效：tags › 第 1 项：不能包含逗号、制表符或换行');
      expect(renderMessage(new ValidationError(msg('clip.gone')).detail!)).toBe('这条摘录已不存在。');
    } finally {
      setLanguage('en');
    }
  });
});
