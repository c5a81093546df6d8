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
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'en',
    // webRequest (with the sites' host permissions, which the content script's matches
    // already imply) only reads navigation responses' Content-Security-Policy headers:
    // see background/frame-policies.ts.
    permissions: ['storage', 'unlimitedStorage', 'contextMenus', 'webRequest', 'scripting'],
    host_permissions: ['http://*/*', 'https://*/*'],
    action: { default_title: '__MSG_extName__' },
    // The content script's application (entrypoints/content-app.ts), which the content
    // script imports: an imported module is compiled off the page's main thread. Chromium
    // serves it under a per-session URL, so pages cannot probe for the extension by it;
    // Firefox's extension URLs are per-installation already.
    web_accessible_resources: [
      {
        resources: ['content-app.js'],
        matches: ['http://*/*', 'https://*/*'],
        ...(browser === 'firefox' ? {} : { use_dynamic_url: true }),
      },
    ],
    // Chromium leaves a suggested key unassigned, silently, where it is one of the browser's
    // own shortcuts: on Windows and Linux Alt+Shift+N splits the tab and Alt+Shift+P makes a
    // tab group, and A, B, C, R, T, W, X and Z are taken too. Period and Comma (">" and "<")
    // are free; tests/browser/shortcuts.test.ts checks every key in a fresh profile.
    commands: {
      'next-mention': { suggested_key: { default: 'Alt+Shift+Period' }, description: '__MSG_cmdNext__' },
      'previous-mention': { suggested_key: { default: 'Alt+Shift+Comma' }, description: '__MSG_cmdPrev__' },
      'save-clipping': { suggested_key: { default: 'Alt+Shift+S' }, description: '__MSG_cmdSave__' },
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
