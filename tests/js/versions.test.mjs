// @ts-check
/**
 * The supported kubectl minors are declared once, in the core (`src/version.rs`): the
 * TypeScript union, the CLI's default and help text, and the page's default state must agree
 * with `kubectlVersions()` / `defaultKubectlVersion()`. (The page's selector is filled from
 * `kubectlVersions()`; `tests/e2e/playground.test.mjs` checks it in Chromium.)
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { loadKubedebugNode } from '../../www/node/load-wasm.js';
import { DEFAULT_KUBECTL_VERSION, extractOwnFlags } from '../../www/node/flags.js';
import { helpText } from '../../www/node/help.js';
import { defaultState } from '../../www/app/state.js';

const core = loadKubedebugNode();
const versions = core.kubectlVersions();
const latest = core.defaultKubectlVersion();

test('the core lists 1.27 … the default, oldest first, and the default is the newest', () => {
  assert.equal(versions[0], '1.27');
  assert.equal(latest, versions[versions.length - 1]);
  assert.ok(versions.includes('1.37'));
  const minors = versions.map((v) => Number(v.split('.')[1]));
  assert.deepEqual(minors, minors.map((_, i) => minors[0] + i), 'no gaps');
});

test('the .d.ts union KubectlVersion is exactly kubectlVersions()', () => {
  const dts = readFileSync(new URL('../../www/core/index.d.ts', import.meta.url), 'utf8');
  const m = /export type KubectlVersion = ([^;]+);/.exec(dts);
  assert.ok(m, 'KubectlVersion union not found');
  const union = [...m[1].matchAll(/'([^']+)'/g)].map((x) => x[1]);
  assert.deepEqual(union, versions);
  assert.match(dts, new RegExp(`defaultKubectlVersion\\(\\): KubectlVersion;`));
});

test('the CLI defaults to the core default and its help names the core range', () => {
  assert.equal(DEFAULT_KUBECTL_VERSION, latest);
  assert.equal(extractOwnFlags([], { versions, defaultVersion: latest }).kubectlVersion, latest);
  const help = helpText(latest, versions);
  assert.ok(help.includes(`    --kubectl-version='${latest}':\n\tBehave like this kubectl minor version: ${versions[0]} to ${latest}.\n`), help);
  for (const v of versions) assert.doesNotThrow(() => extractOwnFlags([`--kubectl-version=${v}`], { versions }));
  const next = `1.${Number(latest.split('.')[1]) + 1}`;
  assert.throws(() => extractOwnFlags([`--kubectl-version=${next}`], { versions }), /must be one of/);
});

test('the page starts on the core default', () => {
  assert.equal(defaultState().version, latest);
});

test('an unsupported version names the core range', () => {
  assert.throws(() => core.profiles('1.99'), (/** @type {any} */ e) => e.code === 'input/unsupported-version'
    && e.message.endsWith(`expected ${versions[0]} … ${latest}`));
});
