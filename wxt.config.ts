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
    permissions: ['storage', 'unlimitedStorage', 'contextMenus'],
    action: { default_title: 'CN AI Context' },
    commands: {
      'next-mention': { suggested_key: { default: 'Alt+Shift+N' }, description: 'Go to the next highlighted mention and open its card' },
      'previous-mention': { suggested_key: { default: 'Alt+Shift+P' }, description: 'Go to the previous highlighted mention and open its card' },
      'save-clipping': { suggested_key: { default: 'Alt+Shift+S' }, description: 'Save the selected text as a clipping' },
    },
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            // Nothing is collected or sent anywhere (Firefox's built-in data consent).
            gecko: { id: 'cnai-context@example.org', strict_min_version: '140.0', data_collection_permissions: { required: ['none'] } },
          },
        }
      : {}),
  }),
});
