#!/usr/bin/env node
// @ts-check
/**
 * Build step (part of `npm run build`, checked again by `npm pack`'s prepack): what the npm
 * package ships besides `pkg/` and the sources, all generated and gitignored.
 * - `www/vendor/`: the browser builds the page imports (`yaml`, `@xterm/xterm`,
 *   `@xterm/addon-fit`; the page's import map points here), so that the page works from any
 *   copy of the package — `kubedebug serve` from `node_modules`, the embed from a static copy —
 *   and not only from this repository's layout. `yaml` becomes one ES module (its browser
 *   build is 90 files); the xterm builds are copied. Each with its license.
 * - `types/`: TypeScript declarations of the package's JS entries, emitted by tsc from the
 *   JSDoc (`www/tools/tsconfig.package.json`), and the Wasm API's own (`www/core/index.d.ts`,
 *   written by hand and held to the Rust declarations by a test) beside them.
 * Usage: `node www/tools/build-package.mjs [--vendor] [--types]` (neither: both). Each folder is
 * built beside and then swapped in, so a page being served meanwhile never sees it half-made.
 * @module
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const require = createRequire(import.meta.url);

/** @param {string} name a package name @returns {string} its folder */
const packageDir = (name) => path.dirname(require.resolve(`${name}/package.json`));
/** @param {string} name */
const versionOf = (name) => String(JSON.parse(readFileSync(path.join(packageDir(name), 'package.json'), 'utf8')).version);

/** [package, file in it, name in www/vendor] */
const COPIES = [
  ['@xterm/xterm', 'lib/xterm.mjs', 'xterm.mjs'],
  ['@xterm/xterm', 'css/xterm.css', 'xterm.css'],
  ['@xterm/addon-fit', 'lib/addon-fit.mjs', 'addon-fit.mjs'],
];
const LICENSES = [['yaml', 'LICENSE.yaml'], ['@xterm/xterm', 'LICENSE.xterm'], ['@xterm/addon-fit', 'LICENSE.addon-fit']];

/** @param {string} out the folder to fill */
async function buildVendor(out) {
  await esbuild.build({
    entryPoints: [path.join(packageDir('yaml'), 'browser/index.js')],
    outfile: path.join(out, 'yaml.js'),
    bundle: true, format: 'esm', minify: true, legalComments: 'inline', logLevel: 'warning',
    banner: { js: `// yaml ${versionOf('yaml')} (ISC license: LICENSE.yaml), bundled by www/tools/build-package.mjs.` },
  });
  for (const [name, file, to] of COPIES) {
    // Without the source-map comment: the maps are not shipped.
    const text = readFileSync(path.join(packageDir(name), file), 'utf8').replace(/\n\/\/# sourceMappingURL=\S+\s*$/, '\n');
    writeFileSync(path.join(out, to), text);
  }
  for (const [name, to] of LICENSES) copyFileSync(path.join(packageDir(name), 'LICENSE'), path.join(out, to));
  writeFileSync(path.join(out, 'VERSIONS.json'), JSON.stringify(Object.fromEntries(
    LICENSES.map(([n]) => [n, versionOf(n)])), null, 2) + '\n');
}

/** @param {string} out the folder to fill */
function buildTypes(out) {
  execFileSync(process.execPath, [path.join(packageDir('typescript'), 'bin/tsc'),
    '-p', path.join(ROOT, 'www/tools/tsconfig.package.json'), '--outDir', out], { stdio: 'inherit' });
  // tsc reads a `.js` with its own `.d.ts` through the `.d.ts` and emits nothing for it.
  mkdirSync(path.join(out, 'core'), { recursive: true });
  copyFileSync(path.join(ROOT, 'www/core/index.d.ts'), path.join(out, 'core/index.d.ts'));
}

/**
 * Build into `<dir>.new`, then replace `dir` with it.
 * @param {string} dir
 * @param {(out: string) => Promise<void> | void} build
 */
async function swapIn(dir, build) {
  const fresh = `${dir}.new`;
  const old = `${dir}.old`;
  rmSync(fresh, { recursive: true, force: true });
  mkdirSync(fresh, { recursive: true });
  await build(fresh);
  rmSync(old, { recursive: true, force: true });
  if (existsSync(dir)) renameSync(dir, old);
  renameSync(fresh, dir);
  rmSync(old, { recursive: true, force: true });
}

const only = process.argv.slice(2);
const want = (/** @type {string} */ flag) => only.length === 0 || only.includes(flag);
if (want('--vendor')) await swapIn(path.join(ROOT, 'www/vendor'), buildVendor);
if (want('--types')) await swapIn(path.join(ROOT, 'types'), buildTypes);
process.stdout.write(`built ${[want('--vendor') && 'www/vendor/', want('--types') && 'types/'].filter(Boolean).join(' and ')}\n`);
