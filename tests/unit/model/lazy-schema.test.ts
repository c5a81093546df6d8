import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { lazySchema } from '../../../model/lazy-schema';
import {
  BackgroundRequestSchemas,
  BackgroundResponseSchemas,
  ContentRequestSchemas,
  ContentResponseSchemas,
  parseBackgroundRequest,
  parseContentRequest,
} from '../../../messaging/protocol';

describe('lazySchema', () => {
  it('builds the schema on first use, once', () => {
    let built = 0;
    const Name = lazySchema(() => {
      built++;
      return z.string().min(2, 'too short');
    });
    expect(built).toBe(0);
    expect(Name.parse('ab')).toBe('ab');
    expect(Name.safeParse('a').error?.issues[0]?.message).toBe('too short');
    expect(built).toBe(1);
  });

  it('composes with eager and lazy schemas, in both directions', () => {
    const Id = lazySchema(() => z.string().regex(/^[a-z]+$/));
    const Item = lazySchema(() => z.strictObject({ id: Id, tags: z.array(Id).optional() }));
    const List = z.array(Item);
    expect(List.parse([{ id: 'a', tags: ['b'] }])).toEqual([{ id: 'a', tags: ['b'] }]);
    expect(List.safeParse([{ id: 'A' }]).error?.issues[0]?.path).toEqual([0, 'id']);
    expect(List.safeParse([{ id: 'a', extra: 1 }]).success).toBe(false);
    expect(Item.optional().parse(undefined)).toBeUndefined();
    expect(Item.nullable().parse(null)).toBeNull();
    expect(Item instanceof z.ZodType).toBe(true);
    const Union = z.discriminatedUnion('k', [
      lazySchema(() => z.strictObject({ k: z.literal('a'), n: z.number() })),
      lazySchema(() => z.strictObject({ k: z.literal('b') })),
    ]);
    expect(Union.parse({ k: 'a', n: 1 })).toEqual({ k: 'a', n: 1 });
    expect(Union.safeParse({ k: 'c' }).success).toBe(false);
  });
});

describe('per-type request schemas', () => {
  it('cover exactly the request types the responses are declared for', () => {
    expect(Object.keys(BackgroundRequestSchemas).sort()).toEqual(Object.keys(BackgroundResponseSchemas).sort());
    expect(Object.keys(ContentRequestSchemas).sort()).toEqual(Object.keys(ContentResponseSchemas).sort());
  });

  it('agree with the union the receiving side checks', () => {
    const samples = [
      { type: 'kb/entity', id: 'zhipu-ai' },
      { type: 'page/scan-engine', url: 'https://a.example/' },
      { type: 'tab/jump', tabId: 3, entityId: 'cac' },
      { type: 'matcher/ensure' },
      { type: 'kb/entity', id: 'Not A Slug' },
      { type: 'tab/jump', tabId: -1, entityId: 'cac' },
    ];
    for (const s of samples) {
      const own = BackgroundRequestSchemas[s.type as keyof typeof BackgroundRequestSchemas].safeParse(s).success;
      const union = (() => {
        try {
          parseBackgroundRequest(s);
          return true;
        } catch {
          return false;
        }
      })();
      expect(own, JSON.stringify(s)).toBe(union);
    }
    expect(ContentRequestSchemas['content/navigate'].safeParse({ type: 'content/navigate', direction: 'up' }).success).toBe(false);
    expect(parseContentRequest({ type: 'content/navigate', direction: 'next' })).toEqual({ type: 'content/navigate', direction: 'next' });
  });
});
