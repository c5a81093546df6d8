/** Highlight styles for the reader's chosen colours (a translucent fill; no decoration, see highlights.css). */
import { ENTITY_KINDS, type EntityKind } from '../kb/kinds';
import { DEFAULT_COLORS } from '../model/settings';

function rgb(hex: string): [number, number, number] {
  const n = Number.parseInt(hex.slice(1), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

/** CSS overriding the manifest's default highlight colours; empty when all are defaults. */
export function colorOverrideCss(colors: Record<EntityKind, string>): string {
  return ENTITY_KINDS.filter((k) => colors[k].toLowerCase() !== DEFAULT_COLORS[k].toLowerCase())
    .map((k) => {
      const [r, g, b] = rgb(colors[k]);
      return `::highlight(cnai-${k}){background-color:rgba(${r},${g},${b},0.3);}`;
    })
    .join('\n');
}
