/**
 * Checks the built-in knowledge pack: schema, integrity and coverage statistics.
 * Run: npm run kb:check
 */
import { loadBuiltinPack } from '../kb/builtin';
import { formatProblem } from '../kb/validate';
import { compileMatcher } from '../engine/compile';

const { entities, problems } = loadBuiltinPack();
const byKind: Record<string, number> = {};
let aliases = 0;
for (const e of entities) {
  byKind[e.kind] = (byKind[e.kind] ?? 0) + 1;
  aliases += e.aliases.length;
}
console.log(`entities: ${entities.length} ${JSON.stringify(byKind)}; aliases: ${aliases}`);
if (problems.length) {
  console.log(`\n${problems.length} problem(s):`);
  for (const p of problems) console.log(`  - ${formatProblem(p)}`);
  process.exit(1);
}
const { stats } = compileMatcher(entities);
console.log(`compiled: ${stats.patterns} patterns in ${stats.groups} automaton groups`);
console.log('OK');
