// @ts-check
/**
 * Same answers everywhere: every recorded conformance case (kubectl 1.27–1.37), run through
 * the Wasm in Node, gives exactly the native core's `prepare` and `plan` results. The
 * native results come from `cargo run --example dump_plans -- target/native-plans.json`
 * (set `KUBEDEBUG_NATIVE_PLANS` to read another file).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { loadKubedebugNode } from '../../www/node/load-wasm.js';

const DUMP = process.env.KUBEDEBUG_NATIVE_PLANS
  ?? fileURLToPath(new URL('../../target/native-plans.json', import.meta.url));
const GOLDEN = new URL('../conformance/golden/', import.meta.url);
/** Every supported version has recorded goldens (tests/conformance.rs checks it). */
const VERSIONS = loadKubedebugNode().kubectlVersions();

/** Every recorded case, as `<version>/<case>` (what the dump's keys must be), sorted. */
function recordedCases() {
  return VERSIONS.flatMap((v) => readdirSync(new URL(`${v}/`, GOLDEN))
    .filter((f) => f.endsWith('.json') && !f.startsWith('_'))
    .map((f) => `${v}/${f.slice(0, -'.json'.length)}`)).sort();
}

/** @typedef {{ code: string, message: string, messages: unknown[] }} NativeError */
/**
 * @typedef {{
 *   session: import('../../www/core/index.js').Session,
 *   objects: object[],
 *   prepared?: unknown,
 *   prepareError?: NativeError,
 *   plans: (unknown | { error: NativeError })[],
 * }} Entry
 */

/**
 * Call `fn`; its result, or the DebugError it threw as `{ error: { code, message, messages } }`.
 * @param {() => unknown} fn
 * @returns {{ ok: unknown } | { error: NativeError }}
 */
function outcome(fn) {
  try {
    return { ok: fn() };
  } catch (e) {
    assert.ok(e instanceof Error, `threw a non-Error: ${String(e)}`);
    assert.ok(!(e instanceof WebAssembly.RuntimeError), `the module trapped: ${e.message}`);
    const err = /** @type {Error & { code?: unknown, messages?: unknown }} */ (e);
    assert.equal(err.name, 'DebugError', `threw ${err.name}: ${err.message}`);
    return { error: { code: String(err.code), message: err.message, messages: /** @type {unknown[]} */ (err.messages) } };
  }
}

/**
 * Compare a Wasm outcome with the native result or error.
 * @param {string} what
 * @param {{ ok: unknown } | { error: NativeError }} got
 * @param {{ value?: unknown, error?: NativeError }} want
 */
function check(what, got, want) {
  if (want.error) {
    assert.ok('error' in got, `${what}: native failed with ${want.error.code} (${want.error.message}), Wasm returned a result`);
    assert.deepStrictEqual(got.error, want.error, `${what}: errors differ`);
  } else {
    assert.ok('ok' in got, `${what}: native returned a result, Wasm threw ${'error' in got ? `${got.error.code}: ${got.error.message}` : ''}`);
    assert.deepStrictEqual(got.ok, want.value, `${what}: results differ`);
  }
}

/**
 * A `planText` plan with its bodies parsed.
 * @param {any} plan
 */
function fromText(plan) {
  return { ...plan, requests: plan.requests.map((/** @type {any} */ r) => ({ ...r, body: JSON.parse(r.body) })) };
}

/**
 * A plan without `result` (which `planText` does not send).
 * @param {any} plan
 */
function withoutResult(plan) {
  const { result: _result, ...rest } = plan;
  return rest;
}

test('every recorded conformance case gives the Wasm exactly the native core\'s prepare and plans', () => {
  assert.ok(existsSync(DUMP),
    `${DUMP} is missing: run \`cargo run --example dump_plans -- target/native-plans.json\` first`);
  const started = performance.now();
  /** @type {Record<string, Entry>} */
  const dump = JSON.parse(readFileSync(DUMP, 'utf8'));
  const kd = loadKubedebugNode();
  const keys = Object.keys(dump).sort();
  const cases = recordedCases();
  assert.ok(cases.length > 0, 'no recorded cases found');
  assert.deepStrictEqual(keys, cases, `${DUMP} does not cover exactly the ${cases.length} recorded cases `
    + '(stale?): rerun `cargo run --example dump_plans -- target/native-plans.json`');
  let plans = 0;
  let errors = 0;
  for (const key of keys) {
    const entry = dump[key];
    check(`${key}: prepare`, outcome(() => kd.prepare(entry.session)),
      entry.prepareError ? { error: entry.prepareError } : { value: entry.prepared });
    if (entry.prepareError) errors += 1;
    assert.equal(entry.plans.length, entry.objects.length, `${key}: one plan per object in the dump`);
    entry.objects.forEach((object, i) => {
      const want = /** @type {{ error?: NativeError }} */ (entry.plans[i]);
      const native = want && typeof want === 'object' && 'error' in want && !('journey' in want)
        ? { error: want.error } : { value: want };
      if (native.error) errors += 1;
      check(`${key}: plan of object ${i}`, outcome(() => kd.plan(entry.session, object)), native);
      // The wire path: the same plan, bodies as text, no result.
      const wire = outcome(() => fromText(kd.planText(entry.session, JSON.stringify(object))));
      check(`${key}: planText of object ${i}`, wire, native.error ? native : { value: withoutResult(native.value) });
      // The host's path: plan from what prepare answered, nothing parsed again.
      if (!entry.prepareError) {
        const fromPrepared = outcome(() => fromText(kd.planText(/** @type {import('../../www/core/index.js').Prepared} */ (entry.prepared), JSON.stringify(object))));
        check(`${key}: planText(prepared) of object ${i}`, fromPrepared, native.error ? native : { value: withoutResult(native.value) });
      }
      plans += 1;
    });
  }
  const ms = Math.round(performance.now() - started);
  console.log(`wasm == native: ${keys.length} entries (${keys.length} prepares, ${plans} plans; ${errors} errors) in ${ms} ms`);
});
