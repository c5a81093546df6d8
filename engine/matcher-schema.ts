/**
 * Shape check for matcher data read back from extension storage, on every page load.
 * Hand-written rather than a Zod schema: the data is megabytes of base64, and a
 * schema's string checks over them cost more than the page scan itself. A corrupt or
 * outdated value is rejected (the content script then waits for a fresh one).
 */
import { ENTITY_KINDS } from '../kb/kinds';
import { SERIALIZED_AUTOMATON_FIELDS } from './automaton';
import { base64ByteLength } from './base64';
import { WIDTHS, type Width } from './narrow';
import { MATCHER_FORMAT, type MatcherData } from './compile';
import { NARROW_PATTERN_FIELDS, type PackedPatterns } from './patterns';

const KINDS = new Set<string>(ENTITY_KINDS);

const isInt = (x: unknown): x is number => typeof x === 'number' && Number.isInteger(x);
const isStrings = (x: unknown) => x === undefined || (Array.isArray(x) && x.every((w) => typeof w === 'string'));
/** A base64 field: type and length only (decoding validates the rest). */
const isBase64 = (x: unknown): x is string => typeof x === 'string' && x.length % 4 === 0;

function isExtrasEntry(x: unknown): boolean {
  if (!Array.isArray(x) || x.length !== 2 || !isInt(x[0]) || !x[1] || typeof x[1] !== 'object') return false;
  const { c, k, nb, na, xb, xa, u } = x[1] as Record<string, unknown>;
  const isList = (i: unknown) => i === undefined || isInt(i);
  return (c === undefined || (Array.isArray(c) && c.every(isInt))) && (u === undefined || (Array.isArray(u) && u.every(isInt))) && (k === undefined || typeof k === 'string') && isList(nb) && isList(na) && isList(xb) && isList(xa);
}

/** The packed patterns' types and lengths (index ranges are checked by PatternTable). */
function isPackedPatterns(p: unknown): p is PackedPatterns {
  if (!p || typeof p !== 'object') return false;
  const d = p as Record<string, unknown>;
  const n = d.count;
  if (!isInt(n) || n < 0) return false;
  if (d.markerStart !== undefined && !(isInt(d.markerStart) && d.markerStart >= 0 && d.markerStart <= n)) return false;
  const w = d.widths as Record<string, unknown> | undefined;
  if (!w || typeof w !== 'object' || !NARROW_PATTERN_FIELDS.every((f) => WIDTHS.includes(w[f] as Width))) return false;
  if (!isBase64(d.entity) || !isBase64(d.flags) || !isBase64(d.groupStart) || !isBase64(d.groupItems)) return false;
  const width = w as Record<(typeof NARROW_PATTERN_FIELDS)[number], Width>;
  if (base64ByteLength(d.entity) !== n * width.entity || base64ByteLength(d.flags) !== n) return false;
  const starts = base64ByteLength(d.groupStart);
  if (starts < width.groupStart || starts % width.groupStart !== 0 || base64ByteLength(d.groupItems) % width.groupItems !== 0) return false;
  return Array.isArray(d.extras) && d.extras.every(isExtrasEntry) && Array.isArray(d.words) && d.words.every((w) => Array.isArray(w) && isStrings(w));
}

export function parseMatcherData(raw: unknown): MatcherData | undefined {
  if (!raw || typeof raw !== 'object') return undefined;
  const d = raw as Record<string, unknown>;
  if (d.format !== MATCHER_FORMAT) return undefined;
  if (!Array.isArray(d.ids) || !d.ids.every((x) => typeof x === 'string')) return undefined;
  if (!Array.isArray(d.kinds) || d.kinds.length !== d.ids.length || !d.kinds.every((k) => KINDS.has(k as string))) return undefined;
  // Lengths only here; index ranges are checked when the matcher decodes them.
  if (!isPackedPatterns(d.patterns)) return undefined;
  if (!Array.isArray(d.vouches) || !d.vouches.every((v) => Array.isArray(v) && v.length === 2 && isInt(v[0]) && Array.isArray(v[1]) && v[1].every(isInt))) return undefined;
  const a = d.automaton as Record<string, unknown> | undefined;
  if (!a || typeof a !== 'object' || typeof a.alphabet !== 'string' || !isInt(a.latin)) return undefined;
  const widths = a.widths as Record<string, unknown> | undefined;
  if (!widths || typeof widths !== 'object') return undefined;
  for (const f of SERIALIZED_AUTOMATON_FIELDS) if (!isBase64(a[f]) || !WIDTHS.includes(widths[f] as Width)) return undefined;
  return raw as MatcherData;
}
