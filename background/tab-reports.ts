/**
 * What each frame of each tab reported about its mentions. Kept in memory and mirrored
 * to storage.session so the popup still gets an answer after the service worker slept.
 */
import type { TabSummary } from '../messaging/protocol';
import type { EntityLabels } from './matcher';

export interface FrameReport {
  url: string;
  title: string;
  counts: Record<string, number>;
  anchored: string[];
  orphaned: string[];
  /** Labels of the counted entities, when the background had them. */
  labels?: EntityLabels;
}

/** The labels of `ids` that `all` has (what a report keeps for the popup). */
export function pickLabels(all: EntityLabels, ids: Iterable<string>): EntityLabels {
  const out: EntityLabels = {};
  for (const id of ids) if (Object.hasOwn(all, id)) out[id] = all[id]!;
  return out;
}

type Store = {
  get(): Promise<Record<string, Record<string, FrameReport>> | undefined>;
  set(value: Record<string, Record<string, FrameReport>>): Promise<void>;
};

export class TabReports {
  private tabs = new Map<number, Map<number, FrameReport>>();
  private loaded?: Promise<void>;

  constructor(private readonly store?: Store) {}

  private load(): Promise<void> {
    return (this.loaded ??= (async () => {
      const saved = await this.store?.get().catch(() => undefined);
      if (!saved) return;
      for (const [tab, frames] of Object.entries(saved)) {
        const map = new Map<number, FrameReport>();
        for (const [frame, r] of Object.entries(frames)) map.set(Number(frame), r);
        if (!this.tabs.has(Number(tab))) this.tabs.set(Number(tab), map);
      }
    })());
  }

  private async save(): Promise<void> {
    const out: Record<string, Record<string, FrameReport>> = {};
    for (const [tab, frames] of this.tabs) out[tab] = Object.fromEntries(frames);
    await this.store?.set(out).catch(() => {});
  }

  async set(tabId: number, frameId: number, report: FrameReport): Promise<void> {
    await this.load();
    let frames = this.tabs.get(tabId);
    if (!frames) this.tabs.set(tabId, (frames = new Map()));
    frames.set(frameId, report);
    await this.save();
  }

  /** Newly published labels (an entity renamed): every report's labels are taken from them. */
  async relabel(labels: EntityLabels): Promise<void> {
    await this.load();
    for (const frames of this.tabs.values()) {
      for (const r of frames.values()) {
        const next = pickLabels(labels, Object.keys(r.counts));
        if (Object.keys(next).length) r.labels = next;
        else delete r.labels;
      }
    }
    if (this.tabs.size) await this.save();
  }

  /** Forgets a tab's reports: it closed, or it started loading another document. */
  async removeTab(tabId: number): Promise<void> {
    await this.load();
    if (this.tabs.delete(tabId)) await this.save();
  }

  /** A tab's reports by frame id, top frame first. */
  private async framesInOrder(tabId: number): Promise<[number, FrameReport][]> {
    await this.load();
    return [...(this.tabs.get(tabId) ?? [])].sort(([a], [b]) => a - b);
  }

  /** Each frame's counts, top frame first. */
  async countsByFrame(tabId: number): Promise<[number, Record<string, number>][]> {
    return (await this.framesInOrder(tabId)).map(([f, r]) => [f, r.counts]);
  }

  /** Frames with at least one mention of the entity, top frame first. */
  async framesWith(tabId: number, entityId: string): Promise<number[]> {
    return (await this.framesInOrder(tabId)).filter(([, r]) => (r.counts[entityId] ?? 0) > 0).map(([f]) => f);
  }

  /**
   * One page of a tab as its frames at `url` saw it together: the page and its inline
   * frames (content/page-url.ts gives those the page's address), counts summed, the title
   * of the first frame that has one, top frame first.
   */
  async page(tabId: number, url: string): Promise<{ title: string; counts: Record<string, number> }> {
    const counts: Record<string, number> = {};
    let title = '';
    for (const [, r] of await this.framesInOrder(tabId)) {
      if (r.url !== url) continue;
      title ||= r.title;
      for (const [id, n] of Object.entries(r.counts)) counts[id] = (counts[id] ?? 0) + n;
    }
    return { title, counts };
  }

  async summary(tabId: number): Promise<TabSummary | null> {
    await this.load();
    const frames = this.tabs.get(tabId);
    if (!frames || !frames.size) return null;
    const top = frames.get(0) ?? frames.values().next().value!;
    const counts: Record<string, number> = {};
    const anchored = new Set<string>();
    const orphaned = new Set<string>();
    const labels: EntityLabels = {};
    for (const r of frames.values()) {
      if (r.labels) Object.assign(labels, r.labels);
      for (const [id, n] of Object.entries(r.counts)) counts[id] = (counts[id] ?? 0) + n;
      for (const id of r.anchored ?? []) anchored.add(id);
      for (const id of r.orphaned ?? []) orphaned.add(id);
    }
    // A clipping placed in any frame is not missing.
    for (const id of anchored) orphaned.delete(id);
    const summary: TabSummary = { url: top.url, title: top.title, counts, frames: frames.size, anchored: [...anchored], orphaned: [...orphaned] };
    if (Object.keys(labels).length) summary.labels = labels;
    return summary;
  }
}
