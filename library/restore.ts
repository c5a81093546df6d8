/**
 * What a backup's parts other than clippings do to what is stored: the newer of each
 * record wins, so importing an older backup never undoes later work. Pure.
 *
 * - Your entities (added or edited): the backup's copy replaces the stored one only when
 *   its `updated` day is later; a new id is added.
 * - Entity preferences (hidden, muted, hidden aliases) carry no date: a stored one stays,
 *   the backup's is added where there is none.
 * - Reading history: one record per entity and page, merged: first seen the earliest,
 *   last seen the latest, the title, site and count of the later visit.
 * - Settings carry no date either: a setting the reader has changed from its default
 *   stays, the backup's is taken for the others (a colour, the hover delay), and the
 *   sites where the extension is off are both lists together.
 */
import type { HistoryEntry } from '../model/history';
import { DEFAULT_SETTINGS, type Settings } from '../model/settings';
import { normalizeSiteList } from '../model/sites';
import type { EntityPref, UserEntity } from '../storage/db';
import { sameJson } from '../model/same-json';

export interface Restored<T> {
  /** Records to write. */
  put: T[];
  /** Stored records kept over a different copy in the backup. */
  kept: number;
}

/** Your entities: the backup's copy wins only with a later `updated` day. */
export function restoreUserEntities(stored: readonly UserEntity[], backup: readonly UserEntity[]): Restored<UserEntity> {
  return restoreById(stored, backup, (b, s) => b.updated > s.updated);
}

/** Entity choices carry no date: the stored one stays. */
export function restoreEntityPrefs(stored: readonly EntityPref[], backup: readonly EntityPref[]): Restored<EntityPref> {
  return restoreById(stored, backup, () => false);
}

/** Records by id: the backup's is written where none is stored, or where `newer` says it is. */
function restoreById<T extends { id: string }>(stored: readonly T[], backup: readonly T[], newer: (b: T, s: T) => boolean): Restored<T> {
  const byId = new Map(stored.map((r) => [r.id, r]));
  const put: T[] = [];
  let kept = 0;
  for (const r of backup) {
    const s = byId.get(r.id);
    if (!s || newer(r, s)) put.push(r);
    else if (!sameJson(s, r)) kept++;
  }
  return { put, kept };
}

export function restoreHistory(stored: readonly HistoryEntry[], backup: readonly HistoryEntry[]): HistoryEntry[] {
  const byKey = new Map(stored.map((h) => [h.key, h]));
  const put: HistoryEntry[] = [];
  for (const h of backup) {
    const s = byKey.get(h.key);
    if (!s) {
      put.push(h);
      continue;
    }
    const later = Date.parse(h.lastSeen) > Date.parse(s.lastSeen) ? h : s;
    const merged: HistoryEntry = { ...later, firstSeen: Date.parse(h.firstSeen) < Date.parse(s.firstSeen) ? h.firstSeen : s.firstSeen };
    if (!sameJson(merged, s)) put.push(merged);
  }
  return put;
}

/**
 * The reader's settings with a backup's: each setting (each kind's colour and switch on
 * its own) the reader still has at its default takes the backup's value; the sites where
 * the extension is off are the union. `kept`: some backup value was not taken.
 */
export function restoreSettings(current: Settings, backup: Settings): { settings: Settings; kept: boolean } {
  let kept = false;
  const pick = <T>(mine: T, def: T, theirs: T): T => {
    if (sameJson(mine, def)) return theirs;
    if (!sameJson(mine, theirs)) kept = true;
    return mine;
  };
  const perKind = <T>(mine: Record<string, T>, def: Record<string, T>, theirs: Record<string, T>) =>
    Object.fromEntries(Object.keys(def).map((k) => [k, pick(mine[k], def[k], theirs[k])])) as Record<string, T>;
  const settings: Settings = {
    paused: pick(current.paused, DEFAULT_SETTINGS.paused, backup.paused),
    disabledSites: normalizeSiteList([...current.disabledSites, ...backup.disabledSites]),
    kinds: perKind(current.kinds, DEFAULT_SETTINGS.kinds, backup.kinds) as Settings['kinds'],
    colors: perKind(current.colors, DEFAULT_SETTINGS.colors, backup.colors) as Settings['colors'],
    hoverDelayMs: pick(current.hoverDelayMs, DEFAULT_SETTINGS.hoverDelayMs, backup.hoverDelayMs),
    historyEnabled: pick(current.historyEnabled, DEFAULT_SETTINGS.historyEnabled, backup.historyEnabled),
    language: pick(current.language, DEFAULT_SETTINGS.language, backup.language),
    chineseScript: pick(current.chineseScript, DEFAULT_SETTINGS.chineseScript, backup.chineseScript),
  };
  return { settings, kept };
}
