/** The four kinds of entities (no schema library: the content script's core imports this). */
export const ENTITY_KINDS = ['model', 'company', 'organization', 'policy'] as const;
export type EntityKind = (typeof ENTITY_KINDS)[number];
