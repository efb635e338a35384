// @ts-check
/**
 * How the page reaches a cluster: through the same-origin proxy of `serve()` (its kubeconfig's
 * credentials stay on the server), or directly with an API URL and a bearer token (held in
 * memory only: never written to storage, the URL or logs).
 * @module
 */
import { createKubeClient } from '../host/kube.js';

/**
 * What `serve()` says about itself at `/_kubedebug/info` (absent on a plain static server).
 * @typedef {{ proxy: boolean, namespace?: string, context?: string }} ServerInfo
 */

/**
 * @typedef {{
 *   kube: import('../host/kube.js').KubeClient,
 *   webSocketFactory: import('../host/attach.js').WebSocketFactory,
 *   token: string | undefined,
 *   label: string,
 * }} Connection
 */

/**
 * @param {string} baseUrl the page's origin
 * @returns {Promise<ServerInfo>}
 */
export async function serverInfo(baseUrl) {
  try {
    const res = await fetch(new URL('/_kubedebug/info', baseUrl), { headers: { Accept: 'application/json' } });
    if (!res.ok) return { proxy: false };
    const info = await res.json();
    return { proxy: Boolean(info?.proxy), namespace: info?.namespace, context: info?.context };
  } catch {
    return { proxy: false };
  }
}

/**
 * @param {{ mode: 'proxy' | 'direct', origin: string, apiUrl?: string, token?: string }} options
 * @returns {Connection}
 */
export function connect({ mode, origin, apiUrl = '', token = '' }) {
  const server = mode === 'proxy' ? origin : apiUrl.trim().replace(/\/+$/, '');
  if (!/^https?:\/\//.test(server)) throw new Error('enter the API server URL, e.g. https://127.0.0.1:6443');
  const bearer = mode === 'direct' && token.trim() ? token.trim() : undefined;
  const kube = createKubeClient({
    server,
    fetch: (url, init) => fetch(url, { ...init, credentials: 'omit', cache: 'no-store' }),
    headers: bearer ? { Authorization: `Bearer ${bearer}` } : {},
  });
  return {
    kube,
    webSocketFactory: (url, protocols) => /** @type {any} */ (new WebSocket(url, protocols)),
    token: bearer,
    label: mode === 'proxy' ? 'through this server (kubeconfig)' : `directly to ${server}`,
  };
}

/**
 * Pods of a namespace and the cluster's nodes (nodes may be forbidden: then empty, with the error).
 * @param {import('../host/kube.js').KubeClient} kube
 * @param {string} namespace
 * @param {AbortSignal} [signal]
 */
export async function listTargets(kube, namespace, signal) {
  const pods = await kube.get(`/api/v1/namespaces/${encodeURIComponent(namespace)}/pods`, { signal });
  /** @type {any[]} */
  let nodes = [];
  /** @type {unknown} */
  let nodeError = null;
  try {
    nodes = (await kube.get('/api/v1/nodes', { signal }))?.items ?? [];
  } catch (err) {
    nodeError = err;
  }
  return { pods: pods?.items ?? [], nodes, nodeError };
}

/**
 * Namespace names, or none when listing them is not allowed.
 * @param {import('../host/kube.js').KubeClient} kube
 * @returns {Promise<string[]>}
 */
export async function listNamespaces(kube) {
  try {
    const list = await kube.get('/api/v1/namespaces');
    return (list?.items ?? []).map((/** @type {any} */ n) => n?.metadata?.name).filter(Boolean);
  } catch {
    return [];
  }
}

/**
 * A short state of a container from a pod: `Running`, `Waiting: ContainerCreating`, ….
 * @param {any} pod
 * @param {string} container
 * @returns {string}
 */
export function containerState(pod, container) {
  const status = pod?.status ?? {};
  const all = [...(status.initContainerStatuses ?? []), ...(status.containerStatuses ?? []),
    ...(status.ephemeralContainerStatuses ?? [])];
  const found = all.find((s) => s?.name === container);
  if (!found?.state) return `pod ${status.phase ?? 'Pending'}, container ${container} not started`;
  const [key, value] = Object.entries(found.state)[0] ?? ['unknown', {}];
  const reason = /** @type {any} */ (value)?.reason;
  return `${key[0].toUpperCase()}${key.slice(1)}${reason ? `: ${reason}` : ''}`;
}
