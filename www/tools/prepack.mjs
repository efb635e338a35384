#!/usr/bin/env node
// @ts-check
/**
 * `npm pack`/`npm publish` run this first (`prepack`): the package ships generated files, so
 * make sure they are there and belong to this source tree, building only what is missing.
 * - `pkg/` (the Wasm package wasm-bindgen generates; its JS API is `www/core/`): built by
 *   `npm run build` when absent or from another version.
 * - `www/node/generated/` (the client-node bundle of the CLI): built when absent.
 * - `www/vendor/` and `types/`: rebuilt when absent or older than a source they come from.
 * @module
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const at = (/** @type {string} */ p) => path.join(ROOT, p);
/** @param {string} script @param {string[]} [args] */
const run = (script, args = []) => execFileSync(script.endsWith('.sh') ? 'bash' : process.execPath, [at(script), ...args],
  { stdio: 'inherit', cwd: ROOT });
const read = (/** @type {string} */ p) => readFileSync(at(p), 'utf8');
const version = JSON.parse(read('package.json')).version;

const PKG_FILES = ['kubedebug.js', 'kubedebug.d.ts', 'kubedebug_bg.wasm', 'kubedebug_bg.wasm.d.ts', 'package.json'];
if (PKG_FILES.some((f) => !existsSync(at(`pkg/${f}`))) || JSON.parse(read('pkg/package.json')).version !== version) {
  process.stdout.write('prepack: pkg/ is missing or from another version: npm run build\n');
  run('www/tools/build-wasm.sh');
}

const generated = at('www/node/generated');
if (!existsSync(generated) || !readdirSync(generated).some((f) => f.startsWith('client-node@'))) run('www/tools/bundle-client-node.mjs');

/** Newest modification time of the files under `dir` (recursively). @param {string} dir @returns {number} */
function newest(dir) {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && /\.(js|mjs|json)$/.test(e.name))
    .reduce((t, e) => Math.max(t, statSync(path.join(e.parentPath, e.name)).mtimeMs), 0);
}
const mtime = (/** @type {string} */ p) => (existsSync(at(p)) ? statSync(at(p)).mtimeMs : 0);
const stale = (/** @type {string[]} */ outputs, /** @type {number} */ since) => outputs.some((f) => mtime(f) < since);
const args = [];
if (stale(['www/vendor/yaml.js', 'www/vendor/xterm.mjs', 'www/vendor/addon-fit.mjs', 'www/vendor/xterm.css'], mtime('package-lock.json'))) {
  args.push('--vendor');
}
const sources = Math.max(...['www/entries', 'www/host', 'www/node', 'www/app', 'www/core'].map((d) => newest(at(d))),
  mtime('www/embed.js'), mtime('www/core/index.d.ts'), mtime('www/tools/tsconfig.package.json'));
if (stale(['types/entries/node.d.ts', 'types/entries/browser.d.ts', 'types/node/index.d.ts', 'types/node/serve.d.ts', 'types/embed.d.ts'], sources)) {
  args.push('--types');
}
if (args.length) run('www/tools/build-package.mjs', args);
