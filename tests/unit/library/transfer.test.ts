/**
 * Export and import over the database: round trips reproduce every record, invalid
 * files change nothing, duplicates merge, failures halfway leave the database as it was.
 */
import Dexie from 'dexie';
import fc from 'fast-check';
import { beforeEach, describe, expect, it } from 'vitest';
import { compileMatcher } from '../../../engine/compile';
import { strFromU8, unzipSync } from 'fflate';
import { formatProblems, sameSelection, toBackup, toReadwiseCsv, toW3C } from '../../../formats';
import { renderMessage, type Message } from '../../../i18n/render';
import { clippingLink } from '../../../formats/markdown';
import { exportData, importData, zipFiles } from '../../../library/transfer';
import { updateClipping } from '../../../storage/clippings';
import { CnaiDatabase } from '../../../storage/db';
import { seedBuiltin } from '../../../storage/seed';
import { fakeUuid, generateClippings } from '../../fixtures/generate-clippings';
import { smallEntities } from '../helpers';
import { clippingArb } from '../formats/samples';

let db: CnaiDatabase;
const english = (m: Message | undefined) => (m ? renderMessage(m, 'en') : '');
const enc = (s: string | Uint8Array) => (typeof s === 'string' ? new TextEncoder().encode(s) : s);
// Compiled once: imports from other tools find entities with it.
const matcher = compileMatcher(smallEntities()).data;
const snapshot = async () => (await db.clippings.toArray()).sort((a, b) => a.id.localeCompare(b.id));

beforeEach(async () => {
  await Dexie.delete('transfer-test');
  db = new CnaiDatabase('transfer-test');
  await seedBuiltin(smallEntities(), 'v1', db);
});

async function wipe() {
  await db.transaction('rw', [db.clippings, db.userEntities, db.entityPrefs, db.history], async () => {
    await Promise.all([db.clippings.clear(), db.userEntities.clear(), db.entityPrefs.clear(), db.history.clear()]);
  });
}

describe('backup round trip', () => {
  it('export → wipe → import reproduces every record byte for byte (property)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uniqueArray(clippingArb, { maxLength: 8, selector: (c) => c.id }), async (clippings) => {
        await wipe();
        // Distinct selections (the same selection of a page is one clipping).
        const unique = clippings.filter((c, i) => clippings.findIndex((d) => d.url === c.url && sameSelection(d, c)) === i);
        await db.clippings.bulkPut(unique);
        await db.entityPrefs.put({ id: 'kimi', muted: true });
        await db.history.put({ key: 'cac https://a.example/', entityId: 'cac', url: 'https://a.example/', title: 'A', site: 'a.example', firstSeen: '2026-01-01T00:00:00.000Z', lastSeen: '2026-01-01T00:00:00.000Z', count: 1 });
        const file = await exportData({ format: 'backup', scope: { kind: 'all' }, includeHistory: true, now: new Date('2026-11-22T00:00:00Z') }, db);
        await wipe();
        const r = await importData({ name: file.name, bytes: enc(file.data), mode: 'all' }, db);
        expect(r).toMatchObject({ ok: true, format: 'backup', added: unique.length, merged: 0, problems: [] });
        const again = await exportData({ format: 'backup', scope: { kind: 'all' }, includeHistory: true, now: new Date('2026-11-22T00:00:00Z') }, db);
        expect(again.data).toBe(file.data);
      }),
      { numRuns: 25 },
    );
  });
});

describe('import', () => {
  it('refuses binary and oversized files before parsing', async () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0]);
    expect(english((await importData({ name: 'photo.png', bytes: png, mode: 'all' }, db)).error)).toMatch(/not a text file/);
    expect(english((await importData({ name: 'empty.json', bytes: new Uint8Array(), mode: 'all' }, db)).error)).toMatch(/is empty/);
    expect(english((await importData({ name: 'x.txt', bytes: enc('hello'), mode: 'all' }, db)).error)).toMatch(/is not a backup/);
  });

  it('changes nothing when any record is invalid (all or nothing), or imports the valid ones on request', async () => {
    const [a, b] = generateClippings(2);
    const backup = JSON.parse((await exportData({ format: 'backup', scope: { kind: 'all' }, now: new Date() }, db)).data as string);
    backup.clippings = [a, { ...b, url: 'ftp://nope' }];
    const text = JSON.stringify(backup);
    const strict = await importData({ name: 'b.json', bytes: enc(text), mode: 'all' }, db);
    expect(strict.ok).toBe(false);
    expect(formatProblems(strict.problems)).toMatch(/clipping 2 .*url/i);
    expect(await db.clippings.count()).toBe(0);
    const lenient = await importData({ name: 'b.json', bytes: enc(text), mode: 'valid' }, db);
    expect(lenient).toMatchObject({ ok: true, added: 1 });
    expect(lenient.problems.length).toBeGreaterThan(0);
    expect(await db.clippings.count()).toBe(1);
  });

  it('merges duplicates (same id, or the same selection of the page) instead of doubling them', async () => {
    const [a] = generateClippings(1);
    await db.clippings.put({ ...a!, note: 'mine', tags: ['x'] });
    const csv = `Highlight,Title,Author,URL,Note,Location,Date,Tags\r\n"${a!.text}",T,,${a!.url},theirs,,2026-01-01 00:00:00,y\r\n`;
    const r = await importData({ name: 'r.csv', bytes: enc(csv), mode: 'all' }, db);
    expect(r).toMatchObject({ ok: true, format: 'csv', added: 0, merged: 1 });
    const stored = await db.clippings.toArray();
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ note: 'mine\n\ntheirs', tags: ['x', 'y'] });
  });

  it('merges an old backup’s clipping into the same selection saved anew (same quote, or text differing in white space), with the right counts', async () => {
    const now = new Date('2026-11-22T00:00:00Z');
    const [a, b, c] = generateClippings(3).map((x) => ({ ...x, url: 'https://news.example.cn/a.html', note: '', tags: [] }));
    // Saved now: the readable text (cells apart), the page's raw text as the quote …
    const table = { ...a!, text: 'Zhipu AI | GLM-4.5 | 2025', quote: { type: 'TextQuoteSelector' as const, exact: 'Zhipu AIGLM-4.52025' } };
    // … a paragraph whose raw text has other white space than the readable one, and its own quote.
    const para = { ...b!, text: '智谱AI 发布了 GLM-4.5。', quote: { type: 'TextQuoteSelector' as const, exact: '智谱AI\n  发布了 GLM-4.5。', prefix: 'x' } };
    await db.clippings.bulkPut([table, para]);
    // The old backup kept the raw text as text, under other ids.
    const oldTable = { ...table, id: fakeUuid(100), text: 'Zhipu AIGLM-4.52025', note: 'From the old library.' };
    const oldPara = { ...para, id: fakeUuid(101), text: '智谱AI\n发布了  GLM-4.5。', quote: { type: 'TextQuoteSelector' as const, exact: '智谱AI\n发布了  GLM-4.5。' } };
    const fresh = { ...c!, id: fakeUuid(102) };
    const file = enc(toBackup({ clippings: [oldTable, oldPara, fresh], userEntities: [], entityPrefs: [] }, now));
    expect(await importData({ name: 'old.json', bytes: file, mode: 'all' }, db)).toMatchObject({ ok: true, added: 1, merged: 1, unchanged: 1 });
    const stored = await snapshot();
    expect(stored.map((x) => x.id)).toEqual([table.id, para.id, fresh.id].sort());
    // The stored clipping keeps its id, text and quote and gains the old note.
    expect(stored.find((x) => x.id === table.id)).toEqual({ ...table, note: 'From the old library.', updated: stored.find((x) => x.id === table.id)!.updated });
    expect(stored.find((x) => x.id === para.id)).toEqual(para);
    // Again: nothing to add.
    expect(await importData({ name: 'old.json', bytes: file, mode: 'all' }, db)).toMatchObject({ ok: true, added: 0, merged: 0, unchanged: 3 });
    expect(await snapshot()).toEqual(stored);
    // Merging by id still wins over the selection: the same id with other text merges into that clipping.
    const byId = enc(toBackup({ clippings: [{ ...para, text: 'Another selection', quote: { type: 'TextQuoteSelector' as const, exact: 'Another selection' }, tags: ['t'] }], userEntities: [], entityPrefs: [] }, now));
    expect(await importData({ name: 'id.json', bytes: byId, mode: 'all' }, db)).toMatchObject({ ok: true, added: 0, merged: 1, unchanged: 0 });
    expect((await db.clippings.get(para.id))).toMatchObject({ text: para.text, tags: ['t'] });
  });

  it('restores a backup holding two clippings of one selection (as earlier versions kept them) as one, merged', async () => {
    const [a] = generateClippings(1);
    const fresh = { ...a!, text: 'Zhipu AI | GLM-4.5', quote: { type: 'TextQuoteSelector' as const, exact: 'Zhipu AIGLM-4.5' }, note: 'New note.', tags: ['new'] };
    const old = { ...fresh, id: fakeUuid(200), text: 'Zhipu AIGLM-4.5', note: 'Old note.', tags: ['old'] };
    const file = enc(toBackup({ clippings: [fresh, old], userEntities: [], entityPrefs: [] }, new Date('2026-11-22T00:00:00Z')));
    expect(await importData({ name: 'b.json', bytes: file, mode: 'all' }, db)).toMatchObject({ ok: true, added: 1, merged: 1, unchanged: 0 });
    expect(await snapshot()).toEqual([{ ...fresh, note: 'New note.\n\nOld note.', tags: ['new', 'old'] }]);
    expect(await importData({ name: 'b.json', bytes: file, mode: 'all' }, db)).toMatchObject({ ok: true, added: 0, merged: 0, unchanged: 2 });
  });

  it('imports the same file again without changing anything: the tester’s case (backup three more times, then the CSV)', async () => {
    const clippings = generateClippings(6).map((c) => ({ ...c, note: 'A note from the file.' }));
    await db.clippings.bulkPut(clippings);
    const now = new Date('2026-11-22T00:00:00Z');
    const backup = enc((await exportData({ format: 'backup', scope: { kind: 'all' }, now }, db)).data);
    const csv = enc((await exportData({ format: 'csv', scope: { kind: 'all' }, now }, db)).data);
    await wipe();
    expect(await importData({ name: 'b.json', bytes: backup, mode: 'all', matcher }, db)).toMatchObject({ ok: true, added: 6, merged: 0, unchanged: 0 });
    const edited = await updateClipping(clippings[0]!.id, { note: 'My edited note' }, new Date('2026-12-01T00:00:00Z'), db);
    // The first import after the edit brings the file's note back beside it …
    expect(await importData({ name: 'b.json', bytes: backup, mode: 'all', matcher }, db)).toMatchObject({ ok: true, added: 0, merged: 1, unchanged: 5 });
    const merged = await db.clippings.toArray();
    expect(merged.find((c) => c.id === edited.id)).toMatchObject({ note: 'My edited note\n\nA note from the file.', updated: edited.updated });
    // … and every later one, of any format, changes nothing and says so.
    for (const [name, bytes] of [['b.json', backup], ['b.json', backup], ['r.csv', csv]] as const) {
      const r = await importData({ name, bytes, mode: 'all', matcher }, db);
      expect(r).toMatchObject({ ok: true, added: 0 });
      // The CSV carries no entities: those its text names may be new to a stored clipping (once).
      if (name === 'b.json') expect(r).toMatchObject({ merged: 0, unchanged: 6 });
      else expect(r.merged + r.unchanged).toBe(6);
    }
    const after = await db.clippings.toArray();
    expect(after.find((c) => c.id === edited.id)!.note).toBe('My edited note\n\nA note from the file.');
    expect(after).toHaveLength(6);
    expect(await importData({ name: 'r.csv', bytes: csv, mode: 'all', matcher }, db)).toMatchObject({ ok: true, added: 0, merged: 0, unchanged: 6 });
    expect(await db.clippings.toArray()).toEqual(after);
  });

  it('imports a Hypothesis export again without changing anything', async () => {
    const anno = {
      id: 'Xyz1',
      uri: 'https://news.example.cn/a.html',
      text: '我的笔记\n\nSecond paragraph',
      tags: ['AI', 'ai', '开源'],
      target: [{ source: 'https://news.example.cn/a.html', selector: [{ type: 'TextQuoteSelector', exact: '智谱开源了权重' }] }],
      created: '2024-01-02T03:04:05.678+00:00',
    };
    const file = enc(JSON.stringify({ total: 1, rows: [anno] }));
    expect(await importData({ name: 'h.json', bytes: file, mode: 'all', matcher }, db)).toMatchObject({ ok: true, added: 1 });
    const once = await db.clippings.toArray();
    expect(await importData({ name: 'h.json', bytes: file, mode: 'all', matcher }, db)).toMatchObject({ ok: true, added: 0, merged: 0, unchanged: 1 });
    expect(await db.clippings.toArray()).toEqual(once);
  });

  it('importing a file twice leaves the library as importing it once, in every format (property)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('backup', 'csv', 'w3c'),
        fc.array(clippingArb, { minLength: 1, maxLength: 5 }),
        fc.array(clippingArb, { maxLength: 4 }),
        fc.array(fc.tuple(fc.nat(), fc.boolean()), { maxLength: 4 }),
        async (format, inFile, before, links) => {
          await wipe();
          // Some stored clippings are a file clipping's duplicates: the same id, or the same page and text (the same selection).
          const stored = before.map((c, i) => {
            const link = links[i];
            if (!link) return c;
            const f = inFile[link[0] % inFile.length]!;
            return link[1] ? { ...c, id: f.id } : { ...c, url: f.url, site: f.site, text: f.text, quote: { ...c.quote, exact: f.text } };
          });
          await db.clippings.bulkPut(stored);
          const now = new Date('2026-11-22T00:00:00Z');
          const text =
            format === 'backup'
              ? toBackup({ clippings: inFile, userEntities: [], entityPrefs: [] }, now)
              : format === 'csv'
                ? toReadwiseCsv(inFile)
                : toW3C(inFile, { entityName: () => undefined, now });
          const name = format === 'csv' ? 'f.csv' : 'f.json';
          const first = await importData({ name, bytes: enc(text), mode: 'valid', matcher }, db);
          expect(first.ok).toBe(true);
          const once = await snapshot();
          const second = await importData({ name, bytes: enc(text), mode: 'valid', matcher }, db);
          expect(second).toMatchObject({ ok: true, added: 0, merged: 0, unchanged: inFile.length });
          expect(await snapshot()).toEqual(once);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('changes nothing when the bad record comes last, after many good ones, in every format (all or nothing)', async () => {
    const [mine] = generateClippings(1);
    await db.clippings.put(mine!);
    const rows = generateClippings(40).slice(1);
    const now = new Date('2026-11-22T00:00:00Z');
    const w3c = JSON.parse(toW3C(rows, { entityName: () => undefined, now }));
    const items = w3c.first.items;
    items.push({ ...items[0], id: 'urn:uuid:00000000-0000-4000-8000-0000000000ff', target: { ...items[0].target, source: 'ftp://nope' } });
    const files: [string, string][] = [
      ['late.csv', `${toReadwiseCsv(rows)}"bad row",T,,ftp://nope,,,,\r\n`],
      ['late.json', JSON.stringify(w3c)],
      ['late-backup.json', toBackup({ clippings: [...rows, { ...rows[0]!, id: '00000000-0000-4000-8000-0000000000ff', url: 'ftp://nope' }], userEntities: [], entityPrefs: [] }, now)],
    ];
    for (const [name, text] of files) {
      const strict = await importData({ name, bytes: enc(text), mode: 'all', matcher }, db);
      expect(strict, name).toMatchObject({ ok: false, added: 0 });
      expect(english(strict.error), name).toMatch(/^Nothing was imported/);
      expect(await db.clippings.toArray(), name).toEqual([mine]);
    }
    const lenient = await importData({ name: 'late.csv', bytes: enc(files[0]![1]), mode: 'valid', matcher }, db);
    expect(lenient).toMatchObject({ ok: true, added: rows.length });
    expect(await db.clippings.count()).toBe(rows.length + 1);
  });

  it('fails, in both modes, on a file that cannot be read as a whole, changing nothing', async () => {
    const [a] = generateClippings(1);
    await db.clippings.put(a!);
    const files: [string, string, RegExp][] = [
      ['no-highlight.csv', 'Title,URL,Note\r\nx,https://example.com/,n\r\n', /has no “Highlight” column/],
      ['header-only.csv', 'Highlight,Title,Author,URL,Note,Location,Date,Tags\r\n', /has no rows/],
      ['other.json', '{"format":"something-else","items":[]}', /holds no annotations/],
      ['settings.json', '{"theme":"dark"}', /neither a CNAI backup nor W3C Web Annotations/],
      ['empty.jsonld', JSON.stringify({ type: 'AnnotationCollection', first: { type: 'AnnotationPage', items: [] } }), /holds no annotations/],
      ['hollow.json', '{"format":"cnai-backup","schemaVersion":1}', /clippings: is missing|holds no list of records/],
      ['nothing-valid.csv', 'Highlight,URL\r\nx,\r\ny,ftp://nope\r\n', /URL/],
    ];
    for (const mode of ['all', 'valid'] as const) {
      for (const [name, text, problem] of files) {
        const r = await importData({ name, bytes: enc(text), mode, matcher }, db);
        expect(r, `${name} (${mode})`).toMatchObject({ ok: false, added: 0, merged: 0, unchanged: 0 });
        expect(english(r.error), name).toMatch(/^Nothing was imported/);
        expect(formatProblems(r.problems), name).toMatch(problem);
      }
    }
    expect(await db.clippings.toArray()).toEqual([a]);
  });

  it('reports an unclosed CSV quote alone, where it starts', async () => {
    const csv = 'Highlight,Title,Author,URL,Note\r\n"Zhipu AI, again",T,,https://n.example/a,"never closed\r\nmore,,,https://n.example/b,\r\n';
    const strict = await importData({ name: 'q.csv', bytes: enc(csv), mode: 'all', matcher }, db);
    expect(strict).toMatchObject({ ok: false });
    expect(formatProblems(strict.problems)).toBe('Row 2, Note: the quote that opens this field on line 2 is never closed, so the rest of the file cannot be read; this row and any after it were skipped.');
    expect(await db.clippings.count()).toBe(0);
  });

  it('finds the entities of imported clippings that carry none', async () => {
    const csv = 'Highlight,URL\r\n"Zhipu AI released a GLM model; the CAC took note.",https://n.example/a\r\n';
    const r = await importData({ name: 'r.csv', bytes: enc(csv), mode: 'all' }, db);
    expect(r.ok).toBe(true);
    const [c] = await db.clippings.toArray();
    expect(c!.entities.sort()).toEqual(['cac', 'glm', 'zhipu-ai']);
  });

  it('restores a backup’s clippings as they were, without finding entities in those that had none', async () => {
    const c = { ...generateClippings(1)[0]!, text: '智谱 and Zhipu AI, with the CAC', entities: [] };
    await db.clippings.put(c);
    const file = await exportData({ format: 'backup', scope: { kind: 'all' }, now: new Date('2026-11-22T00:00:00Z') }, db);
    await db.clippings.clear();
    const r = await importData({ name: file.name, bytes: enc(file.data), mode: 'all' }, db);
    expect(r.ok).toBe(true);
    expect(await db.clippings.toArray()).toEqual([c]);
  });

  it('finds them with the matcher the background published, when it is passed along', async () => {
    const csv = 'Highlight,URL\r\n"Zhipu AI released a GLM model; the CAC took note.",https://n.example/a\r\n';
    // A published matcher that knows only Zhipu AI: the import must use it, not recompile.
    const only = smallEntities().filter((e) => e.id === 'zhipu-ai');
    expect(only).toHaveLength(1);
    const matcher = compileMatcher(only).data;
    const r = await importData({ name: 'r.csv', bytes: enc(csv), mode: 'all', matcher }, db);
    expect(r.ok).toBe(true);
    const [c] = await db.clippings.toArray();
    expect(c!.entities).toEqual(['zhipu-ai']);
  });

  it('compiles its own matcher when the one passed along is not a matcher', async () => {
    const csv = 'Highlight,URL\r\n"Zhipu AI released a GLM model; the CAC took note.",https://n.example/a\r\n';
    const r = await importData({ name: 'r.csv', bytes: enc(csv), mode: 'all', matcher: { format: -1 } }, db);
    expect(r.ok).toBe(true);
    const [c] = await db.clippings.toArray();
    expect(c!.entities.sort()).toEqual(['cac', 'glm', 'zhipu-ai']);
  });

  it('gives the tags of clippings from other tools the library’s spelling', async () => {
    const [mine, ...rest] = generateClippings(3);
    await db.clippings.put({ ...mine!, tags: ['AI', 'Policy'] });
    const incoming = rest.map((c, i) => ({ ...c, tags: i ? ['ai', 'new'] : ['policy', 'AI', 'ai'] }));
    const r = await importData({ name: 'c.csv', bytes: enc(toReadwiseCsv(incoming)), mode: 'all' }, db);
    expect(r).toMatchObject({ ok: true, added: 2 });
    const stored = (await db.clippings.toArray()).filter((c) => c.id !== mine!.id);
    expect(stored.map((c) => c.tags).sort()).toEqual([['AI', 'new'], ['Policy', 'AI']].sort());
  });

  it('does not undo later work when an older backup is imported: the newer entity, choice and visit stay', async () => {
    const base = smallEntities()[0]!;
    await db.userEntities.put({ ...base, origin: 'edited', updated: '2026-11-01', summary: 'Edited before the backup.' });
    await db.entityPrefs.put({ id: 'kimi', muted: true });
    await db.history.put({ key: 'cac https://a.example/', entityId: 'cac', url: 'https://a.example/', title: 'A', site: 'a.example', firstSeen: '2026-01-01T00:00:00.000Z', lastSeen: '2026-01-01T00:00:00.000Z', count: 1 });
    const old = (await exportData({ format: 'backup', scope: { kind: 'all' }, includeHistory: true, now: new Date('2026-11-01T00:00:00Z') }, db)).data as string;
    // Later: the entity edited again, kimi unmuted, the page visited again.
    await db.userEntities.put({ ...base, origin: 'edited', updated: '2026-11-20', summary: 'Edited after the backup.' });
    await db.entityPrefs.put({ id: 'kimi', muted: false });
    await db.history.put({ key: 'cac https://a.example/', entityId: 'cac', url: 'https://a.example/', title: 'A again', site: 'a.example', firstSeen: '2026-01-01T00:00:00.000Z', lastSeen: '2026-11-20T00:00:00.000Z', count: 3 });
    const r = await importData({ name: 'old.json', bytes: enc(old), mode: 'all' }, db);
    expect(r, JSON.stringify(r)).toMatchObject({ ok: true, kept: { entities: 1, prefs: 1 } });
    expect((await db.userEntities.get(base.id))?.summary).toBe('Edited after the backup.');
    expect(await db.entityPrefs.get('kimi')).toEqual({ id: 'kimi', muted: false });
    expect((await db.history.get('cac https://a.example/'))?.title).toBe('A again');
  });

  it('leaves the database as it was when writing fails halfway', async () => {
    const existing = generateClippings(3);
    await db.clippings.bulkPut(existing);
    const backup = JSON.parse((await exportData({ format: 'backup', scope: { kind: 'all' }, includeHistory: true, now: new Date() }, db)).data as string);
    backup.clippings = generateClippings(50).slice(10);
    backup.history = [{ key: 'cac https://a.example/', entityId: 'cac', url: 'https://a.example/', title: 'A', site: 'a.example', firstSeen: '2026-01-01T00:00:00.000Z', lastSeen: '2026-01-01T00:00:00.000Z', count: 1 }];
    // The disk fills up while the history is written, after the clippings.
    const proto = IDBObjectStore.prototype;
    const original = proto.put;
    proto.put = function (this: IDBObjectStore, ...args: Parameters<IDBObjectStore['put']>) {
      if (this.name === 'history') throw new DOMException('disk full', 'QuotaExceededError');
      return original.apply(this, args);
    };
    try {
      await expect(importData({ name: 'b.json', bytes: enc(JSON.stringify(backup)), mode: 'all' }, db)).rejects.toThrow(/disk full/);
    } finally {
      proto.put = original;
    }
    expect((await db.clippings.toArray()).map((c) => c.id).sort()).toEqual(existing.map((c) => c.id).sort());
  });
});

describe('zipFiles', () => {
  it('stores small files and deflates large ones; every file comes back byte for byte', () => {
    const big = `# 长文件\n\n${'DeepSeek-R1 与 通义千问 compared, again. '.repeat(200)}`;
    const files = [
      { name: 'Small page.md', content: '---\ntitle: 小\n---\n> quote\n' },
      { name: 'Big page.md', content: big },
      { name: '空.md', content: '' },
    ];
    const zip = zipFiles(files);
    const back = unzipSync(zip);
    expect(Object.keys(back)).toEqual(files.map((f) => f.name));
    for (const f of files) expect(strFromU8(back[f.name]!)).toBe(f.content);
    // Compression method in each local header (offset 8): 0 = stored, 8 = deflated.
    const methods: number[] = [];
    for (let i = 0; i + 30 < zip.length; i++) {
      if (zip[i] === 0x50 && zip[i + 1] === 0x4b && zip[i + 2] === 3 && zip[i + 3] === 4) methods.push(zip[i + 8]!);
    }
    expect(methods).toEqual([0, 8, 0]);
    expect(zip.length).toBeLessThan(new TextEncoder().encode(big).length / 2);
  });
});

describe('export', () => {
  it('writes each format for everything, one entity, or a filter', async () => {
    await db.clippings.bulkPut(generateClippings(40));
    const md = await exportData({ format: 'markdown', scope: { kind: 'entity', id: 'cac' }, now: new Date('2026-11-22T00:00:00Z'), timeZone: 'UTC' }, db);
    expect(md.name).toBe('cnai-clippings-2026-11-22-entity-cac.md');
    expect(md.count).toBe(8);
    expect(md.data as string).toContain('[[Cyberspace Administration of China]]');
    const zip = await exportData({ format: 'markdown-pages', scope: { kind: 'all' }, now: new Date('2026-11-22T00:00:00Z'), timeZone: 'UTC' }, db);
    expect(zip.name.endsWith('.zip')).toBe(true);
    const pages = unzipSync(zip.data as Uint8Array);
    expect(Object.keys(pages).length).toBe(new Set((await db.clippings.toArray()).map((c) => c.url)).size);
    for (const content of Object.values(pages)) expect(strFromU8(content)).toMatch(/^---\ntitle: /);
    // Each quote ends with the link to its place on its page, in the ZIP's pages as in the single file.
    const all = Object.values(pages).map((u) => strFromU8(u)).join('\n');
    for (const c of await db.clippings.toArray()) expect(all).toContain(`> ${c.text} ${clippingLink(c)}\n`);
    const cac = (await db.clippings.toArray()).find((c) => c.entities.includes('cac'))!;
    expect(md.data as string).toContain(`> ${cac.text} ${clippingLink(cac)}\n`);
    const csv = await exportData({ format: 'csv', scope: { kind: 'filter', filters: { site: 'news.example.cn' } }, now: new Date() }, db);
    expect(csv.count).toBe(10);
    expect((csv.data as string).startsWith('\uFEFFHighlight,Title,Author,URL,Note,Location,Date,Tags')).toBe(true);
    const w3c = JSON.parse((await exportData({ format: 'w3c', scope: { kind: 'all' }, now: new Date() }, db)).data as string);
    expect(w3c.type).toBe('AnnotationCollection');
    expect(w3c.total).toBe(40);
  });

  it('exports the current filter with its search text, as the library lists it', async () => {
    await db.clippings.bulkPut(generateClippings(40));
    // "Kimi" is in 4 of the 40 (items 4, 14, 24, 34); with the site filter, those on tech.example.org.
    const all = await exportData({ format: 'csv', scope: { kind: 'filter', filters: { q: 'Kimi' } }, now: new Date() }, db);
    expect(all.count).toBe(4);
    const both = await exportData({ format: 'csv', scope: { kind: 'filter', filters: { q: 'kimi', site: 'example-news.com' } }, now: new Date() }, db);
    expect(both.count).toBe(2);
    const rows = (both.data as string).split('\r\n').slice(1).filter(Boolean);
    expect(rows.map((r) => r.match(/\(item \d+\)/)?.[0])).toEqual(['(item 4)', '(item 24)']);
    // Traditional characters find the simplified text.
    const zh = await exportData({ format: 'markdown', scope: { kind: 'filter', filters: { q: '網信辦' } }, now: new Date() }, db);
    expect(zh.count).toBe(4);
  });
});
