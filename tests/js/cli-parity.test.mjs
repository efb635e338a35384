// @ts-check
/**
 * End-to-end parity of the `kubedebug` CLI with the real kubectl 1.33: each case runs against the
 * recorder's fakeapi.py (Python, protobuf-decoding) through a kubeconfig, and what it recorded
 * (writes, stdout, stderr, exit code) is compared with the golden recorded from kubectl 1.33.
 * Runs a deterministic sample (see `sample`); `KUBEDEBUG_PARITY=all` runs all 242 cases.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { difference, loadCases, loadGolden, sample } from './parity/compare.mjs';

const VERSION = '1.33';
const RUNNER = fileURLToPath(new URL('./parity/run_cli_cases.py', import.meta.url));

/** Cases where kubedebug deliberately (or knowingly) differs from kubectl 1.33, with the reason. */
export const KNOWN_DIFFERENCES = {
  'eph-from-file-minimal-nosc': 'kubectl 1.33 panics (exit 2) on a -f pod without spec.securityContext; we plan it (README: No panic)',
  'copy-from-file-minimal-nosc': 'same kubectl 1.33 panic on a -f pod without spec.securityContext',
  'copy-from-file-minimal-nosc-restricted': 'same kubectl 1.33 panic on a -f pod without spec.securityContext',
  'typed-eph-spec-null': 'same kubectl 1.33 panic on a -f pod with `spec: null`; we send the PATCH (the fake server has no such pod: NotFound)',
  'typed-copy-spec-null': 'same kubectl 1.33 panic on a -f pod with `spec: null`; we copy it as older kubectl does',
  'eph-deployment-unsupported': 'kubectl refuses a deployment/NAME target; we debug a running pod of its selector (README: Workload targets), here none',
};

/**
 * @param {string[]} ids
 * @returns {Promise<any[]>}
 */
function runCases(ids) {
  const child = spawn('python3', [RUNNER, '--tool', 'kubedebug', '--version', VERSION, '--jobs', '4', '--ids', ids.join(',')],
    { stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  child.stdout.setEncoding('utf8').on('data', (d) => { out += d; });
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) reject(new Error(`parity runner exited ${code}`));
      else resolve(out.trim().split('\n').filter(Boolean).map((l) => JSON.parse(l)));
    });
  });
}

test(`kubedebug --kubectl-version=${VERSION} matches the real kubectl on the recorded cases`, async () => {
  const all = loadCases();
  const cases = process.env.KUBEDEBUG_PARITY === 'all' ? all : sample(all);
  const docs = await runCases(cases.map((c) => c.id));
  assert.equal(docs.length, cases.length);
  /** @type {string[]} */
  const unexpected = [];
  /** @type {string[]} */
  const fixed = [];
  let matching = 0;
  for (const doc of docs) {
    const diff = difference(doc, loadGolden(VERSION, doc.case));
    const known = /** @type {Record<string, string>} */ (KNOWN_DIFFERENCES)[doc.case];
    if (!diff) {
      matching++;
      if (known) fixed.push(doc.case);
    } else if (!known) unexpected.push(`${doc.case}: ${diff}`);
  }
  const knownSeen = docs.filter((d) => d.case in KNOWN_DIFFERENCES).length;
  console.log(`parity with kubectl ${VERSION}: ${matching}/${docs.length} cases match; `
    + `${knownSeen - fixed.length} known differences; ${unexpected.length} unexpected`);
  assert.deepEqual(unexpected, [], 'unexpected differences');
  assert.deepEqual(fixed, [], 'known differences that now match: remove them from KNOWN_DIFFERENCES');
  assert.equal(matching, docs.length - knownSeen);
  assert.ok(docs.length >= 80);
});
