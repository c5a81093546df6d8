/** Labels for kinds and relations (both directions), and the key facts shown for an entity. */
import type { Entity, EntityKind, RelationType } from '../kb/schema';
import { currentChineseScript, t, type ChineseScript, type MessageKey } from '../i18n';

export const kindLabel = (kind: EntityKind) => t(`kind.${kind}` as MessageKey);
export const kindPlural = (kind: EntityKind) => t(`kinds.${kind}` as MessageKey);
export const relationLabel = (type: RelationType, dir: 'out' | 'in') => t(`rel.${type}.${dir}` as MessageKey);

export interface Fact {
  label: string;
  value: string;
}

/** Kind-specific facts as label/value pairs, in display order. Relations are shown separately. */
export function keyFacts(entity: Entity): Fact[] {
  const out: Fact[] = [];
  const push = (label: MessageKey, value: string | undefined) => {
    if (value) out.push({ label: t(label), value });
  };
  switch (entity.kind) {
    case 'model': {
      const f = entity.facts;
      push('fact.released', f.released);
      push('fact.family', f.family);
      push('fact.parameters', f.parameters);
      if (f.openWeights !== undefined) push('fact.openWeights', t(f.openWeights ? 'yes' : 'no'));
      push('fact.modality', f.modality?.join(', '));
      push('fact.versions', f.versions?.join(', '));
      break;
    }
    case 'company':
      push('fact.headquarters', entity.facts.headquarters);
      push('fact.founded', entity.facts.founded);
      break;
    case 'organization':
      push('fact.type', entity.facts.orgType.replace(/-/g, ' '));
      push('fact.headquarters', entity.facts.headquarters);
      push('fact.founded', entity.facts.founded);
      break;
    case 'policy': {
      const f = entity.facts;
      push('fact.status', t(`status.${f.status}` as MessageKey));
      push('fact.type', f.policyType?.replace(/-/g, ' '));
      push('fact.published', f.published);
      push('fact.effective', f.effective);
      push('fact.titleZh', f.titleZh);
      break;
    }
  }
  return out;
}

/**
 * The Chinese name to show next to the English one, in the reader's script
 * (settings: `chineseScript`) where the entity has it, else in the other.
 */
export function chineseName(entity: Pick<Entity, 'name'>, script: ChineseScript = currentChineseScript()): { text: string; lang: ChineseScript } | undefined {
  const { zhHans, zhHant } = entity.name;
  const [first, second]: [string | undefined, string | undefined] = script === 'zh-Hant' ? [zhHant, zhHans] : [zhHans, zhHant];
  if (first) return { text: first, lang: script };
  if (second) return { text: second, lang: script === 'zh-Hant' ? 'zh-Hans' : 'zh-Hant' };
  return undefined;
}

/** An entity's name for a list or a chip: the English one, and the Chinese one in the reader's script ("Zhipu AI (智谱AI)"). */
export function entityLabel(entity: Pick<Entity, 'name'>): string {
  const zh = chineseName(entity);
  return zh && zh.text !== entity.name.en ? `${entity.name.en} (${zh.text})` : entity.name.en;
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
