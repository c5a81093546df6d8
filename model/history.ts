/**
 * Reading history: which entities appeared on which pages ("seen on"). One record
 * per entity and page. Pure (no browser API).
 */
import { z } from './zod';
import { lazySchema } from './lazy-schema';
import { SlugSchema } from '../kb/schema';
import { PageUrlSchema, TimestampSchema } from './clipping';

export const HistoryEntrySchema = lazySchema(() =>
  z.strictObject({
    /** `${entityId} ${url}` */
    key: z.string().max(9000),
    entityId: SlugSchema,
    url: PageUrlSchema,
    title: z.string().max(2000),
    site: z.string().max(300),
    firstSeen: TimestampSchema,
    lastSeen: TimestampSchema,
    /** Mentions counted on the latest visit. */
    count: z.number().int().nonnegative(),
  }),
);
export type HistoryEntry = z.infer<typeof HistoryEntrySchema>;

export const historyKey = (entityId: string, url: string) => `${entityId} ${url}`;
