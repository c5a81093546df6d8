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
 */
import type { HistoryEntry } from '../model/history';
import type { EntityPref, UserEntity } from '../storage/db';
import { sameJson } from '../model/same-json';

export interface Restored<T> {
  /** Records to write. */
  put: T[];
  /** Stored records kept over a different copy in the backup. */
  kept: number;
}

export function restoreUserEntities(stored: readonly UserEntity[], backup: readonly UserEntity[]): Restored<UserEntity> {
  const byId = new Map(stored.map((e) => [e.id, e]));
  const put: UserEntity[] = [];
  let kept = 0;
  for (const e of backup) {
    const s = byId.get(e.id);
    if (!s || e.updated > s.updated) put.push(e);
    else if (!sameJson(s, e)) kept++;
  }
  return { put, kept };
}

export function restoreEntityPrefs(stored: readonly EntityPref[], backup: readonly EntityPref[]): Restored<EntityPref> {
  const byId = new Map(stored.map((p) => [p.id, p]));
  const put: EntityPref[] = [];
  let kept = 0;
  for (const p of backup) {
    const s = byId.get(p.id);
    if (!s) put.push(p);
    else if (!sameJson(s, p)) kept++;
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
