import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import type { EntityLabel } from '../../../background/matcher';
import { LABEL_IDS_KEY, LEGACY_LABELS_KEY, readEntityLabels, writeEntityLabels } from '../../../storage/entity-labels';

const label = (id: string, en: string, kind: EntityLabel['kind'] = 'company'): EntityLabel => ({ id, kind, name: { en } });

describe('entity labels in extension storage', () => {
  beforeEach(() => fakeBrowser.reset());
  const area = () => fakeBrowser.storage.local;

  it('stores one key per entity and reads back only the ids asked for', async () => {
    await writeEntityLabels(area(), { 'zhipu-ai': label('zhipu-ai', 'Zhipu AI'), qwen: label('qwen', 'Qwen', 'model') });
    expect(await area().get(['label:zhipu-ai', 'label:qwen'])).toEqual({ 'label:zhipu-ai': label('zhipu-ai', 'Zhipu AI'), 'label:qwen': label('qwen', 'Qwen', 'model') });
    expect(await readEntityLabels(area(), ['qwen', 'unknown'])).toEqual({ qwen: label('qwen', 'Qwen', 'model') });
    expect(await readEntityLabels(area(), [])).toEqual({});
  });

  it('removes the labels of entities no longer published, and the old single-value labels', async () => {
    await area().set({ [LEGACY_LABELS_KEY]: { old: label('old', 'Old') } });
    await writeEntityLabels(area(), { a: label('a', 'A'), b: label('b', 'B') });
    await writeEntityLabels(area(), { b: label('b', 'B renamed'), c: label('c', 'C') });
    const all = await area().get(null);
    expect(Object.keys(all).sort()).toEqual([LABEL_IDS_KEY, 'label:b', 'label:c']);
    expect(all[LABEL_IDS_KEY]).toEqual(['b', 'c']);
    expect(await readEntityLabels(area(), ['a', 'b'])).toEqual({ b: label('b', 'B renamed') });
  });

  it('leaves out a stored value that is not a label', async () => {
    await area().set({ 'label:x': { kind: 'model' }, 'label:y': 'text', 'label:z': label('z', 'Z', 'policy') });
    expect(await readEntityLabels(area(), ['x', 'y', 'z'])).toEqual({ z: label('z', 'Z', 'policy') });
  });
});
