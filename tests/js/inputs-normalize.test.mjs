// @ts-check
/**
 * The CLI's `-f` objects go through kubectl's typed round trip (issue 16 item 4): `omitempty`
 * zero values vanish, absent non-omitempty scalars are written, quantities are canonical, and
 * keys kubectl's types do not know stay as written. The conformance `norm-*` cases hold the
 * same rules to the recorded kubectl; this checks that the CLI's text path applies them.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runCli, workspace } from './cli-helpers.mjs';

const POD = `{"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "norm", "namespace": "default"},
  "spec": {"securityContext": {}, "hostNetwork": false,
    "resources": {"limits": {"cpu": 0.25}},
    "containers": [{"name": "app", "image": "nginx", "stdin": false, "x-keep": {"on": false, "cpu": 0.5},
      "ports": [{"name": "p"}],
      "resources": {"limits": {"cpu": 0.5, "memory": "1024Mi", "example.com/e": 1e3}},
      "volumeMounts": [{"name": "v", "mountPath": "/v", "readOnly": false, "subPath": ""}]}],
    "volumes": [{"name": "v", "emptyDir": {"sizeLimit": "0.5Gi"}}]}}
`;

/**
 * The copied pod that `--dry-run -o json` prints.
 * @param {string[]} extra
 */
async function copy(extra) {
  const ws = workspace();
  try {
    const file = ws.file('pod.json', POD);
    const r = await runCli(['-f', file, '--image=busybox', '--copy-to=cp', '--profile=general', '--dry-run', '-o', 'json', ...extra], { home: ws.home });
    assert.equal(r.code, 0, r.stderr);
    const start = r.stdout.indexOf('{');
    return JSON.parse(r.stdout.slice(start));
  } finally {
    ws.cleanup();
  }
}

test('-f: kubectl\'s typed round trip of the copied pod', async () => {
  const pod = await copy([]);
  const app = pod.spec.containers[0];
  assert.deepEqual(app.volumeMounts, [{ name: 'v', mountPath: '/v' }]);
  assert.deepEqual(app.ports, [{ name: 'p', containerPort: 0 }]);
  // kubectl 1.27-1.37 send the JSON number 1e3 as "1e3" (DecimalExponent stays), 0.5 as "500m".
  assert.deepEqual(app.resources.limits, { cpu: '500m', memory: '1Gi', 'example.com/e': '1e3' });
  assert.equal(app.stdin, undefined);
  assert.equal(pod.spec.hostNetwork, undefined);
  assert.deepEqual(pod.spec.volumes[0].emptyDir, { sizeLimit: '512Mi' });
  assert.deepEqual(pod.spec.resources, { limits: { cpu: '250m' } });
  assert.deepEqual(app['x-keep'], { on: false, cpu: 0.5 }, 'unknown fields stay as written');
});

test('-f: fields a kubectl minor does not know stay as written', async () => {
  // Pod-level `resources` arrived in 1.32: kubectl 1.31 drops it; we keep it untouched.
  const pod = await copy(['--kubectl-version=1.31']);
  assert.deepEqual(pod.spec.resources, { limits: { cpu: 0.25 } });
  assert.deepEqual(pod.spec.containers[0].resources.limits.cpu, '500m');
});
