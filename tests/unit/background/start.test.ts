import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { startBackground } from '../../../background/main';
import { db, resetDbInstance, DB_NAME } from '../../../storage/db';
import { builtinEntities } from '../../../kb/builtin';
import { matcherFingerprint, publishMatcher, type EntityLabels } from '../../../background/matcher';
import { COMPILER_REVISION } from '../../../engine/compile';
import { highlightableEntities, loadEffectiveEntities } from '../../../storage/knowledge';

describe('background start-up', () => {
  beforeEach(async () => {
    fakeBrowser.reset();
    resetDbInstance();
    indexedDB.deleteDatabase(DB_NAME);
  });

  it('seeds the database and publishes the matcher', async () => {
    // The fake browser has no context menus or commands; the listeners only need to attach.
    const browser = {
      ...fakeBrowser,
      contextMenus: { onClicked: { addListener: vi.fn() }, removeAll: vi.fn(), create: vi.fn(), update: vi.fn() },
      commands: { onCommand: { addListener: vi.fn() } },
    };
    startBackground(browser as never, async () => builtinEntities());
    for (let i = 0; i < 100; i++) {
      const status = (await fakeBrowser.storage.session.get('status')).status as { ok: boolean; error?: string } | undefined;
      if (status) {
        expect(status.error).toBeUndefined();
        break;
      }
      await new Promise((r) => setTimeout(r, 20));
    }
    const matcher = (await fakeBrowser.storage.local.get('matcher')).matcher as { ids: string[] };
    expect(matcher.ids.length).toBe(builtinEntities().length);
    expect(await db().builtin.count()).toBe(builtinEntities().length);
    // The popup lists entities from these labels without opening IndexedDB.
    const labels = (await fakeBrowser.storage.local.get('entityLabels')).entityLabels as Record<string, { kind: string; name: { en: string; zhHans?: string } }>;
    expect(Object.keys(labels).sort()).toEqual([...matcher.ids].sort());
    expect(labels['zhipu-ai']).toMatchObject({ kind: 'company', name: { en: 'Zhipu AI' } });
  });

  it('publishes again, with new labels, when only an entity\'s name changed', async () => {
    const entities = builtinEntities().slice(0, 5);
    await db().builtin.bulkPut(entities);
    let stored: { fingerprint?: string } | undefined;
    let labels: EntityLabels = {};
    const target = { get: async () => stored, set: async (v: object) => void (stored = v), setLabels: async (l: EntityLabels) => void (labels = l) };
    expect((await publishMatcher(target, db())).published).toBe(true);
    expect((await publishMatcher(target, db())).published).toBe(false);
    const first = entities[0]!;
    await db().builtin.put({ ...first, name: { ...first.name, en: `${first.name.en} (renamed)` } });
    expect((await publishMatcher(target, db())).published).toBe(true);
    expect(labels[first.id]!.name.en).toBe(`${first.name.en} (renamed)`);
    // A matcher published by an older compiler is compiled again for the same entities.
    const fp = stored!.fingerprint;
    stored = { fingerprint: fp };
    expect((await publishMatcher(target, db())).published).toBe(false);
    const effective = highlightableEntities(await loadEffectiveEntities(db()));
    stored = {
      fingerprint: matcherFingerprint(
        effective.map((e) => ({ id: e.id, kind: e.kind, aliases: e.aliases })),
        effective.map((e) => e.name),
        COMPILER_REVISION - 1,
      ),
    };
    expect((await publishMatcher(target, db())).published).toBe(true);
    expect(stored!.fingerprint).toBe(fp);
  });
});
