import Dexie from 'dexie';
import { beforeEach, describe, expect, it } from 'vitest';
import { clippingsForEntity, clippingsForPage, deleteClipping, restoreClipping, saveClipping, updateClipping, ValidationError } from '../../../storage/clippings';
import { CnaiDatabase } from '../../../storage/db';
import { clearHistory, recordVisit, seenCounts, seenOn } from '../../../storage/history';
import { generateClippings } from '../../fixtures/generate-clippings';
import { renderCommon } from '../../../i18n/common';

let db: CnaiDatabase;
beforeEach(async () => {
  await Dexie.delete('clip-test');
  db = new CnaiDatabase('clip-test');
});

describe('clippings', () => {
  const [a, b] = generateClippings(2);

  it('validates every write', async () => {
    await expect(saveClipping({ ...a, url: 'javascript:alert(1)' }, db)).rejects.toThrow(ValidationError);
    await expect(saveClipping({ ...a, id: 'not-a-uuid' }, db)).rejects.toThrow(/id: must be a UUID/);
    await expect(saveClipping({ ...a, text: '' }, db)).rejects.toThrow(/text/);
    // Said in words a reader can act on (it reaches the page's "Could not save" message).
    await expect(saveClipping({ ...a, text: 'x'.repeat(171_000) }, db)).rejects.toThrow('This selection is too long to save (171,000 characters; the limit is 100,000).');
    await expect(saveClipping({ ...a, note: 'x'.repeat(50_001) }, db)).rejects.toThrow('Invalid clipping: note: must be at most 50000 characters long');
    // And as a code, which the page's panel puts in the reader's language.
    const tooLong = await saveClipping({ ...a, text: 'x'.repeat(171_000) }, db).catch((e: ValidationError) => e);
    expect((tooLong as ValidationError).detail).toEqual({ code: 'clip.textTooLong', params: { count: '171,000', limit: '100,000' } });
    expect(renderCommon((tooLong as ValidationError).detail!, 'zh-CN')).toBe('选中的文字太长，无法保存（171,000 个字符，上限为 100,000 个）。');
    const longNote = await saveClipping({ ...a, note: 'x'.repeat(50_001) }, db).catch((e: ValidationError) => e);
    expect(renderCommon((longNote as ValidationError).detail!, 'zh-CN')).toBe('摘录无效：note：最多 50000 个字符');
    expect(await db.clippings.count()).toBe(0);
  });

  it('does not store the same text of the same page twice', async () => {
    expect((await saveClipping(a, db)).duplicate).toBe(false);
    const again = await saveClipping({ ...a, id: b!.id }, db);
    expect(again).toEqual({ clipping: a, duplicate: true });
    expect(await db.clippings.count()).toBe(1);
  });

  it('finds a selection saved before clippings kept the readable text: the same selection saved now is a duplicate', async () => {
    // Saved by an earlier version: the text is the page's raw text, as the quote counts it.
    const raw = '\n      Zhipu AI\n      GLM-4.5\n    \n      Tencent\n      Hunyuan\n    ';
    const old = { ...a!, text: raw, quote: { type: 'TextQuoteSelector' as const, exact: raw, prefix: 'Models ', suffix: ' Sources' } };
    await saveClipping(old, db);
    // The same table selected now: the readable text, the same quote.
    const now = { ...old, id: b!.id, text: 'Zhipu AI | GLM-4.5\nTencent | Hunyuan' };
    expect(await saveClipping(now, db)).toEqual({ clipping: old, duplicate: true });
    // An old paragraph: its raw text differs from the readable one only in white space (and the
    // page's source was re-indented since, so the quotes differ too).
    const para = { ...a!, id: generateClippings(3)[2]!.id, text: 'DeepSeek released\n   R1 today.', quote: { type: 'TextQuoteSelector' as const, exact: 'DeepSeek released\n   R1 today.' } };
    await saveClipping(para, db);
    const paraNow = { ...para, id: b!.id, text: 'DeepSeek released R1 today.', quote: { type: 'TextQuoteSelector' as const, exact: 'DeepSeek released\n      R1 today.' } };
    expect((await saveClipping(paraNow, db)).duplicate).toBe(true);
    // Another selection of the page is not.
    expect((await saveClipping({ ...now, text: 'Tencent | Hunyuan', quote: { type: 'TextQuoteSelector', exact: 'Tencent\n      Hunyuan' } }, db)).duplicate).toBe(false);
    expect(await db.clippings.count()).toBe(3);
  });

  it('edits note and tags, and deletes with undo', async () => {
    await saveClipping(a, db);
    const edited = await updateClipping(a!.id, { note: 'Important', tags: [' policy ', 'policy', 'china'] }, new Date('2026-11-22T10:00:00Z'), db);
    expect(edited).toMatchObject({ note: 'Important', tags: ['policy', 'china'], updated: '2026-11-22T10:00:00.000Z' });
    await expect(updateClipping(a!.id, { tags: ['bad,tag'] }, new Date(), db)).rejects.toThrow(/commas/);
    const deleted = await deleteClipping(a!.id, db);
    expect(await db.clippings.count()).toBe(0);
    await restoreClipping(deleted, db);
    expect(await db.clippings.get(a!.id)).toEqual(edited);
  });

  it('keeps one spelling per tag across the library, letter case aside', async () => {
    await saveClipping({ ...a!, tags: ['AI', 'Policy'] }, db);
    await saveClipping(b!, db);
    // Typed in another case, or twice: the library's spelling, once.
    const edited = await updateClipping(b!.id, { tags: ['ai', 'AI', 'policy', 'New'] }, new Date('2026-11-22T10:00:00Z'), db);
    expect(edited.tags).toEqual(['AI', 'Policy', 'New']);
    // A clipping's own tag may change case when no other clipping has it.
    expect((await updateClipping(b!.id, { tags: ['new'] }, new Date('2026-11-22T10:00:00Z'), db)).tags).toEqual(['new']);
  });

  it('finds clippings by page and by entity', async () => {
    for (const c of generateClippings(30)) await saveClipping(c, db);
    expect((await clippingsForPage('https://www.example-news.com/articles/0', db)).length).toBeGreaterThan(0);
    const r = await clippingsForEntity('cac', 3, db);
    expect(r.latest).toHaveLength(3);
    expect(r.total).toBe(6);
    expect(r.latest[0]!.created > r.latest[1]!.created).toBe(true);
  });
});

describe('reading history', () => {
  it('records visits per entity and page, keeping the first-seen time', async () => {
    await recordVisit({ url: 'https://a.example/1', title: 'One', counts: { cac: 2, baidu: 1 } }, new Date('2026-01-01T00:00:00Z'), db);
    await recordVisit({ url: 'https://a.example/1', title: 'One', counts: { cac: 5 } }, new Date('2026-01-02T00:00:00Z'), db);
    await recordVisit({ url: 'https://b.example/2', title: 'Two', counts: { cac: 1 } }, new Date('2026-01-03T00:00:00Z'), db);
    const cac = await seenOn('cac', {}, db);
    expect(cac.pages.map((p) => [p.url, p.count, p.firstSeen.slice(0, 10), p.lastSeen.slice(0, 10)])).toEqual([
      ['https://b.example/2', 1, '2026-01-03', '2026-01-03'],
      ['https://a.example/1', 5, '2026-01-01', '2026-01-02'],
    ]);
    expect((await seenOn('cac', { excludeUrl: 'https://b.example/2' }, db)).total).toBe(1);
    expect(await seenCounts(['cac', 'baidu', 'kimi'], db)).toEqual({ cac: 2, baidu: 1, kimi: 0 });
    expect(await clearHistory('a.example', db)).toBe(2);
    expect(await clearHistory(undefined, db)).toBe(1);
  });
});
