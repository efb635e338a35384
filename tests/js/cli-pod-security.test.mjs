// @ts-check
/**
 * `--profile=auto` and `--preflight` through the CLI against the fake API server: the namespace
 * is read (GET /api/v1/namespaces/NAME) only when they are used, its enforce labels choose the
 * profile, and the planned pod is checked before anything is sent.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startFakeApiServer } from '../fake-apiserver/server.mjs';
import { NODE, NS, pod } from './helpers.mjs';
import { normalizeNames, runCli, workspace } from './cli-helpers.mjs';

const ENFORCE = 'pod-security.kubernetes.io/enforce';

/**
 * A Namespace with these labels.
 * @param {string} name
 * @param {Record<string, string>} labels
 */
function namespace(name, labels) {
  return { apiVersion: 'v1', kind: 'Namespace', metadata: { name, labels: { 'kubernetes.io/metadata.name': name, ...labels } } };
}

/** A pod that meets restricted. */
const SAFE = pod('safe', {
  spec: {
    securityContext: { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } },
    containers: [{ name: 'app', image: 'nginx:1.0',
      securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } } }],
  },
});

/**
 * A fake API server whose namespace `ns1` has `labels` (none: no namespace object at all).
 * @param {import('node:test').TestContext} t
 * @param {Record<string, string> | null} labels
 */
async function cluster(t, labels) {
  const fixtures = [pod('mypod'), SAFE, NODE, ...(labels ? [namespace(NS, labels)] : [])];
  const server = await startFakeApiServer({ fixtures });
  const ws = workspace({ server: server.url });
  t.after(async () => { await server.close(); ws.cleanup(); });
  /** @param {string[]} args */
  const run = (args) => runCli(args, { home: ws.home, kubeconfig: ws.kubeconfig });
  const namespaceReads = () => server.requests.filter((r) => r.path.startsWith('/api/v1/namespaces/') && !r.path.includes('/pods')).length;
  return { server, run, namespaceReads };
}

/** @param {any} server */
const writes = (server) => server.writes.map((/** @type {any} */ w) => `${w.method} ${w.path} ${w.status}`);

test('without --profile=auto or --preflight the namespace is never read', async (t) => {
  const { server, run, namespaceReads } = await cluster(t, { [ENFORCE]: 'restricted' });
  const r = await run(['mypod', '--image=busybox', '--profile=general']);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stderr, '');
  assert.equal(namespaceReads(), 0);
  assert.deepEqual(writes(server), [`PATCH /api/v1/namespaces/${NS}/pods/mypod/ephemeralcontainers 200`]);
});

test('--profile=auto in a restricted namespace: the restricted profile, said why, no warning for a restricted pod', async (t) => {
  const { server, run, namespaceReads } = await cluster(t, { [ENFORCE]: 'restricted' });
  const r = await run(['safe', '--image=busybox', '--profile=auto']);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stderr, `--profile=auto: namespace "${NS}" enforces PodSecurity "restricted:latest": using --profile=restricted\n`);
  assert.equal(normalizeNames(r.stdout), 'Defaulting debug container name to debugger-XXXXX.\n');
  assert.equal(namespaceReads(), 1);
  assert.deepEqual(writes(server), [`PATCH /api/v1/namespaces/${NS}/pods/safe/ephemeralcontainers 200`]);
  const sc = server.writes[0].body.spec.ephemeralContainers.at(-1).securityContext;
  assert.deepEqual([sc.runAsNonRoot, sc.allowPrivilegeEscalation, sc.capabilities.drop, sc.seccompProfile.type],
    [true, false, ['ALL'], 'RuntimeDefault']);
});

test('--profile=auto warns (by default) about what the target itself violates, and goes on', async (t) => {
  const { server, run } = await cluster(t, { [ENFORCE]: 'restricted', [`${ENFORCE}-version`]: 'v1.30' });
  const r = await run(['mypod', '--image=busybox', '--profile=auto']);
  assert.equal(r.code, 0, r.stderr);
  const lines = r.stderr.split('\n');
  assert.equal(lines[0], `--profile=auto: namespace "${NS}" enforces PodSecurity "restricted:v1.30": using --profile=restricted`);
  assert.match(lines[1], /^Warning: would violate PodSecurity "restricted:v1\.30": allowPrivilegeEscalation != false \(container "app" must set securityContext\.allowPrivilegeEscalation=false\), /);
  assert.equal(server.writes.length, 1);
});

test('--profile=auto in a baseline or unlabelled namespace: baseline, general', async (t) => {
  const baseline = await cluster(t, { [ENFORCE]: 'baseline' });
  const a = await baseline.run(['mypod', '--image=busybox', '--profile=auto', '--copy-to=dbg']);
  assert.equal(a.code, 0, a.stderr);
  assert.equal(a.stderr, `--profile=auto: namespace "${NS}" enforces PodSecurity "baseline:latest": using --profile=baseline\n`);
  assert.deepEqual(writes(baseline.server), [`POST /api/v1/namespaces/${NS}/pods 201`]);
  const none = await cluster(t, {});
  const b = await none.run(['mypod', '--image=busybox', '--profile=auto', '-q']);
  assert.equal(b.code, 0, b.stderr);
  assert.equal(b.stderr, '');
  const added = none.server.writes[0].body.spec.ephemeralContainers.at(-1);
  assert.deepEqual(added.securityContext, { capabilities: { add: ['SYS_PTRACE'] } });
});

test('--profile=auto refuses a node under baseline/restricted: nothing sent', async (t) => {
  const { server, run } = await cluster(t, { [ENFORCE]: 'baseline' });
  const r = await run(['node/node-1', '--image=busybox', '--profile=auto']);
  assert.equal(r.code, 1);
  assert.match(r.stderr, /^--profile=auto: namespace "ns1" enforces PodSecurity "baseline:latest": using --profile=baseline\nerror: --profile=auto cannot debug a node in namespace "ns1": it enforces PodSecurity "baseline:latest", and a node debug pod needs the host's namespaces/);
  assert.deepEqual(server.writes, []);
  const privileged = await cluster(t, { [ENFORCE]: 'privileged' });
  const ok = await privileged.run(['node/node-1', '--image=busybox', '--profile=auto']);
  assert.equal(ok.code, 0, ok.stderr);
  assert.equal(privileged.server.writes[0].body.spec.hostPID, true);
});

test('--preflight (enforce): the admission\'s words, exit 1, nothing sent; --preflight=warn sends', async (t) => {
  const { server, run } = await cluster(t, { [ENFORCE]: 'baseline' });
  const r = await run(['mypod', '--image=busybox', '--profile=sysadmin', '--copy-to=dbg', '--preflight']);
  assert.equal(r.code, 1);
  assert.equal(normalizeNames(r.stdout), 'Defaulting debug container name to debugger-XXXXX.\n');
  assert.equal(r.stderr, 'error: pods "dbg" is forbidden: violates PodSecurity "baseline:latest": privileged (container "debugger-XXXXX" must not set securityContext.privileged=true) (--preflight=enforce: nothing was sent)\n'
    .replace('debugger-XXXXX', /** @type {string} */ (/debugger-[a-z0-9]{5}/.exec(r.stderr)?.[0])));
  assert.deepEqual(server.writes, []);
  const w = await run(['mypod', '--image=busybox', '--profile=sysadmin', '--copy-to=dbg', '--preflight=warn']);
  assert.equal(w.code, 0, w.stderr);
  assert.match(normalizeNames(w.stderr), /^Warning: would violate PodSecurity "baseline:latest": privileged \(container "debugger-XXXXX" must not set securityContext\.privileged=true\)\n$/);
  assert.deepEqual(writes(server), [`POST /api/v1/namespaces/${NS}/pods 201`]);
});

test('a namespace that does not exist: the API server\'s 404 text, nothing sent', async (t) => {
  const { server, run, namespaceReads } = await cluster(t, null);
  const r = await run(['mypod', '--image=busybox', '--profile=auto']);
  assert.equal(r.code, 1);
  assert.equal(r.stderr, `error: --profile=auto needs the labels of namespace "${NS}": namespaces "${NS}" not found\n`);
  assert.equal(namespaceReads(), 1);
  assert.deepEqual(server.writes, []);
});

test('-f --dry-run without a cluster: auto cannot read the namespace; a bad --preflight value is refused', async (t) => {
  const ws = workspace();
  t.after(() => ws.cleanup());
  const file = ws.file('pod.json', pod('mypod'));
  const a = await runCli(['-f', file, '--image=busybox', '--profile=auto', '--dry-run'], { home: ws.home });
  assert.equal(a.code, 1);
  assert.match(a.stderr, /^error: --profile=auto needs the labels of namespace "default": no API server to read it from/);
  const b = await runCli(['-f', file, '--image=busybox', '--preflight=strict', '--dry-run'], { home: ws.home });
  assert.deepEqual([b.code, b.stderr], [1, 'error: invalid --preflight "strict": must be warn, enforce or off\n']);
});
