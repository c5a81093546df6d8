/** Reading and writing the dates that import/export files carry. Pure. */

const ISO_LIKE =
  /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?\s*(Z|UTC|GMT|[+-]\d{2}(?::?\d{2})?)?$/i;
const SLASHED = /^(\d{4})\/(\d{1,2})\/(\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;

/**
 * A date written as YYYY-MM-DD, "YYYY-MM-DD HH:MM[:SS[.fff]]", ISO 8601 with "T",
 * optionally with Z, "UTC" or an offset such as +08:00 or +0800; also YYYY/MM/DD [HH:MM[:SS]].
 * Without a zone the time is read as UTC. Undefined when the text is not such a date.
 */
export function parseDate(text: string): Date | undefined {
  const s = text.trim();
  const iso = ISO_LIKE.exec(s);
  const m = iso ?? SLASHED.exec(s);
  if (!m) return undefined;
  const [y, mo, d, h = '0', mi = '0', sec = '0'] = [m[1]!, m[2]!, m[3]!, m[4], m[5], m[6]];
  const frac = iso?.[7];
  const zone = iso?.[8];
  const ms = frac ? Math.floor(Number(`0.${frac}`) * 1000) : 0;
  const [Y, Mo, D, H, Mi, S] = [y, mo, d, h, mi, sec].map(Number) as [number, number, number, number, number, number];
  if (Mo < 1 || Mo > 12 || D < 1 || D > 31 || H > 23 || Mi > 59 || S > 60) return undefined;
  let t = Date.UTC(Y, Mo - 1, D, H, Mi, Math.min(S, 59), ms);
  const check = new Date(Date.UTC(Y, Mo - 1, D));
  if (check.getUTCMonth() !== Mo - 1 || check.getUTCDate() !== D) return undefined; // e.g. 2026-02-30
  if (zone && /^[+-]/.test(zone)) {
    const z = zone.replace(':', '');
    const sign = z[0] === '-' ? -1 : 1;
    const zh = Number(z.slice(1, 3));
    const zm = z.length > 3 ? Number(z.slice(3, 5)) : 0;
    if (zh > 23 || zm > 59) return undefined;
    t -= sign * (zh * 60 + zm) * 60_000;
  }
  const out = new Date(t);
  return Number.isNaN(out.getTime()) ? undefined : out;
}

/** Any timestamp a foreign file may hold (ISO 8601 with microseconds, offsets…), as a Date. */
export function parseTimestamp(value: unknown): Date | undefined {
  if (typeof value !== 'string' || !value.trim()) return undefined;
  return parseDate(value);
}

/** "YYYY-MM-DD HH:MM:SS" in UTC, as Readwise's CSV import reads dates. */
export function readwiseDate(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  return d.toISOString().slice(0, 19).replace('T', ' ');
}
