/**
 * The JSON backup: every record the reader owns (clippings, own and edited entities,
 * entity preferences, optionally settings and reading history) in one file, validated
 * record by record on the way back in. Pure.
 *
 * The file is written deterministically: the envelope first (format, schemaVersion,
 * exportedAt), then the collections, with the keys of every record in sorted order, so
 * an export → parse → export round trip reproduces the file byte for byte.
 */
import { z } from '../model/zod';
import {
  CompanyEntitySchema,
  DaySchema,
  ModelEntitySchema,
  OrganizationEntitySchema,
  PolicyEntitySchema,
  SlugSchema,
} from '../kb/schema';
import { ClippingSchema, TimestampSchema, type Clipping } from '../model/clipping';
import { HistoryEntrySchema, type HistoryEntry } from '../model/history';
import { SETTINGS_ADDED_LATER, SettingsSchema, type Settings } from '../model/settings';
import type { EntityPref, UserEntity } from '../storage/db';
import { msg, type Message } from '../i18n/message';
import { withOutcome, zodProblems, type Problem } from './problems';

export const BACKUP_FORMAT = 'cnai-backup';
export const BACKUP_SCHEMA_VERSION = 1;

const userFields = {
  /** 'added': created by the user; 'edited': overrides the built-in entity with the same id. */
  origin: z.enum(['added', 'edited']),
  /** For edited copies: the built-in `updated` date the edit started from. */
  baseUpdated: DaySchema.optional(),
};

/** A user's own entity or edited copy of a built-in one (storage/db.ts UserEntity). */
export const UserEntitySchema = z.discriminatedUnion('kind', [
  ModelEntitySchema.extend(userFields),
  CompanyEntitySchema.extend(userFields),
  OrganizationEntitySchema.extend(userFields),
  PolicyEntitySchema.extend(userFields),
]);

/** Per-entity reader choices (storage/db.ts EntityPref). */
export const EntityPrefSchema = z.strictObject({
  id: SlugSchema,
  hidden: z.boolean().optional(),
  muted: z.boolean().optional(),
  hiddenAliases: z.array(z.string().max(200)).max(1000).optional(),
});

export const BackupSchema = z.strictObject({
  format: z.literal(BACKUP_FORMAT),
  schemaVersion: z.literal(BACKUP_SCHEMA_VERSION),
  exportedAt: TimestampSchema,
  clippings: z.array(ClippingSchema),
  userEntities: z.array(UserEntitySchema),
  entityPrefs: z.array(EntityPrefSchema),
  settings: z.optional(SettingsSchema),
  history: z.array(HistoryEntrySchema).optional(),
});

// The schemas must describe exactly the stored types (checked at compile time).
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const _userEntityMatches: Same<z.infer<typeof UserEntitySchema>, UserEntity> = true;
const _entityPrefMatches: Same<z.infer<typeof EntityPrefSchema>, EntityPref> = true;
void _userEntityMatches;
void _entityPrefMatches;

/** What a backup holds. */
export interface BackupData {
  clippings: Clipping[];
  userEntities: UserEntity[];
  entityPrefs: EntityPref[];
  settings?: Settings;
  history?: HistoryEntry[];
}

/** A backup as read back: the data plus its envelope. */
export type Backup = z.infer<typeof BackupSchema>;

const COLLECTIONS = ['clippings', 'userEntities', 'entityPrefs', 'history'] as const;
type CollectionName = (typeof COLLECTIONS)[number];

const RECORD_SCHEMAS: Record<CollectionName, z.ZodType> = {
  clippings: ClippingSchema,
  userEntities: UserEntitySchema,
  entityPrefs: EntityPrefSchema,
  history: HistoryEntrySchema,
};

const RECORD_CODES = {
  clippings: 'problem.record.clipping',
  userEntities: 'problem.record.userEntity',
  entityPrefs: 'problem.record.entityPref',
  history: 'problem.record.historyEntry',
} as const satisfies Record<CollectionName, Message['code']>;

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function sortedKeys(v: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(v).sort()) out[k] = v[k];
  return out;
}

/**
 * The backup file's text. `exportedAt` is the export time (a Date or an ISO timestamp).
 * Records are written as given (not validated: a backup must keep whatever is stored);
 * records that are not valid will be reported when the file is read back.
 */
export function toBackup(data: BackupData, exportedAt: Date | string): string {
  const root: Record<string, unknown> = {
    format: BACKUP_FORMAT,
    schemaVersion: BACKUP_SCHEMA_VERSION,
    exportedAt: typeof exportedAt === 'string' ? exportedAt : exportedAt.toISOString(),
    clippings: data.clippings,
    userEntities: data.userEntities,
    entityPrefs: data.entityPrefs,
  };
  if (data.settings !== undefined) root.settings = data.settings;
  if (data.history !== undefined) root.history = data.history;
  return `${JSON.stringify(root, (key, value: unknown) => (key !== '' && isPlainObject(value) ? sortedKeys(value) : value), 2)}\n`;
}

/** A record that lenient parsing left out, with why. */
export interface RejectedRecord {
  collection: CollectionName | 'settings';
  /** Position in its collection (0-based); 0 for settings. */
  index: number;
  value: unknown;
  problems: Problem[];
}

export type BackupParseResult =
  | {
      ok: true;
      data: Backup;
      /** Lenient mode: the records that were left out. Always empty in strict mode. */
      rejected: RejectedRecord[];
      /** Lenient mode: everything that was left out or ignored. Always empty in strict mode. */
      problems: Problem[];
    }
  | { ok: false; problems: Problem[] };

export interface BackupParseOptions {
  /**
   * 'strict' (default): the whole backup is refused if any record is not valid.
   * 'lenient': valid records are kept, invalid ones are returned in `rejected`.
   */
  mode?: 'strict' | 'lenient';
}

function recordName(collection: CollectionName, index: number, value: unknown): Message {
  const id = isPlainObject(value) ? (collection === 'history' ? value.key : value.id) : undefined;
  const record = msg(RECORD_CODES[collection], { n: index + 1 });
  if (typeof id !== 'string' || !id) return record;
  const short = id.length > 80 ? `${id.slice(0, 77)}…` : id;
  return collection === 'history' ? msg('problem.record.withKey', { record, key: short }) : msg('problem.record.withId', { record, id: short });
}

/** Reads a backup file's text. */
export function parseBackup(text: string, { mode = 'strict' }: BackupParseOptions = {}): BackupParseResult {
  const FILE = msg('problem.record.backupFile');
  let raw: unknown;
  try {
    raw = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    return { ok: false, problems: [{ record: FILE, field: [], message: msg('problem.notJson', { detail: (e as Error).message }) }] };
  }
  if (!isPlainObject(raw)) return { ok: false, problems: [{ record: FILE, field: [], message: msg('problem.backup.notObject') }] };
  if (raw.format !== BACKUP_FORMAT)
    return { ok: false, problems: [{ record: FILE, field: ['format'], message: msg('problem.backup.badFormat', { format: BACKUP_FORMAT }) }] };
  if (typeof raw.schemaVersion === 'number' && raw.schemaVersion > BACKUP_SCHEMA_VERSION)
    return {
      ok: false,
      problems: [
        {
          record: FILE,
          field: ['schemaVersion'],
          message: msg('problem.backup.newerSchema', { version: raw.schemaVersion }),
        },
      ],
    };

  const problems: Problem[] = [];
  const rejected: RejectedRecord[] = [];

  // The envelope: known top-level fields, collections that are lists, a valid export time.
  const envelope = z
    .strictObject({
      format: z.literal(BACKUP_FORMAT),
      schemaVersion: z.literal(BACKUP_SCHEMA_VERSION),
      exportedAt: TimestampSchema,
      clippings: z.array(z.unknown()),
      userEntities: z.array(z.unknown()),
      entityPrefs: z.array(z.unknown()),
      settings: z.unknown().optional(),
      history: z.array(z.unknown()).optional(),
    })
    .safeParse(raw);
  if (!envelope.success) {
    const envProblems = zodProblems(FILE, envelope.error, raw);
    // Lenient mode reads on: unknown fields are ignored, a missing or malformed
    // collection counts as empty, an unreadable export time becomes the epoch.
    if (mode === 'strict') return { ok: false, problems: envProblems };
    // With not one collection, nor settings, there is nothing to salvage: the file is not readable as a backup.
    if (!COLLECTIONS.some((c) => Array.isArray(raw[c])) && raw.settings === undefined)
      return { ok: false, problems: [...envProblems, { record: FILE, field: [], message: msg('problem.backup.nothing') }] };
    problems.push(...envProblems.map((p) => ({ ...p, message: withOutcome('problem.ignored', p.message) })));
  }

  const out: Record<string, unknown> = {
    format: BACKUP_FORMAT,
    schemaVersion: BACKUP_SCHEMA_VERSION,
    exportedAt: TimestampSchema.safeParse(raw.exportedAt).success ? raw.exportedAt : new Date(0).toISOString(),
  };

  for (const collection of COLLECTIONS) {
    const items = raw[collection];
    if (!Array.isArray(items)) {
      if (collection !== 'history') out[collection] = [];
      continue;
    }
    const kept: unknown[] = [];
    items.forEach((value, index) => {
      const r = RECORD_SCHEMAS[collection].safeParse(value);
      if (r.success) kept.push(r.data);
      else {
        const name = recordName(collection, index, value);
        const ps = zodProblems(name, r.error, value);
        rejected.push({ collection, index, value, problems: ps });
        problems.push(...ps);
      }
    });
    out[collection] = kept;
  }

  if (raw.settings !== undefined) {
    // A backup from before a setting existed lacks it: it takes its default. Every value the
    // file has is still checked, and any other missing setting still refuses it.
    const given = raw.settings;
    const r = SettingsSchema.safeParse(given && typeof given === 'object' && !Array.isArray(given) ? { ...SETTINGS_ADDED_LATER, ...given } : given);
    if (r.success) out.settings = r.data;
    else {
      const ps = zodProblems(msg('problem.record.settings'), r.error, raw.settings);
      rejected.push({ collection: 'settings', index: 0, value: raw.settings, problems: ps });
      problems.push(...ps);
    }
  }

  if (mode === 'strict' && problems.length) return { ok: false, problems };
  // Field order as in the schema (settings/history only when present).
  const data = {
    format: out.format,
    schemaVersion: out.schemaVersion,
    exportedAt: out.exportedAt,
    clippings: out.clippings,
    userEntities: out.userEntities,
    entityPrefs: out.entityPrefs,
    ...(out.settings !== undefined ? { settings: out.settings } : {}),
    ...(out.history !== undefined ? { history: out.history } : {}),
  } as Backup;
  return { ok: true, data, rejected, problems: mode === 'strict' ? [] : problems };
}

