import { defineConfig } from 'wxt';
import preact from '@preact/preset-vite';

// See https://wxt.dev/api/config.html
export default defineConfig({
  srcDir: '.',
  entrypointsDir: 'entrypoints',
  outDir: '.output',
  vite: () => ({
    plugins: [preact()],
    build: { target: 'es2022' },
  }),
  manifest: ({ browser }) => ({
    name: 'CN AI Context',
    description: 'Inline, sourced context on Chinese AI models, companies, organizations and policies in the news you read.',
    permissions: ['storage', 'unlimitedStorage'],
    action: { default_title: 'CN AI Context' },
    ...(browser === 'firefox'
      ? { browser_specific_settings: { gecko: { id: 'cnai-context@example.org', strict_min_version: '128.0' } } }
      : {}),
  }),
});
