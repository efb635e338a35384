// @ts-check
/**
 * A minimal Kubernetes API client over an injected `fetch`: what `kubectl debug` needs and
 * nothing else (GET, the plan's writes, an informer-style pod watch, logs).
 * @module
 */
import { apiErrorFromResponse, mapEphemeralError } from './status.js';
import { ApiError } from './errors.js';
import { checkApiPath, segment } from './api-path.js';

/** @typedef {import('../core/index.js').ApiRequest} ApiRequest */
/** @typedef {import('../core/index.js').TextApiRequest} TextApiRequest */

/**
 * The part of a WHATWG `Response` the client uses.
 * @typedef {{
 *   status: number, ok: boolean,
 *   headers: { get(name: string): string | null },
 *   text(): Promise<string>,
 *   body: ReadableStream<Uint8Array> | null,
 * }} FetchResponse
 */

/**
 * `fetch` as the host provides it (browser `fetch`, or the Node transport of `www/node/`).
 * @typedef {(url: string, init: { method: string, headers: Record<string, string>, body?: string,
 *   signal?: AbortSignal }) => Promise<FetchResponse>} FetchLike
 */

/** @typedef {{ type: 'ADDED' | 'MODIFIED' | 'DELETED' | 'BOOKMARK' | 'ERROR', object: any }} WatchEvent */

/**
 * @typedef {{
 *   server: string,
 *   get(path: string, options?: { signal?: AbortSignal }): Promise<any>,
 *   getText?(path: string, options?: { signal?: AbortSignal }): Promise<string>,
 *   send(request: ApiRequest | TextApiRequest, options?: { signal?: AbortSignal }): Promise<any>,
 *   watchPod(namespace: string, name: string, options?: { signal?: AbortSignal }): AsyncGenerator<WatchEvent>,
 *   logs(namespace: string, pod: string, container: string,
 *     options?: { signal?: AbortSignal, follow?: boolean }): AsyncGenerator<Uint8Array>,
 * }} KubeClient
 */

const JSON_ACCEPT = 'application/json';
/** Pause before re-opening a watch that ended without any event (reflector-like backoff). */
const REWATCH_DELAY_MS = 1000;

/**
 * @param {{
 *   server: string,
 *   fetch: FetchLike,
 *   headers?: Record<string, string>,
 *   sleep?: (ms: number, signal?: AbortSignal) => Promise<void>,
 * }} options `server` is the API server URL without trailing slash; `headers` are added to every
 *   request (e.g. `Authorization` in a browser)
 * @returns {KubeClient}
 */
export function createKubeClient({ server, fetch, headers = {}, sleep = defaultSleep }) {
  const base = server.replace(/\/+$/, '');

  /**
   * @param {string} method
   * @param {string} path
   * @param {{ body?: string, contentType?: string, signal?: AbortSignal, accept?: string }} [init]
   */
  async function call(method, path, init = {}) {
    /** @type {Record<string, string>} */
    const h = { Accept: init.accept ?? JSON_ACCEPT, ...headers };
    if (init.contentType) h['Content-Type'] = init.contentType;
    const res = await fetch(base + checkApiPath(path), { method, headers: h, body: init.body, signal: init.signal });
    if (!res.ok) throw apiErrorFromResponse(res, await res.text(), method, path);
    return res;
  }

  /** @param {FetchResponse} res */
  async function json(res) {
    const text = await res.text();
    return text ? JSON.parse(text) : null;
  }

  return {
    server: base,
    async get(path, options = {}) {
      return json(await call('GET', path, { signal: options.signal }));
    },
    async getText(path, options = {}) {
      return (await call('GET', path, { signal: options.signal })).text();
    },
    async send(request, options = {}) {
      // A body from `planText` is already the JSON text to send.
      const raw = request.body;
      const body = raw === undefined || raw === null ? undefined : typeof raw === 'string' ? raw : JSON.stringify(raw);
      try {
        const res = await call(request.method, request.path,
          { body, contentType: request.contentType, signal: options.signal });
        return await json(res);
      } catch (err) {
        throw request.method === 'PATCH' ? mapEphemeralError(err, request.path) : err;
      }
    },
    async *watchPod(namespace, name, options = {}) {
      const { signal } = options;
      const podsPath = `/api/v1/namespaces/${segment(namespace)}/pods`;
      const selector = 'fieldSelector=' + encodeURIComponent(`metadata.name=${name}`);
      let resourceVersion = '';
      for (;;) {
        if (!resourceVersion) {
          const list = await json(await call('GET', `${podsPath}?${selector}`, { signal }));
          resourceVersion = list?.metadata?.resourceVersion ?? '';
          for (const item of list?.items ?? []) yield { type: 'ADDED', object: item };
        }
        const query = `watch=1&${selector}&resourceVersion=${encodeURIComponent(resourceVersion)}`;
        const res = await call('GET', `${podsPath}?${query}`, { signal });
        let events = 0;
        for await (const event of readJsonLines(res, signal)) {
          events++;
          if (event.type === 'ERROR') {
            if (event.object?.code === 410) {
              resourceVersion = '';
              break;
            }
            throw new ApiError(event.object ?? { message: 'watch error' });
          }
          const rv = event.object?.metadata?.resourceVersion;
          if (rv) resourceVersion = rv;
          if (event.type !== 'BOOKMARK') yield event;
        }
        if (events === 0) await sleep(REWATCH_DELAY_MS, signal);
      }
    },
    async *logs(namespace, pod, container, options = {}) {
      let path = `/api/v1/namespaces/${segment(namespace)}/pods/${segment(pod)}/log`
        + `?container=${encodeURIComponent(container)}`;
      if (options.follow) path += '&follow=true';
      const res = await call('GET', path, { signal: options.signal, accept: '*/*' });
      if (!res.body) {
        const text = await res.text();
        if (text) yield new TextEncoder().encode(text);
        return;
      }
      yield* readChunks(res.body, options.signal);
    },
  };
}

/**
 * @param {ReadableStream<Uint8Array>} stream
 * @param {AbortSignal} [signal]
 * @returns {AsyncGenerator<Uint8Array>}
 */
async function* readChunks(stream, signal) {
  const reader = stream.getReader();
  const onAbort = () => { reader.cancel().catch(() => {}); };
  signal?.addEventListener('abort', onAbort, { once: true });
  try {
    for (;;) {
      if (signal?.aborted) throw signal.reason;
      const { done, value } = await reader.read();
      if (done) return;
      if (value && value.byteLength) yield value;
    }
  } finally {
    signal?.removeEventListener('abort', onAbort);
    reader.releaseLock();
    await stream.cancel().catch(() => {});
  }
}

/**
 * Newline-delimited JSON objects of a watch response.
 * @param {FetchResponse} res
 * @param {AbortSignal} [signal]
 * @returns {AsyncGenerator<WatchEvent>}
 */
async function* readJsonLines(res, signal) {
  if (!res.body) {
    for (const line of (await res.text()).split('\n')) if (line.trim()) yield JSON.parse(line);
    return;
  }
  const decoder = new TextDecoder();
  let buffered = '';
  for await (const chunk of readChunks(res.body, signal)) {
    buffered += decoder.decode(chunk, { stream: true });
    let nl;
    while ((nl = buffered.indexOf('\n')) >= 0) {
      const line = buffered.slice(0, nl).trim();
      buffered = buffered.slice(nl + 1);
      if (line) yield JSON.parse(line);
    }
  }
  if (buffered.trim()) yield JSON.parse(buffered);
}

/**
 * @param {number} ms
 * @param {AbortSignal} [signal]
 * @returns {Promise<void>}
 */
function defaultSleep(ms, signal) {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
