/** A backup's entities, entity choices and history against what is stored: the newer of each wins. */
import { describe, expect, it } from 'vitest';
import type { HistoryEntry } from '../../../model/history';
import { restoreEntityPrefs, restoreHistory, restoreSettings, restoreUserEntities } from '../../../library/restore';
import { DEFAULT_SETTINGS } from '../../../model/settings';
import type { UserEntity } from '../../../storage/db';
import { smallEntities } from '../helpers';

const entity = (updated: string, summary: string): UserEntity => ({ ...smallEntities()[0]!, origin: 'edited', updated, summary });
const visit = (firstSeen: string, lastSeen: string, title: string, count: number): HistoryEntry => ({
  key: 'cac https://a.example/',
  entityId: 'cac',
  url: 'https://a.example/',
  title,
  site: 'a.example',
  firstSeen,
  lastSeen,
  count,
});

describe('restoring a backup’s other parts', () => {
  it('replaces a stored entity only with a copy of a later day, and adds new ones', () => {
    const stored = [entity('2026-11-20', 'Edited on the 20th.')];
    expect(restoreUserEntities(stored, [entity('2026-11-01', 'From an older backup.')])).toEqual({ put: [], kept: 1 });
    // The same day: the stored copy stays (an export of this very state is no change).
    expect(restoreUserEntities(stored, [entity('2026-11-20', 'Another edit that day.')])).toEqual({ put: [], kept: 1 });
    expect(restoreUserEntities(stored, [entity('2026-11-20', 'Edited on the 20th.')])).toEqual({ put: [], kept: 0 });
    const newer = entity('2026-11-21', 'Newer.');
    expect(restoreUserEntities(stored, [newer])).toEqual({ put: [newer], kept: 0 });
    const other = { ...entity('2026-01-01', 'Another.'), id: 'another-one' };
    expect(restoreUserEntities(stored, [other])).toEqual({ put: [other], kept: 0 });
  });

  it('keeps a stored entity choice and adds the backup’s where there is none', () => {
    expect(restoreEntityPrefs([{ id: 'kimi', muted: false }], [{ id: 'kimi', muted: true }, { id: 'cac', hidden: true }])).toEqual({ put: [{ id: 'cac', hidden: true }], kept: 1 });
    expect(restoreEntityPrefs([{ id: 'kimi', muted: true }], [{ muted: true, id: 'kimi' }])).toEqual({ put: [], kept: 0 });
  });

  it('merges a page’s history: first seen the earliest, the rest from the later visit', () => {
    const stored = [visit('2026-03-01T00:00:00.000Z', '2026-11-20T00:00:00.000Z', 'New title', 4)];
    const older = visit('2026-01-01T00:00:00.000Z', '2026-02-01T00:00:00.000Z', 'Old title', 9);
    expect(restoreHistory(stored, [older])).toEqual([visit('2026-01-01T00:00:00.000Z', '2026-11-20T00:00:00.000Z', 'New title', 4)]);
    // Nothing to write when the backup adds nothing.
    expect(restoreHistory(stored, [visit('2026-03-01T00:00:00.000Z', '2026-03-02T00:00:00.000Z', 'Old title', 1)])).toEqual([]);
    const later = visit('2026-04-01T00:00:00.000Z', '2026-12-01T00:00:00.000Z', 'Latest', 2);
    expect(restoreHistory(stored, [later])).toEqual([visit('2026-03-01T00:00:00.000Z', '2026-12-01T00:00:00.000Z', 'Latest', 2)]);
  });

  it('takes a backup’s setting only where the reader’s is still its default, and adds its sites that are off', () => {
    const backup = { ...DEFAULT_SETTINGS, hoverDelayMs: 800, language: 'zh-CN' as const, disabledSites: ['example.org'], colors: { ...DEFAULT_SETTINGS.colors, model: '#111111', policy: '#222222' } };
    // A fresh install: everything the backup has.
    expect(restoreSettings(DEFAULT_SETTINGS, backup)).toEqual({ settings: backup, kept: false });
    // The reader changed the hover delay and one colour since, and turned off another site.
    const current = { ...DEFAULT_SETTINGS, hoverDelayMs: 500, disabledSites: ['news.example'], colors: { ...DEFAULT_SETTINGS.colors, model: '#333333' } };
    expect(restoreSettings(current, backup)).toEqual({
      settings: { ...backup, hoverDelayMs: 500, disabledSites: ['news.example', 'example.org'], colors: { ...DEFAULT_SETTINGS.colors, model: '#333333', policy: '#222222' } },
      kept: true,
    });
    // Nothing kept back when the reader's values are the backup's.
    expect(restoreSettings(backup, backup)).toEqual({ settings: backup, kept: false });
  });
});
