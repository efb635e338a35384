// @ts-check
/**
 * The API proxy of `serve()`: forwards one checked API request or attach WebSocket upgrade to
 * the kubeconfig's cluster with its credentials (from `createTransport`). Who may ask, and
 * what, is decided before (serve.js, serve-access.js, serve-policy.js); this module builds the
 * upstream URL from the server's origin (serve-policy.js `upstreamUrl`), answers every client
 * exactly once, passes the cluster's own status through (a refused attach is the cluster's
 * 403/404, not a 502), and never lets a client or upstream error escape as an exception.
 * @module
 */
import { STATUS_CODES } from 'node:http';
import { Readable } from 'node:stream';
import { WebSocketServer } from 'ws';
import { BEARER_PROTOCOL_PREFIX } from '../host/channel.js';
import { TOKEN_PROTOCOL_PREFIX } from '../app/serve-token.js';
import { offeredProtocols } from './serve-access.js';
import { upstreamUrl } from './serve-policy.js';

/** @typedef {import('./kubeconfig.js').NodeTransport} NodeTransport */
/** @typedef {import('./serve-policy.js').ApiTarget} ApiTarget */

/** The API server's own request body limit (3 MiB) with room for encoding differences. */
const MAX_BODY = 4 * 1024 * 1024;
/** The most of a refused upgrade's body passed back (a Status is far smaller). */
const MAX_REFUSAL_BODY = 64 * 1024;
/** Request headers passed on; everything else (cookies, Authorization, the serve token) stays behind. */
const FORWARD_REQUEST = ['accept', 'content-type'];
/** Response headers passed back. */
const FORWARD_RESPONSE = ['content-type', 'cache-control', 'warning', 'audit-id'];

/**
 * @param {NodeTransport} transport
 * @param {{ log?: (line: string) => void }} [options]
 */
export function createApiProxy(transport, options = {}) {
  const log = options.log ?? (() => {});
  const wss = new WebSocketServer({
    noServer: true,
    handleProtocols: (_offered, req) => /** @type {any} */ (req).kubedebugProtocol || false,
  });
  wss.on('error', () => {});
  /** @type {Set<{ terminate(): void }>} */
  const sockets = new Set();

  /**
   * @param {import('node:http').IncomingMessage} req
   * @param {import('node:http').ServerResponse} res
   * @param {ApiTarget} target
   */
  async function handleHttp(req, res, target) {
    const body = await readBody(req);
    if (body === null) {
      reply(res, 413, 'request body too large', { 'Connection': 'close' });
      res.once('finish', () => req.destroy());
      return;
    }
    /** @type {Record<string, string>} */
    const headers = {};
    for (const name of FORWARD_REQUEST) {
      const v = req.headers[name];
      if (typeof v === 'string') headers[name] = v;
    }
    const abort = new AbortController();
    res.once('close', () => { if (!res.writableFinished) abort.abort(); });
    try {
      const url = upstreamUrl(transport.server, target).href;
      const upstream = await transport.fetch(url, {
        method: req.method ?? 'GET', headers, body: body.length ? body.toString('utf8') : undefined, signal: abort.signal,
      });
      if (res.destroyed) return;
      /** @type {Record<string, string>} */
      const out = {};
      for (const name of FORWARD_RESPONSE) {
        const v = upstream.headers.get(name);
        if (v) out[name] = v;
      }
      res.writeHead(upstream.status, out);
      const webBody = upstream.body;
      if (!webBody) return void res.end();
      const stream = Readable.fromWeb(/** @type {any} */ (webBody));
      stream.on('error', () => res.destroy());
      stream.pipe(res);
    } catch (err) {
      if (abort.signal.aborted) return;
      const text = err instanceof Error ? err.message : String(err);
      log(`proxy: ${req.method} ${target.path}: ${text}`);
      reply(res, 502, `cannot reach the API server: ${text}`);
    }
  }

  /**
   * Open the cluster's socket first, then accept the browser's with the subprotocol the
   * cluster chose. The client is answered exactly once: accepted, or refused with the
   * cluster's own status and body, or 502 when the cluster cannot be reached.
   * @param {import('node:http').IncomingMessage} req
   * @param {import('node:stream').Duplex} socket
   * @param {Buffer} head
   * @param {ApiTarget} target
   */
  function handleUpgrade(req, socket, head, target) {
    let answered = false;
    let piped = false;
    /** @type {any} */
    let upstream = null;
    const terminateUpstream = () => {
      try {
        upstream?.terminate?.();
      } catch { /* already gone */ }
    };
    /** @param {number} code @param {string} body @param {string} [type] */
    const refuse = (code, body, type) => {
      if (answered) return;
      answered = true;
      rejectUpgrade(socket, code, body, type);
      terminateUpstream();
    };
    socket.once('close', () => {
      answered = true;
      if (!piped) terminateUpstream();
    });
    const offered = offeredProtocols(req)
      .filter((p) => !p.startsWith(BEARER_PROTOCOL_PREFIX) && !p.startsWith(TOKEN_PROTOCOL_PREFIX));
    try {
      upstream = transport.webSocketFactory(upstreamUrl(transport.server, target, { webSocket: true }).href, offered);
    } catch (err) {
      return refuse(502, `cannot reach the API server: ${err instanceof Error ? err.message : err}`);
    }
    upstream.on('unexpected-response', (/** @type {any} */ _r, /** @type {import('node:http').IncomingMessage} */ response) => {
      /** @type {Buffer[]} */
      const chunks = [];
      let size = 0;
      const done = () => refuse(response.statusCode ?? 502, Buffer.concat(chunks).toString('utf8'),
        String(response.headers['content-type'] ?? 'text/plain'));
      response.on('data', (/** @type {Buffer} */ c) => {
        if (size < MAX_REFUSAL_BODY) chunks.push(c.subarray(0, MAX_REFUSAL_BODY - size));
        size += c.length;
      });
      response.on('end', done);
      response.on('error', done);
      response.on('aborted', done);
    });
    upstream.on('error', (/** @type {Error} */ err) => {
      if (!answered) log(`proxy: attach ${target.path}: ${err.message}`);
      refuse(502, `cannot reach the API server: ${err.message}`);
    });
    upstream.on('open', () => {
      if (answered || socket.destroyed) {
        answered = true;
        return terminateUpstream();
      }
      /** @type {any} */ (req).kubedebugProtocol = upstream.protocol;
      answered = true;
      try {
        wss.handleUpgrade(req, socket, head, (client) => {
          piped = true;
          pipeSockets(client, upstream);
        });
      } catch {
        socket.destroy();
        terminateUpstream();
      }
    });
  }

  /**
   * @param {import('ws').WebSocket} client
   * @param {import('ws').WebSocket} upstream
   */
  function pipeSockets(client, upstream) {
    sockets.add(client);
    sockets.add(upstream);
    const ignore = () => {};
    client.on('message', (data, isBinary) => {
      if (upstream.readyState === 1) upstream.send(/** @type {any} */ (data), { binary: isBinary }, ignore);
    });
    upstream.on('message', (data, isBinary) => {
      if (client.readyState === 1) client.send(/** @type {any} */ (data), { binary: isBinary }, ignore);
    });
    const closeCode = (/** @type {number} */ code) => (code >= 1000 && code < 5000 && code !== 1005 && code !== 1006 ? code : 1000);
    client.on('close', (code, reason) => {
      sockets.delete(client);
      if (upstream.readyState <= 1) upstream.close(closeCode(code), reason.subarray(0, 123));
    });
    upstream.on('close', (code, reason) => {
      sockets.delete(upstream);
      if (client.readyState <= 1) client.close(closeCode(code), reason.subarray(0, 123));
    });
    client.on('error', () => client.terminate());
    upstream.on('error', () => upstream.terminate());
  }

  return {
    handleHttp,
    handleUpgrade,
    close() {
      for (const s of sockets) s.terminate();
      sockets.clear();
      wss.close();
    },
  };
}

/**
 * The request body, or null when larger than {@link MAX_BODY} (reading stops there). A client
 * error ends the body early; the caller's answer then goes nowhere, harmlessly.
 * @param {import('node:http').IncomingMessage} req
 * @returns {Promise<Buffer | null>}
 */
function readBody(req) {
  return new Promise((resolve) => {
    /** @type {Buffer[]} */
    const chunks = [];
    let size = 0;
    const onData = (/** @type {Buffer} */ c) => {
      size += c.length;
      if (size > MAX_BODY) {
        req.off('data', onData);
        req.pause();
        resolve(null);
      } else chunks.push(c);
    };
    req.on('data', onData);
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', () => resolve(Buffer.concat(chunks)));
  });
}

/**
 * Answer with a Kubernetes `Status` (what client-go and the page's client decode), once: a
 * response that has started already is cut instead.
 * @param {import('node:http').ServerResponse} res
 * @param {number} code
 * @param {string} message
 * @param {Record<string, string>} [extra] more headers
 */
export function reply(res, code, message, extra = {}) {
  if (res.headersSent || res.writableEnded || res.destroyed) {
    res.destroy();
    return;
  }
  const body = JSON.stringify(statusBody(code, message));
  res.writeHead(code, { ...extra, 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) });
  res.end(body);
}

/**
 * A `Status` object as the API server writes it.
 * @param {number} code
 * @param {string} message
 */
export function statusBody(code, message) {
  const reason = { 400: 'BadRequest', 401: 'Unauthorized', 403: 'Forbidden', 404: 'NotFound', 405: 'MethodNotAllowed',
    413: 'RequestEntityTooLarge', 500: 'InternalError', 502: 'ServiceUnavailable' }[code];
  return { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, ...(reason ? { reason } : {}), code };
}

/**
 * Refuse an upgrade with an HTTP response on the raw socket, at most once per socket.
 * @param {import('node:stream').Duplex} socket
 * @param {number} code
 * @param {string} body
 * @param {string} [type] defaults to a JSON Status of `body`
 */
export function rejectUpgrade(socket, code, body, type) {
  if (socket.destroyed || socket.writableEnded) return;
  const status = Number.isInteger(code) && code >= 400 && code <= 599 ? code : 502;
  const text = type === undefined ? JSON.stringify(statusBody(status, body)) : body;
  const ctype = type === undefined ? 'application/json' : type.replace(/[\r\n]/g, '');
  socket.end(`HTTP/1.1 ${status} ${STATUS_CODES[status] ?? 'Error'}\r\nContent-Type: ${ctype}\r\n`
    + `Content-Length: ${Buffer.byteLength(text)}\r\nConnection: close\r\n`
    + 'X-Frame-Options: DENY\r\nX-Content-Type-Options: nosniff\r\n\r\n' + text);
}
