// @ts-check
/**
 * `serve()`: an HTTP server for the page (offline playground and live debug page) that, when
 * a kubeconfig is available, forwards the page's API and attach traffic to its cluster.
 * @module
 */
import { existsSync } from 'node:fs';
import { createServer } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { createTransport, loadKubeConfig } from './kubeconfig.js';
import { createApiProxy, isApiPath, isSameOrigin, rejectUpgrade, reply } from './proxy.js';
import { serveStatic } from './static.js';

/**
 * @typedef {{
 *   port?: number, address?: string,
 *   kubeconfig?: string | false | null, context?: string | null,
 *   log?: ((line: string) => void) | null,
 *   hash?: string,
 * }} ServeOptions
 * `kubeconfig: false` serves the offline playground only; otherwise the kubeconfig is the given
 * file, else `KUBECONFIG` / `~/.kube/config` (or the in-cluster service account) when present.
 * `hash` is appended to the printed URL (playground state, e.g. a preloaded example).
 */

/**
 * Start the server. Resolves once it listens; prints the page's URL through `log`.
 * @param {ServeOptions} [options]
 * @returns {Promise<{ url: string, proxy: boolean, close(): Promise<void> }>}
 */
export async function serve(options = {}) {
  const { port = 8080, address = '127.0.0.1', context = null } = options;
  const log = options.log === undefined ? (/** @type {string} */ line) => console.log(line) : (options.log ?? (() => {}));
  const cluster = await clusterFor(options, log);
  const proxy = cluster ? createApiProxy(cluster.transport, { log }) : null;
  /** @type {Set<string>} */
  const hosts = new Set();
  const info = JSON.stringify({ proxy: Boolean(proxy), namespace: cluster?.transport.namespace ?? 'default',
    context: cluster?.context ?? null });
  /** @type {Set<import('node:net').Socket>} */
  const connections = new Set();

  const server = createServer((req, res) => {
    handle(req, res).catch((err) => {
      log(`serve: ${err instanceof Error ? err.message : err}`);
      if (!res.headersSent) reply(res, 500, 'internal error');
      else res.destroy();
    });
  });
  server.on('connection', (socket) => {
    connections.add(socket);
    socket.on('close', () => connections.delete(socket));
  });

  /**
   * @param {import('node:http').IncomingMessage} req
   * @param {import('node:http').ServerResponse} res
   */
  async function handle(req, res) {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (isApiPath(url.pathname)) {
      if (!proxy) return reply(res, 404, 'this server has no cluster: start it with a kubeconfig');
      if (!isSameOrigin(req, hosts)) return reply(res, 403, 'cross-origin API requests are not forwarded');
      return proxy.handleHttp(req, res);
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') return reply(res, 405, 'method not allowed');
    if (url.pathname === '/') {
      res.writeHead(302, { Location: '/www/' + url.search });
      return void res.end();
    }
    if (url.pathname === '/_kubedebug/info') {
      res.writeHead(200, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' });
      return void res.end(info);
    }
    if (!(await serveStatic(req, res, url.pathname))) reply(res, 404, 'not found');
  }

  server.on('upgrade', (req, socket, head) => {
    const pathname = new URL(req.url ?? '/', 'http://localhost').pathname;
    if (!proxy || !isApiPath(pathname)) return rejectUpgrade(socket, 404, 'not found');
    if (!isSameOrigin(req, hosts)) return rejectUpgrade(socket, 403, 'cross-origin upgrades are not forwarded');
    proxy.handleUpgrade(req, socket, head);
  });

  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, address, () => {
      server.off('error', reject);
      resolve(undefined);
    });
  });
  const actual = /** @type {import('node:net').AddressInfo} */ (server.address()).port;
  const shownHost = address.includes(':') ? `[${address}]` : address;
  for (const h of [`${shownHost}:${actual}`, `localhost:${actual}`, `127.0.0.1:${actual}`, `[::1]:${actual}`]) hosts.add(h);
  const url = `http://${shownHost}:${actual}/www/${options.hash ? '#' + options.hash.replace(/^#/, '') : ''}`;
  log(proxy
    ? `kubedebug: serving the playground and live debugging for ${cluster?.context ? `context ${cluster.context}` : 'the current context'} at ${url}`
    : `kubedebug: no kubeconfig: serving the offline playground only at ${url}`);
  return {
    url,
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
