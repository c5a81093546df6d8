import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing';
import { SummaryReporter } from './tests/summary-reporter';

// `npm test` runs both projects: unit (Node, fake IndexedDB, fake browser) and
// browser (the built extension in Debian's Chromium).
export default defineConfig({
  test: {
    reporters: ['default', new SummaryReporter()],
    projects: [
      {
        plugins: [WxtVitest()],
        test: {
          name: 'unit',
          include: ['tests/unit/**/*.test.{ts,tsx}'],
          environment: 'node',
          setupFiles: ['fake-indexeddb/auto'],
          // A guard against hangs, not a speed limit. A failing property test spends seconds
          // shrinking its counterexample: under the default 5 s, a clean-clone CI run reported
          // a timeout and hid the failure (a backup round trip, since fixed).
          testTimeout: 30_000,
        },
      },
      {
        test: {
          name: 'browser',
          include: ['tests/browser/**/*.test.ts'],
          environment: 'node',
          testTimeout: 90_000,
          hookTimeout: 90_000,
          fileParallelism: false,
          pool: 'forks',
        },
      },
    ],
  },
});
