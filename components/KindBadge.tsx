import type { EntityKind } from '../kb/schema';
import { KIND_LABELS } from './relations';

export function KindBadge({ kind }: { kind: EntityKind }) {
  return <span class={`kind-badge kind-${kind}`}>{KIND_LABELS[kind]}</span>;
}
