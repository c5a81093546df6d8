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
          // A guard against hangs, not a speed limit: unit tests share the 2 cores with the
          // browser project, and a property test over fake IndexedDB that takes 0.4 s alone
          // took over 5 s (the default) once in a clean-clone CI run.
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
