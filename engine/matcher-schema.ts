/**
 * Shape check for matcher data read back from extension storage, on every page load.
 * Hand-written rather than a Zod schema: the data is megabytes of base64, and a
 * schema's string checks over them cost more than the page scan itself. A corrupt or
 * outdated value is rejected (the content script then waits for a fresh one).
 */
import { ENTITY_KINDS } from '../kb/schema';
import { MATCHER_FORMAT, type MatcherData } from './compile';
import { packedShapeOk } from './patterns';

const AUTOMATON_FIELDS = ['edgeStart', 'edgeClass', 'edgeTarget', 'fail', 'outGroup', 'dictLink', 'groupLength', 'denseRow', 'dense'] as const;
const KINDS = new Set<string>(ENTITY_KINDS);

const isInt = (x: unknown): x is number => typeof x === 'number' && Number.isInteger(x);

export function parseMatcherData(raw: unknown): MatcherData | undefined {
  if (!raw || typeof raw !== 'object') return undefined;
  const d = raw as Record<string, unknown>;
  if (d.format !== MATCHER_FORMAT) return undefined;
  if (!Array.isArray(d.ids) || !d.ids.every((x) => typeof x === 'string')) return undefined;
  if (!Array.isArray(d.kinds) || d.kinds.length !== d.ids.length || !d.kinds.every((k) => KINDS.has(k as string))) return undefined;
  // Lengths only here; index ranges are checked when the matcher decodes them.
  if (!packedShapeOk(d.patterns)) return undefined;
  const a = d.automaton as Record<string, unknown> | undefined;
  if (!a || typeof a !== 'object' || typeof a.alphabet !== 'string' || !isInt(a.latin)) return undefined;
  // Base64 strings: type and length only (decoding validates the rest).
  for (const f of AUTOMATON_FIELDS) if (typeof a[f] !== 'string' || (a[f] as string).length % 4 !== 0) return undefined;
  return raw as MatcherData;
}
