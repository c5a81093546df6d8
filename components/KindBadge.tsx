import type { EntityKind } from '../kb/schema';
import { kindLabel } from './relations';

export function KindBadge({ kind }: { kind: EntityKind }) {
  return <span class={`kind-badge kind-${kind}`}>{kindLabel(kind)}</span>;
}
