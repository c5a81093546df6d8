#!/usr/bin/env node
/**
 * npm start: builds the extension, serves the demo article on 127.0.0.1 and opens
 * Chromium with the extension loaded on it. Needs a display; the profile lives in
 * .cache/chromium-profile so your clippings survive restarts.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const build = spawnSync('npx', ['wxt', 'build'], { cwd: root, stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);

const browserPath = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/Applications/Chromium.app/Contents/MacOS/Chromium']
  .filter(Boolean)
  .find((p) => existsSync(p));
if (!browserPath) {
  console.error('No Chromium found. Install it (Debian/Ubuntu: apt-get install chromium) or set CHROMIUM_PATH.\n' +
    'Branded Google Chrome ignores --load-extension: load .output/chrome-mv3 by hand at chrome://extensions instead.');
  process.exit(1);
}
if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
  console.error('No display found (DISPLAY/WAYLAND_DISPLAY unset). npm start opens a browser window; run it on a desktop, or use npm test for the headless checks.');
  process.exit(1);
}

const demoDir = path.join(root, 'demo');
const server = createServer((req, res) => {
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  const name = url.pathname === '/' ? 'index.html' : path.basename(url.pathname);
  const file = path.join(demoDir, name);
  if (!existsSync(file)) {
    res.writeHead(404).end('not found');
    return;
  }
  res.writeHead(200, { 'content-type': name.endsWith('.css') ? 'text/css; charset=utf-8' : 'text/html; charset=utf-8' });
  res.end(readFileSync(file));
});
server.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
  const { port } = server.address();
  const demoUrl = `http://127.0.0.1:${port}/`;
  const ext = path.join(root, '.output/chrome-mv3');
  const profile = path.join(root, '.cache/chromium-profile');
  mkdirSync(profile, { recursive: true });
  console.log(`Demo article: ${demoUrl}\nOpening ${browserPath} with the extension from ${ext} … (Ctrl+C to stop)`);
  const child = spawn(browserPath, [
    `--user-data-dir=${profile}`,
    `--disable-extensions-except=${ext}`,
    `--load-extension=${ext}`,
    '--no-first-run',
    '--no-default-browser-check',
    demoUrl,
  ], { stdio: 'ignore' });
  child.on('exit', () => {
    server.close();
    process.exit(0);
  });
  process.on('SIGINT', () => child.kill());
});
