// @ts-check
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { NS, ephemeralPlan, fakeIo, fakePlanner, pod, withServer, wsFactory } from './helpers.mjs';
import { debug } from '../../www/host/run.js';
import { loadKubedebugNode } from '../../www/node/load-wasm.js';

const session = (/** @type {object} */ options = {}) => ({ namespace: NS, options: { targets: ['mypod'], ...options } });

test('ephemeral: GET, PATCH, wait, attach with echo, exit code from channel 3', async (t) => {
  const { server, kube } = await withServer({ attach: { exitCode: 5 } });
  t.after(() => server.close());
  const { io, out } = fakeIo({ stdin: ['echo hi\n'] });
  const planner = fakePlanner(() => ephemeralPlan({ attach: true, stdin: true, tty: true }));
  const result = await debug({ session: session({ stdin: true, tty: true }), planner, kube, io, attachFactory: wsFactory });
  assert.equal(result.exitCode, 5);
  assert.equal(out.stdout, 'Defaulting debug container name to dbg.\necho hi\n'
    + `Session ended, the ephemeral container will not be restarted but may be reattached using 'kubectl attach mypod -c dbg -n ${NS} -i -t' if it is still running\n`);
  assert.equal(out.stderr, 'All commands and output from this session will be recorded in container logs, including credentials and sensitive information passed through the command prompt.\n'
    + "If you don't see a command prompt, try pressing enter.\n");
  assert.equal(planner.calls[1][2].metadata.name, 'mypod');
  assert.deepEqual(server.writes.map((w) => `${w.method} ${w.path} ${w.content_type} ${w.status}`),
    [`PATCH /api/v1/namespaces/${NS}/pods/mypod/ephemeralcontainers application/strategic-merge-patch+json 200`]);
  assert.equal(server.attaches[0].query, 'container=dbg&stdin=true&stdout=true&tty=true');
  assert.equal(server.attaches[0].stdin, 'echo hi\n');
});

test('--replace: DELETE only after the POST succeeded, nothing after a failed POST', async (t) => {
  const { server, kube } = await withServer({ fixtures: [pod('mypod'), pod('taken')] });
  t.after(() => server.close());
  const copyPlan = (/** @type {string} */ name) => {
    const created = { apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: NS }, spec: { containers: [{ name: 'dbg', image: 'busybox' }] } };
    return fakePlanner(() => ({
      journey: /** @type {const} */ ('copy'), result: created, container: null, attach: null, messages: [], cleanup: null, explain: null,
      requests: [
        { method: /** @type {const} */ ('POST'), path: `/api/v1/namespaces/${NS}/pods`, contentType: /** @type {const} */ ('application/json'), body: created },
        { method: /** @type {const} */ ('DELETE'), path: `/api/v1/namespaces/${NS}/pods/mypod`, contentType: /** @type {const} */ ('application/json'), body: { gracePeriodSeconds: 0 } },
      ],
    }));
  };
  const first = fakeIo();
  const ok = await debug({ session: session(), planner: copyPlan('cp'), kube, io: first.io, attachFactory: wsFactory });
  assert.equal(ok.exitCode, 0);
  assert.deepEqual(server.writes.map((w) => `${w.method} ${w.path} ${w.status}`),
    [`POST /api/v1/namespaces/${NS}/pods 201`, `DELETE /api/v1/namespaces/${NS}/pods/mypod 200`]);
  server.writes.length = 0;
  const { store } = server;
  store.add(pod('mypod'));
  const second = fakeIo();
  const failed = await debug({ session: session(), planner: copyPlan('taken'), kube, io: second.io, attachFactory: wsFactory });
  assert.equal(failed.exitCode, 1);
  assert.equal(second.out.stderr, 'Error from server (AlreadyExists): pods "taken" already exists\n');
  assert.deepEqual(server.writes.map((w) => `${w.method} ${w.status}`), ['POST 409']);
});

test('missing target prints the 404 Status; disabled ephemeral API prints kubectl\'s text', async (t) => {
  const { server, kube } = await withServer({ ephemeralContainers: false });
  t.after(() => server.close());
  const a = fakeIo();
  const r1 = await debug({ session: session({ targets: ['nope'] }), planner: fakePlanner(() => ephemeralPlan()), kube, io: a.io });
  assert.equal(r1.exitCode, 1);
  assert.equal(a.out.stderr, 'Error from server (NotFound): pods "nope" not found\n');
  const b = fakeIo();
  const r2 = await debug({ session: session(), planner: fakePlanner(() => ephemeralPlan()), kube, io: b.io });
  assert.equal(r2.exitCode, 1);
  assert.equal(b.out.stderr, 'error: ephemeral containers are disabled for this cluster (error from server: "the server could not find the requested resource")\n');
});

test('image pull failure: waiting warning, then a clear error', async (t) => {
  const { server, kube } = await withServer({ containerState: { waiting: { reason: 'ErrImagePull', message: 'pull access denied for nope' } } });
  t.after(() => server.close());
  const { io, out } = fakeIo();
  const result = await debug({ session: session(), planner: fakePlanner(() => ephemeralPlan({ attach: true, stdin: true, tty: true })),
    kube, io, attachFactory: wsFactory });
  assert.equal(result.exitCode, 1);
  assert.equal(out.stderr, 'Warning: container dbg: pull access denied for nope\n'
    + `error: container dbg of pod ${NS}/mypod cannot start: ErrImagePull: pull access denied for nope\n`);
  assert.equal(/** @type {any} */ (result.error).code, 'wait/image-pull');
});

test('timeoutMs ends the wait with a timeout error', async (t) => {
  const { server, kube } = await withServer({ containerState: 'waiting' });
  t.after(() => server.close());
  const { io, out } = fakeIo();
  const result = await debug({ session: session(), planner: fakePlanner(() => ephemeralPlan({ attach: true, stdin: true })),
    kube, io, attachFactory: wsFactory, timeoutMs: 30 });
  assert.equal(result.exitCode, 1);
  assert.equal(/** @type {any} */ (result.error).code, 'wait/timeout');
  assert.equal(out.stderr, `error: timed out after 30ms waiting for container dbg of pod ${NS}/mypod to start\n`);
});

test('attach failure falls back to streaming logs with kubectl\'s warning', async (t) => {
  const { server, kube } = await withServer({ attach: { fail: { status: 403, message: 'forbidden' } },
    logs: { [`${NS}/mypod/dbg`]: 'from logs\n' } });
  t.after(() => server.close());
  const { io, out } = fakeIo({ isTerminal: false });
  const result = await debug({ session: session({ quiet: true }), planner: fakePlanner(() => ephemeralPlan({ attach: true, stdin: true, tty: true })),
    kube, io, attachFactory: wsFactory });
  assert.equal(result.exitCode, 0);
  assert.match(out.stderr, /^warning: couldn't attach to pod\/mypod, falling back to streaming logs: unable to upgrade connection: .*403.*\n$/);
  assert.equal(out.stdout, 'Defaulting debug container name to dbg.\nfrom logs\n');
});

test('a container that terminated before attach: logs, no attach', async (t) => {
  const { server, kube } = await withServer({ containerState: 'terminated', logs: { [`${NS}/mypod/dbg`]: 'done\n' } });
  t.after(() => server.close());
  const { io, out } = fakeIo();
  const result = await debug({ session: session(), planner: fakePlanner(() => ephemeralPlan({ attach: true, stdin: true })), kube, io, attachFactory: wsFactory });
  assert.equal(result.exitCode, 0);
  assert.equal(out.stdout, 'Defaulting debug container name to dbg.\ndone\n');
  assert.equal(out.stderr, '');
  assert.equal(server.attaches.length, 0);
});

test('resize events reach channel 4; v4-only server works without a close frame', async (t) => {
  const { server, kube } = await withServer({ attach: { protocols: ['v4.channel.k8s.io'] } });
  t.after(() => server.close());
  const fake = fakeIo();
  async function* stdin() {
    await new Promise((r) => setImmediate(r));
    for (const fn of fake.resizeListeners) fn({ width: 132, height: 43 });
    yield 'exit 2\n';
  }
  fake.io.stdin = stdin();
  const result = await debug({ session: session(), planner: fakePlanner(() => ephemeralPlan({ attach: true, stdin: true, tty: true })),
    kube, io: fake.io, attachFactory: wsFactory });
  assert.equal(result.exitCode, 2);
  assert.equal(server.attaches[0].protocol, 'v4.channel.k8s.io');
  assert.deepEqual(server.attaches[0].resizes, [{ width: 81, height: 25 }, { width: 80, height: 24 }, { width: 132, height: 43 }]);
  assert.equal(fake.resizeListeners.length, 0, 'resize listener disposed');
});

test('dry run returns plans and sends nothing', async (t) => {
  const { server, kube } = await withServer();
  t.after(() => server.close());
  const { io } = fakeIo();
  const result = await debug({ session: session(), planner: fakePlanner(() => ephemeralPlan({ attach: true })), kube, io, dryRun: true });
  assert.equal(result.exitCode, 0);
  assert.equal(result.results[0].plan.requests[0].method, 'PATCH');
  assert.deepEqual(server.writes, []);
});

test('core errors print messages, error and usage hint', async () => {
  const { io, out } = fakeIo();
  const planner = { prepare() {
    throw Object.assign(new Error('you must specify --image when not using --copy-to.'),
      { name: 'DebugError', code: 'validate/invalid', usage: false, messages: [{ stream: 'stderr', text: 'note' }] });
  }, plan() { throw new Error('unreachable'); } };
  const r = await debug({ session: session(), planner, io });
  assert.equal(r.exitCode, 1);
  assert.equal(out.stderr, 'note\nerror: you must specify --image when not using --copy-to.\n');
  const usage = { prepare() { throw Object.assign(new Error('unknown flag: --nope'), { code: 'flag/unknown', usage: true }); }, plan() { return ephemeralPlan(); } };
  const b = fakeIo();
  await debug({ session: session(), planner: usage, io: b.io });
  assert.equal(b.out.stderr, "error: unknown flag: --nope\nSee 'kubectl debug --help' for usage.\n");
});

test('-f and --custom files are read by the host and handed to the planner', async (t) => {
  const { server, kube } = await withServer();
  t.after(() => server.close());
  const filePod = pod('mypod');
  delete (/** @type {any} */ (filePod.metadata)).namespace;
  const { io } = fakeIo({ files: { '/p.json': JSON.stringify(filePod) } });
  const planner = fakePlanner(() => ephemeralPlan());
  const r = await debug({ session: { namespace: NS, options: { filename: ['/p.json'], custom: '/missing.json' } }, planner, kube, io });
  assert.equal(r.exitCode, 0);
  // prepare names the --custom file; the host reads it and prepares again; then plans.
  assert.deepEqual(planner.calls.map((c) => c[0]), ['prepare', 'prepare', 'plan']);
  const [, again] = planner.calls[1];
  assert.deepEqual(again.customProfile, { path: '/missing.json', error: 'open /missing.json: no such file or directory' });
  const [, , target] = planner.calls[2];
  assert.equal(target.metadata.namespace, NS);
  assert.equal(server.requests.filter((q) => q.method === 'GET').length, 0);
});

test("-f objects: an explicit namespace that differs from the object's is the core's error, as on the text path", async () => {
  const core = loadKubedebugNode();
  const filePod = pod('mypod');
  (/** @type {any} */ (filePod.metadata)).namespace = 'other';
  const { io, out } = fakeIo({ files: { '/p.json': JSON.stringify(filePod) } });
  const r = await debug({
    session: { args: ['-f', '/p.json', '--image=busybox', '-n', NS], namespaceExplicit: true, seed: 1 },
    planner: core, kube: null, io, dryRun: true,
  });
  assert.equal(r.exitCode, 1);
  assert.equal(out.stderr, `error: the namespace from the provided object "other" does not match the namespace "${NS}". `
    + "You must pass '--namespace=other' to perform this operation.\n");
});

test('reads in rounds: every answer so far goes back to prepare; a read asked for again ends the session', async (t) => {
  const { server, kube } = await withServer();
  t.after(() => server.close());
  const base = fakePlanner(() => ephemeralPlan());
  const podsRead = { name: 'pods', path: `/api/v1/namespaces/${NS}/pods?labelSelector=app%3Dweb` };
  const nsRead = { name: 'namespace', path: `/api/v1/namespaces/${NS}` };
  /** @type {import('../../www/host/run.js').Planner} */
  const rounds = {
    prepare(/** @type {any} */ s) {
      const p = /** @type {any} */ (base.prepare(s));
      const answered = (s.reads ?? []).map((/** @type {any} */ r) => r.name);
      p.needs.reads = !answered.length ? [nsRead] : answered.length === 1 ? [podsRead] : [];
      return p;
    },
    plan: base.plan,
  };
  const { io } = fakeIo();
  const r = await debug({ session: session(), planner: rounds, kube, io });
  assert.equal(r.exitCode, 0, String(r.error));
  const prepares = base.calls.filter((c) => c[0] === 'prepare').map((c) => (c[1].reads ?? []).map((/** @type {any} */ a) => a.name));
  assert.deepEqual(prepares, [[], ['namespace'], ['namespace', 'pods']]);
  const podList = base.calls.filter((c) => c[0] === 'prepare')[2][1].reads[1].object;
  assert.equal(podList.items[0].metadata.name, 'mypod');

  /** @type {import('../../www/host/run.js').Planner} */
  const stuck = {
    prepare(/** @type {any} */ s) {
      const p = /** @type {any} */ (base.prepare(s));
      p.needs.reads = [nsRead];
      return p;
    },
    plan: base.plan,
  };
  const out = fakeIo();
  const again = await debug({ session: session(), planner: stuck, kube, io: out.io });
  assert.equal(again.exitCode, 1);
  assert.equal(/** @type {any} */ (again.error).code, 'host/read-loop');
  assert.equal(out.out.stderr, `error: prepare keeps asking for namespace /api/v1/namespaces/${NS}\n`);
});
