// @ts-check
/**
 * The Wasm wrapper (`www/core/index.js`) turns a trapping module into a `DebugError` and runs the
 * next call in a fresh instance of the compiled module (issue 15 item 6): an input big enough
 * to exhaust the 4 GiB of Wasm memory gives `wasm/out-of-memory`, and the plans after it are
 * the plans before it. Also: calling before the module is loaded is a `DebugError`
 * (`wasm/not-initialised`), not a `TypeError` from the glue.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { loadKubedebugNode } from '../../www/node/load-wasm.js';

const kd = loadKubedebugNode();
const POD = JSON.parse(readFileSync(new URL('../../www/examples/pods/nginx.json', import.meta.url), 'utf8'));
const SESSION = { args: [POD.metadata.name, '--image=busybox', '--profile=general'], seed: 7 };

test('a call before the module is loaded is a DebugError with a code', async () => {
  // A second instance of the wrapper module that nobody initialised.
  const url = new URL('../../www/core/index.js?not-loaded', import.meta.url).href;
  const fresh = /** @type {typeof import('../../www/core/index.js')} */ (await import(url));
  for (const call of [() => fresh.plan(SESSION, POD), () => fresh.version(), () => fresh.parseArgs(['x'])]) {
    assert.throws(call, (/** @type {any} */ err) => err.name === 'DebugError' && err.code === 'wasm/not-initialised'
      && /await init\(\)/.test(err.message));
  }
});

test('out of memory inside the Wasm is a DebugError, and the module is re-instantiated', () => {
  const before = kd.plan(SESSION, POD);
  // ~200 MB of `0,`: the parsed array needs more than the 4 GiB a wasm32 memory can have.
  let huge = `[${'0,'.repeat(100 * 2 ** 20)}0]`;
  assert.throws(() => kd.planText(SESSION, huge), (/** @type {any} */ err) => {
    assert.equal(err.name, 'DebugError');
    assert.equal(err.code, 'wasm/out-of-memory', err.message);
    assert.ok(err.cause instanceof WebAssembly.RuntimeError, 'the trap is the cause');
    return true;
  });
  huge = '';
  // The next calls run in a fresh instance: same plans, and a large (but plannable) input fits
  // again (a trapped instance keeps its gigabytes and its allocator's broken state).
  assert.deepEqual(kd.plan(SESSION, POD), before);
  const big = JSON.stringify({ ...POD, metadata: { ...POD.metadata, annotations: { big: 'x'.repeat(64 * 2 ** 20) } } });
  assert.equal(kd.planText(SESSION, big).requests.length, 1);
  assert.deepEqual(kd.plan(SESSION, POD), before);
});
