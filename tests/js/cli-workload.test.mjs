// @ts-check
/**
 * Workload targets (issue 14 item 1) through the CLI against the fake API server: without
 * `--copy-to` the workload is read, then its pods by label selector, and the pod kubectl exec
 * would pick gets the ephemeral container; with `--copy-to` a pod built from the template is
 * created, without owner references or controller labels.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startFakeApiServer } from '../fake-apiserver/server.mjs';
import { NS, pod } from './helpers.mjs';
import { runCli, workspace } from './cli-helpers.mjs';

const T = (/** @type {number} */ h) => `2024-01-01T0${h}:00:00Z`;

/**
 * A running pod with these labels, ready since `ready` (null: not ready), created at `created`.
 * @param {string} name
 * @param {Record<string, string>} labels
 * @param {{ ready?: string | null, created?: string, phase?: string }} [o]
 */
function member(name, labels, o = {}) {
  const p = /** @type {any} */ (pod(name));
  p.metadata = { ...p.metadata, labels, creationTimestamp: o.created ?? T(0),
    ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web-7d9c', uid: 'rs', controller: true }] };
  const ready = o.ready === undefined ? T(1) : o.ready;
  /** @type {any} */ (p.status).phase = o.phase ?? 'Running';
  /** @type {any} */ (p.status).conditions = [{ type: 'Ready', status: ready ? 'True' : 'False', lastTransitionTime: ready ?? T(0) }];
  return p;
}

const TEMPLATE = {
  metadata: { labels: { app: 'web', tier: 'front', 'pod-template-hash': '7d9c' }, annotations: { note: 'x' } },
  spec: { containers: [{ name: 'app', image: 'nginx:1.0' }], restartPolicy: 'Always' },
};

/**
 * A workload object.
 * @param {string} kind
 * @param {string} name
 * @param {any} spec
 */
function workload(kind, name, spec) {
  const apiVersion = { ReplicationController: 'v1', Job: 'batch/v1', CronJob: 'batch/v1' }[kind] ?? 'apps/v1';
  return { apiVersion, kind, metadata: { name, namespace: NS, uid: `uid-${name}` }, spec };
}

const WEB = workload('Deployment', 'web', { replicas: 3, selector: { matchLabels: { app: 'web' } }, template: TEMPLATE });

/**
 * @param {import('node:test').TestContext} t
 * @param {any[]} fixtures
 */
async function cluster(t, fixtures) {
  const server = await startFakeApiServer({ fixtures });
  const ws = workspace({ server: server.url });
  t.after(async () => { await server.close(); ws.cleanup(); });
  /** @param {string[]} args */
  const run = (args) => runCli(['-n', NS, '--profile=general', ...args], { home: ws.home, kubeconfig: ws.kubeconfig });
  const writes = () => server.writes.map((/** @type {any} */ w) => `${w.method} ${w.path} ${w.status}`);
  const reads = () => server.requests.filter((r) => r.method === 'GET' && !r.path.startsWith('/api/v1/namespaces/ns1/pods/'))
    .map((r) => (r.query ? `${r.path}?${r.query}` : r.path)).filter((p) => p !== '/api' && p !== '/apis' && !p.startsWith('/version'));
  return { server, run, writes, reads };
}

test('deploy/NAME without --copy-to: the workload, its pods by selector, then the ready running pod kubectl exec picks', async (t) => {
  const { run, writes, reads } = await cluster(t, [WEB,
    member('web-late', { app: 'web' }, { ready: T(5) }),
    member('web-early', { app: 'web' }, { ready: T(2) }),
    member('web-not-ready', { app: 'web' }, { ready: null }),
    member('web-pending', { app: 'web' }, { phase: 'Pending', ready: null }),
    member('other', { app: 'db' })]);
  const r = await run(['deploy/web', '--image=busybox']);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stderr, 'Found 4 pods of deployment/web (3 running), using pod/web-early (running, ready)\n');
  assert.match(r.stdout, /^Defaulting debug container name to debugger-/);
  assert.deepEqual(reads(), [`/apis/apps/v1/namespaces/${NS}/deployments/web`, `/api/v1/namespaces/${NS}/pods?labelSelector=app%3Dweb`]);
  assert.deepEqual(writes(), [`PATCH /api/v1/namespaces/${NS}/pods/web-early/ephemeralcontainers 200`]);
});

test('sts/, ds/, rs/, rc/, job/ and long forms debug a pod of their selector', async (t) => {
  const expr = { matchExpressions: [{ key: 'role', operator: 'In', values: ['db', 'cache'] }], matchLabels: { app: 'db' } };
  const { run, writes, reads } = await cluster(t, [
    workload('StatefulSet', 'db', { replicas: 1, selector: expr, template: TEMPLATE }),
    workload('DaemonSet', 'agent', { selector: { matchLabels: { app: 'agent' } }, template: TEMPLATE }),
    workload('ReplicaSet', 'web-7d9c', { replicas: 1, selector: { matchLabels: { app: 'web', 'pod-template-hash': '7d9c' } }, template: TEMPLATE }),
    workload('ReplicationController', 'old', { replicas: 1, selector: { app: 'old' }, template: TEMPLATE }),
    workload('Job', 'once', { selector: { matchLabels: { 'batch.kubernetes.io/controller-uid': 'u1' } }, template: TEMPLATE }),
    member('db-0', { app: 'db', role: 'db' }), member('agent-x', { app: 'agent' }),
    member('web-7d9c-a', { app: 'web', 'pod-template-hash': '7d9c' }), member('old-a', { app: 'old' }),
    member('once-a', { 'batch.kubernetes.io/controller-uid': 'u1' })]);
  const cases = [['sts/db', 'db-0', 'statefulset/db'], ['daemonset/agent', 'agent-x', 'daemonset/agent'],
    ['rs/web-7d9c', 'web-7d9c-a', 'replicaset/web-7d9c'], ['replicationcontrollers/old', 'old-a', 'replicationcontroller/old'],
    ['job/once', 'once-a', 'job/once']];
  for (const [target, picked, shown] of cases) {
    const r = await run([target, '--image=busybox']);
    assert.equal(r.code, 0, `${target}: ${r.stderr}`);
    assert.equal(r.stderr, `Found 1 pod of ${shown} (1 running), using pod/${picked} (running, ready)\n`);
  }
  assert.deepEqual(writes(), cases.map(([, p]) => `PATCH /api/v1/namespaces/${NS}/pods/${p}/ephemeralcontainers 200`));
  assert.ok(reads().includes(`/api/v1/namespaces/${NS}/pods?labelSelector=app%3Ddb%2Crole+in+%28cache%2Cdb%29`), reads().join('\n'));
});

test('--copy-to of a deployment: a pod from its template, no owner references or controller labels, every option applying', async (t) => {
  const { server, run, writes } = await cluster(t, [WEB]);
  const r = await run(['deployment/web', '--image=busybox', '--copy-to=web-debug', '--keep-labels=true',
    '--set-image=app=nginx:debug', '--share-processes=false', '--container=dbg']);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stderr, '');
  assert.deepEqual(writes(), [`POST /api/v1/namespaces/${NS}/pods 201`]);
  const body = server.writes[0].body;
  assert.deepEqual(body.metadata.labels, { app: 'web', tier: 'front' });
  assert.equal(body.metadata.name, 'web-debug');
  assert.equal(body.metadata.ownerReferences, undefined);
  assert.deepEqual(body.spec.containers.map((/** @type {any} */ c) => `${c.name}=${c.image}`), ['app=nginx:debug', 'dbg=busybox']);
  assert.equal(body.spec.shareProcessNamespace, false);
  // Without --keep-labels the copy has none, as kubectl's copies.
  const plain = await run(['deployment/web', '--image=busybox', '--copy-to=web-debug-2', '--same-node']);
  assert.equal(plain.code, 0, plain.stderr);
  assert.equal(plain.stderr, 'Warning: --same-node: the pod template of deployment/web has no node; the copy is scheduled like any new pod\n');
  assert.equal(server.writes[1].body.metadata.labels, undefined);
  assert.equal(server.writes[1].body.spec.shareProcessNamespace, true);
});

test('--copy-to of a cronjob copies its job template; of a daemonset, the labels its selector needs are dropped', async (t) => {
  const { server, run } = await cluster(t, [
    workload('CronJob', 'nightly', { schedule: '@daily', jobTemplate: { spec: { template: {
      metadata: { labels: { app: 'nightly', 'batch.kubernetes.io/job-name': 'x' } },
      spec: { restartPolicy: 'Never', containers: [{ name: 'task', image: 'busybox:1' }] } } } } }),
    workload('DaemonSet', 'agent', { selector: { matchLabels: { app: 'web' } }, template: TEMPLATE })]);
  const cron = await run(['cronjob/nightly', '--image=busybox', '--copy-to=n-debug', '--keep-labels=true']);
  assert.equal(cron.code, 0, cron.stderr);
  assert.deepEqual(server.writes[0].body.metadata.labels, { app: 'nightly' });
  assert.equal(server.writes[0].body.spec.restartPolicy, 'Never');
  const ds = await run(['ds/agent', '--image=busybox', '--copy-to=a-debug', '--keep-labels=true']);
  assert.equal(ds.code, 0, ds.stderr);
  assert.equal(ds.stderr, 'Warning: not keeping label(s) app of daemonset/agent\'s template: the copy would match its selector, and the controller would adopt it (and could delete it)\n');
  assert.deepEqual(server.writes[1].body.metadata.labels, { tier: 'front' });
});

test('errors: not found, no pods, none running, scaled to zero, paused, suspended, cronjob without --copy-to, --replace', async (t) => {
  const paused = workload('Deployment', 'paused', { paused: true, selector: { matchLabels: { app: 'nothing' } }, template: TEMPLATE });
  const zero = workload('Deployment', 'zero', { replicas: 0, selector: { matchLabels: { app: 'web' } }, template: TEMPLATE });
  const suspended = workload('Job', 'held', { suspend: true, selector: { matchLabels: { app: 'held' } }, template: TEMPLATE });
  const { run, writes } = await cluster(t, [WEB, paused, zero, suspended,
    workload('CronJob', 'nightly', { jobTemplate: { spec: { template: TEMPLATE } } }),
    member('web-a', { app: 'web' }, { phase: 'Pending', ready: null }), member('web-b', { app: 'web' }, { phase: 'Succeeded', ready: null })]);
  const hint = '--copy-to NAME debugs a copy of its pod template';
  const cases = [
    [['deploy/nope'], 'error: deployment/nope: deployments.apps "nope" not found'],
    [['deploy/web'], `error: none of the 2 pods of deployment/web is running (Pending: 1, Succeeded: 1); ${hint}`],
    [['deploy/paused'], `error: no pods of deployment/paused (it is paused) match its selector app=nothing; ${hint}`],
    [['deploy/zero'], `error: deployment/zero is scaled to zero (spec.replicas: 0): no pod to debug; ${hint}`],
    [['job/held'], `error: job/held is suspended (spec.suspend: true): no pod to debug; ${hint}`],
    [['cj/nightly'], 'error: cronjob/nightly has no pods of its own (its Jobs have): debug one of its jobs (job/NAME), or --copy-to NAME to debug a copy of its job template'],
    [['deploy/web', '--copy-to=c', '--replace'], 'error: --replace cannot be used with deployment/web: it would delete a pod named after the workload, which is not a pod; use --copy-to alone'],
  ];
  for (const [words, want] of cases) {
    const args = /** @type {string[]} */ (words);
    const r = await run([...args, '--image=busybox']);
    assert.equal(r.code, 1, args.join(' '));
    assert.equal(r.stderr, `${want}\n`, args.join(' '));
  }
  assert.deepEqual(writes(), []);
});

test('-f with a Deployment keeps kubectl\'s refusal', async (t) => {
  const { run } = await cluster(t, []);
  const { writeFileSync, mkdtempSync } = await import('node:fs');
  const { join } = await import('node:path');
  const { tmpdir } = await import('node:os');
  const file = join(mkdtempSync(join(tmpdir(), 'kd-wl-')), 'd.json');
  writeFileSync(file, JSON.stringify(WEB));
  const r = await run(['-f', file, '--image=busybox']);
  assert.equal(r.code, 1);
  assert.equal(r.stderr, 'error: "apps/v1, Kind=Deployment" not supported by debug\n');
});
