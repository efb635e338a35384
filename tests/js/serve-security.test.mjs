// @ts-check
/**
 * `kubedebug serve` cannot be crashed or borrowed (issue 15, items 2–4): refused attach
 * upgrades are answered once with the cluster's status; request targets cannot move the
 * kubeconfig's credentials to another host; every proxied request needs the per-run token,
 * same-origin browsers and a place on the allowlist; Host is checked everywhere; pages cannot
 * be framed; non-loopback addresses need --unsafe-address.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { WebSocket } from 'ws';
import { serve } from '../../www/node/serve.js';
import { parseServeFlags } from '../../www/node/serve-command.js';
import { TOKEN_HEADER, TOKEN_PROTOCOL_PREFIX } from '../../www/app/serve-token.js';
import {
  KUBECONFIG_TOKEN, WS_HEADERS, httpRequest, kubeconfigFor, rawExchange, startServeWithFake, statusOf,
} from './serve-helpers.mjs';

const PODS = '/api/v1/namespaces/default/pods';

/**
 * Open an attach WebSocket through serve; resolves with how the handshake ended.
 * @param {number} port
 * @param {string} path
 * @param {string[]} protocols
 * @param {Record<string, string>} [headers]
 * @returns {Promise<{ opened: boolean, status: number, body: string, protocol: string }>}
 */
function attachThrough(port, path, protocols, headers = {}) {
  return new Promise((resolve) => {
    const ws = new WebSocket(`ws://127.0.0.1:${port}${path}`, protocols, { headers });
    ws.on('open', () => {
      const protocol = ws.protocol;
      ws.close();
      resolve({ opened: true, status: 101, body: '', protocol });
    });
    ws.on('unexpected-response', (_req, res) => {
      let body = '';
      res.on('data', (c) => { body += c; });
      res.on('end', () => resolve({ opened: false, status: res.statusCode ?? 0, body, protocol: '' }));
    });
    ws.on('error', () => resolve({ opened: false, status: 0, body: '', protocol: '' }));
  });
}

describe('serve: refused attach upgrades (item 2)', () => {
  /** @type {Awaited<ReturnType<typeof startServeWithFake>>} */
  let env;
  before(async () => { env = await startServeWithFake(); });
  after(async () => { await env?.close(); });

  test('a pod that is gone: the cluster\'s 404 Status comes back once, and serve lives on', async () => {
    /** @type {unknown[]} */
    const crashes = [];
    const onCrash = (/** @type {unknown} */ err) => { crashes.push(err); };
    process.on('uncaughtException', onCrash);
    try {
      const answers = [];
      for (let i = 0; i < 5; i++) {
        answers.push(await attachThrough(env.port, `${PODS}/gone/attach?container=c&stdout=true`,
          ['v5.channel.k8s.io', TOKEN_PROTOCOL_PREFIX + env.token]));
      }
      // Let a late second answer surface before checking that nothing crashed.
      await new Promise((r) => setImmediate(r));
      await new Promise((r) => setTimeout(r, 50));
      assert.deepEqual(crashes.map(String), [], 'no uncaught exception (ERR_STREAM_WRITE_AFTER_END killed serve)');
      const again = await httpRequest(env.port, { path: PODS, headers: { [TOKEN_HEADER]: env.token } });
      assert.equal(again.status, 200, 'serve still answers');
      for (const r of answers) {
        assert.equal(r.opened, false);
        assert.equal(r.status, 404, 'the upstream status, not a 502');
        const status = JSON.parse(r.body);
        assert.equal(status.kind, 'Status');
        assert.equal(status.message, 'pods "gone" not found');
      }
    } finally {
      process.off('uncaughtException', onCrash);
    }
  });

  test('RBAC says no: the cluster\'s 403 and its message pass through', async () => {
    env.fake.settings.attach.fail = { status: 403, message: 'pods "web" is forbidden: User "u" cannot create resource "pods/attach"' };
    try {
      const r = await attachThrough(env.port, `${PODS}/web/attach?container=app&stdout=true`,
        ['v5.channel.k8s.io', TOKEN_PROTOCOL_PREFIX + env.token]);
      assert.equal(r.status, 403);
      assert.match(JSON.parse(r.body).message, /cannot create resource "pods\/attach"/);
    } finally {
      env.fake.settings.attach.fail = null;
    }
  });

  test('an accepted attach gets the cluster\'s subprotocol; the token protocol is not forwarded', async () => {
    const r = await attachThrough(env.port, `${PODS}/web/attach?container=app&stdout=true`,
      ['v5.channel.k8s.io', 'v4.channel.k8s.io', TOKEN_PROTOCOL_PREFIX + env.token]);
    assert.equal(r.opened, true);
    assert.equal(r.protocol, 'v5.channel.k8s.io');
    const record = env.fake.attaches.at(-1);
    assert.deepEqual(record?.offered, ['v5.channel.k8s.io', 'v4.channel.k8s.io']);
  });

  test('clients that hang up mid-handshake or mid-body do not hurt it', async () => {
    const handshake = `GET ${PODS}/web/attach?container=app HTTP/1.1\r\nHost: 127.0.0.1:${env.port}\r\n`
      + Object.entries({ ...WS_HEADERS, 'Sec-WebSocket-Protocol': `v5.channel.k8s.io, ${TOKEN_PROTOCOL_PREFIX}${env.token}` })
        .map(([k, v]) => `${k}: ${v}\r\n`).join('') + '\r\n';
    for (let i = 0; i < 5; i++) await rawExchange(env.port, handshake, { destroyAfterWrite: true });
    const post = `POST ${PODS} HTTP/1.1\r\nHost: 127.0.0.1:${env.port}\r\n${TOKEN_HEADER}: ${env.token}\r\n`
      + 'Content-Type: application/json\r\nContent-Length: 100000\r\n\r\n{"kind":';
    for (let i = 0; i < 5; i++) await rawExchange(env.port, post, { destroyAfterWrite: true });
    const again = await httpRequest(env.port, { path: PODS, headers: { [TOKEN_HEADER]: env.token } });
    assert.equal(again.status, 200);
  });
});

describe('serve: the upstream URL keeps the kubeconfig server\'s host (item 3)', () => {
  test('absolute-form targets never take the kubeconfig token to another host (server: http://local, no port)', async (t) => {
    // `http://local` + `host://y/api/…` was `http://localhost://y/api/…`: port 80 of localhost.
    /** @type {{ url: string, authorization: string }[]} */
    const stolen = [];
    const sentinels = [];
    for (const host of ['127.0.0.1', '::1']) {
      const s = createServer((req, res) => {
        stolen.push({ url: req.url ?? '', authorization: String(req.headers.authorization ?? '') });
        res.end('{}');
      });
      s.on('upgrade', (req, socket) => {
        stolen.push({ url: req.url ?? '', authorization: String(req.headers.authorization ?? '') });
        socket.destroy();
      });
      const ok = await new Promise((resolve) => {
        s.once('error', () => resolve(false));
        s.listen(80, host, () => resolve(true));
      });
      if (ok) sentinels.push(s);
    }
    if (!sentinels.length) {
      t.skip('port 80 of localhost cannot be bound here (not root, or taken): the sentinel cannot listen');
      return;
    }
    const kc = kubeconfigFor('http://local');
    const server = await serve({ port: 0, kubeconfig: kc.file, log: null });
    const port = Number(new URL(server.url).port);
    try {
      const headers = `Host: 127.0.0.1:${port}\r\n${TOKEN_HEADER}: ${server.token}\r\n`;
      /** @type {string[]} */
      const answers = [];
      for (const target of ['host://y/api/v1/namespaces/default/pods', 'host://y/api/v1/namespaces/default/pods/web',
        'host://127.0.0.1/api/v1/nodes']) {
        const answer = await rawExchange(port, `GET ${target} HTTP/1.1\r\n${headers}Connection: close\r\n\r\n`);
        answers.push(`${target}: ${answer.split('\r\n')[0]}`);
        const upgrade = await rawExchange(port, `GET ${target.replace(/pods$/, 'pods/web/attach?container=app')} HTTP/1.1\r\n`
          + `Host: 127.0.0.1:${port}\r\nSec-WebSocket-Protocol: v5.channel.k8s.io, ${TOKEN_PROTOCOL_PREFIX}${server.token}\r\n`
          + Object.entries(WS_HEADERS).map(([k, v]) => `${k}: ${v}\r\n`).join('') + '\r\n');
        answers.push(`upgrade ${target}: ${upgrade.split('\r\n')[0]}`);
      }
      assert.deepEqual(stolen, [], 'nothing reached localhost:80 (with the kubeconfig token)');
      for (const a of answers) assert.match(a, /: HTTP\/1\.1 400 /, a);
    } finally {
      await server.close();
      for (const s of sentinels) await new Promise((r) => s.close(() => r(undefined)));
      kc.cleanup();
    }
  });
});

describe('serve: who may use it, and for what (item 4)', () => {
  /** @type {Awaited<ReturnType<typeof startServeWithFake>>} */
  let env;
  before(async () => { env = await startServeWithFake(); });
  after(async () => { await env?.close(); });

  test('the printed URL carries a fresh 256-bit token in its fragment', async () => {
    assert.match(env.server.url, /^http:\/\/127\.0\.0\.1:\d+\/www\/#token=[A-Za-z0-9_-]{43}$/);
    assert.equal(new URL(env.server.url).hash, `#token=${env.token}`);
    assert.ok(env.lines.join('\n').includes(env.server.url));
    const other = await startServeWithFake();
    try {
      assert.notEqual(other.token, env.token);
    } finally {
      await other.close();
    }
  });

  test('no token, a wrong token, or the token in the wrong place: 401, nothing forwarded', async () => {
    const before = env.fake.requests.length;
    for (const headers of /** @type {Record<string, string>[]} */ ([{}, { [TOKEN_HEADER]: 'x' }, { [TOKEN_HEADER]: env.token.slice(1) }, { Authorization: `Bearer ${env.token}` },
      { Cookie: `token=${env.token}` }])) {
      const r = await httpRequest(env.port, { path: PODS, headers });
      assert.equal(r.status, 401, JSON.stringify(headers));
      assert.equal(JSON.parse(r.body).kind, 'Status');
    }
    assert.equal((await httpRequest(env.port, { path: `${PODS}?${TOKEN_HEADER}=${env.token}` })).status, 401);
    const upgrade = await attachThrough(env.port, `${PODS}/web/attach?container=app`, ['v5.channel.k8s.io']);
    assert.equal(upgrade.status, 401);
    const wrong = await attachThrough(env.port, `${PODS}/web/attach?container=app`, ['v5.channel.k8s.io', `${TOKEN_PROTOCOL_PREFIX}nope`]);
    assert.equal(wrong.status, 401);
    assert.equal(env.fake.requests.length, before);
  });

  test('with the token, the kubeconfig credentials are used; the token and browser credentials stay behind', async () => {
    const r = await httpRequest(env.port, { path: PODS, headers: { [TOKEN_HEADER]: env.token, Authorization: 'Bearer from-browser', Cookie: 'a=b' } });
    assert.equal(r.status, 200);
    assert.equal(JSON.parse(r.body).kind, 'PodList');
    assert.equal(env.fake.requests.at(-1)?.authorization, `Bearer ${KUBECONFIG_TOKEN}`);
  });

  test('browser requests must be same-origin (Origin, or Sec-Fetch-Site on same-origin GETs)', async () => {
    const token = { [TOKEN_HEADER]: env.token };
    const before = env.fake.requests.length;
    for (const headers of /** @type {Record<string, string>[]} */ ([{ Origin: 'http://evil.example' }, { Origin: 'null' }, { Origin: `http://localhost:${env.port}` },
      { 'Sec-Fetch-Site': 'cross-site', 'Sec-Fetch-Mode': 'no-cors' }, { 'Sec-Fetch-Site': 'same-site' },
      { 'Sec-Fetch-Site': 'none', 'Sec-Fetch-Mode': 'navigate' }, { 'Sec-Fetch-Mode': 'no-cors' },
      { Origin: env.origin, 'Sec-Fetch-Site': 'cross-site' }])) {
      const r = await httpRequest(env.port, { path: PODS, headers: { ...token, ...headers } });
      assert.equal(r.status, 403, JSON.stringify(headers));
    }
    const evil = await attachThrough(env.port, `${PODS}/web/attach?container=app`, ['v5.channel.k8s.io', TOKEN_PROTOCOL_PREFIX + env.token],
      { Origin: 'http://evil.example' });
    assert.equal(evil.status, 403);
    assert.equal(env.fake.requests.length, before);
    for (const headers of /** @type {Record<string, string>[]} */ ([{ Origin: env.origin }, { 'Sec-Fetch-Site': 'same-origin', 'Sec-Fetch-Mode': 'cors' }, {}])) {
      assert.equal((await httpRequest(env.port, { path: PODS, headers: { ...token, ...headers } })).status, 200, JSON.stringify(headers));
    }
  });

  test('only what the page uses is forwarded; everything else is a 403 Status', async () => {
    const token = { [TOKEN_HEADER]: env.token };
    const refused = [
      ['GET', '/api/v1/namespaces/default/secrets'], ['GET', '/api/v1/namespaces/default/secrets/s'], ['GET', '/api/v1/secrets'],
      ['GET', '/api/v1/namespaces/default/configmaps/c'], ['GET', '/api/v1/pods'], ['GET', '/api'], ['GET', '/apis'],
      ['DELETE', PODS], ['PUT', `${PODS}/web`], ['PATCH', `${PODS}/web`], ['POST', `${PODS}/web/exec?command=sh`],
      ['GET', `${PODS}/web/exec?command=sh`], ['POST', `${PODS}/web/attach`], ['GET', `${PODS}/web/attach?container=app`],
      ['POST', `${PODS}/web/portforward`], ['GET', `${PODS}/web/proxy/x`], ['GET', '/api/v1/namespaces/default/services/s/proxy/x'],
      ['GET', '/api/v1/nodes/n/proxy/x'], ['GET', '/api/v1/namespaces/default/services/s:80/proxy/'],
      ['POST', '/apis/rbac.authorization.k8s.io/v1/clusterrolebindings'], ['PUT', '/api/v1/namespaces/default'],
      ['DELETE', '/api/v1/namespaces/default'], ['DELETE', '/api/v1/nodes/n'], ['POST', '/api/v1/namespaces'],
      ['GET', `${PODS}/web/ephemeralcontainers`], ['POST', '/apis/apps/v1/namespaces/default/deployments'],
      ['PATCH', '/apis/apps/v1/namespaces/default/deployments/d'], ['GET', '/apis/apps/v1/deployments'],
      ['GET', `${PODS}?labelSelector=a&pretty=1`], ['GET', `${PODS}/web/log?insecureSkipTLSVerifyBackend=true`],
      ['GET', `${PODS}/web/`], ['GET', `${PODS}//web`], ['GET', `${PODS}/web/..`], ['GET', `${PODS}/%2e%2e/secrets/s`],
      ['GET', '/api/v1/namespaces/default/pods/..%2f..%2fsecrets'], ['GET', '/api/v1/namespaces/default/pods/a%5cb'],
      ['GET', `${PODS}/./web`], ['GET', '/api/v1/namespaces/%2e%2e/pods'], ['OPTIONS', PODS], ['HEAD', PODS], ['TRACE', PODS],
      ['DELETE', `${PODS}/web?dryRun=All&orphanDependents=x`],
    ];
    const before = env.fake.requests.length;
    for (const [method, path] of refused) {
      const r = await httpRequest(env.port, { method, path, headers: token });
      assert.equal(r.status, 403, `${method} ${path}`);
      if (method !== 'HEAD') {
        const status = JSON.parse(r.body);
        assert.deepEqual([status.kind, status.apiVersion, status.status, status.reason, status.code], ['Status', 'v1', 'Failure', 'Forbidden', 403]);
        assert.match(status.message, /^kubedebug serve does not forward /);
      }
    }
    for (const path of [`${PODS}/web/exec?command=sh&stdout=true`, `${PODS}/web/portforward?ports=80`, `${PODS}/web/attach?container=app&command=x`]) {
      const r = await attachThrough(env.port, path, ['v5.channel.k8s.io', TOKEN_PROTOCOL_PREFIX + env.token]);
      assert.equal(r.status, 403, path);
    }
    assert.equal(env.fake.requests.length, before, 'none reached the cluster');

    const allowed = [
      ['GET', '/api/v1/namespaces'], ['GET', '/api/v1/namespaces/default'], ['GET', '/api/v1/nodes'], ['GET', '/api/v1/nodes/n1'],
      ['GET', PODS], ['GET', `${PODS}?fieldSelector=metadata.name%3Dweb`], ['GET', `${PODS}/web`], ['GET', `${PODS}/web/log?container=app`],
      ['GET', '/api/v1/namespaces/default/replicationcontrollers/r'], ['GET', '/apis/apps/v1/namespaces/default/deployments/d'],
      ['GET', '/apis/apps/v1/namespaces/default/statefulsets/s'], ['GET', '/apis/apps/v1/namespaces/default/daemonsets/d'],
      ['GET', '/apis/apps/v1/namespaces/default/replicasets/r'], ['GET', '/apis/batch/v1/namespaces/default/jobs/j'],
      ['GET', '/apis/batch/v1/namespaces/default/cronjobs/c'], ['DELETE', `${PODS}/nope`],
    ];
    for (const [method, path] of allowed) {
      const count = env.fake.requests.length;
      const r = await httpRequest(env.port, { method, path, headers: token });
      assert.notEqual(r.status, 403, `${method} ${path}`);
      assert.equal(env.fake.requests.length, count + 1, `${method} ${path} reached the cluster`);
      assert.equal(env.fake.requests.at(-1)?.path, path.split('?')[0]);
    }
  });

  test('Host is checked on every path: info, static files, redirects, the API, upgrades', async () => {
    for (const path of ['/_kubedebug/info', '/www/', '/www/main.js', '/', '/nope', PODS]) {
      for (const host of ['evil.example', `evil.example:${env.port}`, '127.0.0.1', `127.0.0.1:${env.port + 1}`, `localhost.:${env.port}`]) {
        const r = await httpRequest(env.port, { path, headers: { Host: host, [TOKEN_HEADER]: env.token } });
        assert.equal(r.status, 403, `${path} with Host ${host}`);
        assert.doesNotMatch(r.body, /default|"c"/, 'nothing about the context');
      }
    }
    const r = await attachThrough(env.port, `${PODS}/web/attach?container=app`, ['v5.channel.k8s.io', TOKEN_PROTOCOL_PREFIX + env.token],
      { Host: 'evil.example' });
    assert.equal(r.status, 403);
  });

  test('/_kubedebug/info names the context only for the token holder', async () => {
    const anonymous = JSON.parse((await httpRequest(env.port, { path: '/_kubedebug/info' })).body);
    assert.deepEqual(anonymous, { proxy: true, authorized: false });
    const known = JSON.parse((await httpRequest(env.port, { path: '/_kubedebug/info', headers: { [TOKEN_HEADER]: env.token } })).body);
    assert.deepEqual(known, { proxy: true, authorized: true, namespace: 'default', context: 'c' });
  });

  test('pages and answers cannot be framed', async () => {
    for (const path of ['/www/', '/www/index.html', '/_kubedebug/info', PODS, '/nope']) {
      const r = await httpRequest(env.port, { path, headers: { [TOKEN_HEADER]: env.token } });
      assert.equal(r.headers['x-frame-options'], 'DENY', path);
      assert.equal(r.headers['content-security-policy'], "frame-ancestors 'none'", path);
    }
  });
});

describe('serve: listen address (item 4)', () => {
  test('a non-loopback address is refused without --unsafe-address, and warned about with it', async () => {
    for (const address of ['0.0.0.0', '::', '192.0.2.1', 'example.com']) {
      await assert.rejects(serve({ port: 0, address, kubeconfig: false, log: null }),
        (/** @type {any} */ err) => err.code === 'serve/unsafe-address' && /--unsafe-address/.test(err.message), address);
    }
    /** @type {string[]} */
    const lines = [];
    const server = await serve({ port: 0, address: '0.0.0.0', unsafeAddress: true, kubeconfig: false, log: (l) => lines.push(l) });
    try {
      assert.match(lines[0], /^kubedebug: WARNING: --unsafe-address: listening on 0\.0\.0\.0, reachable from other machines/);
      const port = Number(new URL(server.url).port);
      assert.equal((await httpRequest(port, { path: '/www/', headers: { Host: `evil.example:${port}` } })).status, 403);
      assert.equal((await httpRequest(port, { path: '/www/' })).status, 200);
    } finally {
      await server.close();
    }
    for (const address of ['127.0.0.1', '127.1.2.3', 'localhost', '::1']) {
      const s = await serve({ port: 0, address, kubeconfig: false, log: null }).catch((err) => err);
      if (s instanceof Error) {
        assert.notEqual(/** @type {any} */ (s).code, 'serve/unsafe-address', address);
      } else await s.close();
    }
  });

  test('kubedebug serve --unsafe-address', () => {
    assert.deepEqual(parseServeFlags(['--address', '0.0.0.0', '--unsafe-address']), { help: false, address: '0.0.0.0', unsafeAddress: true });
    assert.equal(parseServeFlags(['--unsafe-address=false']).unsafeAddress, false);
    assert.throws(() => parseServeFlags(['--unsafe-address=maybe']), /invalid argument "maybe" for "--unsafe-address" flag/);
  });
});
