/**
 * Prints one closing line "Summary: N passed, N failed, N skipped" that CI and humans
 * can read regardless of the reporter in use.
 */
import type { Reporter, TestModule } from 'vitest/node';

export class SummaryReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>, unhandledErrors: ReadonlyArray<unknown>): void {
    let passed = 0;
    let failed = unhandledErrors.length;
    let skipped = 0;
    for (const m of testModules) {
      let testsFailed = 0;
      for (const t of m.children.allTests()) {
        const s = t.result().state;
        if (s === 'passed') passed++;
        else if (s === 'failed') testsFailed++;
        else skipped++;
      }
      // A file that failed with no failed test (an import error, a failed beforeAll that
      // left every test skipped) counts once: "0 failed" would hide it.
      failed += testsFailed || (m.state() === 'failed' ? 1 : 0);
    }
    process.stdout.write(`\nSummary: ${passed} passed, ${failed} failed, ${skipped} skipped\n`);
  }
}
