// @ts-check
/**
 * `-f` sources as kubectl reads them (a directory, a URL, `-` for stdin) and the input size
 * limit, enforced while reading (devices included), through the real CLI.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startFakeApiServer } from '../fake-apiserver/server.mjs';
import { NODE, NS, pod } from './helpers.mjs';
import { runCli, workspace } from './cli-helpers.mjs';
import { createInputReader } from '../../www/node/read-input.js';

const LIMIT_HINT = '(raise it with --max-input-size or KUBEDEBUG_MAX_INPUT)';

/**
 * A fake API server and a kubeconfig pointing at it, both removed after the test.
 * @param {import('node:test').TestContext} t
 */
async function cluster(t) {
  const server = await startFakeApiServer({ fixtures: [pod('mypod'), pod('other'), NODE] });
  const ws = workspace({ server: server.url });
  t.after(async () => { await server.close(); ws.cleanup(); });
  /** @param {string[]} args @param {{ input?: string | null, env?: Record<string, string> }} [o] */
  const run = (args, o = {}) => runCli(args, { home: ws.home, kubeconfig: ws.kubeconfig, ...o });
  return { server, ws, run };
}

/**
 * A loopback HTTP server answering from `routes` (path → [status, body] or a handler).
 * @param {import('node:test').TestContext} t
 * @param {Record<string, [number, string] | ((res: import('node:http').ServerResponse) => void)>} routes
 */
async function httpServer(t, routes) {
  /** @type {string[]} */
  const hits = [];
  const server = createServer((req, res) => {
    hits.push(req.url ?? '');
    const route = routes[req.url ?? ''];
    if (typeof route === 'function') return route(res);
    const [status, body] = route ?? [404, 'not here'];
    res.writeHead(status, { 'Content-Type': 'application/yaml' }).end(body);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(undefined)));
  const address = /** @type {import('node:net').AddressInfo} */ (server.address());
  t.after(() => { server.closeAllConnections(); server.close(); });
  return { url: `http://127.0.0.1:${address.port}`, hits };
}

const writes = (/** @type {any} */ server) => server.writes.map((/** @type {any} */ w) => `${w.method} ${w.path}`);

test('-f DIR: the .json/.yaml/.yml files in it, in name order, not recursing; other files ignored', async (t) => {
  const { server, ws, run } = await cluster(t);
  const dir = join(ws.dir, 'pods');
  mkdirSync(join(dir, 'sub'), { recursive: true });
  writeFileSync(join(dir, 'b.yaml'), `apiVersion: v1\nkind: Pod\nmetadata: {name: other, namespace: ${NS}}\nspec: {securityContext: {}, containers: [{name: app, image: nginx}]}\n`);
  writeFileSync(join(dir, 'a.json'), JSON.stringify(pod('mypod')));
  writeFileSync(join(dir, 'notes.txt'), 'not: [yaml');
  writeFileSync(join(dir, 'sub', 'c.json'), JSON.stringify(pod('taken')));
  const r = await run(['-f', dir, '--image=busybox', '--profile=general']);
  assert.equal(r.code, 0, r.stderr);
  assert.deepEqual(writes(server), [
    `PATCH /api/v1/namespaces/${NS}/pods/mypod/ephemeralcontainers`,
    `PATCH /api/v1/namespaces/${NS}/pods/other/ephemeralcontainers`,
  ]);
});

test('-f DIR with one pod, as kubectl 1.33: exit 0 and one PATCH', async (t) => {
  const { server, ws, run } = await cluster(t);
  const dir = join(ws.dir, 'one');
  mkdirSync(dir);
  writeFileSync(join(dir, 'pod.json'), JSON.stringify(pod('mypod')));
  const r = await run(['-f', dir, '--image=busybox', '--profile=general']);
  assert.equal(r.code, 0, r.stderr);
  assert.deepEqual(writes(server), [`PATCH /api/v1/namespaces/${NS}/pods/mypod/ephemeralcontainers`]);
});

test('-f PATTERN that is not a path is expanded like kubectl (filepath.Glob): matches are read whatever their extension', async (t) => {
  const { server, ws, run } = await cluster(t);
  const dir = join(ws.dir, 'globbed');
  mkdirSync(dir);
  writeFileSync(join(dir, 'a.json'), JSON.stringify(pod('mypod')));
  writeFileSync(join(dir, 'b.txt'), JSON.stringify(pod('other')));
  const json = await run(['-f', join(dir, '*.json'), '--image=busybox', '--profile=general']);
  assert.equal(json.code, 0, json.stderr);
  assert.deepEqual(writes(server), [`PATCH /api/v1/namespaces/${NS}/pods/mypod/ephemeralcontainers`]);
  const all = await run(['-f', join(dir, '[ab].*'), '--image=busybox', '--profile=general']);
  assert.equal(all.code, 0, all.stderr);
  assert.equal(server.writes.length, 3);
  assert.equal(server.writes[2].path, `/api/v1/namespaces/${NS}/pods/other/ephemeralcontainers`);
  const none = await run(['-f', join(dir, '*.yaml'), '--image=busybox', '--profile=general']);
  assert.equal(none.stderr, `error: the path "${join(dir, '*.yaml')}" does not exist\n`);
});

test('-f - reads the object from standard input; twice is kubectl\'s error', async (t) => {
  const { server, run } = await cluster(t);
  const r = await run(['-f', '-', '--image=busybox', '--profile=general'], { input: JSON.stringify(pod('mypod')) });
  assert.equal(r.code, 0, r.stderr);
  assert.deepEqual(writes(server), [`PATCH /api/v1/namespaces/${NS}/pods/mypod/ephemeralcontainers`]);
  const twice = await run(['-f', '-', '-f', '-', '--image=busybox', '--profile=general'], { input: '' });
  assert.equal(twice.code, 1);
  assert.equal(twice.stderr, 'error: standard input cannot be used for multiple arguments\n');
});

test('-f http://…: fetched by the host; a non-200 answer is kubectl\'s error', async (t) => {
  const { server, run } = await cluster(t);
  const web = await httpServer(t, {
    '/pod.yaml': [200, `apiVersion: v1\nkind: Pod\nmetadata: {name: mypod, namespace: ${NS}}\nspec: {securityContext: {}, containers: [{name: app, image: nginx}]}\n`],
  });
  const r = await run(['-f', `${web.url}/pod.yaml`, '--image=busybox', '--profile=general']);
  assert.equal(r.code, 0, r.stderr);
  assert.deepEqual(writes(server), [`PATCH /api/v1/namespaces/${NS}/pods/mypod/ephemeralcontainers`]);
  const missing = await run(['-f', `${web.url}/nope.yaml`, '--image=busybox', '--profile=general']);
  assert.equal(missing.code, 1);
  assert.equal(missing.stderr, `error: unable to read URL "${web.url}/nope.yaml", server reported 404 Not Found, status code=404\n`);
});

test('a URL is retried on 5xx like kubectl, stops at the size limit and at the timeout', async (t) => {
  let calls = 0;
  const web = await httpServer(t, {
    '/flaky': (res) => {
      calls++;
      if (calls < 3) res.writeHead(503).end('busy');
      else res.writeHead(200).end(JSON.stringify(pod('mypod')));
    },
    '/endless': (res) => {
      res.writeHead(200);
      const chunk = Buffer.alloc(64 * 1024, 'a');
      const more = () => { while (res.write(chunk)); };
      res.on('drain', more);
      more();
    },
    '/silent': () => {},
  });
  const reader = createInputReader({ maxBytes: 1024 * 1024, urlRetryDelayMs: 1 });
  const text = await reader.readUrl(`${web.url}/flaky`);
  assert.equal(JSON.parse(text).metadata.name, 'mypod');
  assert.equal(calls, 3);
  await assert.rejects(createInputReader({ maxBytes: 1024 * 1024 }).readUrl(`${web.url}/endless`),
    { code: 'input/too-large', message: `${web.url}/endless is larger than the input size limit of 1048576 bytes ${LIMIT_HINT}` });
  await assert.rejects(createInputReader({ urlTimeoutMs: 200, urlRetryDelayMs: 1 }).readUrl(`${web.url}/silent`),
    { code: 'file/url-timeout', message: `unable to read URL "${web.url}/silent": no answer within 0.2s` });
});

test('the size limit holds while reading: /dev/zero, /dev/urandom, --custom=/dev/zero, stdin', async (t) => {
  const ws = workspace();
  t.after(() => ws.cleanup());
  const file = ws.file('pod.json', pod('mypod'));
  const run = (/** @type {string[]} */ args, /** @type {any} */ o = {}) => runCli([...args, '--image=busybox', '--dry-run'], { home: ws.home, ...o });
  for (const device of ['/dev/zero', '/dev/urandom']) {
    const r = await run(['-f', device]);
    assert.equal(r.code, 1);
    assert.equal(r.stderr, `error: ${device} is larger than the input size limit of 8388608 bytes ${LIMIT_HINT}\n`);
  }
  const custom = await run(['-f', file, '--custom=/dev/zero']);
  assert.equal(custom.code, 1);
  assert.equal(custom.stderr, `error: /dev/zero is larger than the input size limit of 8388608 bytes ${LIMIT_HINT}\n`);
  const flag = await run(['-f', file, '--max-input-size=1Ki']);
  assert.equal(flag.code, 0, flag.stderr);
  const small = await run(['-f', file, '--max-input-size=100']);
  assert.equal(small.stderr, `error: ${file} is larger than the input size limit of 100 bytes ${LIMIT_HINT}\n`);
  const env = await run(['-f', '-'], { input: JSON.stringify(pod('mypod')), env: { KUBEDEBUG_MAX_INPUT: '50' } });
  assert.equal(env.stderr, `error: standard input is larger than the input size limit of 50 bytes ${LIMIT_HINT}\n`);
  const both = await run(['-f', file, '--max-input-size=1Mi'], { env: { KUBEDEBUG_MAX_INPUT: '50' } });
  assert.equal(both.code, 0, 'the flag wins over the variable');
  const bad = await run(['-f', file, '--max-input-size=lots']);
  assert.equal(bad.stderr, 'error: invalid argument "lots" for "--max-input-size" flag: want a positive size in bytes, e.g. 8388608 or 8Mi\n'
    + "See 'kubectl debug --help' for usage.\n");
  const badEnv = await run(['-f', file], { env: { KUBEDEBUG_MAX_INPUT: '-1' } });
  assert.equal(badEnv.stderr, 'error: invalid argument "-1" in KUBEDEBUG_MAX_INPUT: want a positive size in bytes, e.g. 8388608 or 8Mi\n');
});

test('the limit is one budget for the whole run: every -f source counts', async (t) => {
  const ws = workspace();
  t.after(() => ws.cleanup());
  const text = JSON.stringify(pod('mypod'));
  const a = ws.file('a.json', text);
  const b = ws.file('b.json', text);
  const reader = createInputReader({ maxBytes: text.length * 2 - 1 });
  const sources = await reader.sources([a, b]);
  assert.equal(await sources[0].read(), text);
  await assert.rejects(sources[1].read(), { code: 'input/too-large' });
});
