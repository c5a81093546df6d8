/**
 * The knowledge-base schema: one source of truth for types, validation of the
 * built-in pack, and import of user packs. Pure (no browser API).
 *
 * ## Aliases and ambiguity
 * Every alias is a surface form that real text uses for the entity. An alias is
 * highlighted wherever it occurs, subject to these rules:
 * - Latin-script aliases match only at word boundaries; Chinese aliases match
 *   inside running text.
 * - `caseSensitive: true` — the text must match the alias's letter case exactly
 *   (used for abbreviations such as "CAC" and for names that are ordinary words
 *   in lower case). Otherwise case is ignored.
 * - `context: [...]` — the alias is an everyday word, a person's name, or the name
 *   of something else (Kimi, Spark, 豆包, 元宝). It counts only when the same page
 *   also mentions, through an alias *without* a context requirement, the alias's
 *   own entity or one of the listed entities, or of an entity that belongs to one of
 *   them (a model of that family or maker, a policy of that issuer, a subsidiary:
 *   engine/compile.ts VOUCHING). `context: []` means "only its own entity" (and what
 *   belongs to it). Example: "Kimi" needs `moonshot-ai`; "Moonshot AI released Kimi K2"
 *   highlights both, "Kimi Antonelli drove for Mercedes" highlights nothing.
 * - `shared: true` — the same alias (after normalization) is deliberately claimed
 *   by more than one entity. Every claim of a shared alias must carry a `context`;
 *   where several claims have their context on the page, the first entity in pack
 *   order wins.
 * - `versioned: true` — a version suffix that directly follows the alias ("Qwen" →
 *   "Qwen2.5-72B-Instruct", "DeepSeek-R1" → "DeepSeek-R1-0528") is part of the mention,
 *   which resolves to this entity unless a more specific alias matches (the longer
 *   alias wins a tie). Every alias of a model is versioned; set it on other kinds
 *   only where versions follow the name.
 * - `freeWithVersion: true` — with a version after it ("Kling 2.1", "豆包1.6", "Vidu Q1")
 *   the alias needs no context: a name with a version number is the model, whatever
 *   else the page names. For versioned aliases with a context whose other meanings never
 *   take a version (not "Spark": Apache Spark 3.5).
 * - `notPrecededBy` / `notFollowedBy` — words that, directly before or after the alias,
 *   show it means something else ("Apache" Spark, "Mr" Wan, Yi "Jianlian"). Compared
 *   after normalization, whole words only (a word that ends or starts with punctuation
 *   needs no boundary on that side), with spaces or one dash between at most (and, before
 *   the alias, a period: "Mr. Wan").
 * - `exceptPrecededBy` / `exceptFollowedBy` — longer words that contain a notPrecededBy
 *   (notFollowedBy) word at their end (start) and leave the alias its meaning: 华为 is not
 *   preceded by 清 (清华为: Tsinghua, then 为) except in 澄清 (澄清华为: Huawei); 北京大学 is
 *   not followed by 生 (北京大学生: college students in Beijing) except in 生命 or 生成式.
 * - `unlessPageSays` — veto words: while the page (anywhere in its text) says one of
 *   them, the alias does not count, as if it were not written. For a name that a page of
 *   another place uses for something else: 清華大學 on a page that says 國立清華大學 is
 *   National Tsing Hua University in Hsinchu, not Tsinghua in Beijing. Found like aliases
 *   (normalized; Latin words whole) but never highlighted; where one overlaps an alias,
 *   the longer wins, as between aliases. A veto word must not be an alias itself.
 */
import { z } from '../model/zod';
import { lazySchema } from '../model/lazy-schema';
import { ENTITY_KINDS, type EntityKind } from './kinds';
import { ISSUE } from '../model/issues';

export { ENTITY_KINDS, type EntityKind };
export const EntityKindSchema = lazySchema(() => z.enum(ENTITY_KINDS));

export const SlugSchema = lazySchema(() =>
  z
    .string()
    .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, ISSUE.slug)
    .max(80),
);

/** A calendar date at the precision the source gives: YYYY, YYYY-MM or YYYY-MM-DD. */
export const PartialDateSchema = lazySchema(() =>
  z
    .string()
    .regex(/^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$/, ISSUE.partialDate),
);

export const DaySchema = lazySchema(() =>
  z
    .string()
    .regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, ISSUE.day),
);

/** Links from the knowledge base or from imports: only http(s), never javascript: or data:. */
export const HttpUrlSchema = lazySchema(() =>
  z
    .string()
    .max(2000)
    .refine((u) => {
      try {
        const url = new URL(u);
        return url.protocol === 'http:' || url.protocol === 'https:';
      } catch {
        return false;
      }
    }, ISSUE.httpUrl),
);

export const ALIAS_LANGS = ['en', 'zh-Hans', 'zh-Hant', 'zh', 'other'] as const;

export const AliasSchema = lazySchema(() =>
  z.strictObject({
    text: z.string().trim().min(1, ISSUE.notEmpty).max(200),
    /** en: Latin-script English or transliteration; zh-Hans / zh-Hant: simplified /
     * traditional Chinese; zh: Chinese text identical in both scripts; other. */
    lang: z.enum(ALIAS_LANGS),
    caseSensitive: z.boolean().optional(),
    context: z.array(SlugSchema).optional(),
    shared: z.boolean().optional(),
    versioned: z.boolean().optional(),
    freeWithVersion: z.boolean().optional(),
    notPrecededBy: z.array(z.string().trim().min(1).max(60)).max(200).optional(),
    notFollowedBy: z.array(z.string().trim().min(1).max(60)).max(200).optional(),
    exceptPrecededBy: z.array(z.string().trim().min(1).max(60)).max(200).optional(),
    exceptFollowedBy: z.array(z.string().trim().min(1).max(60)).max(200).optional(),
    unlessPageSays: z.array(z.string().trim().min(1).max(60)).max(50).optional(),
  }),
);
export type Alias = z.infer<typeof AliasSchema>;

export const NamesSchema = lazySchema(() =>
  z.strictObject({
    en: z.string().trim().min(1, ISSUE.notEmpty).max(200),
    zhHans: z.string().trim().min(1).max(200).optional(),
    zhHant: z.string().trim().min(1).max(200).optional(),
  }),
);

export const SourceSchema = lazySchema(() =>
  z.strictObject({
    title: z.string().trim().min(1, ISSUE.notEmpty).max(400),
    publisher: z.string().trim().min(1, ISSUE.notEmpty).max(200),
    date: PartialDateSchema.optional(),
    url: HttpUrlSchema.optional(),
  }),
);
export type Source = z.infer<typeof SourceSchema>;

export const RELATION_TYPES = [
  'developed_by',
  'issued_by',
  'based_on',
  'successor_of',
  'part_of',
  'regulates',
  'invests_in',
] as const;
export type RelationType = (typeof RELATION_TYPES)[number];

export const RelationSchema = lazySchema(() =>
  z.strictObject({
    type: z.enum(RELATION_TYPES),
    target: SlugSchema,
    note: z.string().max(300).optional(),
  }),
);
export type Relation = z.infer<typeof RelationSchema>;

export const MODALITIES = ['text', 'image', 'video', 'audio', 'speech', 'code', 'vision', 'multimodal', 'protein', 'weather', 'game'] as const;

export const ModelFactsSchema = lazySchema(() =>
  z.strictObject({
    /** First public release (announcement or open-sourcing), as precise as the source. */
    released: PartialDateSchema.optional(),
    /** Display name of the model family, e.g. "GLM", "Qwen". */
    family: z.string().max(100).optional(),
    versions: z.array(z.string().max(100)).optional(),
    openWeights: z.boolean().optional(),
    modality: z.array(z.enum(MODALITIES)).optional(),
    parameters: z.string().max(100).optional(),
  }),
);

export const CompanyFactsSchema = lazySchema(() =>
  z.strictObject({
    headquarters: z.string().max(100).optional(),
    founded: PartialDateSchema.optional(),
  }),
);

export const ORG_TYPES = [
  'regulator',
  'ministry',
  'government',
  'university',
  'lab',
  'research-institute',
  'standards-body',
  'think-tank',
  'industry-association',
  'media',
  'other',
] as const;

export const OrganizationFactsSchema = lazySchema(() =>
  z.strictObject({
    orgType: z.enum(ORG_TYPES),
    headquarters: z.string().max(100).optional(),
    founded: PartialDateSchema.optional(),
  }),
);

/** expired: a time-limited measure whose period ended without renewal. */
export const POLICY_STATUSES = ['draft', 'in-force', 'superseded', 'repealed', 'expired', 'announced'] as const;
export const POLICY_TYPES = [
  'law',
  'regulation',
  'departmental-rule',
  'measures',
  'plan',
  'standard',
  'guideline',
  'initiative',
  'notice',
  'local-measures',
] as const;

export const PolicyFactsSchema = lazySchema(() =>
  z.strictObject({
    status: z.enum(POLICY_STATUSES),
    policyType: z.enum(POLICY_TYPES).optional(),
    published: PartialDateSchema.optional(),
    effective: PartialDateSchema.optional(),
    /** Official Chinese title, e.g. 生成式人工智能服务管理暂行办法. */
    titleZh: z.string().max(300).optional(),
  }),
);

/** Fields every entity has (a function: schemas are built on first use). */
const entityBase = () => ({
  id: SlugSchema,
  name: NamesSchema,
  aliases: z.array(AliasSchema).min(1, ISSUE.needsAlias),
  summary: z
    .string()
    .trim()
    .min(10, ISSUE.summary)
    .max(700, ISSUE.summaryLong),
  relations: z.array(RelationSchema).default([]),
  sources: z.array(SourceSchema).min(1, ISSUE.needsSource),
  updated: DaySchema,
});

export const ModelEntitySchema = lazySchema(() => z.strictObject({ ...entityBase(), kind: z.literal('model'), facts: ModelFactsSchema.default({}) }));
export const CompanyEntitySchema = lazySchema(() => z.strictObject({ ...entityBase(), kind: z.literal('company'), facts: CompanyFactsSchema.default({}) }));
export const OrganizationEntitySchema = lazySchema(() => z.strictObject({ ...entityBase(), kind: z.literal('organization'), facts: OrganizationFactsSchema }));
export const PolicyEntitySchema = lazySchema(() => z.strictObject({ ...entityBase(), kind: z.literal('policy'), facts: PolicyFactsSchema }));

export const EntitySchema = lazySchema(() =>
  z.discriminatedUnion('kind', [
    ModelEntitySchema,
    CompanyEntitySchema,
    OrganizationEntitySchema,
    PolicyEntitySchema,
  ]),
);
export type Entity = z.infer<typeof EntitySchema>;

/** A whole knowledge pack, as imported and exported. */
export const PackSchema = lazySchema(() =>
  z.strictObject({
    format: z.literal('cnai-knowledge-pack'),
    version: z.string().min(1).max(50),
    entities: z.array(EntitySchema),
  }),
);
export type Pack = z.infer<typeof PackSchema>;
