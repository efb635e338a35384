// @ts-check
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync, rmSync, readFileSync, existsSync } from 'node:fs';
import { spawn } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { withServer, NS, pod } from './helpers.mjs';
import { loadKubeConfig, createTransport, contextNamespace } from '../../www/node/kubeconfig.js';
import { createKubeClient } from '../../www/host/kube.js';

test('kubeconfig: plain http server, bearer token, --context namespace', async (t) => {
  const { server } = await withServer({ fixtures: [pod('mypod'), { ...pod('other'), metadata: { name: 'other', namespace: 'team' } }] });
  const dir = mkdtempSync(join(tmpdir(), 'kubedebug-'));
  t.after(async () => { await server.close(); rmSync(dir, { recursive: true, force: true }); });
  const file = join(dir, 'config');
  writeFileSync(file, JSON.stringify({ apiVersion: 'v1', kind: 'Config', 'current-context': 'a',
    clusters: [{ name: 'c', cluster: { server: server.url } }],
    users: [{ name: 'u', user: { token: 'secret-token' } }],
    contexts: [{ name: 'a', context: { cluster: 'c', user: 'u', namespace: NS } }, { name: 'b', context: { cluster: 'c', user: 'u', namespace: 'team' } }] }));
  const kc = loadKubeConfig({ kubeconfig: file, context: 'b' });
  assert.equal(contextNamespace(kc), 'team');
  const transport = await createTransport(kc);
  assert.equal(transport.server, server.url);
  const kube = createKubeClient({ server: transport.server, fetch: transport.fetch });
  assert.equal((await kube.get('/api/v1/namespaces/team/pods/other')).metadata.name, 'other');
  assert.equal(server.requests.at(-1)?.authorization, 'Bearer secret-token');
  assert.throws(() => loadKubeConfig({ kubeconfig: file, context: 'zzz' }), /context was not found for specified context: zzz/);
});

test('fake server runs standalone with --port-file and --record', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'kubedebug-'));
  const fixtures = join(dir, 'pod.json');
  writeFileSync(fixtures, JSON.stringify(pod('mypod')));
  const portFile = join(dir, 'port');
  const record = join(dir, 'writes.jsonl');
  const child = spawn(process.execPath, [new URL('../fake-apiserver/server.mjs', import.meta.url).pathname,
    '--fixtures', fixtures, '--port', '0', '--port-file', portFile, '--record', record], { stdio: ['ignore', 'pipe', 'inherit'] });
  t.after(() => { if (child.exitCode === null) child.kill('SIGTERM'); rmSync(dir, { recursive: true, force: true }); });
  const line = await new Promise((resolve) => child.stdout.once('data', (d) => resolve(String(d))));
  assert.match(/** @type {string} */ (line), /^PORT \d+\n$/);
  assert.ok(existsSync(portFile));
  const url = `http://127.0.0.1:${readFileSync(portFile, 'utf8')}`;
  const res = await fetch(`${url}/api/v1/namespaces/${NS}/pods/mypod`, { method: 'DELETE' });
  assert.equal(res.status, 200);
  assert.deepEqual(JSON.parse(readFileSync(record, 'utf8').trim()),
    { seq: 1, method: 'DELETE', path: `/api/v1/namespaces/${NS}/pods/mypod`, query: '', content_type: '', body: null, status: 200 });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  assert.equal(await exited, 0);
});
