import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseBackup, toBackup, type BackupData } from '../../../formats/backup';
import { formatProblems } from '../../../formats/problems';
import { clippingArb, expectGolden, NOW, SAMPLE_BACKUP } from './samples';

function parsedOk(text: string, mode?: 'strict' | 'lenient') {
  const r = parseBackup(text, { mode });
  if (!r.ok) throw new Error(formatProblems(r.problems));
  return r;
}

describe('JSON backup', () => {
  it('writes the golden file', () => {
    expectGolden('backup.json', toBackup(SAMPLE_BACKUP, NOW));
  });

  it('starts with the envelope', () => {
    const json = JSON.parse(toBackup(SAMPLE_BACKUP, NOW));
    expect(Object.keys(json).slice(0, 3)).toEqual(['format', 'schemaVersion', 'exportedAt']);
    expect(json).toMatchObject({ format: 'cnai-backup', schemaVersion: 1, exportedAt: NOW.toISOString() });
  });

  it('reads back every record exactly, and re-exports byte for byte', () => {
    const text = toBackup(SAMPLE_BACKUP, NOW);
    const r = parsedOk(text);
    const { format, schemaVersion, exportedAt, ...data } = r.data;
    expect({ format, schemaVersion, exportedAt }).toEqual({ format: 'cnai-backup', schemaVersion: 1, exportedAt: NOW.toISOString() });
    expect(data).toStrictEqual(SAMPLE_BACKUP);
    expect(toBackup(r.data, r.data.exportedAt)).toBe(text);
  });

  it('reads a backup written before a setting existed, the setting at its default', () => {
    const json = JSON.parse(toBackup(SAMPLE_BACKUP, NOW));
    // chineseScript came after the first backups.
    delete json.settings.chineseScript;
    const r = parsedOk(JSON.stringify(json), 'strict');
    expect(r.data.settings).toEqual({ ...SAMPLE_BACKUP.settings, chineseScript: 'auto' });
    // A value the file has is still checked.
    json.settings.language = 'fr';
    expect(parseBackup(JSON.stringify(json), { mode: 'strict' }).ok).toBe(false);
    // Settings that every backup has are still required: empty settings are no settings.
    json.settings = {};
    expect(parseBackup(JSON.stringify(json), { mode: 'strict' }).ok).toBe(false);
  });

  it('leaves out settings and history when absent', () => {
    const { settings: _s, history: _h, ...rest } = SAMPLE_BACKUP;
    const text = toBackup(rest, NOW);
    expect(JSON.parse(text)).not.toHaveProperty('settings');
    const r = parsedOk(text);
    expect(r.data).not.toHaveProperty('settings');
    expect(r.data).not.toHaveProperty('history');
  });

  it('round-trips random clippings exactly (property)', () => {
    fc.assert(
      fc.property(fc.array(clippingArb, { maxLength: 6 }), (clippings) => {
        const data: BackupData = { ...SAMPLE_BACKUP, clippings };
        const text = toBackup(data, NOW);
        const r = parsedOk(text);
        expect(r.data.clippings).toStrictEqual(clippings);
        expect(toBackup(r.data, r.data.exportedAt)).toBe(text);
      }),
      { numRuns: 150 },
    );
  });

  it('refuses what is not a backup', () => {
    for (const [text, words] of [
      ['not json', 'not valid JSON'],
      ['[]', 'not a CNAI backup'],
      ['{"format":"something-else"}', 'not a CNAI backup file'],
      ['{"format":"cnai-backup","schemaVersion":2}', 'newer version'],
    ] as const) {
      const r = parseBackup(text);
      expect(r.ok).toBe(false);
      expect(formatProblems(r.problems)).toContain(words);
    }
  });

  it('strict mode refuses the whole file when a record is invalid, naming it in plain words', () => {
    const json = JSON.parse(toBackup(SAMPLE_BACKUP, NOW));
    json.clippings[1].quote.exact = '';
    json.clippings[2].url = 'javascript:alert(1)';
    json.userEntities[0].origin = 'stolen';
    json.entityPrefs.push({ id: 'Not A Slug', extra: 1 });
    const r = parseBackup(JSON.stringify(json));
    expect(r.ok).toBe(false);
    const text = formatProblems(r.problems);
    expect(text).toContain('Clipping 2 (id 7a8b9c0d-1e2f-4a3b-8c4d-5e6f7a8b9c0d), quote › exact: must not be empty.');
    expect(text).toContain('Clipping 3 (id c4d5e6f7-a8b9-4c0d-9e1f-2a3b4c5d6e7f), url: must be an http:// or https:// URL.');
    expect(text).toContain('Custom entity 1 (id example-lab), origin: must be one of "added", "edited".');
    expect(text).toContain('Entity preference 3 (id Not A Slug), id: must be a lowercase slug such as "zhipu-ai".');
    expect(text).toContain('Entity preference 3 (id Not A Slug): has an unknown field: “extra”.');
  });

  it('lenient mode keeps the valid records and returns the rejected ones', () => {
    const json = JSON.parse(toBackup(SAMPLE_BACKUP, NOW));
    json.clippings[1].tags = ['ok', 'bad, tag'];
    json.settings.hoverDelayMs = -5;
    json.history[0].count = 'many';
    json.unexpected = true;
    const r = parseBackup(JSON.stringify(json), { mode: 'lenient' });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.data.clippings.map((c) => c.id)).toEqual(SAMPLE_BACKUP.clippings.filter((_, i) => i !== 1).map((c) => c.id));
    expect(r.data.userEntities).toStrictEqual(SAMPLE_BACKUP.userEntities);
    expect(r.data).not.toHaveProperty('settings');
    expect(r.data.history).toEqual([]);
    expect(r.rejected.map((x) => [x.collection, x.index])).toEqual([
      ['clippings', 1],
      ['history', 0],
      ['settings', 0],
    ]);
    expect(r.rejected[0]!.value).toEqual(json.clippings[1]);
    const text = formatProblems(r.problems);
    expect(text).toContain('The backup file: has an unknown field: “unexpected” (ignored).');
    expect(text).toContain('tags › item 2: must not contain commas, tabs or line breaks.');
    expect(text).toContain('The settings, hoverDelayMs: must be at least 0.');
    expect(text).toContain('History entry 1 (key deepseek https://www.example.com/tech/deepseek-r1), count: must be a number, not text.');
  });

  it('lenient mode treats a missing collection as empty', () => {
    const r = parseBackup(JSON.stringify({ format: 'cnai-backup', schemaVersion: 1, exportedAt: NOW.toISOString(), clippings: [] }), { mode: 'lenient' });
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.data.userEntities).toEqual([]);
    expect(parseBackup(JSON.stringify({ format: 'cnai-backup', schemaVersion: 1, exportedAt: NOW.toISOString(), clippings: [] })).ok).toBe(false);
  });

  it('refuses, in lenient mode too, a backup with no collection and no settings: nothing in it can be read', () => {
    for (const json of [{ format: 'cnai-backup' }, { format: 'cnai-backup', schemaVersion: 1, clippings: { a: 1 } }]) {
      const r = parseBackup(JSON.stringify(json), { mode: 'lenient' });
      expect(r.ok).toBe(false);
      expect(formatProblems(r.problems)).toContain('The backup file: holds no list of records');
    }
  });

  it('accepts a byte order mark', () => {
    expect(parseBackup(`\uFEFF${toBackup(SAMPLE_BACKUP, NOW)}`).ok).toBe(true);
  });
});
