/**
 * Kind and names of every highlightable entity, published by the background with the
 * matcher (storage.local), so the popup's first paint needs no IndexedDB.
 *
 * One key per entity: the popup reads only the labels of the entities found in its tab.
 * Reading all of them as one 50 KB value made that read arrive 15–25 ms after the others
 * at the popup's start (bench/ANALYSIS.md), the largest share of its first paint.
 */
import type { EntityLabel, EntityLabels } from '../background/matcher';

/** Key of one entity's label. */
export const labelKey = (id: string): string => `label:${id}`;
/** The ids that have a label key (to remove the stale ones at the next publish). */
export const LABEL_IDS_KEY = 'entityLabelIds';
/** Where all labels lived as one value (before per-entity keys): removed at the next publish. */
export const LEGACY_LABELS_KEY = 'entityLabels';

/** The part of storage.local these functions use. */
export interface LabelArea {
  get(keys: string | string[]): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
  remove(keys: string | string[]): Promise<void>;
}

/** Replaces the published labels with `labels`. */
export async function writeEntityLabels(area: LabelArea, labels: EntityLabels): Promise<void> {
  const before = (await area.get(LABEL_IDS_KEY))[LABEL_IDS_KEY];
  const ids = Object.keys(labels);
  const items: Record<string, unknown> = { [LABEL_IDS_KEY]: ids };
  for (const id of ids) items[labelKey(id)] = labels[id];
  await area.set(items);
  const stale = Array.isArray(before) ? before.filter((id): id is string => typeof id === 'string' && !Object.hasOwn(labels, id)).map(labelKey) : [];
  await area.remove([...stale, LEGACY_LABELS_KEY]);
}

/** The published labels of `ids` (those without one are left out: not published yet, or not valid). */
export async function readEntityLabels(area: Pick<LabelArea, 'get'>, ids: readonly string[]): Promise<EntityLabels> {
  if (!ids.length) return {};
  const stored = await area.get(ids.map(labelKey));
  const out: EntityLabels = {};
  for (const id of ids) {
    const l = stored[labelKey(id)] as Partial<EntityLabel> | undefined;
    if (l && typeof l === 'object' && typeof l.kind === 'string' && typeof l.name?.en === 'string') out[id] = l as EntityLabel;
  }
  return out;
}
