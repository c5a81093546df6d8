import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { startBackground } from '../../../background/main';
import { db, resetDbInstance, DB_NAME } from '../../../storage/db';
import { builtinEntities } from '../../../kb/builtin';

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
  });
});
