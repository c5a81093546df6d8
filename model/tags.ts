/**
 * Tags are compared without letter case ("AI" and "ai" are one tag), and the library
 * keeps one spelling of each: the one already in use. Pure.
 */

/** What two tags are compared by. */
export function tagKey(tag: string): string {
  return tag.normalize('NFC').trim().toLowerCase();
}

/**
 * The library's spelling of each tag (by tagKey): the one on the earliest-created clipping
 * that has it (of two created at once, the one met first).
 */
export function tagSpellings(clippings: Iterable<{ tags: readonly string[]; created: string }>): Map<string, string> {
  const spelling = new Map<string, { tag: string; created: string }>();
  for (const c of clippings)
    for (const t of c.tags) {
      const k = tagKey(t);
      const seen = spelling.get(k);
      if (!seen || c.created < seen.created) spelling.set(k, { tag: t, created: c.created });
    }
  return new Map([...spelling].map(([k, v]) => [k, v.tag]));
}

/**
 * The tags trimmed, without empty ones or repeats (letter case aside), each written as
 * `spellingOf` gives it (a spelling already in use), else as typed.
 */
export function uniqueTags(tags: readonly string[], spellingOf: (key: string) => string | undefined = () => undefined): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const raw of tags) {
    const t = raw.trim();
    if (!t) continue;
    const key = tagKey(t);
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(spellingOf(key) ?? t);
  }
  return out;
}
