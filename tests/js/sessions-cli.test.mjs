// @ts-check
/**
 * Debug sessions through the CLI against the fake API server (issue 13 items 2–4):
 * `--session-label`, `kubedebug list`, `attach`, `cleanup`.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startFakeApiServer } from '../fake-apiserver/server.mjs';
import { NS, NODE, fakeIo, pod, wsFactory } from './helpers.mjs';
import { runCli, workspace } from './cli-helpers.mjs';
import { loadKubedebugNode } from '../../www/node/load-wasm.js';
import { runAttachCommand } from '../../www/node/attach-command.js';
import { humanDuration } from '../../www/host/session-text.js';

const NOW = Date.now();
/** RFC 3339 time `seconds` before now. @param {number} seconds */
const ago = (seconds) => new Date(NOW - seconds * 1000).toISOString().replace(/\.\d+Z$/, 'Z');

/** A pod with ephemeral containers (one running, one ended) and their statuses. */
const WEB = pod('web', {
  spec: { containers: [{ name: 'app', image: 'nginx:1.0' }], restartPolicy: 'Always',
    ephemeralContainers: [
      { name: 'debugger-abcde', image: 'busybox', targetContainerName: 'app', stdin: true, tty: true },
      { name: 'debugger-fghij', image: 'alpine' }] },
  status: { phase: 'Running', ephemeralContainerStatuses: [
    // Started 25 minutes ago: an age in whole minutes, whatever seconds the test takes to get there.
    { name: 'debugger-abcde', state: { running: { startedAt: ago(25 * 60) } } },
    { name: 'debugger-fghij', state: { terminated: { exitCode: 137, reason: 'Error', startedAt: ago(51 * 3600) } } }] },
});

/**
 * @param {string} name
 * @param {Record<string, string>} labels
 * @param {string} created
 * @param {string} phase
 * @param {string} [ns]
 */
function debugPod(name, labels, created, phase, ns = NS) {
  return { apiVersion: 'v1', kind: 'Pod',
    metadata: { name, namespace: ns, creationTimestamp: created, labels,
      annotations: labels['kubedebug.dev/journey'] ? { 'kubedebug.dev/target': 'pod/web', 'kubedebug.dev/container': 'debugger',
        'kubedebug.dev/profile': 'general', 'kubedebug.dev/creator': 'alice' } : {} },
    spec: { nodeName: 'node-1', containers: [{ name: 'debugger', image: 'busybox' }] },
    status: { phase, containerStatuses: [{ name: 'debugger', state: phase === 'Running'
      ? { running: { startedAt: created } } : { terminated: { exitCode: 0, reason: 'Completed' } } }] } };
}

const COPY_DONE = debugPod('web-debug', { 'kubedebug.dev/journey': 'copy', 'kubedebug.dev/session': 's1' }, ago(24 * 3600), 'Succeeded');
const NODE_RUNNING = debugPod('node-debugger-node-1-xyz12', { 'kubedebug.dev/journey': 'node', 'kubedebug.dev/session': 's2' }, ago(3600), 'Running');
const KUBECTL_NODE = debugPod('node-debugger-node-1-kk222', { 'app.kubernetes.io/managed-by': 'kubectl-debug' }, ago(3 * 3600), 'Failed', 'other');
const UNMARKED_DONE = debugPod('plain-copy', { app: 'web' }, ago(9 * 86400), 'Succeeded');

/**
 * @param {import('node:test').TestContext} t
 * @param {any[]} [fixtures]
 */
async function cluster(t, fixtures = [WEB, COPY_DONE, NODE_RUNNING, KUBECTL_NODE, UNMARKED_DONE, NODE]) {
  const server = await startFakeApiServer({ fixtures });
  const ws = workspace({ server: server.url });
  t.after(async () => { await server.close(); ws.cleanup(); });
  /** @param {string[]} args @param {{ input?: string | null }} [o] */
  const run = (args, o = {}) => runCli(args, { home: ws.home, kubeconfig: ws.kubeconfig,
    ...o });
  return { server, ws, run };
}

test('AGE is kubectl\'s HumanDuration', () => {
  assert.deepEqual([0, 59, 119, 120, 300, 605, 3 * 3600 + 60, 5 * 3600 + 120, 30 * 3600, 3 * 86400 + 3 * 3600, 400 * 86400, 3 * 365 * 86400 + 86400, null]
    .map(humanDuration), ['0s', '59s', '119s', '2m', '5m', '10m', '3h1m', '5h2m', '30h', '3d3h', '400d', '3y1d', '<unknown>']);
});

test('--session-label: the copy carries kubedebug labels and annotations; without it, none', async (t) => {
  const { server, run } = await cluster(t, [pod('mypod')]);
  let r = await run(['mypod', '--image=busybox', '--copy-to=c1', '--session-label']);
  assert.equal(r.code, 0, r.stderr);
  const meta = server.writes[0].body.metadata;
  assert.equal(meta.labels['kubedebug.dev/journey'], 'copy');
  assert.match(meta.labels['kubedebug.dev/session'], /^[a-z0-9]{5}$/);
  assert.equal(meta.annotations['kubedebug.dev/target'], 'pod/mypod');
  assert.equal(meta.annotations['kubedebug.dev/creator'], 'fake');
  assert.match(meta.annotations['kubedebug.dev/created-at'], /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
  r = await run(['mypod', '--image=busybox', '--copy-to=c2']);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(JSON.stringify(server.writes[1].body.metadata).includes('kubedebug'), false);
  // The session shows up in the list.
  r = await run(['list']);
  assert.match(r.stdout, /^c1 +debugger-[a-z0-9]{5} +copy +busybox +pod\/mypod +Running/m);
  assert.doesNotMatch(r.stdout, /^c2 /m);
});

test('list: ephemeral containers, marked copies and node pods; unmarked pods are not sessions', async (t) => {
  const { run } = await cluster(t);
  const r = await run(['list']);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout, [
    'POD                          CONTAINER        KIND        IMAGE     TARGET    STATE                                 AGE',
    'node-debugger-node-1-xyz12   debugger         node        busybox   pod/web   Running                               60m',
    'web                          debugger-abcde   ephemeral   busybox   app       Running                               25m',
    'web                          debugger-fghij   ephemeral   alpine    <none>    Terminated: Error (exit code 137)     2d3h',
    'web-debug                    debugger         copy        busybox   pod/web   Terminated: Completed (exit code 0)   24h',
    ''].join('\n'));
});

test('list -A adds NAMESPACE and finds kubectl 1.34 node pods; -l selects; -o wide; nothing found', async (t) => {
  const { run, server } = await cluster(t);
  let r = await run(['list', '-A']);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /^NAMESPACE +POD +CONTAINER/);
  assert.match(r.stdout, /^other +node-debugger-node-1-kk222 +debugger +node +busybox +node\/node-1 +Terminated: Completed \(exit code 0\) +3h$/m);
  assert.equal(r.stdout.split('\n').length - 1, 6);
  assert.ok(server.requests.some((q) => q.path === '/api/v1/pods'));
  r = await run(['list', '-n', NS, '-l', 'kubedebug.dev/journey=copy']);
  assert.deepEqual(r.stdout.split('\n').slice(1, -1).map((l) => l.split(/ +/)[0]), ['web-debug']);
  assert.ok(server.requests.some((q) => q.query === 'labelSelector=kubedebug.dev%2Fjourney%3Dcopy'));
  r = await run(['list', '-o', 'wide']);
  assert.match(r.stdout, /SESSION +PROFILE +CREATOR +MARKED-BY$/m);
  assert.match(r.stdout, /^web-debug .* 24h +s1 +general +alice +kubedebug$/m);
  r = await run(['list', '-n', 'empty']);
  assert.deepEqual([r.code, r.stdout, r.stderr], [0, '', 'No debug sessions found in empty namespace.\n']);
  r = await run(['list', '-l', 'a b']);
  assert.equal(r.code, 1);
  assert.match(r.stderr, /^Error from server \(BadRequest\): unable to parse requirement/);
  r = await run(['list', '-o', 'name']);
  assert.equal(r.code, 1);
  assert.equal(r.stderr, 'error: unable to match a printer suitable for the output format "name", allowed formats are: json,wide,yaml\n'
    + "See 'kubedebug list --help' for usage.\n");
});

test('list -o json and -o yaml give the library\'s sessions', async (t) => {
  const { run } = await cluster(t);
  const r = await run(['list', '-o', 'json']);
  assert.equal(r.code, 0, r.stderr);
  const list = JSON.parse(r.stdout);
  assert.equal(list.kind, 'DebugSessionList');
  const core = loadKubedebugNode();
  const want = core.listSessions({ items: [WEB, COPY_DONE, NODE_RUNNING] });
  assert.deepEqual(list.items.map((/** @type {any} */ s) => ({ ...s, ageSeconds: undefined })),
    [want[3], want[0], want[1], want[2]].map((s) => ({ ...s, ageSeconds: undefined })));
  assert.deepEqual(list.items[2], { ...list.items[2], kind: 'ephemeral', container: 'debugger-fghij', state: 'terminated', reason: 'Error', exitCode: 137, finished: true });
  const y = await run(['list', '-o', 'yaml']);
  assert.match(y.stdout, /^kind: DebugSessionList$/m);
});

test('attach: to a running ephemeral container with a TTY (raw, sizes) and without', async (t) => {
  const { server, ws } = await cluster(t);
  const core = loadKubedebugNode();
  const tty = fakeIo({ stdin: ['ls\n'], isTerminal: true });
  let code = await runAttachCommand(['web', '-c', 'debugger-abcde', '-it', '-n', NS, '--kubeconfig', ws.kubeconfig],
    { core, env: {}, io: tty.io, attachFactory: wsFactory });
  assert.equal(code, 0, tty.out.stderr + tty.out.stdout);
  assert.equal(server.attaches[0].path, `/api/v1/namespaces/${NS}/pods/web/attach`);
  assert.equal(server.attaches[0].query, 'container=debugger-abcde&stdin=true&stdout=true&tty=true');
  assert.deepEqual(server.attaches[0].resizes.slice(0, 2), [{ width: 81, height: 25 }, { width: 80, height: 24 }]);
  assert.equal(tty.out.stderr, "If you don't see a command prompt, try pressing enter.\n");
  assert.equal(tty.out.stdout, 'ls\n' + "Session ended, the ephemeral container will not be restarted but may be reattached using "
    + `'kubedebug attach web -c debugger-abcde -n ${NS} -i -t' if it is still running\n`);
  // Output only (no -i): nothing from our side ends it; the session lasts until the container's
  // process exits, and its exit code is the command's.
  const plain = fakeIo({ stdin: null, isTerminal: false });
  const running = runAttachCommand(['pod/web', '-c', 'debugger-abcde', '-q', '-n', NS, '--kubeconfig', ws.kubeconfig],
    { core, env: {}, io: plain.io, attachFactory: wsFactory });
  await until(() => server.attaches.length === 2);
  assert.ok(server.containerExits(NS, 'web', 'debugger-abcde', 3));
  code = await running;
  assert.equal(code, 3, plain.out.stderr);
  // kubectl attach's SetupTTY: without stdin there is no TTY, even for a container that has one.
  assert.equal(server.attaches[1].query, 'container=debugger-abcde&stderr=true&stdout=true');
  assert.equal(server.attaches[1].protocol, 'v5.channel.k8s.io');
});

/**
 * Wait (up to 5 s) for `ready()`.
 * @param {() => boolean} ready
 */
async function until(ready) {
  for (let i = 0; i < 500 && !ready(); i++) await new Promise((r) => setTimeout(r, 10));
  assert.ok(ready(), 'timed out');
}

test('attach: kubectl\'s errors for a missing container, a finished one, a missing pod, and usage', async (t) => {
  const { run, server } = await cluster(t);
  let r = await run(['attach', 'web', '-c', 'nope', '-n', NS]);
  assert.deepEqual([r.code, r.stderr], [1, 'error: cannot attach to the container: container nope not found in pod web\n']);
  r = await run(['attach', 'web', '-c', 'debugger-fghij', '-n', NS]);
  assert.deepEqual([r.code, r.stderr], [1, 'error: cannot attach to container debugger-fghij in pod web: it terminated (Error, exit code 137)\n']);
  r = await run(['attach', 'web-debug', '-c', 'debugger', '-n', NS]);
  assert.deepEqual([r.code, r.stderr], [1, 'error: cannot attach a container in a completed pod; current phase is Succeeded\n']);
  r = await run(['attach', 'gone', '-c', 'x', '-n', NS]);
  assert.deepEqual([r.code, r.stderr], [1, 'Error from server (NotFound): pods "gone" not found\n']);
  r = await run(['attach', '-c', 'x']);
  assert.equal(r.code, 1);
  assert.match(r.stderr, /^error: expected POD, TYPE\/NAME, or TYPE NAME, \(at most 2 arguments\) saw 0: \[\]\nSee 'kubedebug attach --help' for usage\.\n$/);
  assert.equal(server.attaches.length, 0);
});

test('cleanup: deletes only marked, finished session pods; --dry-run deletes nothing; --all; --older-than', async (t) => {
  const { run, server } = await cluster(t);
  let r = await run(['cleanup', '--dry-run', '-A']);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout, `pod "web-debug" deleted from ${NS} namespace (dry run)\n`
    + 'pod "node-debugger-node-1-kk222" deleted from other namespace (dry run)\n');
  assert.equal(server.writes.length, 0);
  r = await run(['cleanup', '--older-than=48h', '-A']);
  assert.deepEqual([r.code, r.stdout], [0, ''], r.stderr);
  assert.match(r.stderr, /No debug session pods to delete\n$/);
  r = await run(['cleanup']);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout, 'pod "web-debug" deleted\n');
  assert.equal(r.stderr, '1 ephemeral debug container(s) left in place: ephemeral containers cannot be deleted from a pod '
    + '(they end with their process; deleting the pod removes them)\n');
  assert.deepEqual(server.writes.map((w) => `${w.method} ${w.path} ${w.status}`), [`DELETE /api/v1/namespaces/${NS}/pods/web-debug 200`]);
  r = await run(['cleanup', '--all', '--older-than', '30m']);
  assert.equal(r.stdout, 'pod "node-debugger-node-1-xyz12" deleted\n');
  // Never an unmarked pod, even a finished one; never the target pod.
  assert.ok(server.store.get('', 'pods', NS, 'plain-copy'));
  assert.ok(server.store.get('', 'pods', NS, 'web'));
  r = await run(['cleanup', '--older-than', 'soon']);
  assert.deepEqual([r.code, r.stderr], [1, 'error: invalid argument "soon" for "--older-than" flag: time: invalid duration "soon"\n'
    + "See 'kubectl debug --help' for usage.\n"]);
});

test('each subcommand has its --help, and kubedebug --help lists them', async (t) => {
  const { run } = await cluster(t);
  for (const [cmd, first] of [['list', 'List debug sessions'], ['attach', 'Attach to a running debug container'], ['cleanup', 'Delete the pod copies']]) {
    const r = await run([cmd, '--help']);
    assert.equal(r.code, 0);
    assert.ok(r.stdout.startsWith(first), cmd);
    assert.match(r.stdout, new RegExp(`^  kubedebug ${cmd} `, 'm'));
  }
  const r = await run(['--help']);
  assert.match(r.stdout, /^  kubedebug list .*\n  kubedebug attach .*\n  kubedebug cleanup /m);
  assert.match(r.stdout, /--session-label=false:/);
});
