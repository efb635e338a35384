// @ts-check
/**
 * Issue 15, item 1: crafted names and namespaces never reach an API path. Through the CLI
 * against the fake API server (what the issue reproduced), and the host's own path gate.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startFakeApiServer } from '../fake-apiserver/server.mjs';
import { NS, pod } from './helpers.mjs';
import { runCli, workspace } from './cli-helpers.mjs';
import { checkApiPath, segment } from '../../www/host/api-path.js';
import { attachPath } from '../../www/host/attach.js';

/** @param {import('node:test').TestContext} t */
async function cluster(t) {
  const server = await startFakeApiServer({ fixtures: [pod('mypod'), pod('prod')] });
  const ws = workspace({ server: server.url });
  t.after(async () => { await server.close(); ws.cleanup(); });
  /** @param {string[]} args */
  const run = (args) => runCli(args, { home: ws.home, kubeconfig: ws.kubeconfig });
  return { server, ws, run };
}

/** @param {{ method: string, path: string }[]} requests */
const writes = (requests) => requests.filter((r) => r.method !== 'GET').map((r) => `${r.method} ${r.path}`);

test('a -f pod named ../../prod with --copy-to --replace sends nothing', async (t) => {
  const { server, ws, run } = await cluster(t);
  const file = ws.file('pod.json', { ...pod('x'), metadata: { name: '../../prod', namespace: NS } });
  const r = await run(['-f', file, '--image=busybox', '--copy-to=cp', '--replace', '--profile=general']);
  assert.equal(r.code, 1);
  assert.equal(r.stderr, 'error: invalid resource name "../../prod": [may not contain \'/\']\n');
  assert.deepEqual(writes(server.writes), []);
});

test('a -f pod named into kube-system gets no PATCH; -n cannot traverse; a query stays a name', async (t) => {
  const { server, ws, run } = await cluster(t);
  const file = ws.file('pod.json', { ...pod('x'), metadata: { name: '../../kube-system/pods/victim', namespace: NS } });
  const a = await run(['-f', file, '--image=busybox', '--profile=general']);
  assert.equal(a.code, 1);
  assert.match(a.stderr, /^error: invalid resource name "\.\.\/\.\.\/kube-system\/pods\/victim": \[may not contain '\/'\]\n$/);
  const b = await run(['mypod', '--image=busybox', '--profile=general', '-n', 'default/pods/x/..']);
  assert.equal(b.code, 1);
  assert.equal(b.stderr, 'error: invalid namespace "default/pods/x/..": [may not contain \'/\']\n');
  const c = await run(['mypod?labelSelector=a', '--image=busybox', '--profile=general', '-n', NS]);
  assert.equal(c.code, 1);
  assert.deepEqual(writes(server.writes), []);
  assert.ok(server.requests.some((q) => q.path === `/api/v1/namespaces/${NS}/pods/mypod%3FlabelSelector=a`),
    JSON.stringify(server.requests.map((q) => q.path)));
});

test('the host refuses paths a URL parser would re-route', () => {
  for (const bad of ['/api/v1/namespaces/default/pods/../../prod', '/api/v1/namespaces/x/pods/%2e%2e',
    '/api/v1/namespaces/x/pods/a%2Fb', '/api/v1/namespaces/x//pods', 'x.attacker.example://y/api/v1/pods',
    '/metrics', '/api/v1/pods#x', '/api/v1/pods\\..', '/api/v1/pods/a b', '/api/v1/pods?a?b']) {
    assert.throws(() => checkApiPath(bad), { name: 'DebugError', code: 'host/unsafe-path' }, bad);
  }
  for (const ok of ['/api/v1/namespaces/default/pods/web/ephemeralcontainers', '/apis/apps/v1/namespaces/ns/deployments/d',
    '/api/v1/namespaces/ns/pods/a%3Fb', '/api/v1/namespaces/ns/pods?watch=1&fieldSelector=metadata.name%3Dx']) {
    assert.equal(checkApiPath(ok), ok);
  }
  assert.throws(() => segment('..'), { code: 'host/unsafe-path' });
  assert.throws(() => attachPath({ namespace: 'ns', pod: '..', container: 'c' }, { stdin: false, tty: false }),
    { code: 'host/unsafe-path' });
  assert.equal(attachPath({ namespace: 'ns', pod: 'a?b', container: 'c/d' }, { stdin: true, tty: true }),
    '/api/v1/namespaces/ns/pods/a%3Fb/attach?container=c%2Fd&stdin=true&stdout=true&tty=true');
});
