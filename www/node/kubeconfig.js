// @ts-check
/**
 * Node wiring of the host's I/O from `@kubernetes/client-node`'s `KubeConfig`: a `fetch`-style
 * request function and a WebSocket factory that carry the cluster's TLS settings and the user's
 * credentials (tokens, client certificates, exec plugins, basic auth), as client-node applies them.
 * @module
 */
import { createRequire } from 'node:module';
import { DebugError } from '../host/errors.js';
import { KubeConfig } from './client-node.js';
import { nodeRequest } from './node-request.js';

/** @typedef {import('@kubernetes/client-node').KubeConfig} KubeConfigInstance */

/** @type {typeof import('ws').WebSocket | null} */
let WebSocketClass = null;

/**
 * `ws`, loaded on the first attach only (importing it costs more than a whole dry run).
 * @returns {typeof import('ws').WebSocket}
 */
function webSocketClass() {
  WebSocketClass ??= /** @type {typeof import('ws').WebSocket} */ (createRequire(import.meta.url)('ws'));
  return WebSocketClass;
}

/**
 * Load the kubeconfig like kubectl: `--kubeconfig` if given, else `KUBECONFIG` / `~/.kube/config`
 * / in-cluster (client-node's `loadFromDefault`), then `--context`.
 * @param {{ kubeconfig?: string | null, context?: string | null }} [options]
 * @returns {KubeConfigInstance}
 */
export function loadKubeConfig(options = {}) {
  const kc = new KubeConfig();
  if (options.kubeconfig) kc.loadFromFile(options.kubeconfig);
  else kc.loadFromDefault();
  if (options.context) {
    if (!kc.getContextObject(options.context)) {
      throw new DebugError(`context was not found for specified context: ${options.context}`, { code: 'config/context' });
    }
    kc.setCurrentContext(options.context);
  }
  if (!kc.getCurrentCluster()) {
    throw new DebugError('invalid configuration: no configuration has been provided, try setting KUBERNETES_MASTER environment variable',
      { code: 'config/empty' });
  }
  return kc;
}

/**
 * The namespace of the current context (`default` when unset).
 * @param {KubeConfigInstance} kc
 * @returns {string}
 */
export function contextNamespace(kc) {
  return kc.getContextObject(kc.getCurrentContext())?.namespace || 'default';
}

/**
 * client-node refuses plain `http:` servers unless `insecure-skip-tls-verify` is set; kubectl
 * allows them. TLS settings mean nothing over http, so use a copy that says skip.
 * @param {KubeConfigInstance} kc
 * @returns {KubeConfigInstance}
 */
function allowPlainHttp(kc) {
  const cluster = kc.getCurrentCluster();
  if (!cluster || !cluster.server.startsWith('http:') || cluster.skipTLSVerify) return kc;
  const copy = new KubeConfig();
  copy.loadFromOptions({
    clusters: kc.clusters.map((c) => (c.name === cluster.name ? { ...c, skipTLSVerify: true } : c)),
    users: kc.users, contexts: kc.contexts, currentContext: kc.getCurrentContext(),
  });
  return copy;
}

/**
 * @typedef {{
 *   server: string, namespace: string,
 *   fetch: import('../host/kube.js').FetchLike,
 *   webSocketFactory: import('../host/attach.js').WebSocketFactory,
 * }} NodeTransport
 */

/**
 * Build the request function and WebSocket factory for the current context.
 * Credentials are re-applied on every request (exec plugins refresh expired tokens); the
 * WebSocket factory uses those of the latest request.
 * @param {KubeConfigInstance} kubeConfig
 * @returns {Promise<NodeTransport>}
 */
export async function createTransport(kubeConfig) {
  const kc = allowPlainHttp(kubeConfig);
  const cluster = /** @type {import('@kubernetes/client-node').Cluster} */ (kc.getCurrentCluster());
  const server = cluster.server.replace(/\/+$/, '');
  /** @returns {Promise<import('node:https').RequestOptions>} */
  const freshOptions = async () => {
    /** @type {import('node:https').RequestOptions} */
    const opts = { headers: {} };
    await kc.applyToHTTPSOptions(opts);
    if (cluster.skipTLSVerify) opts.rejectUnauthorized = false;
    return opts;
  };
  let latest = await freshOptions();

  /** @type {import('../host/kube.js').FetchLike} */
  const fetch = async (url, init) => {
    latest = await freshOptions();
    return nodeRequest(url, init, latest);
  };

  /** @type {import('../host/attach.js').WebSocketFactory} */
  const webSocketFactory = (url, protocols) => /** @type {any} */ (new (webSocketClass())(url, protocols, {
    agent: latest.agent, auth: latest.auth ?? undefined, headers: /** @type {Record<string, string>} */ (latest.headers),
    ca: latest.ca, cert: latest.cert, key: latest.key, rejectUnauthorized: latest.rejectUnauthorized,
  }));

  return { server, namespace: contextNamespace(kubeConfig), fetch, webSocketFactory };
}
