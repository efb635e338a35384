// @ts-check
/**
 * `@kubernetes/client-node` as the CLI loads it: the loader (www/node/client-node.js) and the
 * bundle `npm run build` writes (www/tools/bundle-client-node.mjs). The bundle's `KubeConfig`
 * must apply every auth path exactly like the package's; the Node transport must carry them.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import https from 'node:https';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import * as clientNode from '@kubernetes/client-node';
import { bundleUrl, source } from '../../www/node/client-node.js';
import { createTransport, loadKubeConfig } from '../../www/node/kubeconfig.js';
import { withServer, NS, pod } from './helpers.mjs';

const BUNDLER = fileURLToPath(new URL('../../www/tools/bundle-client-node.mjs', import.meta.url));
const CREDENTIAL = JSON.stringify({ apiVersion: 'client.authentication.k8s.io/v1', kind: 'ExecCredential', status: { token: 'exec-token' } });

/** A fresh bundle (built next to the real one, so that client-node resolves), or null without esbuild. */
function buildBundle() {
  try {
    createRequire(import.meta.url).resolve('esbuild');
  } catch {
    return null;
  }
  const generated = fileURLToPath(new URL('../../www/node/generated/', import.meta.url));
  const made = !existsSync(generated);
  const dir = join(generated, `.test-${process.pid}`);
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 'client-node.mjs');
  const r = spawnSync(process.execPath, [BUNDLER, '--out', file], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  return { file, cleanup: () => rmSync(made ? generated : dir, { recursive: true, force: true }) };
}

/**
 * Kubeconfig users and clusters covering client-node's auth paths.
 * @param {string} dir for the files some of them name
 * @returns {Record<string, { cluster?: object, user: object }>}
 */
function authCases(dir) {
  const write = (/** @type {string} */ name, /** @type {string} */ text) => {
    writeFileSync(join(dir, name), text);
    return join(dir, name);
  };
  const pem = (/** @type {string} */ what) => `-----BEGIN ${what}-----\nZmFrZQ==\n-----END ${what}-----\n`;
  const b64 = (/** @type {string} */ s) => Buffer.from(s).toString('base64');
  return {
    token: { user: { token: 'tok' } },
    'token file': { user: { authProvider: { name: 'file', config: { tokenFile: write('token', 'file-token') } } } },
    'basic auth': { user: { username: 'alice', password: 's3cret' } },
    'client certificate data': { user: { certData: b64(pem('CERTIFICATE')), keyData: b64(pem('PRIVATE KEY')) } },
    'client certificate files': { user: { certFile: write('cert.pem', pem('CERTIFICATE')), keyFile: write('key.pem', pem('PRIVATE KEY')) } },
    'exec plugin': { user: { exec: { apiVersion: 'client.authentication.k8s.io/v1', command: process.execPath,
      args: ['-e', `process.stdout.write(${JSON.stringify(CREDENTIAL)})`], interactiveMode: 'Never' } } },
    'CA file': { cluster: { caFile: write('ca.pem', pem('CERTIFICATE')) }, user: { token: 'tok' } },
    'insecure-skip-tls-verify': { cluster: { skipTLSVerify: true }, user: {} },
    'https proxy': { cluster: { proxyUrl: 'http://proxy.example:3128' }, user: {} },
    'socks proxy': { cluster: { proxyUrl: 'socks5://127.0.0.1:1080' }, user: {} },
  };
}

/**
 * What `applyToHTTPSOptions` gives for one case, comparable across the two `KubeConfig`s.
 * @param {typeof clientNode.KubeConfig} KubeConfig
 * @param {{ cluster?: object, user: object }} c
 */
async function httpsOptions(KubeConfig, c) {
  const kc = new KubeConfig();
  kc.loadFromOptions({ clusters: [{ name: 'c', server: 'https://10.0.0.1:6443', skipTLSVerify: false, ...c.cluster }],
    users: [{ name: 'u', ...c.user }], contexts: [{ name: 'x', cluster: 'c', user: 'u' }], currentContext: 'x' });
  /** @type {any} */
  const opts = { headers: {} };
  await kc.applyToHTTPSOptions(opts);
  const text = (/** @type {unknown} */ v) => (v === undefined ? undefined : String(v));
  return {
    headers: opts.headers, auth: opts.auth, ca: text(opts.ca), cert: text(opts.cert), key: text(opts.key),
    rejectUnauthorized: opts.rejectUnauthorized, httpsAgent: opts.agent instanceof https.Agent,
    proxy: JSON.stringify(opts.agent?.proxy ?? null),
    agentTls: ['ca', 'cert', 'key', 'rejectUnauthorized'].map((k) => text(opts.agent?.options?.[k])),
  };
}

test('the loader takes the built bundle for the installed version, or the package', (t) => {
  assert.equal(source, bundleUrl() ? 'bundle' : 'package');
  const saved = process.env.KUBEDEBUG_CLIENT_NODE;
  t.after(() => {
    if (saved === undefined) delete process.env.KUBEDEBUG_CLIENT_NODE;
    else process.env.KUBEDEBUG_CLIENT_NODE = saved;
  });
  process.env.KUBEDEBUG_CLIENT_NODE = 'package';
  assert.equal(bundleUrl(), null);
  delete process.env.KUBEDEBUG_CLIENT_NODE;
  const url = bundleUrl();
  if (url) assert.match(url.pathname, new RegExp(`/generated/client-node@${createRequire(import.meta.url)('@kubernetes/client-node/package.json').version}\\.mjs$`));
});

test('the bundle applies every auth path like the package', async (t) => {
  const bundle = buildBundle();
  if (!bundle) return t.skip('esbuild is not installed');
  const dir = mkdtempSync(join(tmpdir(), 'kubedebug-auth-'));
  t.after(() => { bundle.cleanup(); rmSync(dir, { recursive: true, force: true }); });
  /** @type {typeof clientNode} */
  const bundled = await import(pathToFileURL(bundle.file).href);
  assert.notEqual(bundled.KubeConfig, clientNode.KubeConfig);
  for (const [name, c] of Object.entries(authCases(dir))) {
    assert.deepEqual(await httpsOptions(bundled.KubeConfig, c), await httpsOptions(clientNode.KubeConfig, c), name);
  }
  const kc = new bundled.KubeConfig();
  kc.loadFromOptions({ clusters: [{ name: 'c', server: 'https://10.0.0.1', skipTLSVerify: false }], users: [{ name: 'u', token: 'tok' }],
    contexts: [{ name: 'x', cluster: 'c', user: 'u' }], currentContext: 'x' });
  const init = await kc.applyToFetchOptions({});
  assert.equal(/** @type {any} */ (init.headers).get('authorization'), 'Bearer tok', 'applyToFetchOptions (lazy node-fetch)');
  if (/** @type {any} */ (process.features).require_module) {
    assert.equal(typeof kc.makeApiClient(clientNode.CoreV1Api).readNamespacedPod, 'function', 'makeApiClient (lazy generated API)');
  }
});

test('the Node transport sends exec-plugin tokens, basic auth and tokens; responses read as text or streams', async (t) => {
  const { server } = await withServer({ fixtures: [pod('mypod')] });
  const dir = mkdtempSync(join(tmpdir(), 'kubedebug-auth-'));
  t.after(async () => { await server.close(); rmSync(dir, { recursive: true, force: true }); });
  const cases = authCases(dir);
  const expected = { 'exec plugin': 'Bearer exec-token', 'basic auth': `Basic ${Buffer.from('alice:s3cret').toString('base64')}`,
    'token file': 'Bearer file-token', token: 'Bearer tok' };
  for (const [name, authorization] of Object.entries(expected)) {
    const file = join(dir, 'config');
    writeFileSync(file, JSON.stringify({ apiVersion: 'v1', kind: 'Config', 'current-context': 'x',
      clusters: [{ name: 'c', cluster: { server: server.url } }], users: [{ name: 'u', user: kubeconfigUser(cases[name].user) }],
      contexts: [{ name: 'x', context: { cluster: 'c', user: 'u', namespace: NS } }] }));
    const transport = await createTransport(loadKubeConfig({ kubeconfig: file }));
    const res = await transport.fetch(`${server.url}/api/v1/namespaces/${NS}/pods/mypod`, { method: 'GET', headers: { Accept: 'application/json' } });
    assert.equal(server.requests.at(-1)?.authorization, authorization, name);
    assert.equal(res.status, 200);
    assert.ok(res.ok);
    assert.match(String(res.headers.get('CONTENT-TYPE')), /json/);
    assert.equal(JSON.parse(await res.text()).metadata.name, 'mypod');
  }
  const transport = await createTransport(loadKubeConfig({ kubeconfig: join(dir, 'config') }));
  const missing = await transport.fetch(`${server.url}/api/v1/namespaces/${NS}/pods/nope`, { method: 'GET', headers: {} });
  assert.equal(missing.status, 404);
  assert.equal(missing.ok, false);
  assert.equal(JSON.parse(await missing.text()).reason, 'NotFound');
  const streamed = await transport.fetch(`${server.url}/api/v1/namespaces/${NS}/pods/mypod`, { method: 'GET', headers: {} });
  const reader = /** @type {ReadableStream<Uint8Array>} */ (streamed.body).getReader();
  let text = '';
  for (let r = await reader.read(); !r.done; r = await reader.read()) text += Buffer.from(r.value).toString('utf8');
  assert.equal(JSON.parse(text).metadata.name, 'mypod');
});

/**
 * A `loadFromOptions` user as a kubeconfig file's `user:` (the keys the file format uses).
 * @param {any} user
 */
function kubeconfigUser(user) {
  if (user.authProvider) return { 'auth-provider': user.authProvider };
  return user;
}
