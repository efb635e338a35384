// @ts-check
/** `serve()` over HTTP (no browser): static allow-list, no traversal, offline mode, origin checks. */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { serve } from '../../www/node/serve.js';
import { resolveStatic } from '../../www/node/static.js';
import { startFakeApiServer } from '../fake-apiserver/server.mjs';

/**
 * A raw GET (no URL normalisation by the client), with optional headers.
 * @param {string} base
 * @param {string} rawPath
 * @param {Record<string, string>} [headers]
 * @returns {Promise<{ status: number, body: string, type: string }>}
 */
function get(base, rawPath, headers = {}) {
  const { hostname, port } = new URL(base);
  return new Promise((resolve, reject) => {
    const req = request({ hostname, port, path: rawPath, headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c) => { body += c; });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body, type: String(res.headers['content-type'] ?? '') }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('serve() without a kubeconfig', () => {
  /** @type {Awaited<ReturnType<typeof serve>>} */
  let server;
  /** @type {string[]} */
  const lines = [];
  before(async () => { server = await serve({ port: 0, kubeconfig: false, log: (l) => lines.push(l) }); });
  after(async () => { await server?.close(); });

  test('says it serves the offline playground only, and prints the URL', () => {
    assert.equal(server.proxy, false);
    assert.match(lines.join('\n'), /no kubeconfig: serving the offline playground only at http:\/\/127\.0\.0\.1:\d+\/www\//);
  });

  test('serves the page, the Wasm package and the import-mapped browser builds', async () => {
    const origin = new URL(server.url).origin;
    for (const [p, type] of [['/www/', 'text/html'], ['/www/main.js', 'text/javascript'], ['/pkg/kubedebug_bg.wasm', 'application/wasm'],
      ['/www/vendor/yaml.js', 'text/javascript'], ['/www/vendor/xterm.mjs', 'text/javascript'], ['/www/vendor/xterm.css', 'text/css'],
      ['/www/vendor/addon-fit.mjs', 'text/javascript'], ['/www/examples/index.json', 'application/json']]) {
      const res = await get(origin, p);
      assert.equal(res.status, 200, p);
      assert.ok(res.type.startsWith(type), `${p}: ${res.type}`);
    }
    assert.deepEqual(JSON.parse((await get(origin, '/_kubedebug/info')).body).proxy, false);
    assert.equal((await get(origin, '/api/v1/namespaces/default/pods')).status, 404);
  });

  test('nothing outside the allow-list, whatever the encoding', async () => {
    const origin = new URL(server.url).origin;
    for (const p of ['/package.json', '/www/../package.json', '/www/%2e%2e/package.json', '/www/..%2fpackage.json',
      '/pkg/%2e%2e%2fCargo.toml', '/node_modules/ws/index.js', '/node_modules/yaml/package.json', '/node_modules/yaml/browser/index.js', '/www/node/serve.js',
      '/www/tools/demo.mjs', '/www/%00', '/www//..//package.json', '/.git/config', '/www/..\\package.json']) {
      const res = await get(origin, p);
      assert.equal(res.status, 404, p);
    }
    assert.equal(resolveStatic('/www/%E0%A4%A'), null);
  });
});

describe('serve() with a kubeconfig', () => {
  /** @type {Awaited<ReturnType<typeof startFakeApiServer>>} */
  let fake;
  /** @type {Awaited<ReturnType<typeof serve>>} */
  let server;
  let dir = '';
  before(async () => {
    fake = await startFakeApiServer({ fixtures: [] });
    dir = mkdtempSync(path.join(tmpdir(), 'kubedebug-serve-'));
    const kubeconfig = path.join(dir, 'config');
    writeFileSync(kubeconfig, `apiVersion: v1\nkind: Config\ncurrent-context: c\nclusters:\n- name: k\n  cluster: {server: "${fake.url}"}\n`
      + 'users:\n- name: u\n  user: {token: t0k}\ncontexts:\n- name: c\n  context: {cluster: k, user: u, namespace: team-b}\n');
    server = await serve({ port: 0, kubeconfig, log: null });
  });
  after(async () => {
    await server?.close();
    await fake?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  test('forwards same-origin API requests with the kubeconfig credentials', async () => {
    const origin = new URL(server.url).origin;
    const info = JSON.parse((await get(origin, '/_kubedebug/info', { 'X-Kubedebug-Token': server.token })).body);
    assert.deepEqual(info, { proxy: true, authorized: true, namespace: 'team-b', context: 'c' });
    assert.equal((await get(origin, '/api/v1/namespaces/team-b/pods', { Origin: origin })).status, 401, 'the token is required');
    const res = await get(origin, '/api/v1/namespaces/team-b/pods', { Origin: origin, Authorization: 'Bearer from-browser',
      'X-Kubedebug-Token': server.token });
    assert.equal(res.status, 200);
    assert.equal(JSON.parse(res.body).kind, 'PodList');
    assert.equal(fake.requests.at(-1)?.authorization, 'Bearer t0k');
  });

  test('refuses other origins and unexpected hosts', async () => {
    const origin = new URL(server.url).origin;
    const count = fake.requests.length;
    const token = { 'X-Kubedebug-Token': server.token };
    assert.equal((await get(origin, '/api/v1/namespaces/default/pods', { ...token, Origin: 'http://evil.example' })).status, 403);
    assert.equal((await get(origin, '/api/v1/namespaces/default/pods', { ...token, Host: 'evil.example:80' })).status, 403);
    assert.equal(fake.requests.length, count);
  });
});
