// @ts-check
/**
 * kubedebug's overlay flags (issue 14 items 4-6) through the CLI against the fake API server:
 * what reaches the server, the refusals with their codes' texts, nothing sent on an error.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startFakeApiServer } from '../fake-apiserver/server.mjs';
import { NS, pod } from './helpers.mjs';
import { runCli, workspace } from './cli-helpers.mjs';

const WEB = pod('web', {
  spec: {
    securityContext: { runAsUser: 2000, runAsNonRoot: true },
    containers: [
      { name: 'app', image: 'nginx:1.0', securityContext: { runAsUser: 1000, runAsGroup: 3000 },
        volumeMounts: [{ name: 'data', mountPath: '/data' }, { name: 'data', mountPath: '/conf', subPath: 'conf' }] },
      { name: 'side', image: 'envoy' },
    ],
    volumes: [{ name: 'data', emptyDir: {} }, { name: 'extra', emptyDir: {} }],
  },
});
const TAINTED = { apiVersion: 'v1', kind: 'Node', metadata: { name: 'node-1', labels: { zone: 'a' } },
  spec: { taints: [{ key: 'dedicated', value: 'db', effect: 'NoSchedule' }] }, status: {} };

/**
 * @param {import('node:test').TestContext} t
 */
async function cluster(t) {
  const server = await startFakeApiServer({ fixtures: [WEB, TAINTED] });
  const ws = workspace({ server: server.url });
  t.after(async () => { await server.close(); ws.cleanup(); });
  /** @param {string[]} args */
  const run = (args) => runCli([...args, '--profile=general'], { home: ws.home, kubeconfig: ws.kubeconfig });
  return { server, run };
}

test('--as-target-user and --mount-target-volumes: the ephemeral container runs as --target and mounts its volumes', async (t) => {
  const { server, run } = await cluster(t);
  const r = await run(['web', '--image=busybox', '--target=app', '--as-target-user', '--mount-target-volumes', '--volume-mount=extra:/x:ro']);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stderr, /volume "data" at "\/conf" is not mounted: an ephemeral container may not set subPath/);
  assert.equal(server.writes.length, 1);
  assert.equal(server.writes[0].path, `/api/v1/namespaces/${NS}/pods/web/ephemeralcontainers`);
  const c = server.writes[0].body.spec.ephemeralContainers[0];
  assert.deepEqual(c.securityContext, { capabilities: { add: ['SYS_PTRACE'] }, runAsUser: 1000, runAsGroup: 3000, runAsNonRoot: true });
  assert.deepEqual(c.volumeMounts, [{ name: 'extra', readOnly: true, mountPath: '/x' }, { name: 'data', mountPath: '/data' }]);
});

test('copy: the default container is the target; pod overlays land on the copy', async (t) => {
  const { server, run } = await cluster(t);
  const r = await run(['web', '--image=busybox', '--copy-to=web-dbg', '--as-target-user', '--mount-target-volumes',
    '--image-pull-secret=regcred', '--label=team=sre', '--annotation=note=why, not', '--node-selector=zone=a']);
  assert.equal(r.code, 0, r.stderr);
  const copy = server.writes[0].body;
  assert.deepEqual(copy.metadata.labels, { team: 'sre' });
  assert.equal(copy.metadata.annotations.note, 'why, not');
  assert.deepEqual(copy.spec.imagePullSecrets, [{ name: 'regcred' }]);
  assert.deepEqual(copy.spec.nodeSelector, { zone: 'a' });
  const dbg = copy.spec.containers[2];
  assert.equal(dbg.securityContext.runAsUser, 1000);
  assert.deepEqual(dbg.volumeMounts.map((/** @type {any} */ m) => m.mountPath), ['/data', '/conf']);
});

test('node: --tolerations-from-node and --node-selector, checked against the node', async (t) => {
  const { server, run } = await cluster(t);
  const r = await run(['node/node-1', '--image=busybox', '--tolerations-from-node', '--node-selector=zone=a', '--label=purpose=debug']);
  assert.equal(r.code, 0, r.stderr);
  const p = server.writes[0].body;
  assert.deepEqual(p.spec.tolerations, [{ key: 'dedicated', operator: 'Equal', value: 'db', effect: 'NoSchedule' }]);
  assert.deepEqual(p.spec.nodeSelector, { zone: 'a' });
  assert.equal(p.metadata.labels.purpose, 'debug');
  const bad = await run(['node/node-1', '--image=busybox', '--node-selector=zone=b']);
  assert.equal(bad.code, 1);
  assert.equal(bad.stderr, 'error: --node-selector zone=b: node "node-1" has zone=a, so its kubelet would refuse the debug pod\n');
  assert.equal(server.writes.length, 1);
});

test('refusals: each overlay where it cannot apply, and malformed values; nothing is sent', async (t) => {
  const { server, run } = await cluster(t);
  const cases = [
    [['web', '--image=busybox', '--image-pull-secret=regcred'], /--image-pull-secret cannot be used with an ephemeral container: .*service account/],
    [['web', '--image=busybox', '--label=a=b'], /--label cannot be used with an ephemeral container/],
    [['web', '--image=busybox', '--annotation=a=b'], /--annotation cannot be used with an ephemeral container/],
    [['web', '--image=busybox', '--copy-to=c', '--tolerations-from-node'], /--tolerations-from-node is for node debugging/],
    [['node/node-1', '--image=busybox', '--as-target-user'], /--as-target-user needs a target container, and a node has none/],
    [['web', '--image=busybox', '--volume-mount=nope:/x'], /the pod has no volume "nope" \(its volumes: data, extra\)/],
    [['web', '--image=busybox', '--volume-mount=data'], /--volume-mount "data": no path/],
    [['web', '--image=busybox', '--copy-to=c', '--label=a b=c'], /--label "a b=c": invalid key "a b": name part must consist of/],
    [['web', '--image=busybox', '--copy-to=c', '--label=a=b c'], /--label "a=b c": invalid value "b c": a valid label must be/],
    [['web', '--image=busybox', '--target=nope', '--as-target-user'], /the target pod has no container "nope"/],
    [['web', '--image=busybox', '--as-target-user', '--profile=sysadmin', '--target=side', '--copy-to=c'], /--target is incompatible with --copy-to/],
  ];
  for (const [words, re] of cases) {
    const args = /** @type {string[]} */ (words);
    const r = await run(args);
    assert.equal(r.code, 1, `${args.join(' ')}: ${r.stderr}`);
    assert.match(r.stderr, /** @type {RegExp} */ (re), args.join(' '));
  }
  assert.deepEqual(server.writes, []);
});

test('--dry-run -o json with -f shows the overlays; --help lists the flags under kubedebug options', async (t) => {
  const ws = workspace();
  t.after(() => ws.cleanup());
  const file = ws.file('pod.json', { ...WEB, spec: { ...WEB.spec, securityContext: {} } });
  const r = await runCli(['-f', file, '--image=busybox', '--as-target-user', '--profile=sysadmin', '--dry-run', '-o', 'json'], { home: ws.home });
  assert.equal(r.code, 0, r.stderr);
  const out = JSON.parse(r.stdout);
  assert.equal(out.spec.ephemeralContainers[0].securityContext.runAsUser, 1000);
  assert.match(r.stderr, /the sysadmin profile's privileges and capabilities may not take effect/);
  const noUser = ws.file('side.json', { ...WEB, spec: { containers: [{ name: 'side', image: 'envoy' }] } });
  const e = await runCli(['-f', noUser, '--image=busybox', '--as-target-user', '--profile=netadmin', '--dry-run'], { home: ws.home });
  assert.equal(e.code, 1);
  assert.match(e.stderr, /^error: --as-target-user: container "side" sets no runAsUser \(nor does its pod\)/m);
  const help = await runCli(['--help'], { home: ws.home });
  const own = help.stdout.slice(help.stdout.indexOf('kubedebug options:'));
  for (const flag of ['--as-target-user', '--mount-target-volumes', '--volume-mount', '--image-pull-secret', '--label',
    '--annotation', '--node-selector', '--tolerations-from-node']) {
    assert.ok(own.includes(`    ${flag}=`), flag);
    assert.ok(!help.stdout.slice(0, help.stdout.indexOf('kubedebug options:')).includes(`    ${flag}=`), flag);
  }
});
