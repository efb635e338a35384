// @ts-check
/**
 * What a user of the npm package gets (issue 11): `npm pack` (its prepack included), the
 * tarball installed into a fresh project from the local npm cache, then the README's Install
 * examples, as written there (`readme.mjs`), run against it:
 * (a) the CLI: `npx kubedebug --version`, an offline `-f pod.json … --dry-run -o json`;
 * (b) Node: the ESM and `require()` examples, `kubedebug/node` and `kubedebug/serve`;
 * (c) TypeScript, strict, under `moduleResolution` `bundler` and `node16` (`.mts`);
 * (d) the browser example built by Vite, webpack and (its own example) esbuild, each run in
 *     headless Chromium;
 * (e) the docs page with `<kubedebug-playground>` from `node_modules`, and from a static copy
 *     of the package, in Chromium;
 * (f) `kubedebug serve` from the installed package renders the playground.
 * The bundlers and tsc are this repository's pinned devDependencies, run on the consumer
 * project; the consumer project installs nothing but the tarball and its dependencies.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile, execFileSync, spawn } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { chromium } from 'playwright-core';
import { installExamples } from './readme.mjs';
import { serveFolder } from './static-server.mjs';
import { loadKubedebugNode } from '../../www/node/load-wasm.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const BIN = path.join(ROOT, 'node_modules/.bin');
const execFileP = promisify(execFile);
const { version: VERSION } = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
const POD_TEXT = readFileSync(path.join(ROOT, 'www/examples/pods/web-app.json'), 'utf8');
const POD = JSON.parse(POD_TEXT);
const { files: EXAMPLES, commands: COMMANDS } = installExamples();
/** What the browser examples print. */
const BROWSER_PLAN = 'PATCH /api/v1/namespaces/default/pods/web/ephemeralcontainers';
const kd = loadKubedebugNode();

/** The consumer project. */
const dir = mkdtempSync(path.join(os.tmpdir(), 'kubedebug-consumer-'));
/** @type {{ filename: string, entryCount: number, unpackedSize: number, files: { path: string }[] }} */
let packed;
/** @type {import('playwright-core').Browser | undefined} */
let browser;

/**
 * Run a program in the consumer project (or `cwd`); resolves with its stdout.
 * @param {string} file
 * @param {string[]} args
 * @param {{ cwd?: string, env?: NodeJS.ProcessEnv }} [options]
 */
async function run(file, args, options = {}) {
  try {
    const { stdout } = await execFileP(file, args, { cwd: options.cwd ?? dir, env: options.env ?? consumerEnv(),
      maxBuffer: 64 << 20, encoding: 'utf8' });
    return stdout;
  } catch (err) {
    const e = /** @type {any} */ (err);
    throw new Error(`${file} ${args.join(' ')} failed (${e.code}):\n${e.stdout ?? ''}\n${e.stderr ?? ''}`);
  }
}

/** The environment of a consumer: its own HOME (no kubeconfig), no npm settings of this repository. */
function consumerEnv() {
  /** @type {NodeJS.ProcessEnv} */
  const env = { ...process.env, HOME: dir, npm_config_cache: process.env.npm_config_cache ?? path.join(os.homedir(), '.npm') };
  delete env.KUBECONFIG;
  for (const k of Object.keys(env)) if (k.startsWith('npm_') && k !== 'npm_config_cache') delete env[k];
  return env;
}

/** @param {string} name @param {string} text */
function write(name, text) {
  mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
  writeFileSync(path.join(dir, name), text);
}

/** The command lines of the README that start with `prefix`. @param {string} prefix */
function commands(prefix) {
  const found = COMMANDS.filter((c) => c.startsWith(prefix));
  assert.ok(found.length, `the README's Install section has a "${prefix}" command`);
  return found.map((c) => c.split(/\s+/));
}

before(async () => {
  const out = execFileSync('npm', ['pack', '--json', '--pack-destination', dir], { cwd: ROOT, encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'] });
  // The prepack step may print before the JSON.
  packed = JSON.parse(out.slice(out.indexOf('[\n')))[0];
  write('package.json', JSON.stringify({ name: 'kubedebug-consumer', private: true, type: 'module' }, null, 2));
  // `npm install kubedebug`, from the tarball; its dependencies from the npm cache that this
  // repository's `npm ci` filled (the registry only for what the cache lacks).
  assert.deepEqual(commands('npm install'), [['npm', 'install', 'kubedebug']]);
  await run('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', '--no-package-lock', `./${packed.filename}`]);
  write('pod.json', POD_TEXT);
  for (const [name, text] of EXAMPLES) write(name, text);
});

after(async () => {
  await browser?.close();
  if (!process.env.KUBEDEBUG_KEEP_CONSUMER) rmSync(dir, { recursive: true, force: true });
  else process.stdout.write(`consumer project kept at ${dir}\n`);
});

test('the tarball: the Wasm, API, types, CLI and page, no tests or Rust, within budget', () => {
  const paths = packed.files.map((f) => f.path);
  process.stdout.write(`tarball: ${packed.entryCount} files, ${(packed.unpackedSize / 1e6).toFixed(2)} MB unpacked\n`);
  assert.ok(packed.entryCount <= 200, `${packed.entryCount} files (budget 200)`);
  assert.ok(packed.unpackedSize <= 3e6, `${packed.unpackedSize} bytes unpacked (budget 3 MB)`);
  for (const needed of ['package.json', 'README.md', 'CHANGELOG.md', 'pkg/kubedebug_bg.wasm', 'www/core/index.js', 'www/core/index.d.ts',
    'www/node/cli.mjs', 'www/entries/node.js', 'www/entries/browser.js', 'types/entries/node.d.ts', 'www/index.html',
    'www/embed.js', 'www/vendor/yaml.js', 'www/vendor/xterm.mjs']) {
    assert.ok(paths.includes(needed), `the tarball has ${needed}`);
  }
  const unwanted = paths.filter((p) => /^(tests|src|target|examples|\.ci)\/|\.rs$|golden|^Cargo\.|^www\/tools\//.test(p));
  assert.deepEqual(unwanted, []);
  const manifest = JSON.parse(readFileSync(path.join(dir, 'node_modules/kubedebug/package.json'), 'utf8'));
  assert.equal(manifest.private, undefined);
});

test('(a) the CLI: --version, and an offline -f … --dry-run -o json', async () => {
  const [versionCmd] = commands('npx kubedebug --version');
  assert.equal(await run(versionCmd[0], versionCmd.slice(1)), `kubedebug ${VERSION}\n`);
  const [dryRun] = commands('npx kubedebug -f');
  const created = JSON.parse(await run(dryRun[0], dryRun.slice(1)));
  assert.equal(created.kind, 'Pod');
  assert.equal(created.metadata.name, 'pod-debug');
  const debuggers = created.spec.containers.filter((/** @type {any} */ c) => /^debugger-/.test(c.name));
  assert.equal(debuggers.length, 1);
  assert.equal(debuggers[0].image, 'busybox');
  // The rest of the pod is the source's (the same command in this repository agrees).
  assert.deepEqual(created.spec.volumes, POD.spec.volumes);
});

test('(b) Node: import and require() are ready on load and plan', async () => {
  const expected = kd.plan({ args: [POD.metadata.name, '--image=busybox', '--profile=general'], seed: 1 }, POD).requests[0];
  assert.equal(await run(process.execPath, ['plan.mjs']), `${expected.method} ${expected.path}\n`);
  const copy = kd.planText({ args: [POD.metadata.name, '--image=busybox', `--copy-to=${POD.metadata.name}-debug`], seed: 1 }, POD_TEXT);
  assert.equal(await run(process.execPath, ['--no-warnings', 'plan.cjs']), copy.requests.map((r) => `${r.method} ${r.path}`).join('\n') + '\n');
  // The other entries load; the Wasm file is exported.
  const probe = `import('kubedebug/node').then(async (n) => { const s = await import('kubedebug/serve');
    const { createRequire } = await import('node:module');
    console.log(typeof n.loadKubeConfig, typeof n.debug, typeof s.serve, createRequire(import.meta.url).resolve('kubedebug/wasm').endsWith('.wasm')); })`;
  assert.equal(await run(process.execPath, ['--input-type=module', '-e', probe]), 'function function function true\n');
});

test('(c) TypeScript, strict: bundler and node16 resolution', async () => {
  cpSync(fileURLToPath(new URL('types/', import.meta.url)), path.join(dir, 'ts'), { recursive: true });
  const common = { strict: true, noEmit: true, target: 'ES2022', lib: ['ES2022', 'DOM', 'DOM.Iterable'], skipLibCheck: false,
    typeRoots: [path.join(ROOT, 'node_modules/@types')], types: ['node'] };
  write('ts/tsconfig.bundler.json', JSON.stringify({ compilerOptions: { ...common, module: 'ESNext', moduleResolution: 'bundler' },
    files: ['bundler.ts'] }));
  // skipLibCheck here: client-node's own declarations need @types/ws, which it does not install.
  write('ts/tsconfig.node16.json', JSON.stringify({ compilerOptions: { ...common, module: 'node16', moduleResolution: 'node16', skipLibCheck: true },
    files: ['node16.mts'] }));
  const tsc = path.join(ROOT, 'node_modules/typescript/bin/tsc');
  await Promise.all(['bundler', 'node16'].map((mode) => run(process.execPath, [tsc, '-p', `ts/tsconfig.${mode}.json`])));
});

/** @param {string} url @param {(page: import('playwright-core').Page) => Promise<string>} read */
async function inChromium(url, read) {
  browser ??= await chromium.launch({ executablePath: chromiumPath(),
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'] });
  const page = await browser.newPage();
  /** @type {string[]} */
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('response', (r) => { if (r.status() >= 400 && !r.url().endsWith('/favicon.ico')) errors.push(`${r.status()} ${r.url()}`); });
  try {
    await page.goto(url);
    const text = await read(page);
    assert.deepEqual(errors, [], `page errors at ${url}`);
    return text;
  } finally {
    await page.close();
  }
}

function chromiumPath() {
  return process.env.CHROMIUM ?? execFileSync('sh', ['-c', 'command -v chromium || command -v chromium-browser'], { encoding: 'utf8' }).trim();
}

/** The browser example's output, once it is there. @param {import('playwright-core').Page} page */
async function bodyText(page) {
  await page.waitForFunction(() => document.body?.textContent?.includes(' /api/'), null, { timeout: 20_000 });
  return (await page.textContent('body') ?? '').trim();
}

/**
 * An app folder with the README's browser example.
 * @param {string} name
 * @param {string} main the README file it runs
 */
function app(name, main) {
  const root = path.join(dir, 'apps', name);
  mkdirSync(path.join(root, 'src'), { recursive: true });
  writeFileSync(path.join(root, main), EXAMPLES.get(main) ?? '');
  return root;
}

test('(d) browser apps built by Vite, webpack and esbuild plan in Chromium', async () => {
  const vite = await import('vite');
  const viteApp = app('vite', 'src/main.js');
  writeFileSync(path.join(viteApp, 'index.html'), '<!doctype html><script type="module" src="/src/main.js"></script>\n');
  await vite.build({ root: viteApp, configFile: false, logLevel: 'warn' });

  const { default: webpack } = await import('webpack');
  const webpackApp = app('webpack', 'src/main.js');
  const stats = await new Promise((resolve, reject) => {
    webpack({ mode: 'production', context: webpackApp, entry: './src/main.js',
      output: { path: path.join(webpackApp, 'dist'), filename: 'main.js' } }, (err, s) => (err ? reject(err) : resolve(s)));
  });
  assert.ok(!stats.hasErrors(), stats.toString('errors-only'));
  writeFileSync(path.join(webpackApp, 'dist/index.html'), '<!doctype html><script src="main.js"></script>\n');

  const esbuildApp = app('esbuild', 'src/main-esbuild.js');
  const [esbuildCmd] = commands('npx esbuild');
  await run(path.join(BIN, 'esbuild'), esbuildCmd.slice(2), { cwd: esbuildApp });
  writeFileSync(path.join(esbuildApp, 'dist/index.html'), '<!doctype html><script type="module" src="main-esbuild.js"></script>\n');

  for (const root of [viteApp, webpackApp, esbuildApp]) {
    const site = await serveFolder(path.join(root, 'dist'));
    try {
      assert.equal(await inChromium(site.url, bodyText), BROWSER_PLAN, root);
    } finally {
      await site.close();
    }
  }
});

/** The embedded playground's manifest, once computed. @param {import('playwright-core').Page} page */
async function embeddedManifest(page) {
  const manifest = page.frameLocator('kubedebug-playground iframe').locator('#manifest');
  await manifest.filter({ hasText: 'debugger-docs1' }).waitFor({ timeout: 20_000 });
  return await manifest.textContent() ?? '';
}

test('(e) the docs page: <kubedebug-playground> from node_modules and from a static copy', async () => {
  const site = await serveFolder(dir);
  try {
    assert.match(await inChromium(`${site.url}docs/index.html`, embeddedManifest), /name: debugger-docs1/);
  } finally {
    await site.close();
  }
  // A docs site that copied the package folder (and nothing else).
  const copy = path.join(dir, 'site');
  cpSync(path.join(dir, 'node_modules/kubedebug'), path.join(copy, 'kubedebug'), { recursive: true });
  writeFileSync(path.join(copy, 'index.html'), (EXAMPLES.get('docs/index.html') ?? '').replace('../node_modules/kubedebug/', './kubedebug/'));
  const copySite = await serveFolder(copy);
  try {
    assert.match(await inChromium(copySite.url, embeddedManifest), /name: debugger-docs1/);
  } finally {
    await copySite.close();
  }
});

test('(f) kubedebug serve from the installed package renders the playground', async () => {
  const child = spawn(path.join(dir, 'node_modules/.bin/kubedebug'), ['serve', '--port', '0'], { cwd: dir, env: consumerEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
  try {
    let output = '';
    const url = await new Promise((resolve, reject) => {
      const onData = (/** @type {Buffer} */ chunk) => {
        output += chunk;
        const m = /https?:\/\/\S+/.exec(output);
        if (m) resolve(m[0]);
      };
      child.stdout.on('data', onData);
      child.stderr.on('data', onData);
      child.once('exit', (code) => reject(new Error(`kubedebug serve exited (${code}): ${output}`)));
    });
    const manifest = await inChromium(url, async (page) => {
      await page.locator('#manifest').filter({ hasText: 'debugger-' }).waitFor({ timeout: 20_000 });
      return await page.locator('#manifest').textContent() ?? '';
    });
    assert.match(manifest, /kind: Pod/);
  } finally {
    child.kill('SIGTERM');
  }
});
