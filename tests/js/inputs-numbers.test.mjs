// @ts-check
/**
 * The CLI's `-f` path keeps numbers as written: a JSON file's text goes to `planText`
 * unchanged, a YAML file becomes JSON text with each number's source text; what is sent and
 * what `--dry-run` prints carry `9007199254740993`, `1e2`, `-0` as they were. The text path
 * prints the same objects as the object path did for every fixture pod.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { readFileSync, readdirSync } from 'node:fs';
import { loadKubedebugNode } from '../../www/node/load-wasm.js';
import { runDebugCommand } from '../../www/node/debug-command.js';
import { runCli, workspace } from './cli-helpers.mjs';

const core = loadKubedebugNode();
const FIXTURES = new URL('../conformance/oracle/fixtures/pods/', import.meta.url);

/** A pod whose numbers JS doubles cannot hold, in JSON and in YAML. */
const JSON_POD = `{"apiVersion": "v1", "kind": "Pod",
  "metadata": {"name": "big", "namespace": "ns1"},
  "spec": {"securityContext": {"runAsUser": 9007199254740993, "fsGroup": 2000},
    "containers": [{"name": "app", "image": "nginx", "x-zero": -0, "x-float": 1e2, "x-long": 123456789012345678901234567890}]}}
`;
const YAML_POD = `apiVersion: v1
kind: Pod
metadata:
  name: big
  namespace: ns1
spec:
  securityContext:
    runAsUser: 9007199254740993
    fsGroup: 2000
  containers:
  - name: app
    image: nginx
    x-zero: -0
    x-float: 1e2
    x-long: 123456789012345678901234567890
`;
const EXACT = ['"runAsUser":9007199254740993', '"x-float":1e2', '"x-zero":-0',
  '"x-long":123456789012345678901234567890'];

/**
 * An API server that records each write's raw body and echoes it back.
 * @param {import('node:test').TestContext} t
 */
async function rawServer(t) {
  /** @type {{ method: string, path: string, text: string }[]} */
  const writes = [];
  const server = createServer((req, res) => {
    /** @type {Buffer[]} */
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      if (req.method !== 'GET') writes.push({ method: req.method ?? '', path: req.url ?? '', text });
      res.writeHead(req.method === 'POST' ? 201 : 200, { 'Content-Type': 'application/json' })
        .end(text || '{"kind":"Status","status":"Failure","code":404,"reason":"NotFound","message":"none"}');
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(undefined)));
  const address = /** @type {import('node:net').AddressInfo} */ (server.address());
  t.after(() => { server.closeAllConnections(); server.close(); });
  return { url: `http://127.0.0.1:${address.port}`, writes };
}

for (const [kind, text] of [['JSON', JSON_POD], ['YAML', YAML_POD]]) {
  test(`-f ${kind}: the copy's POST body carries every number as written`, async (t) => {
    const api = await rawServer(t);
    const ws = workspace({ server: api.url });
    t.after(() => ws.cleanup());
    const file = ws.file(kind === 'JSON' ? 'pod.json' : 'pod.yaml', text);
    const r = await runCli(['-f', file, '--image=busybox', '--copy-to=cp', '--profile=general'], { home: ws.home, kubeconfig: ws.kubeconfig });
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(api.writes.map((w) => `${w.method} ${w.path}`), ['POST /api/v1/namespaces/ns1/pods']);
    for (const exact of EXACT) assert.ok(api.writes[0].text.includes(exact), `${exact} in ${api.writes[0].text}`);
  });

  test(`-f ${kind} --dry-run: -o json and -o yaml print every number as written`, async (t) => {
    const ws = workspace();
    t.after(() => ws.cleanup());
    const file = ws.file(kind === 'JSON' ? 'pod.json' : 'pod.yaml', text);
    for (const journey of [[], ['--copy-to=cp']]) {
      const json = await runCli(['-f', file, '--image=busybox', '--profile=general', ...journey, '--dry-run', '-o', 'json'], { home: ws.home });
      assert.equal(json.code, 0, json.stderr);
      for (const exact of EXACT) assert.ok(json.stdout.replace(/\s+/g, '').includes(exact), `${exact} in ${json.stdout}`);
      const yaml = await runCli(['-f', file, '--image=busybox', '--profile=general', ...journey, '--dry-run', '-o', 'yaml'], { home: ws.home });
      assert.equal(yaml.code, 0, yaml.stderr);
      for (const line of ['runAsUser: 9007199254740993', 'x-float: 1e2', 'x-zero: -0', 'x-long: 123456789012345678901234567890']) {
        assert.ok(yaml.stdout.includes(line), `${line} in ${yaml.stdout}`);
      }
    }
  });
}

test('the text path prints what the object path printed, for every fixture pod and journey', async () => {
  for (const name of readdirSync(FIXTURES)) {
    const path = new URL(name, FIXTURES).pathname;
    const object = JSON.parse(readFileSync(path, 'utf8'));
    for (const extra of [[], ['--copy-to=cp'], ['--copy-to=cp', '--set-image=*=alpine', '--share-processes']]) {
      const args = ['-f', path, '--image=busybox', '--profile=general', ...extra];
      const out = { stdout: '', stderr: '' };
      const io = {
        stdout: (/** @type {any} */ d) => { out.stdout += d; },
        stderr: (/** @type {any} */ d) => { out.stderr += d; },
      };
      const code = await runDebugCommand([...args, '--dry-run', '-o', 'json'], {
        core, env: { KUBECONFIG: '/nonexistent' }, io, seed: 7,
      });
      assert.equal(code, 0, `${name} ${extra.join(' ')}: ${out.stderr}`);
      const session = { args, namespace: 'default', namespaceExplicit: false, kubectlVersion: '1.36', env: {}, seed: 7 };
      const want = core.plan(session, { ...object, metadata: { ...object.metadata, namespace: object.metadata.namespace ?? 'default' } });
      // Same objects, same key order.
      assert.equal(JSON.stringify(JSON.parse(out.stdout)), JSON.stringify(want.result), `${name} ${extra.join(' ')}`);
    }
  }
});
