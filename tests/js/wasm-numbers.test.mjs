// @ts-check
/**
 * The object API (`plan(session, object)`) goes through JavaScript numbers, so it must never
 * change a number silently (issue 15 item 7): a number in the plan that a double cannot hold
 * exactly is a `DebugError` (`output/unrepresentable-number`) that points to `planText`, which
 * keeps it as written; NaN and ±Infinity in the input (JSON would send `null`) are refused.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadKubedebugNode } from '../../www/node/load-wasm.js';

const kd = loadKubedebugNode();
const POD = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web', namespace: 'default' },
  spec: { containers: [{ name: 'app', image: 'nginx' }] } };

/** A session whose `--custom` profile sets `runAsUser` to the literal `user`. @param {string} user */
function withRunAsUser(user) {
  return { args: ['web', '--image=busybox', '--profile=general', '--custom=c.json'], seed: 1,
    customProfile: { path: 'c.json', text: `{"securityContext":{"runAsUser":${user}}}` } };
}

test('a number beyond 2^53 in the plan: plan() says so, planText() keeps it', () => {
  const session = withRunAsUser('9007199254740993');
  assert.throws(() => kd.plan(session, POD), (/** @type {any} */ err) => err.name === 'DebugError'
    && err.code === 'output/unrepresentable-number' && /9007199254740993/.test(err.message) && /planText/.test(err.message));
  const body = kd.planText(session, JSON.stringify(POD)).requests[0].body;
  assert.match(body, /"runAsUser":9007199254740993\b/);
});

test('numbers a double holds exactly pass, in every spelling', () => {
  for (const user of ['9007199254740992', '1000', '0']) {
    const p = kd.plan(withRunAsUser(user), POD);
    assert.equal(/** @type {any} */ (p.requests[0].body).spec.ephemeralContainers[0].securityContext.runAsUser, Number(user));
  }
  // Pod fields the journey does not touch are sent back as written (here: as JSON.stringify wrote them).
  const future = { big: 1e21, small: 0.1, tiny: 5e-324, long: 123456789012345, max: Number.MAX_SAFE_INTEGER };
  const p = kd.plan({ args: ['web', '--image=busybox', '--copy-to=c'], seed: 1 }, { ...POD, spec: { ...POD.spec, future } });
  assert.deepEqual(/** @type {any} */ (p.result).spec.future, future);
});

test('NaN and ±Infinity in the input are refused, not sent as null', () => {
  for (const bad of [NaN, Infinity, -Infinity]) {
    const pod = { ...POD, spec: { ...POD.spec, terminationGracePeriodSeconds: bad } };
    assert.throws(() => kd.plan({ args: ['web', '--image=busybox'] }, pod), (/** @type {any} */ err) =>
      err.name === 'DebugError' && err.code === 'input/not-finite-number' && /terminationGracePeriodSeconds/.test(err.message));
    assert.throws(() => kd.plan({ args: ['web', '--image=busybox'], seed: bad }, POD),
      (/** @type {any} */ err) => err.code === 'input/not-finite-number');
  }
  // A real null is fine.
  assert.equal(kd.plan({ args: ['web', '--image=busybox'], seed: 1 }, { ...POD, spec: { ...POD.spec, hostname: null } }).journey, 'ephemeral');
});
