/**
 * The closing "Summary:" line CI and readers go by: a file that failed without a failed
 * test (a failed beforeAll leaves its tests skipped; an import error leaves none) must
 * show as failed, not as "0 failed".
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { TestModule } from 'vitest/node';
import { SummaryReporter } from '../../summary-reporter';

const file = (state: 'passed' | 'failed' | 'skipped', tests: ('passed' | 'failed' | 'skipped')[]) =>
  ({ state: () => state, children: { allTests: () => tests.map((s) => ({ result: () => ({ state: s }) })) } }) as unknown as TestModule;

function summary(files: TestModule[], unhandled: unknown[] = []): string {
  const write = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
  new SummaryReporter().onTestRunEnd(files, unhandled);
  const out = String(write.mock.calls[0]?.[0]);
  write.mockRestore();
  return out.trim();
}

describe('SummaryReporter', () => {
  afterEach(() => vi.restoreAllMocks());

  it('counts passed, failed and skipped tests', () => {
    expect(summary([file('passed', ['passed', 'passed', 'skipped']), file('failed', ['passed', 'failed', 'failed'])])).toBe('Summary: 3 passed, 2 failed, 1 skipped');
  });

  it('counts a file whose beforeAll failed (every test skipped) as one failure', () => {
    expect(summary([file('failed', ['skipped', 'skipped', 'skipped', 'skipped']), file('passed', ['passed'])])).toBe('Summary: 1 passed, 1 failed, 4 skipped');
  });

  it('counts a file that failed to load (no tests) and unhandled errors', () => {
    expect(summary([file('failed', [])], [new Error('boom')])).toBe('Summary: 0 passed, 2 failed, 0 skipped');
  });

  it('does not count a skipped file as failed', () => {
    expect(summary([file('skipped', [])])).toBe('Summary: 0 passed, 0 failed, 0 skipped');
  });
});
