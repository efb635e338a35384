// @ts-check
/**
 * One HTTP(S) request with client-node's agent and headers, answered as the part of a WHATWG
 * `Response` the host uses (`FetchResponse` of www/host/kube.js). Built on `node:http` alone:
 * Node's own `Response`/`Headers` load undici, which costs more than the rest of a request.
 * @module
 */
import http from 'node:http';
import https from 'node:https';
import { Readable } from 'node:stream';

/**
 * @typedef {import('../host/kube.js').FetchResponse & {
 *   statusText: string, json(): Promise<any>,
 * }} NodeResponse
 */

/**
 * @param {string} url
 * @param {{ method: string, headers: Record<string, string>, body?: string, signal?: AbortSignal }} init
 * @param {import('node:https').RequestOptions} opts client-node's `applyToHTTPSOptions` result
 * @returns {Promise<NodeResponse>}
 */
export function nodeRequest(url, init, opts) {
  const lib = url.startsWith('https:') ? https : http;
  return new Promise((resolve, reject) => {
    const req = lib.request(url, {
      method: init.method, agent: opts.agent, auth: opts.auth, signal: init.signal,
      // Node sends a DELETE body without Content-Length or chunking unless told its length.
      headers: { ...opts.headers, ...init.headers,
        ...(init.body !== undefined ? { 'Content-Length': String(Buffer.byteLength(init.body)) } : {}) },
    }, (res) => resolve(responseOf(res, res.statusCode === 204 || res.statusCode === 304 || init.method === 'HEAD')));
    req.on('error', reject);
    if (init.body !== undefined) req.write(init.body);
    req.end();
  });
}

/**
 * @param {http.IncomingMessage} res
 * @param {boolean} noBody
 * @returns {NodeResponse}
 */
function responseOf(res, noBody) {
  if (noBody) res.resume();
  const status = res.statusCode ?? 0;
  /** @type {ReadableStream<Uint8Array> | null} */
  let web = null;
  /** The body as a web stream (watches, logs), made on first use. */
  const body = () => {
    if (noBody) return null;
    web ??= /** @type {ReadableStream<Uint8Array>} */ (Readable.toWeb(res));
    return web;
  };
  /** @returns {Promise<string>} */
  const text = async () => {
    /** @type {Uint8Array[]} */
    const chunks = [];
    if (web) {
      const reader = web.getReader();
      for (let r = await reader.read(); !r.done; r = await reader.read()) chunks.push(r.value);
    } else if (!noBody) {
      for await (const chunk of res) chunks.push(chunk);
    }
    return new TextDecoder().decode(Buffer.concat(chunks));
  };
  return {
    status, ok: status >= 200 && status < 300, statusText: res.statusMessage ?? '',
    headers: { get: (name) => headerValue(res.headers[name.toLowerCase()]) },
    get body() { return body(); },
    text,
    json: async () => JSON.parse(await text()),
  };
}

/**
 * A header as `Headers.get` gives it: repeated values joined with `, `, missing as null.
 * @param {string | string[] | undefined} value
 * @returns {string | null}
 */
function headerValue(value) {
  if (value === undefined) return null;
  return Array.isArray(value) ? value.join(', ') : value;
}
