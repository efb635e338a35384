// @ts-check
/**
 * `--rm` / `--retain` and the stop reasons through the CLI against the fake API server (issue
 * 13, items 5 and 6): what the session created is deleted after exit, Ctrl-C and a lost
 * connection, never the source; `--retain` keeps it; an ephemeral container gets `stdinOnce`;
 * image pull failures, a bad container config, eviction, termination and OOM kills stop the
 * session with their reason and exit code.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startFakeApiServer } from '../fake-apiserver/server.mjs';
import { NODE, NS, pod } from './helpers.mjs';
import { CLI, normalizeNames, runCli, workspace } from './cli-helpers.mjs';

/**
 * @param {import('node:test').TestContext} t
 * @param {import('../fake-apiserver/server.mjs').FakeOptions} [options]
 */
async function cluster(t, options = {}) {
  const server = await startFakeApiServer({ fixtures: [pod('mypod'), NODE], ...options });
  const ws = workspace({ server: server.url });
  t.after(async () => { await server.close(); ws.cleanup(); });
  /** @param {string[]} args @param {{ input?: string | null, env?: Record<string, string> }} [o] */
  const run = (args, o = {}) => runCli(args, { home: ws.home, kubeconfig: ws.kubeconfig, ...o });
  /**
   * The CLI with stdin kept open (an attached session that only ends when something ends it).
   * @param {string[]} args
   */
  const start = (args) => {
    const child = spawn(process.execPath, [CLI, ...args], {
      env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: ws.home, LANG: 'C.UTF-8', KUBECONFIG: ws.kubeconfig },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d) => { stdout += d; });
    child.stderr.setEncoding('utf8').on('data', (d) => { stderr += d; });
    t.after(() => { child.kill('SIGKILL'); });
    /** @type {Promise<{ code: number | null, stdout: string, stderr: string }>} */
    const done = new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
    return { child, done };
  };
  return { server, ws, run, start };
}

/** @param {() => boolean} check @param {string} what */
async function until(check, what, timeoutMs = 10000) {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** @param {any} server */
const writes = (server) => server.writes.map((/** @type {any} */ w) => `${w.method} ${w.path} ${w.status}`);

test('--rm with a copy: the copy is deleted after the session, the source kept; --retain keeps it', async (t) => {
  const { server, run } = await cluster(t);
  const r = await run(['mypod', '--image=busybox', '-i', '--copy-to=mypod-dbg', '--rm', '-q'], { input: 'exit 3\n' });
  assert.equal(r.code, 3, r.stderr);
  assert.deepEqual(writes(server), [`POST /api/v1/namespaces/${NS}/pods 201`, `DELETE /api/v1/namespaces/${NS}/pods/mypod-dbg 200`]);
  assert.ok(server.store.get('', 'pods', NS, 'mypod'), 'the source is kept');
  const k = await run(['mypod', '--image=busybox', '-i', '--copy-to=mypod-keep', '--rm', '--retain'], { input: '' });
  assert.deepEqual([k.code, k.stderr], [1, 'error: --rm and --retain cannot be used together\n']);
  const kept = await run(['mypod', '--image=busybox', '-i', '--copy-to=mypod-keep', '--retain', '-q'], { input: '' });
  assert.equal(kept.code, 0);
  assert.ok(server.store.get('', 'pods', NS, 'mypod-keep'), '--retain keeps the copy');
});

test('--rm with --replace: kubectl deletes the source after the create, --rm only the copy', async (t) => {
  const { server, run } = await cluster(t);
  const r = await run(['mypod', '--image=busybox', '-i', '--copy-to=mypod-dbg', '--replace', '--rm'], { input: '' });
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stderr, /pod "mypod-dbg" deleted \(--rm\)\n$/);
  assert.deepEqual(writes(server), [`POST /api/v1/namespaces/${NS}/pods 201`, `DELETE /api/v1/namespaces/${NS}/pods/mypod 200`,
    `DELETE /api/v1/namespaces/${NS}/pods/mypod-dbg 200`]);
});

test('--rm from the config file for a node debug pod; --retain wins over it', async (t) => {
  const { server, ws, run } = await cluster(t);
  mkdirSync(join(ws.home, '.config', 'kubedebug'), { recursive: true });
  writeFileSync(join(ws.home, '.config', 'kubedebug', 'config.yaml'), 'rm: true\n');
  const r = await run(['node/node-1', '--image=busybox', '-i', '-q'], { input: '' });
  assert.equal(r.code, 0, r.stderr);
  const [post, del] = server.writes;
  assert.equal(`${post.method} ${post.path}`, `POST /api/v1/namespaces/${NS}/pods`);
  assert.equal(`${del?.method} ${del?.path}`, `DELETE /api/v1/namespaces/${NS}/pods/${post.body.metadata.name}`);
  const k = await run(['node/node-1', '--image=busybox', '-i', '-q', '--retain'], { input: '' });
  assert.equal(k.code, 0);
  assert.equal(server.writes.length, 3, 'only the POST of the retained pod');
  // Not attaching: the configured rm does not apply (and the explicit flag is refused).
  const n = await run(['node/node-1', '--image=busybox', '-q'], { input: '' });
  assert.equal(n.code, 0);
  assert.equal(server.writes.at(-1).method, 'POST');
  const e = await run(['node/node-1', '--image=busybox', '--rm'], { input: '' });
  assert.deepEqual([e.code, e.stderr], [1, 'error: --rm should only be used for attached containers\n']);
});

test('--rm with an ephemeral container: stdinOnce, and a message instead of a deletion', async (t) => {
  const { server, run } = await cluster(t);
  const r = await run(['mypod', '--image=busybox', '-i', '--rm', '--profile=general'], { input: '' });
  assert.equal(r.code, 0, r.stderr);
  assert.equal(server.writes[0].body.spec.ephemeralContainers[0].stdinOnce, true);
  assert.match(normalizeNames(r.stderr), /The ephemeral container debugger-XXXXX cannot be deleted .* started with stdinOnce \(--rm\)/);
  assert.deepEqual(writes(server), [`PATCH /api/v1/namespaces/${NS}/pods/mypod/ephemeralcontainers 200`]);
  const plain = await run(['mypod', '--image=busybox', '-i', '--profile=general', '-q'], { input: '' });
  assert.equal(plain.code, 0);
  assert.equal(JSON.stringify(server.writes[1].body).includes('stdinOnce'), false, 'no stdinOnce without --rm');
});

test('--rm after Ctrl-C (SIGINT): the copy is deleted, exit 130', async (t) => {
  const { server, start } = await cluster(t);
  const { child, done } = start(['mypod', '--image=busybox', '-i', '--copy-to=mypod-dbg', '--rm', '-q']);
  await until(() => server.attaches.length === 1, 'the attach');
  child.kill('SIGINT');
  const r = await done;
  assert.equal(r.code, 130, r.stderr);
  assert.deepEqual(writes(server), [`POST /api/v1/namespaces/${NS}/pods 201`, `DELETE /api/v1/namespaces/${NS}/pods/mypod-dbg 200`]);
});

test('--rm after a lost connection: the copy is deleted', async (t) => {
  const { server, start } = await cluster(t);
  const { done } = start(['mypod', '--image=busybox', '-i', '--copy-to=mypod-dbg', '--rm', '-q']);
  await until(() => server.attaches.length === 1, 'the attach');
  server.dropAttaches();
  const r = await done;
  assert.equal(server.writes.at(-1)?.path, `/api/v1/namespaces/${NS}/pods/mypod-dbg`, r.stderr);
  assert.equal(server.writes.at(-1)?.method, 'DELETE');
});

test('stop reasons while waiting: ImagePullBackOff, ErrImagePull, CreateContainerConfigError (and --rm applies)', async (t) => {
  for (const [reason, code] of [['ImagePullBackOff', 'pull'], ['ErrImagePull', 'pull'], ['CreateContainerConfigError', 'config']]) {
    const { server, run } = await cluster(t, { containerState: { waiting: { reason, message: `${reason} here` } } });
    const r = await run(['mypod', '--image=busybox', '-i', '--copy-to=mypod-dbg', '--rm'], { input: '' });
    assert.equal(r.code, 1, String(code));
    assert.equal(normalizeNames(r.stderr), `Warning: container debugger-XXXXX: ${reason} here\n`
      + 'pod "mypod-dbg" deleted (--rm)\n'
      + `error: container debugger-XXXXX of pod ${NS}/mypod-dbg cannot start: ${reason}: ${reason} here\n`);
    assert.equal(server.writes.at(-1).method, 'DELETE');
  }
});

test('stop reasons while attached: eviction, termination (exit 1), OOMKilled (exit 137)', async (t) => {
  /** @type {[string, (s: any, name: string) => void, RegExp, number][]} */
  const cases = [
    ['evicted', (s) => s.evictPod(NS, 'mypod'), new RegExp(`error: pod ${NS}/mypod was evicted: The node was low on resource: memory\\.\\n$`), 1],
    ['terminating', (s) => s.markTerminating(NS, 'mypod'), new RegExp(`error: pod ${NS}/mypod is terminating\\n$`), 1],
    ['deleted', (s) => s.deletePod(NS, 'mypod'), new RegExp(`error: pod ${NS}/mypod is terminating\\n$`), 1],
    ['oom', (s, name) => s.setContainerState(NS, 'mypod', name, { terminated: { reason: 'OOMKilled', exitCode: 137 } }),
      /error: container debugger-[a-z0-9]{5} of pod ns1\/mypod was OOMKilled \(exit code 137\)\n$/, 137],
  ];
  for (const [what, act, want, exitCode] of cases) {
    const { server, start } = await cluster(t);
    const { done } = start(['mypod', '--image=busybox', '-i', '-q', '--profile=general']);
    await until(() => server.attaches.length === 1, `the attach (${what})`);
    const name = server.writes[0].body.spec.ephemeralContainers[0].name;
    act(server, name);
    const r = await done;
    assert.equal(r.code, exitCode, `${what}: ${r.stderr}`);
    assert.match(r.stderr, want, what);
  }
});
