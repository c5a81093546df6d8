/**
 * Reader settings. Stored in browser.storage.local (key "settings"), where every
 * context — content scripts included — reads them and sees changes live. Pure.
 *
 * Zod Mini (model/zod-mini.ts): the content script's core parses them before its first
 * highlights and must stay small.
 */
import { z } from './zod-mini';
import { lazySchema } from './lazy-schema';
import { ENTITY_KINDS, type EntityKind } from '../kb/kinds';
import { normalizeSiteList } from './sites';
import { ISSUE } from './issues';

const HexColorSchema = lazySchema(() => z.string().check(z.regex(/^#[0-9a-fA-F]{6}$/, ISSUE.color)));

export const DEFAULT_COLORS: Record<EntityKind, string> = {
  model: '#3b82f6',
  company: '#d97706',
  organization: '#059669',
  policy: '#c026d3',
};

const kindRecord = <T extends z.ZodMiniType>(schema: T) =>
  z.strictObject(Object.fromEntries(ENTITY_KINDS.map((k) => [k, schema])) as Record<EntityKind, T>);

export const SettingsSchema = lazySchema(() =>
  z.strictObject({
    /** Global pause: no highlights anywhere. */
    paused: z.boolean(),
    /**
     * Host names where the extension does nothing (no highlights, no history), each with
     * its subdomains; as model/sites.ts normalizes them (parseSettings does on reading).
     */
    disabledSites: z.array(z.string().check(z.minLength(1), z.maxLength(300))).check(z.maxLength(10_000)),
    /** Which kinds are highlighted. */
    kinds: kindRecord(z.boolean()),
    /** Highlight colour per kind. */
    colors: kindRecord(HexColorSchema),
    /** Hover delay before the card opens, in ms. */
    hoverDelayMs: z.int().check(z.minimum(0), z.maximum(3000)),
    /** Record which entities appeared on which pages ("seen on"). */
    historyEnabled: z.boolean(),
    /** Interface language; 'auto' follows the browser. */
    language: z.enum(['auto', 'en', 'zh-CN', 'zh-TW']),
    /** Script of the Chinese names shown; 'auto' follows the page (on its cards), then the browser. */
    chineseScript: z.enum(['auto', 'simplified', 'traditional']),
  }),
);
export type Settings = z.infer<typeof SettingsSchema>;

export const DEFAULT_SETTINGS: Settings = {
  paused: false,
  disabledSites: [],
  kinds: { model: true, company: true, organization: true, policy: true },
  colors: { ...DEFAULT_COLORS },
  hoverDelayMs: 300,
  historyEnabled: true,
  language: 'auto',
  chineseScript: 'auto',
};

/**
 * Settings added after the first backups (schemaVersion 1), with their defaults: a backup
 * written before one existed lacks it and is still whole (formats/backup.ts). A setting
 * added later goes here too.
 */
export const SETTINGS_ADDED_LATER: Partial<Settings> = { chineseScript: DEFAULT_SETTINGS.chineseScript };

/** Settings read back from storage: invalid or missing fields fall back to defaults. */
export function parseSettings(raw: unknown): Settings {
  const s = readSettingsFields(raw);
  // Entries stored by an older version may have a port or a leading "*." (never matched).
  return { ...s, disabledSites: normalizeSiteList(s.disabledSites) };
}

function readSettingsFields(raw: unknown): Settings {
  const r = SettingsSchema.safeParse(raw);
  if (r.success) return r.data;
  const merged = { ...DEFAULT_SETTINGS, ...(raw && typeof raw === 'object' ? raw : {}) } as Record<string, unknown>;
  const out = { ...DEFAULT_SETTINGS } as Record<string, unknown>;
  for (const key of Object.keys(DEFAULT_SETTINGS)) {
    const field = (SettingsSchema.shape as Record<string, z.ZodMiniType>)[key]!;
    const v = field.safeParse(merged[key]);
    if (v.success) out[key] = v.data;
  }
  return out as Settings;
}

// Pure and schema-free, so that the frames part can use it too (content/frame-switch.ts).
export { isSiteEnabled, isSwitchedOn } from './sites';
