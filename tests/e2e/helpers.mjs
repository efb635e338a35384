// @ts-check
/** Shared setup of the browser tests (not a test file itself): Chromium, goldens, canonical JSON. */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { after, before } from 'node:test';
import { chromium } from 'playwright-core';
import { serve } from '../../www/node/serve.js';

export const ROOT = new URL('../../', import.meta.url);
export const OUTPUT = new URL('output/', import.meta.url);
export const FIXTURES = new URL('tests/conformance/oracle/fixtures/', ROOT);
const GOLDEN = new URL('tests/conformance/golden/', ROOT);

const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--no-first-run'];

/** @returns {string} */
function chromiumPath() {
  if (process.env.CHROMIUM) return process.env.CHROMIUM;
  return execFileSync('sh', ['-c', 'command -v chromium || command -v chromium-browser'], { encoding: 'utf8' }).trim();
}

export async function launchBrowser() {
  mkdirSync(OUTPUT, { recursive: true });
  return chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS });
}

/**
 * A page that fails the test on uncaught page errors (collected in `errors`).
 * @param {import('playwright-core').Browser} browser
 */
export async function openPage(browser) {
  const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  /** @type {string[]} */
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  return { page, errors };
}

/**
 * @param {string} version
 * @param {string} name
 */
export function golden(version, name) {
  return JSON.parse(readFileSync(new URL(`${version}/${name}.json`, GOLDEN), 'utf8'));
}

/** @param {string} path a fixture path, relative or with `$FIXTURES/` */
export function fixtureText(path) {
  return readFileSync(new URL(path.replace(/^\$FIXTURES\//, ''), FIXTURES), 'utf8');
}

/**
 * The golden's writes with protobuf-recorded bodies filled from `result` (tests/common/mod.rs).
 * @param {any} g
 */
export function goldenWrites(g) {
  return (g.writes ?? []).map((/** @type {any} */ w) => (w.body_is_result ? { ...w, body: g.result } : w));
}

/**
 * tests/common/mod.rs `canonicalize`: drop `creationTimestamp: null`, `resources: {}`,
 * `status: {}` and (POST bodies) every null.
 * @param {any} v
 * @param {boolean} dropNulls
 * @returns {any}
 */
export function canonicalize(v, dropNulls) {
  if (Array.isArray(v)) return v.map((x) => canonicalize(x, dropNulls));
  if (!v || typeof v !== 'object') return v;
  /** @type {Record<string, any>} */
  const out = {};
  for (const [k, x] of Object.entries(v)) {
    const empty = x && typeof x === 'object' && !Array.isArray(x) && Object.keys(x).length === 0;
    if ((k === 'creationTimestamp' && x === null) || ((k === 'resources' || k === 'status') && empty)
      || (dropNulls && x === null)) continue;
    out[k] = canonicalize(x, dropNulls);
  }
  return out;
}

/**
 * tests/common/mod.rs `differences`: a key only in ours is accepted when the source
 * object has the same value there (old kubectl types drop fields they do not know).
 * @param {any} ours
 * @param {any} theirs
 * @param {any} source
 * @param {string} [path]
 * @returns {string | null}
 */
export function firstDifference(ours, theirs, source, path = '') {
  if (Array.isArray(ours) && Array.isArray(theirs)) {
    for (let i = 0; i < Math.min(ours.length, theirs.length); i++) {
      const d = firstDifference(ours[i], theirs[i], source?.[i], `${path}/${i}`);
      if (d) return d;
    }
    return ours.length === theirs.length ? null : `${path}: ${ours.length} items vs kubectl's ${theirs.length}`;
  }
  if (ours && theirs && typeof ours === 'object' && typeof theirs === 'object' && !Array.isArray(ours) && !Array.isArray(theirs)) {
    for (const [k, v] of Object.entries(ours)) {
      if (k in theirs) {
        const d = firstDifference(v, theirs[k], source?.[k], `${path}/${k}`);
        if (d) return d;
      } else if (JSON.stringify(source?.[k]) !== JSON.stringify(v)) return `${path}/${k}: only in ours`;
    }
    const missing = Object.keys(theirs).find((k) => !(k in ours));
    return missing ? `${path}/${missing}: only in kubectl's` : null;
  }
  return JSON.stringify(ours) === JSON.stringify(theirs) ? null
    : `${path}: ours ${JSON.stringify(ours)} vs kubectl's ${JSON.stringify(theirs)}`;
}

/**
 * A shell word, quoted only when needed (www/core/index.js `shellQuote`).
 * @param {string} word
 */
export function shellQuote(word) {
  if (word !== '' && /^[A-Za-z0-9_@%+=:,./*-]+$/.test(word)) return word;
  return `'${word.replace(/'/g, `'\\''`)}'`;
}

/**
 * The page's URL hash for a state (www/app/state.js keys).
 * @param {Record<string, string>} params
 */
export function hashFor(params) {
  return '#' + new URLSearchParams(params).toString().replace(/\+/g, '%20');
}

/**
 * Poll `fn` until it returns a truthy value (generous: for slow machines, not a timed assertion).
 * @template T
 * @param {() => T | Promise<T>} fn
 * @param {string} what
 * @param {number} [timeoutMs]
 * @returns {Promise<NonNullable<T>>}
 */
export async function waitFor(fn, what, timeoutMs = 30_000) {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = await fn();
    if (value) return /** @type {NonNullable<T>} */ (value);
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/**
 * `kubedebug serve` without a cluster (the page and its playground) and Chromium, started
 * before the calling file's tests and closed after them.
 * @returns {{ server: Awaited<ReturnType<typeof serve>>, browser: import('playwright-core').Browser }}
 */
export function offlinePage() {
  const ctx = /** @type {{ server: Awaited<ReturnType<typeof serve>>, browser: import('playwright-core').Browser }} */ ({});
  before(async () => {
    ctx.server = await serve({ port: 0, kubeconfig: false, log: null });
    ctx.browser = await launchBrowser();
  });
  after(async () => {
    await ctx.browser?.close();
    await ctx.server?.close();
  });
  return ctx;
}

/**
 * Wait until the page has shown the plan of its newest input (plans run in a worker).
 * @param {import('playwright-core').Page} page
 */
export async function settled(page) {
  await page.waitForFunction(() => document.body.dataset.computing !== 'true');
}
