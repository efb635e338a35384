// @ts-check
/**
 * Node wiring of the host's I/O from `@kubernetes/client-node`'s `KubeConfig`: a `fetch`-style
 * request function and a WebSocket factory that carry the cluster's TLS settings and the user's
 * credentials (tokens, client certificates, exec plugins, basic auth), as client-node applies them.
 * @module
 */
import http from 'node:http';
import https from 'node:https';
import { Readable } from 'node:stream';
import { KubeConfig } from '@kubernetes/client-node';
import { WebSocket } from 'ws';
import { DebugError } from '../host/errors.js';

/**
 * Load the kubeconfig like kubectl: `--kubeconfig` if given, else `KUBECONFIG` / `~/.kube/config`
 * / in-cluster (client-node's `loadFromDefault`), then `--context`.
 * @param {{ kubeconfig?: string | null, context?: string | null }} [options]
 * @returns {KubeConfig}
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
 * @param {KubeConfig} kc
 * @returns {string}
 */
export function contextNamespace(kc) {
  return kc.getContextObject(kc.getCurrentContext())?.namespace || 'default';
}

/**
 * client-node refuses plain `http:` servers unless `insecure-skip-tls-verify` is set; kubectl
 * allows them. TLS settings mean nothing over http, so use a copy that says skip.
 * @param {KubeConfig} kc
 * @returns {KubeConfig}
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
 * @param {KubeConfig} kubeConfig
 * @returns {Promise<NodeTransport>}
 */
export async function createTransport(kubeConfig) {
  const kc = allowPlainHttp(kubeConfig);
  const cluster = /** @type {import('@kubernetes/client-node').Cluster} */ (kc.getCurrentCluster());
  const server = cluster.server.replace(/\/+$/, '');
  /** @returns {Promise<https.RequestOptions>} */
  const freshOptions = async () => {
    /** @type {https.RequestOptions} */
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
  const webSocketFactory = (url, protocols) => /** @type {any} */ (new WebSocket(url, protocols, {
    agent: latest.agent, headers: /** @type {Record<string, string>} */ (latest.headers),
    ca: latest.ca, cert: latest.cert, key: latest.key, rejectUnauthorized: latest.rejectUnauthorized,
  }));

  return { server, namespace: contextNamespace(kubeConfig), fetch, webSocketFactory };
}

/**
 * One HTTP(S) request with client-node's agent and headers, answered as a WHATWG `Response`
 * whose body streams (watches, logs).
 * @param {string} url
 * @param {{ method: string, headers: Record<string, string>, body?: string, signal?: AbortSignal }} init
 * @param {https.RequestOptions} opts
 * @returns {Promise<Response>}
 */
function nodeRequest(url, init, opts) {
  const lib = url.startsWith('https:') ? https : http;
  return new Promise((resolve, reject) => {
    const req = lib.request(url, {
      method: init.method, agent: opts.agent, signal: init.signal,
      // Node sends a DELETE body without Content-Length or chunking unless told its length.
      headers: { ...opts.headers, ...init.headers,
        ...(init.body !== undefined ? { 'Content-Length': String(Buffer.byteLength(init.body)) } : {}) },
    }, (res) => {
      const headers = new Headers();
      for (const [k, v] of Object.entries(res.headers)) {
        if (Array.isArray(v)) v.forEach((x) => headers.append(k, x));
        else if (v !== undefined) headers.set(k, v);
      }
      const status = res.statusCode ?? 0;
      const noBody = status === 204 || status === 304 || init.method === 'HEAD';
      if (noBody) res.resume();
      const body = noBody ? null : /** @type {ReadableStream<Uint8Array>} */ (Readable.toWeb(res));
      resolve(new Response(body, { status, statusText: res.statusMessage, headers }));
    });
    req.on('error', reject);
    if (init.body !== undefined) req.write(init.body);
    req.end();
  });
}
