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
