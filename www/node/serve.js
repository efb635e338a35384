// @ts-check
/**
 * `serve()`: an HTTP server for the page (offline playground and live debug page) that, when
 * a kubeconfig is available, forwards the page's API and attach traffic to its cluster.
 *
 * Who may use it: every request must name this server in `Host` (no DNS rebinding); API
 * requests and upgrades must carry the per-run token from the printed URL (serve-token.js)
 * and, when a browser sends them, be same-origin; and only the requests the page makes are
 * forwarded (serve-policy.js `RULES`), 403 otherwise. It listens on loopback unless told
 * `unsafeAddress`. Its pages cannot be framed.
 * @module
 */
import { existsSync } from 'node:fs';
import { createServer } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { DebugError } from '../host/errors.js';
import { TOKEN_HASH_KEY } from '../app/serve-token.js';
import { createTransport, loadKubeConfig } from './kubeconfig.js';
import { createApiProxy, rejectUpgrade, reply } from './proxy.js';
import {
  allowedHost, createToken, isLoopbackAddress, isSameOriginBrowserRequest, isWildcardAddress, presentedToken, tokenMatches,
} from './serve-access.js';
import { matchRule, parseApiTarget, refusal } from './serve-policy.js';
import { serveStatic } from './static.js';

/**
 * @typedef {{
 *   port?: number, address?: string, unsafeAddress?: boolean,
 *   kubeconfig?: string | false | null, context?: string | null,
 *   log?: ((line: string) => void) | null,
 *   hash?: string,
 * }} ServeOptions
 * `kubeconfig: false` serves the offline playground only; otherwise the kubeconfig is the given
 * file, else `KUBECONFIG` / `~/.kube/config` (or the in-cluster service account) when present.
 * `address` must be a loopback address unless `unsafeAddress` is true.
 * `hash` is appended to the printed URL (playground state, e.g. a preloaded example).
 */

/** Headers on every answer: no framing, no sniffing, no embedding by other sites, no referrer. */
const SECURITY_HEADERS = {
  'Content-Security-Policy': "frame-ancestors 'none'",
  'X-Frame-Options': 'DENY',
  'X-Content-Type-Options': 'nosniff',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Referrer-Policy': 'no-referrer',
};

/** A raw request target under the API prefixes (before any decoding), or not origin-form at all. */
const API_TARGET = /^\/(api|apis)(\/|\?|$)/;

/**
 * Start the server. Resolves once it listens; prints the page's URL through `log`.
 * @param {ServeOptions} [options]
 * @returns {Promise<{ url: string, token: string, proxy: boolean, close(): Promise<void> }>}
 *   `url` is the page's URL with the token in its fragment (empty `token` when there is no cluster)
 */
export async function serve(options = {}) {
  const { port = 8080, address = '127.0.0.1', context = null, unsafeAddress = false } = options;
  const log = options.log === undefined ? (/** @type {string} */ line) => console.log(line) : (options.log ?? (() => {}));
  if (!isLoopbackAddress(address) && !unsafeAddress) {
    throw new DebugError(`refusing to serve on ${address}: it is not a loopback address, and the server acts on the cluster `
      + 'with your kubeconfig credentials; use 127.0.0.1 (the default), or add --unsafe-address if you really mean it',
    { code: 'serve/unsafe-address' });
  }
  const cluster = await clusterFor(options, log);
  const proxy = cluster ? createApiProxy(cluster.transport, { log }) : null;
  const token = proxy ? createToken() : '';
  /** @type {Set<string>} */
  const hosts = new Set();
  const info = JSON.stringify({ proxy: Boolean(proxy), authorized: true, namespace: cluster?.transport.namespace ?? 'default',
    context: cluster?.context ?? null });
  const infoWithoutToken = JSON.stringify({ proxy: Boolean(proxy), authorized: false });
  /** @type {Set<import('node:net').Socket>} */
  const connections = new Set();

  /**
   * Why an API request or upgrade may not go on (status and message), or null when it may.
   * @param {import('node:http').IncomingMessage} req
   * @param {string} host
   * @param {boolean} upgrade
   * @returns {{ code: number, message: string } | { target: import('./serve-policy.js').ApiTarget }}
   */
  const check = (req, host, upgrade) => {
    if (!proxy) return { code: 404, message: 'this server has no cluster: start it with a kubeconfig' };
    if (!isSameOriginBrowserRequest(req, host)) return { code: 403, message: 'cross-origin requests are not forwarded' };
    if (!tokenMatches(presentedToken(req, upgrade), token)) {
      return { code: 401, message: 'this request lacks the token of the URL kubedebug serve printed: open that URL' };
    }
    const raw = req.url ?? '';
    const parsed = parseApiTarget(raw);
    const method = req.method ?? '';
    if (!parsed.ok) return { code: 403, message: `kubedebug serve does not forward ${method} ${raw.split('?')[0].slice(0, 200)}: ${parsed.reason}` };
    if (!matchRule(method, parsed.target, upgrade)) return { code: 403, message: refusal(method, raw, parsed.target, upgrade) };
    return { target: parsed.target };
  };

  const server = createServer((req, res) => {
    req.on('error', () => {});
    res.on('error', () => {});
    handle(req, res).catch((err) => {
      log(`serve: ${err instanceof Error ? err.message : err}`);
      reply(res, 500, 'internal error');
    });
  });
  server.on('connection', (socket) => {
    connections.add(socket);
    socket.on('close', () => connections.delete(socket));
  });
  server.on('error', (err) => log(`serve: ${err.message}`));

  /**
   * @param {import('node:http').IncomingMessage} req
   * @param {import('node:http').ServerResponse} res
   */
  async function handle(req, res) {
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) res.setHeader(name, value);
    const host = allowedHost(req, hosts);
    if (!host) return reply(res, 403, 'this server does not answer to that Host');
    const raw = req.url ?? '/';
    if (!raw.startsWith('/')) return reply(res, 400, 'only origin-form request targets are accepted');
    if (API_TARGET.test(raw)) {
      const verdict = check(req, host, false);
      if (!('target' in verdict)) return reply(res, verdict.code, verdict.message);
      res.setHeader('Cache-Control', 'no-store');
      return proxy?.handleHttp(req, res, verdict.target);
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') return reply(res, 405, 'method not allowed');
    const q = raw.indexOf('?');
    const pathname = q < 0 ? raw : raw.slice(0, q);
    const search = q < 0 ? '' : raw.slice(q);
    if (pathname === '/') {
      res.writeHead(302, { Location: '/www/' + (/^\?[\x21-\x7e]*$/.test(search) ? search : '') });
      return void res.end();
    }
    if (pathname === '/_kubedebug/info') {
      const body = !proxy || tokenMatches(presentedToken(req, false), token) ? info : infoWithoutToken;
      res.writeHead(200, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' });
      return void res.end(body);
    }
    if (!(await serveStatic(req, res, pathname))) reply(res, 404, 'not found');
  }

  server.on('upgrade', (req, socket, head) => {
    socket.on('error', () => socket.destroy());
    try {
      const host = allowedHost(req, hosts);
      if (!host) return rejectUpgrade(socket, 403, 'this server does not answer to that Host');
      if (!(req.url ?? '').startsWith('/')) return rejectUpgrade(socket, 400, 'only origin-form request targets are accepted');
      if (!API_TARGET.test(req.url ?? '')) return rejectUpgrade(socket, 404, 'not found');
      if (!isWebSocketUpgrade(req)) return rejectUpgrade(socket, 400, 'only WebSocket upgrades (version 13) are accepted');
      const verdict = check(req, host, true);
      if (!('target' in verdict)) return rejectUpgrade(socket, verdict.code, verdict.message);
      proxy?.handleUpgrade(req, socket, head, verdict.target);
    } catch (err) {
      log(`serve: upgrade: ${err instanceof Error ? err.message : err}`);
      rejectUpgrade(socket, 500, 'internal error');
    }
  });

  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, address, () => {
      server.off('error', reject);
      resolve(undefined);
    });
  });
  const actual = /** @type {import('node:net').AddressInfo} */ (server.address()).port;
  for (const h of hostNames(address)) hosts.add(`${h}:${actual}`);
  const shownHost = isWildcardAddress(address) ? '127.0.0.1' : bracket(address);
  const fragment = [token ? `${TOKEN_HASH_KEY}=${token}` : '', (options.hash ?? '').replace(/^#/, '')].filter(Boolean).join('&');
  const url = `http://${shownHost}:${actual}/www/${fragment ? '#' + fragment : ''}`;
  if (!isLoopbackAddress(address)) {
    log(`kubedebug: WARNING: --unsafe-address: listening on ${address}, reachable from other machines. Whoever can reach it `
      + 'and learns the token in the URL below can create, patch, delete and attach to pods with your kubeconfig credentials. '
      + 'The connection is plain HTTP: the token and the terminal can be read on the network. Accepted Host names: '
      + `${[...hosts].join(', ')}.`);
  }
  log(proxy
    ? `kubedebug: serving the playground and live debugging for ${cluster?.context ? `context ${cluster.context}` : 'the current context'} at ${url}\n`
      + 'kubedebug: the URL carries this run\'s access token: open it as printed, do not share it'
    : `kubedebug: no kubeconfig: serving the offline playground only at ${url}`);
  return {
    url,
    token,
    proxy: Boolean(proxy),
    async close() {
      proxy?.close();
      await new Promise((resolve) => {
        server.close(() => resolve(undefined));
        for (const s of connections) s.destroy();
      });
    },
  };
}

/**
 * Whether an upgrade request is a well-formed WebSocket handshake (checked before the
 * cluster's socket is opened, so a bad one cannot leave that open).
 * @param {import('node:http').IncomingMessage} req
 */
function isWebSocketUpgrade(req) {
  const key = req.headers['sec-websocket-key'];
  return req.method === 'GET' && String(req.headers.upgrade ?? '').toLowerCase() === 'websocket'
    && req.headers['sec-websocket-version'] === '13'
    && typeof key === 'string' && /^[+/0-9A-Za-z]{22}==$/.test(key);
}

/** @param {string} address */
function bracket(address) {
  return address.includes(':') && !address.startsWith('[') ? `[${address}]` : address;
}

/**
 * The host names (without port) the server answers to: the loopback names, the address it
 * listens on, and for a wildcard address this machine's interface addresses and host name.
 * @param {string} address
 * @returns {string[]}
 */
function hostNames(address) {
  const names = ['localhost', '127.0.0.1', '[::1]', bracket(address).toLowerCase()];
  if (isWildcardAddress(address)) {
    for (const list of Object.values(os.networkInterfaces())) {
      for (const a of list ?? []) names.push(a.family === 'IPv6' ? `[${a.address.split('%')[0]}]` : a.address);
    }
    names.push(os.hostname().toLowerCase());
  }
  return names;
}

/**
 * The kubeconfig's transport, or null when there is none (or `kubeconfig: false`).
 * @param {ServeOptions} options
 * @param {(line: string) => void} log
 */
async function clusterFor(options, log) {
  if (options.kubeconfig === false) return null;
  if (!options.kubeconfig && !defaultKubeconfigExists()) return null;
  try {
    const kc = loadKubeConfig({ kubeconfig: options.kubeconfig || null, context: options.context ?? null });
    return { transport: await createTransport(kc), context: kc.getCurrentContext() };
  } catch (err) {
    if (options.kubeconfig) throw err;
    log(`kubedebug: cannot use the kubeconfig (${err instanceof Error ? err.message : err})`);
    return null;
  }
}

/** Whether kubectl would find a configuration without flags. */
function defaultKubeconfigExists() {
  if (process.env.KUBECONFIG) return true;
  if (existsSync(path.join(os.homedir(), '.kube', 'config'))) return true;
  return Boolean(process.env.KUBERNETES_SERVICE_HOST) && existsSync('/var/run/secrets/kubernetes.io/serviceaccount/token');
}
