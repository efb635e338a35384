// @ts-check
/**
 * How the page reaches a cluster: through the same-origin proxy of `serve()` (its kubeconfig's
 * credentials stay on the server; the page proves itself with serve's per-run token, see
 * serve-token.js), or directly with an API URL and a bearer token (held in memory only: never
 * written to storage, the URL or logs).
 * @module
 */
import { createKubeClient } from '../host/kube.js';
import { TOKEN_HASH_KEY, TOKEN_HEADER, TOKEN_PROTOCOL_PREFIX, TOKEN_STORAGE_KEY } from './serve-token.js';

/**
 * What `serve()` says about itself at `/_kubedebug/info` (absent on a plain static server).
 * `authorized: false`: the page lacks serve's token (it was not opened from the printed URL).
 * @typedef {{ proxy: boolean, authorized?: boolean, namespace?: string, context?: string }} ServerInfo
 */

/**
 * Take serve's token out of the page URL's fragment (`#token=…&…`, the rest left as it was)
 * and keep it in this tab's sessionStorage, so a reload still has it and the "Link to this
 * state" never carries it. Without one in the URL, the tab's stored token (or '').
 * @param {{ location: { hash: string, pathname: string, search: string },
 *   history: { replaceState(data: any, unused: string, url?: string): void },
 *   sessionStorage?: { getItem(k: string): string | null, setItem(k: string, v: string): void } }} win
 * @returns {string}
 */
export function takeServeToken(win) {
  const parts = win.location.hash.replace(/^#/, '').split('&');
  const prefix = `${TOKEN_HASH_KEY}=`;
  const found = parts.find((p) => p.startsWith(prefix));
  let storage = null;
  try {
    storage = win.sessionStorage ?? null;
  } catch { /* storage disabled */ }
  if (found === undefined) {
    try {
      return storage?.getItem(TOKEN_STORAGE_KEY) ?? '';
    } catch {
      return '';
    }
  }
  let token = '';
  try {
    token = decodeURIComponent(found.slice(prefix.length));
  } catch { /* a broken token is no token */ }
  const rest = parts.filter((p) => !p.startsWith(prefix) && p !== '').join('&');
  win.history.replaceState(null, '', win.location.pathname + win.location.search + (rest ? `#${rest}` : ''));
  try {
    storage?.setItem(TOKEN_STORAGE_KEY, token);
  } catch { /* storage disabled: this load only */ }
  return token;
}

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
 * @param {string} [serveToken] serve's token, when the page has one
 * @returns {Promise<ServerInfo>}
 */
export async function serverInfo(baseUrl, serveToken = '') {
  try {
    /** @type {Record<string, string>} */
    const headers = { Accept: 'application/json' };
    if (serveToken) headers[TOKEN_HEADER] = serveToken;
    const res = await fetch(new URL('/_kubedebug/info', baseUrl), { headers, credentials: 'omit', cache: 'no-store' });
    if (!res.ok) return { proxy: false };
    const info = await res.json();
    return { proxy: Boolean(info?.proxy), authorized: info?.authorized !== false, namespace: info?.namespace, context: info?.context };
  } catch {
    return { proxy: false };
  }
}

/**
 * @param {{ mode: 'proxy' | 'direct', origin: string, apiUrl?: string, token?: string, serveToken?: string }} options
 *   `serveToken` goes with every request through the proxy (header; subprotocol on the attach socket)
 * @returns {Connection}
 */
export function connect({ mode, origin, apiUrl = '', token = '', serveToken = '' }) {
  const server = mode === 'proxy' ? origin : apiUrl.trim().replace(/\/+$/, '');
  if (!/^https?:\/\//.test(server)) throw new Error('enter the API server URL, e.g. https://127.0.0.1:6443');
  if (mode === 'proxy' && !serveToken) {
    throw new Error('this page lacks the access token of kubedebug serve: open the URL it printed (with #token=…)');
  }
  const bearer = mode === 'direct' && token.trim() ? token.trim() : undefined;
  const proxyToken = mode === 'proxy' ? serveToken : '';
  const kube = createKubeClient({
    server,
    fetch: (url, init) => fetch(url, { ...init, credentials: 'omit', cache: 'no-store' }),
    headers: bearer ? { Authorization: `Bearer ${bearer}` } : proxyToken ? { [TOKEN_HEADER]: proxyToken } : {},
  });
  return {
    kube,
    webSocketFactory: (url, protocols) => /** @type {any} */ (new WebSocket(url,
      proxyToken ? [...protocols, TOKEN_PROTOCOL_PREFIX + proxyToken] : protocols)),
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
