// @ts-check
/**
 * A fuzz of `kubedebug serve`'s request handling (issue 15, item 11): random methods, request
 * targets (encodings, dot segments, absolute forms, queries), headers (Host, Origin,
 * Sec-Fetch-*, the token, WebSocket handshakes, bodies) and clients that hang up, written on
 * raw sockets. It asserts that serve never dies (no uncaught exception, it still answers) and
 * that every request reaching the cluster is on the allowlist and carries the kubeconfig's
 * credentials. Deterministic per seed; `KUBEDEBUG_SERVE_FUZZ=N` runs N requests (default 1500),
 * `KUBEDEBUG_SERVE_FUZZ_SEED=S` picks the seed.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { TOKEN_HEADER, TOKEN_PROTOCOL_PREFIX } from '../../www/app/serve-token.js';
import { matchRule, parseApiTarget } from '../../www/node/serve-policy.js';
import { KUBECONFIG_TOKEN, WS_HEADERS, httpRequest, rawExchange, startServeWithFake } from './serve-helpers.mjs';

const COUNT = Number(process.env.KUBEDEBUG_SERVE_FUZZ ?? 1500);
const SEED = Number(process.env.KUBEDEBUG_SERVE_FUZZ_SEED ?? 20261205);

/** mulberry32: a small seeded PRNG. @param {number} seed */
function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const METHODS = ['GET', 'GET', 'GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS', 'TRACE', 'PROPFIND', 'MKCOL', 'PURGE'];
const SEGMENTS = ['api', 'apis', 'v1', 'namespaces', 'default', 'kube-system', 'pods', 'web', 'gone', 'nodes', 'n1', 'secrets',
  'configmaps', 'services', 'attach', 'exec', 'log', 'portforward', 'proxy', 'ephemeralcontainers', 'apps', 'batch',
  'deployments', 'jobs', 'rbac.authorization.k8s.io', 'clusterrolebindings', '..', '.', '%2e%2e', '.%2e', '%2f', '%2F..%2F',
  '%00', '%5c', '%', '%zz', '', 'a:b', 'x%20y', '%C3%A9', '~', '@', 'host:80', '*'];
const QUERIES = ['', '', '', '?watch=1', '?fieldSelector=metadata.name%3Dweb&watch=1&resourceVersion=1', '?labelSelector=a',
  '?container=app&stdin=true&stdout=true&tty=true', '?command=sh', '?pretty=1', '?x=%', '?a&b=&=c', '?dryRun=All',
  '?insecureSkipTLSVerifyBackend=true', '?follow=true&container=app', '?#frag', '??', '?container=%00'];
const PREFIXES = ['/', '/', '/', '//', 'host://y/', 'http://evil.example/', 'x.attacker.example://y/', '*', '\\', '/www/', '/_kubedebug/'];

/** @template T @param {() => number} r @param {T[]} list @returns {T} */
const pick = (r, list) => list[Math.floor(r() * list.length)];

/**
 * One random raw request.
 * @param {() => number} r
 * @param {{ port: number, token: string, origin: string }} env
 */
function randomRequest(r, env) {
  let method = pick(r, METHODS);
  let target;
  if (r() < 0.5) {
    if (r() < 0.7) method = 'GET';
    // Mostly well-formed API paths, so that requests get past the gates.
    target = pick(r, ['/api/v1/namespaces/default/pods', '/api/v1/namespaces/default/pods/web', '/api/v1/nodes',
      '/api/v1/namespaces/default/pods/web/attach', '/api/v1/namespaces/default/pods/gone/attach',
      '/api/v1/namespaces/default/pods/web/ephemeralcontainers', '/api/v1/namespaces/default/pods/web/log',
      '/api/v1/namespaces/default/secrets/s', '/api/v1/namespaces/default/pods/web/exec', '/apis/apps/v1/namespaces/default/deployments/d']);
    if (r() < 0.3) target = target.replace(pick(r, ['web', 'default', 'pods', 'v1']), pick(r, SEGMENTS));
  } else {
    const n = 1 + Math.floor(r() * 7);
    target = pick(r, PREFIXES) + Array.from({ length: n }, () => pick(r, SEGMENTS)).join(r() < 0.9 ? '/' : '\\');
  }
  if (r() < 0.5) target += pick(r, QUERIES);
  /** @type {[string, string][]} */
  const headers = [];
  const hostRoll = r();
  if (hostRoll < 0.8) headers.push(['Host', `127.0.0.1:${env.port}`]);
  else if (hostRoll < 0.9) headers.push(['Host', pick(r, ['evil.example', `localhost:${env.port}`, `[::1]:${env.port}`, `127.0.0.1:${env.port}.evil`])]);
  const tokenRoll = r();
  if (tokenRoll < 0.7) headers.push([TOKEN_HEADER, env.token]);
  else if (tokenRoll < 0.8) headers.push([TOKEN_HEADER, pick(r, ['', 'x', env.token + 'x', env.token.toUpperCase()])]);
  if (r() < 0.2) headers.push(['Origin', pick(r, [env.origin, env.origin, 'http://evil.example', 'null', `http://localhost:${env.port}`])]);
  if (r() < 0.2) headers.push(['Sec-Fetch-Site', pick(r, ['same-origin', 'same-origin', 'cross-site', 'same-site', 'none'])]);
  if (r() < 0.1) headers.push(['Sec-Fetch-Mode', pick(r, ['cors', 'no-cors', 'navigate', 'websocket'])]);
  if (r() < 0.2) headers.push(['Authorization', 'Bearer from-the-client']);
  const upgrade = r() < 0.25;
  if (upgrade) {
    for (const [k, v] of Object.entries(WS_HEADERS)) if (r() < 0.95) headers.push([k, v]);
    const protocols = ['v5.channel.k8s.io', 'v4.channel.k8s.io'];
    if (r() < 0.7) protocols.push(TOKEN_PROTOCOL_PREFIX + (r() < 0.9 ? env.token : 'nope'));
    if (r() < 0.2) protocols.push('base64url.bearer.authorization.k8s.io.eA');
    headers.push(['Sec-WebSocket-Protocol', protocols.join(', ')]);
  }
  let body = '';
  if (r() < 0.3) {
    body = pick(r, ['{}', '{"kind":"Pod"}', 'x'.repeat(1 + Math.floor(r() * 5000)), '{"spec":{"ephemeralContainers":[]}}']);
    headers.push(['Content-Type', pick(r, ['application/json', 'application/strategic-merge-patch+json', 'text/plain'])]);
    if (r() < 0.8) headers.push(['Content-Length', String(Buffer.byteLength(body) + (r() < 0.1 ? 10 : 0))]);
    else headers.push(['Transfer-Encoding', 'chunked']), (body = `${Buffer.byteLength(body).toString(16)}\r\n${body}\r\n0\r\n\r\n`);
  }
  if (!upgrade && r() < 0.9) headers.push(['Connection', 'close']);
  const text = `${method} ${target} HTTP/1.1\r\n${headers.map(([k, v]) => `${k}: ${v}\r\n`).join('')}\r\n${body}`;
  return { text, hangUp: r() < 0.05, cut: r() < 0.05 };
}

/** @type {Awaited<ReturnType<typeof startServeWithFake>>} */
let env;
before(async () => { env = await startServeWithFake(); });
after(async () => { await env?.close(); });

test(`serve survives ${COUNT} random requests and forwards only the allowlist (seed ${SEED})`, async () => {
  /** @type {string[]} */
  const crashes = [];
  const onCrash = (/** @type {unknown} */ err) => { crashes.push(String(err)); };
  process.on('uncaughtException', onCrash);
  process.on('unhandledRejection', onCrash);
  try {
    const r = rng(SEED);
    /** @type {Record<string, number>} */
    const statuses = {};
    after(() => console.log(`serve fuzz: ${COUNT} requests, answers by status: ${JSON.stringify(statuses)}, `
      + `${env.fake.requests.length} reached the cluster`));
    for (let i = 0; i < COUNT; i++) {
      const { text, hangUp, cut } = randomRequest(r, env);
      // idleMs: not a timed assertion; a request the server rightly keeps waiting on (a cut body) is let go.
      const answer = await rawExchange(env.port, cut ? text.slice(0, Math.floor(text.length / 2)) : text,
        { destroyAfterWrite: hangUp || cut, idleMs: 500 });
      const code = answer.slice(9, 12) || 'none';
      statuses[code] = (statuses[code] ?? 0) + 1;
      assert.deepEqual(crashes, [], `after request ${i}: ${JSON.stringify(text.slice(0, 300))}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
    assert.deepEqual(crashes, []);
    const alive = await httpRequest(env.port, { path: '/api/v1/namespaces/default/pods', headers: { [TOKEN_HEADER]: env.token } });
    assert.equal(alive.status, 200, 'serve still answers');
  } finally {
    process.off('uncaughtException', onCrash);
    process.off('unhandledRejection', onCrash);
  }
  assert.ok(env.fake.requests.length > COUNT / 40, `enough requests got through to mean something (${env.fake.requests.length})`);
  for (const req of env.fake.requests) {
    const parsed = parseApiTarget(req.path + (req.query ? `?${req.query}` : ''));
    assert.ok(parsed.ok, `${req.method} ${req.path}: ${parsed.ok || parsed.reason}`);
    const allowed = matchRule(req.method, parsed.target, false) || matchRule(req.method, parsed.target, true);
    assert.ok(allowed, `forwarded outside the allowlist: ${req.method} ${req.path}?${req.query}`);
    if (req.status !== 101 && !req.path.endsWith('/attach')) assert.equal(req.authorization, `Bearer ${KUBECONFIG_TOKEN}`);
  }
});
