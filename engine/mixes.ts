/**
 * The texts made by joining `pieces` with one of two strings at each joint (`joint(j,
 * second)` gives joint j's first or second string): every combination for up to three
 * joints; beyond that, only the two where every joint takes the same. The alias
 * spellings (engine/spellings.ts, engine/regional.ts) are made this way.
 */
export function mixes(pieces: readonly string[], joint: (j: number, second: boolean) => string): Set<string> {
  const joints = pieces.length - 1;
  const join = (second: (j: number) => boolean) => pieces.reduce((acc, piece, j) => (j === 0 ? piece : acc + joint(j - 1, second(j - 1)) + piece), '');
  const forms = new Set<string>();
  if (joints <= 3) for (let mask = 0; mask < 1 << joints; mask++) forms.add(join((j) => ((mask >> j) & 1) === 1));
  else {
    forms.add(join(() => false));
    forms.add(join(() => true));
  }
  return forms;
}
