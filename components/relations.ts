/** Labels for relations, in both directions, and the key facts shown for an entity. */
import type { Entity, EntityKind, RelationType } from '../kb/schema';

export const KIND_LABELS: Record<EntityKind, string> = {
  model: 'Model',
  company: 'Company',
  organization: 'Organization',
  policy: 'Policy',
};

export const KIND_PLURALS: Record<EntityKind, string> = {
  model: 'Models',
  company: 'Companies',
  organization: 'Organizations',
  policy: 'Policies',
};

export const RELATION_LABELS: Record<RelationType, { out: string; in: string }> = {
  developed_by: { out: 'Developed by', in: 'Developed' },
  issued_by: { out: 'Issued by', in: 'Issued' },
  based_on: { out: 'Based on', in: 'Basis of' },
  successor_of: { out: 'Successor of', in: 'Succeeded by' },
  part_of: { out: 'Part of', in: 'Includes' },
  regulates: { out: 'Regulates', in: 'Regulated by' },
  invests_in: { out: 'Invests in', in: 'Investors' },
};

export interface Fact {
  label: string;
  value: string;
}

const STATUS_LABELS: Record<string, string> = {
  draft: 'Draft',
  'in-force': 'In force',
  superseded: 'Superseded',
  repealed: 'Repealed',
  announced: 'Announced',
};

/** Kind-specific facts as label/value pairs, in display order. Relations are shown separately. */
export function keyFacts(entity: Entity): Fact[] {
  const out: Fact[] = [];
  const push = (label: string, value: string | undefined) => {
    if (value) out.push({ label, value });
  };
  switch (entity.kind) {
    case 'model': {
      const f = entity.facts;
      push('Released', f.released);
      push('Family', f.family);
      push('Parameters', f.parameters);
      if (f.openWeights !== undefined) push('Open weights', f.openWeights ? 'Yes' : 'No');
      push('Modality', f.modality?.join(', '));
      push('Versions', f.versions?.join(', '));
      break;
    }
    case 'company':
      push('Headquarters', entity.facts.headquarters);
      push('Founded', entity.facts.founded);
      break;
    case 'organization':
      push('Type', entity.facts.orgType.replace(/-/g, ' '));
      push('Headquarters', entity.facts.headquarters);
      push('Founded', entity.facts.founded);
      break;
    case 'policy': {
      const f = entity.facts;
      push('Status', STATUS_LABELS[f.status]);
      push('Type', f.policyType?.replace(/-/g, ' '));
      push('Published', f.published);
      push('Effective', f.effective);
      push('Chinese title', f.titleZh);
      break;
    }
  }
  return out;
}

/** The Chinese name to show next to the English one (simplified, else traditional). */
export function chineseName(entity: Pick<Entity, 'name'>): string | undefined {
  return entity.name.zhHans ?? entity.name.zhHant;
}

/** Only http(s) links are ever rendered. */
export function safeHref(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    const u = new URL(url);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.toString() : undefined;
  } catch {
    return undefined;
  }
}
