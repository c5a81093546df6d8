/**
 * Reader settings. Stored in the database (settings table, one row) and mirrored to
 * extension storage so content scripts apply them live. Pure (no browser API).
 */
import { z } from 'zod';
import { ENTITY_KINDS, type EntityKind } from '../kb/schema';

export const HexColorSchema = z.string().regex(/^#[0-9a-fA-F]{6}$/, 'must be a colour like #2563eb');

export const DEFAULT_COLORS: Record<EntityKind, string> = {
  model: '#3b82f6',
  company: '#d97706',
  organization: '#059669',
  policy: '#c026d3',
};

const kindRecord = <T extends z.ZodType>(schema: T) =>
  z.strictObject(Object.fromEntries(ENTITY_KINDS.map((k) => [k, schema])) as Record<EntityKind, T>);

export const SettingsSchema = z.strictObject({
  /** Global pause: no highlights anywhere. */
  paused: z.boolean(),
  /** Host names where the extension does nothing (no highlights, no history). */
  disabledSites: z.array(z.string().min(1).max(300)).max(10_000),
  /** Which kinds are highlighted. */
  kinds: kindRecord(z.boolean()),
  /** Highlight colour per kind. */
  colors: kindRecord(HexColorSchema),
  /** Hover delay before the card opens, in ms. */
  hoverDelayMs: z.number().int().min(0).max(3000),
  /** Record which entities appeared on which pages ("seen on"). */
  historyEnabled: z.boolean(),
  /** Interface language; 'auto' follows the browser. */
  language: z.enum(['auto', 'en', 'zh-CN']),
});
export type Settings = z.infer<typeof SettingsSchema>;

export const DEFAULT_SETTINGS: Settings = {
  paused: false,
  disabledSites: [],
  kinds: { model: true, company: true, organization: true, policy: true },
  colors: { ...DEFAULT_COLORS },
  hoverDelayMs: 300,
  historyEnabled: true,
  language: 'auto',
};
