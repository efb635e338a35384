// @ts-check
/**
 * The same-origin API proxy of `serve()`: forwards `/api/…` and `/apis/…` HTTP requests and
 * attach WebSocket upgrades to the kubeconfig's cluster with its credentials (from
 * `createTransport`). Only same-origin requests to an expected Host are forwarded, so other
 * web sites (and DNS rebinding) cannot borrow the kubeconfig's credentials.
 * @module
 */
import { Readable } from 'node:stream';
import { WebSocketServer } from 'ws';
import { BEARER_PROTOCOL_PREFIX } from '../host/channel.js';

/** @typedef {import('./kubeconfig.js').NodeTransport} NodeTransport */

const API_PATH = /^\/(api|apis)(\/|$)/;
const MAX_BODY = 16 * 1024 * 1024;
/** Request headers passed on; everything else (cookies, Authorization) stays behind. */
const FORWARD_REQUEST = ['accept', 'content-type'];
/** Response headers passed back. */
const FORWARD_RESPONSE = ['content-type', 'cache-control', 'warning', 'audit-id'];

/** @param {string} path */
export function isApiPath(path) {
  return API_PATH.test(path);
}

/**
 * Whether a request comes from the page itself: its Host is one this server answers to and
 * its Origin, when the browser sends one, is that same host.
 * @param {import('node:http').IncomingMessage} req
 * @param {Set<string>} hosts allowed `host:port` values
 */
export function isSameOrigin(req, hosts) {
  const host = String(req.headers.host ?? '').toLowerCase();
  if (!hosts.has(host)) return false;
  const origin = req.headers.origin;
  return origin === undefined || origin === `http://${host}`;
}

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
  /** @type {Set<{ terminate(): void }>} */
  const sockets = new Set();

  /**
   * @param {import('node:http').IncomingMessage} req
   * @param {import('node:http').ServerResponse} res
   */
  async function handleHttp(req, res) {
    const body = await readBody(req);
    if (body === null) return reply(res, 413, 'request body too large');
    /** @type {Record<string, string>} */
    const headers = {};
    for (const name of FORWARD_REQUEST) {
      const v = req.headers[name];
      if (typeof v === 'string') headers[name] = v;
    }
    const abort = new AbortController();
    const onClose = () => { if (!res.writableFinished) abort.abort(); };
    res.on('close', onClose);
    try {
      const upstream = await transport.fetch(transport.server + (req.url ?? '/'), {
        method: req.method ?? 'GET', headers, body: body.length ? body.toString('utf8') : undefined, signal: abort.signal,
      });
      /** @type {Record<string, string>} */
      const out = {};
      for (const name of FORWARD_RESPONSE) {
        const v = upstream.headers.get(name);
        if (v) out[name] = v;
      }
      res.writeHead(upstream.status, out);
      if (!upstream.body) return void res.end();
      const stream = Readable.fromWeb(/** @type {any} */ (upstream.body));
      stream.on('error', () => res.destroy());
      stream.pipe(res);
    } catch (err) {
      if (abort.signal.aborted) return;
      log(`proxy: ${req.method} ${(req.url ?? '').split('?')[0]}: ${err instanceof Error ? err.message : err}`);
      reply(res, 502, `cannot reach the API server: ${err instanceof Error ? err.message : err}`);
    }
  }

  /**
   * Open the cluster's socket first, then accept the browser's with the subprotocol it chose.
   * @param {import('node:http').IncomingMessage} req
   * @param {import('node:stream').Duplex} socket
   * @param {Buffer} head
   */
  function handleUpgrade(req, socket, head) {
    const offered = String(req.headers['sec-websocket-protocol'] ?? '').split(',').map((p) => p.trim())
      .filter((p) => p && !p.startsWith(BEARER_PROTOCOL_PREFIX));
    const url = transport.server.replace(/^http/, 'ws') + (req.url ?? '/');
    /** @type {any} */
    let upstream;
    try {
      upstream = transport.webSocketFactory(url, offered);
    } catch (err) {
      return rejectUpgrade(socket, 502, `cannot reach the API server: ${err instanceof Error ? err.message : err}`);
    }
    let accepted = false;
    const onSocketClose = () => { if (!accepted) upstream.terminate?.(); };
    socket.once('close', onSocketClose);
    upstream.on?.('unexpected-response', (/** @type {any} */ _r, /** @type {import('node:http').IncomingMessage} */ response) => {
      const chunks = /** @type {Buffer[]} */ ([]);
      response.on('data', (c) => chunks.push(c));
      response.on('end', () => rejectUpgrade(socket, response.statusCode ?? 502, Buffer.concat(chunks).toString('utf8'),
        String(response.headers['content-type'] ?? 'text/plain')));
      upstream.terminate?.();
    });
    upstream.on?.('error', (/** @type {Error} */ err) => {
      if (!accepted) rejectUpgrade(socket, 502, `cannot reach the API server: ${err.message}`);
    });
    upstream.on?.('open', () => {
      socket.off('close', onSocketClose);
      /** @type {any} */ (req).kubedebugProtocol = upstream.protocol;
      wss.handleUpgrade(req, socket, head, (client) => {
        accepted = true;
        pipeSockets(client, upstream);
      });
    });
  }

  /**
   * @param {import('ws').WebSocket} client
   * @param {import('ws').WebSocket} upstream
   */
  function pipeSockets(client, upstream) {
    sockets.add(client);
    sockets.add(upstream);
    client.on('message', (data, isBinary) => upstream.send(/** @type {any} */ (data), { binary: isBinary }));
    upstream.on('message', (data, isBinary) => client.send(/** @type {any} */ (data), { binary: isBinary }));
    const closeCode = (/** @type {number} */ code) => (code >= 1000 && code < 5000 && code !== 1005 && code !== 1006 ? code : 1000);
    client.on('close', (code, reason) => {
      sockets.delete(client);
      if (upstream.readyState <= 1) upstream.close(closeCode(code), reason);
    });
    upstream.on('close', (code, reason) => {
      sockets.delete(upstream);
      if (client.readyState <= 1) client.close(closeCode(code), reason);
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
 * @param {import('node:http').IncomingMessage} req
 * @returns {Promise<Buffer | null>} null when larger than allowed
 */
function readBody(req) {
  return new Promise((resolve, reject) => {
    /** @type {Buffer[]} */
    const chunks = [];
    let size = 0;
    req.on('data', (c) => {
      size += c.length;
      if (size > MAX_BODY) {
        resolve(null);
        req.destroy();
      } else chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/**
 * @param {import('node:http').ServerResponse} res
 * @param {number} code
 * @param {string} message
 */
export function reply(res, code, message) {
  const body = JSON.stringify({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, code });
  res.writeHead(code, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) });
  res.end(body);
}

/**
 * @param {import('node:stream').Duplex} socket
 * @param {number} code
 * @param {string} body
 * @param {string} [type]
 */
export function rejectUpgrade(socket, code, body, type = 'text/plain') {
  if (socket.destroyed) return;
  socket.end(`HTTP/1.1 ${code} ${code === 403 ? 'Forbidden' : 'Error'}\r\nContent-Type: ${type}\r\n`
    + `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
}
