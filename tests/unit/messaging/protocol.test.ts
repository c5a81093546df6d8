import { describe, expect, it } from 'vitest';
import { BackgroundResponseSchemas, MessageError, parseBackgroundRequest, parseResponse } from '../../../messaging/protocol';
import { handle } from '../../../messaging/server';
import { askBackground } from '../../../messaging/client';
import { backgroundHandlers, classifySender } from '../../../background/service';
import { TabReports } from '../../../background/tab-reports';
import { NameCandidates } from '../../../background/name-candidates';
import { compileMatcher } from '../../../engine/compile';
import { smallEntities } from '../helpers';
import { saveClipping } from '../../../storage/clippings';
import { db } from '../../../storage/db';
import { generateClippings } from '../../fixtures/generate-clippings';
import { renderCommon } from '../../../i18n/common';
import { EnvelopeSchema, MessageSchema } from '../../../messaging/protocol';
import { failure } from '../../../messaging/server';
import { ValidationError } from '../../../storage/clippings';
import { english, msg } from '../../../i18n/message';

describe('message validation', () => {
  it('accepts well-formed requests', () => {
    expect(parseBackgroundRequest({ type: 'kb/entity', id: 'zhipu-ai' })).toEqual({ type: 'kb/entity', id: 'zhipu-ai' });
    expect(parseBackgroundRequest({ type: 'page/report', url: 'https://a.example/', title: 't', counts: { cac: 2 } }).type).toBe('page/report');
  });

  it('rejects malformed requests with a clear reason', () => {
    expect(() => parseBackgroundRequest({ type: 'kb/drop-tables' })).toThrow(MessageError);
    expect(() => parseBackgroundRequest(null)).toThrow(/Rejected message/);
    expect(() => parseBackgroundRequest({ type: 'kb/entity', id: '../etc/passwd' })).toThrow(/id: must be a lowercase slug/);
    expect(() => parseBackgroundRequest({ type: 'page/report', url: 'u', title: 't', counts: { cac: -1 } })).toThrow(/counts › cac: must be at least 0/);
    expect(() => parseBackgroundRequest({ type: 'kb/entity', id: 'cac', extra: 1 })).toThrow('has an unknown field: “extra”');
  });

  it('words a too-long clipping plainly, not as a dump of Zod issues', () => {
    const [c] = generateClippings(1);
    const text = 'x'.repeat(100_001);
    const send = () => parseBackgroundRequest({ type: 'clip/save', clipping: { ...c, text, quote: { ...c!.quote, exact: text } } });
    expect(send).toThrow('Rejected message: clipping › text: must be at most 100000 characters long; clipping › quote › exact: must be at most 100000 characters long');
  });

  it('checks a request before sending it and says why in words', async () => {
    const tags = ['x'.repeat(65)];
    const sent = askBackground({ type: 'clip/update', id: crypto.randomUUID(), tags });
    await expect(sent).rejects.toThrow('tags › item 1: must be at most 64 characters');
    // The same as a code, for the reader's language.
    const e = (await sent.catch((x: unknown) => x)) as MessageError;
    expect(e).toBeInstanceOf(MessageError);
    expect(e.detail?.code).toBe('message.invalid');
    expect(renderCommon(e.detail!, 'zh-CN')).toBe('tags › 第 1 项：最多 64 个字符');
  });

  it('says why a request was rejected as a code too', () => {
    let e: MessageError | undefined;
    try {
      parseBackgroundRequest({ type: 'kb/entity', id: 'cac', extra: 1 });
    } catch (x) {
      e = x as MessageError;
    }
    expect(e?.message).toBe('Rejected message: message: has an unknown field: “extra”');
    expect(english(e!.detail!)).toBe(e?.message);
    expect(e?.detail?.code).toBe('message.rejected');
    expect(renderCommon(e!.detail!, 'zh-CN')).toMatch(/^消息被拒绝：/);
  });

  it('carries the code of a failure in the answer, checked by its schema', () => {
    const env = { ok: false, error: 'This clipping no longer exists.', problem: { code: 'clip.gone' } };
    expect(EnvelopeSchema.safeParse(env).success).toBe(true);
    let e: MessageError | undefined;
    try {
      parseResponse(env, BackgroundResponseSchemas['clip/update'], 'clip/update');
    } catch (x) {
      e = x as MessageError;
    }
    expect(e?.message).toBe('This clipping no longer exists.');
    expect(e?.detail).toEqual({ code: 'clip.gone' });
    expect(renderCommon(e!.detail!, 'zh-CN')).toBe('这条摘录已不存在。');
    // Nested parameters: messages and lists.
    expect(MessageSchema.safeParse({ code: 'clip.invalid', params: { issues: { list: [{ code: 'issue.at', params: { field: 'note', issue: { code: 'issue.maxChars', params: { n: 5 } } } }], sep: 'semicolon' } } }).success).toBe(true);
    // No Object method names, odd parameter names, unknown fields or other shapes.
    for (const bad of [{ code: 'constructor' }, { code: '__proto__' }, { code: 'clip.gone', params: { 'a b': 'x' } }, { code: 'clip.gone', extra: 1 }, { code: 'clip.gone', params: { x: { list: [true], sep: 'comma' } } }, 'clip.gone']) {
      expect(MessageSchema.safeParse(bad).success, JSON.stringify(bad)).toBe(false);
    }
    expect(() => parseResponse({ ok: false, error: 'x', problem: { code: 'toString' } }, BackgroundResponseSchemas['clip/update'], 'clip/update')).toThrow(/Malformed response/);
  });

  it('answers failures with English words and a code', () => {
    expect(failure(new ValidationError(msg('clip.gone')))).toEqual({ ok: false, error: 'This clipping no longer exists.', problem: { code: 'clip.gone' } });
    expect(failure(new ValidationError('plain words'))).toEqual({ ok: false, error: 'plain words' });
    // A detail that is no message code is left out rather than spoiling the answer.
    expect(failure(Object.assign(new ValidationError('x'), { detail: { code: 'constructor' } }))).toEqual({ ok: false, error: 'x' });
    expect(failure(Object.assign(new Error('q'), { name: 'QuotaExceededError' }))).toEqual({
      ok: false,
      error: 'Your disk or browser storage is full, so nothing was saved. Free some space (or export and delete old clippings) and try again.',
      problem: { code: 'storage.full' },
    });
    expect(failure(Object.assign(new Error('closed'), { name: 'DatabaseClosedError' })).problem).toEqual({ code: 'storage.updated' });
    expect(failure(Object.assign(new Error('held'), { name: 'BlockedError' })).problem).toEqual({ code: 'storage.blocked' });
    expect(failure(Object.assign(new Error('key exists'), { name: 'ConstraintError' }))).toEqual({ ok: false, error: 'key exists', problem: { code: 'storage.other', params: { detail: 'key exists' } } });
    expect(failure(new TypeError('boom'))).toEqual({ ok: false, error: 'Internal error: boom', problem: { code: 'message.internal', params: { detail: 'boom' } } });
    expect(failure(null)).toEqual({ ok: false, error: 'Internal error: null', problem: { code: 'message.internal', params: { detail: 'null' } } });
    for (const f of [failure(new TypeError('boom')), failure(new ValidationError(msg('clip.gone')))]) expect(EnvelopeSchema.safeParse(f).success).toBe(true);
  });

  it('validates responses too', () => {
    expect(() => parseResponse({ ok: true, data: { found: 'yes' } }, BackgroundResponseSchemas['tab/jump'], 'tab/jump')).toThrow(/Invalid response to tab\/jump/);
    expect(() => parseResponse({ ok: false, error: 'nope' }, BackgroundResponseSchemas['tab/jump'], 'tab/jump')).toThrow('nope');
    expect(() => parseResponse('garbage', BackgroundResponseSchemas['tab/jump'], 'tab/jump')).toThrow(/Malformed response/);
  });
});

describe('background message handling', () => {
  const origin = 'chrome-extension://abc/';
  const tabs = new TabReports();
  const opts = {
    parse: parseBackgroundRequest,
    handlers: backgroundHandlers({
      tabs,
      jump: async () => true,
      ensureReady: async () => ({ published: false }),
      wasmAllowed: (tabId, frameId, url) => tabId === 7 && frameId === 0 && url === 'https://news.example/a',
    }) as never,
    responses: BackgroundResponseSchemas,
    context: (s: Parameters<typeof classifySender>[0]) => classifySender(s, 'abc', origin),
  };
  const contentSender = { id: 'abc', tab: { id: 7 } as never, frameId: 0, url: 'https://news.example/a' };
  const pageSender = { id: 'abc', url: `${origin}popup.html` };

  it('refuses messages from other extensions', async () => {
    const r = await handle(opts, { type: 'tab/summary', tabId: 7 }, { id: 'evil', url: 'https://evil.example/' });
    expect(r).toEqual({ ok: false, error: 'Rejected message: it does not come from this extension' });
  });

  it('answers a malformed message with the reason, not an exception', async () => {
    const r = await handle(opts, { type: 'tab/summary', tabId: 'seven' }, pageSender);
    expect(r.ok).toBe(false);
    expect((r as { error: string }).error).toMatch(/^Rejected message: tabId: /);
  });

  it("answers a refused update with the refusal's code, which the panel shows in Chinese", async () => {
    const r = await handle(opts, { type: 'clip/update', id: crypto.randomUUID(), note: 'n' }, contentSender);
    expect(r).toEqual({ ok: false, error: 'This clipping no longer exists.', problem: { code: 'clip.gone' } });
    const e = (() => {
      try {
        parseResponse(r, BackgroundResponseSchemas['clip/update'], 'clip/update');
      } catch (x) {
        return x as MessageError;
      }
    })();
    expect(renderCommon(e!.detail!, 'zh-CN')).toBe('这条摘录已不存在。');
  });

  it('lets content scripts report and extension pages read', async () => {
    expect(await handle(opts, { type: 'page/report', url: 'https://news.example/a', title: 'A', counts: { cac: 2 } }, contentSender)).toEqual({ ok: true, data: null });
    expect(await handle(opts, { type: 'tab/summary', tabId: 7 }, pageSender)).toEqual({
      ok: true,
      data: { url: 'https://news.example/a', title: 'A', counts: { cac: 2 }, frames: 1, anchored: [], orphaned: [] },
    });
    // A content script may not read other tabs, and a page may not forge reports.
    expect((await handle(opts, { type: 'tab/summary', tabId: 7 }, contentSender)).ok).toBe(false);
    expect((await handle(opts, { type: 'page/report', url: 'x', title: '', counts: {} }, pageSender)).ok).toBe(false);
  });

  it("records a page's visit with its inline frames' mentions added to its own, whichever reports last", async () => {
    const history = {
      ...opts,
      handlers: backgroundHandlers({ tabs: new TabReports(), jump: async () => true, ensureReady: async () => ({ published: false }), mayRecordHistory: async () => true }) as never,
    };
    const url = 'https://history.example/story';
    await handle(history, { type: 'page/report', url, title: 'Story', counts: { cac: 2, miit: 1 } }, contentSender);
    // An about:blank frame of that page reports under the page's address, with no title.
    await handle(history, { type: 'page/report', url, title: '', counts: { cac: 1 } }, { ...contentSender, frameId: 4 });
    // A frame with an address of its own is a page of its own.
    await handle(history, { type: 'page/report', url: 'https://embed.example/w', title: 'W', counts: { cac: 5 } }, { ...contentSender, frameId: 5 });
    const rows = await db().history.where('url').equals(url).toArray();
    expect(rows.map((r) => [r.entityId, r.count, r.title]).sort()).toEqual([['cac', 3, 'Story'], ['miit', 1, 'Story']]);
    expect((await db().history.where('url').equals('https://embed.example/w').toArray()).map((r) => r.count)).toEqual([5]);
  });

  it("keeps the labels of a report's entities with it, merged across frames, for the popup's first paint", async () => {
    const label = (id: string) => ({ id, kind: 'organization' as const, name: { en: id.toUpperCase() } });
    const withLabels = {
      ...opts,
      handlers: backgroundHandlers({
        tabs: new TabReports(),
        jump: async () => true,
        ensureReady: async () => ({ published: false }),
        labelsFor: async (ids) => Object.fromEntries(ids.filter((id) => id !== 'unknown').map((id) => [id, label(id)])),
      }) as never,
    };
    await handle(withLabels, { type: 'page/report', url: 'https://news.example/a', title: 'A', counts: { cac: 2, unknown: 1 } }, contentSender);
    await handle(withLabels, { type: 'page/report', url: 'https://news.example/f', title: 'F', counts: { miit: 1 } }, { ...contentSender, frameId: 2 });
    const r = await handle(withLabels, { type: 'tab/summary', tabId: 7 }, pageSender);
    expect(r).toEqual({
      ok: true,
      data: { url: 'https://news.example/a', title: 'A', counts: { cac: 2, unknown: 1, miit: 1 }, frames: 2, anchored: [], orphaned: [], labels: { cac: label('cac'), miit: label('miit') } },
    });
  });

  it('renames entities in open tabs\' reports when new labels are published', async () => {
    const tabs = new TabReports();
    const label = (id: string, en: string) => ({ id, kind: 'organization' as const, name: { en } });
    await tabs.set(1, 0, { url: 'u', title: 't', counts: { cac: 1, miit: 2 }, anchored: [], orphaned: [], labels: { cac: label('cac', 'CAC'), miit: label('miit', 'MIIT') } });
    await tabs.relabel({ cac: label('cac', 'Cyberspace Administration'), other: label('other', 'Other') });
    expect((await tabs.summary(1))?.labels).toEqual({ cac: label('cac', 'Cyberspace Administration') });
    await tabs.relabel({});
    expect((await tabs.summary(1))?.labels).toBeUndefined();
  });

  it('tells a content script whether its frame may compile WebAssembly', async () => {
    expect(await handle(opts, { type: 'page/scan-engine', url: 'https://news.example/a' }, contentSender)).toEqual({ ok: true, data: { wasm: true } });
    expect(await handle(opts, { type: 'page/scan-engine', url: 'https://news.example/a' }, { ...contentSender, frameId: 3 })).toEqual({ ok: true, data: { wasm: false } });
    expect((await handle(opts, { type: 'page/scan-engine', url: 'https://news.example/a' }, pageSender)).ok).toBe(false);
  });

  it('marks an entity hidden in a tab only when every frame that counted it has it only in hidden parts', async () => {
    const tabs = new TabReports();
    const report = (counts: Record<string, number>) => ({ url: 'https://news.example/a', title: '', counts, anchored: [], orphaned: [] });
    await tabs.set(7, 0, report({ cac: 2, miit: 1, baidu: 1 }));
    await tabs.set(7, 3, report({ cac: 1, tencent: 2 }));
    await tabs.set(7, 5, report({ huawei: 1 }));
    const asked: number[] = [];
    const hiddenIn = async (_tab: number, frame: number) => {
      asked.push(frame);
      if (frame === 5) throw new Error('gone');
      return frame === 0 ? ['cac', 'miit'] : ['tencent'];
    };
    const withHidden = { ...opts, handlers: backgroundHandlers({ tabs, jump: async () => true, ensureReady: async () => ({ published: false }), hiddenIn }) as never };
    // cac shows in frame 3; huawei's frame did not answer, so it counts as shown.
    const r = await handle(withHidden, { type: 'tab/hidden', tabId: 7 }, pageSender);
    expect(r.ok && (r.data as { hidden: string[] }).hidden.sort()).toEqual(['miit', 'tencent']);
    expect(asked.sort()).toEqual([0, 3, 5]);
    expect((await handle(withHidden, { type: 'tab/hidden', tabId: 7 }, contentSender)).ok).toBe(false);
  });

  it("injects the core into the asking frame's document, never into the top document", async () => {
    const started: object[] = [];
    const frames = {
      ...opts,
      handlers: backgroundHandlers({ tabs: new TabReports(), jump: async () => true, ensureReady: async () => ({ published: false }), startFrame: async (t) => void started.push(t) }) as never,
    };
    const frameSender = { ...contentSender, frameId: 3, documentId: 'DOC3', url: 'about:blank' };
    expect(await handle(frames, { type: 'frame/start' }, frameSender)).toEqual({ ok: true, data: null });
    expect(started).toEqual([{ tabId: 7, frameId: 3, documentId: 'DOC3' }]);
    expect((await handle(frames, { type: 'frame/start' }, contentSender)).ok).toBe(false);
    expect((await handle(frames, { type: 'frame/start' }, pageSender)).ok).toBe(false);
    expect((await handle(frames, { type: 'frame/start', url: 'x' }, frameSender)).ok).toBe(false);
    expect(started).toHaveLength(1);
  });

  it("tells a frame whether it is worth a scan: a name its text would show, or one of its page's clippings", async () => {
    const data = { ...compileMatcher(smallEntities()).data, fingerprint: 'f1' };
    const candidates = new NameCandidates(async () => data);
    const worth = {
      ...opts,
      handlers: backgroundHandlers({ tabs: new TabReports(), jump: async () => true, ensureReady: async () => ({ published: false }), hasNameCandidates: (t) => candidates.has(t) }) as never,
    };
    const ask = (text: string, url = 'https://ads.example/slot', sender: object = contentSender) => handle(worth, { type: 'frame/worth', url, text }, sender as never);
    expect(await ask('Advertisement. Learn more')).toEqual({ ok: true, data: { worth: false } });
    expect(await ask('Sponsored: Zhipu AI')).toEqual({ ok: true, data: { worth: true } });
    // A frame is a document of its own: a name that needs context counts only with its context there.
    expect(await ask('Spark your ideas. Kimi says hi.')).toEqual({ ok: true, data: { worth: false } });
    expect(await ask('Moonshot AI: meet Kimi')).toEqual({ ok: true, data: { worth: true } });
    expect(await ask('Kimi\nby Moonshot AI')).toEqual({ ok: true, data: { worth: true } });
    // Not a name: inside a word.
    expect(await ask('Cacao and cacti')).toEqual({ ok: true, data: { worth: false } });
    // A frame of a page with clippings starts when it shows one of them (an inline frame
    // shares its page's address, so the page's other clippings say nothing about it).
    const [c] = generateClippings(1);
    const exact = 'The quick brown fox jumps over the lazy dog by the river';
    await saveClipping({ ...c!, url: 'https://ads.example/clipped', quote: { ...c!.quote, exact } });
    expect(await ask('Advertisement', 'https://ads.example/clipped')).toEqual({ ok: true, data: { worth: false } });
    expect(await ask('Ad\nThe quick brown fox\njumps over the lazy dog by the river', 'https://ads.example/clipped')).toEqual({ ok: true, data: { worth: true } });
    expect(await ask('The quick brown fox jumps over the lazy dog by the river', 'https://ads.example/slot')).toEqual({ ok: true, data: { worth: false } });
    expect((await ask('Baidu', 'https://ads.example/slot', pageSender)).ok).toBe(false);
    expect((await ask('x'.repeat(64 * 1024 + 1))).ok).toBe(false);
    // Without a published matcher, every frame is worth a scan.
    expect(await new NameCandidates(async () => undefined).has('Advertisement')).toBe(true);
    // The matcher is built once, and again after the published data changed.
    let reads = 0;
    const counted = new NameCandidates(async () => (reads++, data));
    await counted.has('Advertisement');
    await counted.has('Zhipu AI');
    expect(reads).toBe(1);
    counted.invalidate();
    expect(await counted.has('Zhipu AI')).toBe(true);
    expect(reads).toBe(2);
  });
});
