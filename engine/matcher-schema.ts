/** Shape check for matcher data read back from extension storage. */
import { z } from 'zod';
import { ENTITY_KINDS } from '../kb/schema';
import { MATCHER_FORMAT, type MatcherData } from './compile';

const b64 = z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/);

export const MatcherDataSchema = z.object({
  format: z.literal(MATCHER_FORMAT),
  ids: z.array(z.string()),
  kinds: z.array(z.enum(ENTITY_KINDS)),
  patterns: z.array(
    z.object({
      e: z.number().int().nonnegative(),
      f: z.number().int(),
      c: z.array(z.number().int()).optional(),
      k: z.string().optional(),
      nb: z.array(z.string()).optional(),
      na: z.array(z.string()).optional(),
    }),
  ),
  groups: z.array(z.array(z.number().int().nonnegative())),
  automaton: z.object({
    alphabet: z.string(),
    edgeStart: b64,
    edgeClass: b64,
    edgeTarget: b64,
    fail: b64,
    outGroup: b64,
    dictLink: b64,
    groupLength: b64,
  }),
});

export function parseMatcherData(raw: unknown): MatcherData | undefined {
  const r = MatcherDataSchema.safeParse(raw);
  return r.success ? (r.data as MatcherData) : undefined;
}
