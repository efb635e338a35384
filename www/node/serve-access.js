// @ts-check
/**
 * Who may use `kubedebug serve`: the per-run token, the Host and Origin rules, and the
 * listen-address rule. Pure functions of a request's headers (and `crypto` for the token).
 * @module
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import net from 'node:net';
import { TOKEN_HEADER, TOKEN_PROTOCOL_PREFIX } from '../app/serve-token.js';

/** @typedef {import('node:http').IncomingMessage} IncomingMessage */

/** A fresh per-run token: 32 random bytes, base64url (43 characters). */
export function createToken() {
  return randomBytes(32).toString('base64url');
}

/**
 * Constant-time comparison of a presented token with the run's token.
 * @param {unknown} given
 * @param {string} token
 */
export function tokenMatches(given, token) {
  if (typeof given !== 'string' || !token) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * The subprotocols a WebSocket upgrade offers, trimmed, empty ones dropped.
 * @param {IncomingMessage} req
 * @returns {string[]}
 */
export function offeredProtocols(req) {
  return String(req.headers['sec-websocket-protocol'] ?? '').split(',').map((p) => p.trim()).filter(Boolean);
}

/**
 * The token a request carries: the header for HTTP; the `kubedebug.token.` subprotocol for
 * an upgrade (browsers cannot set headers there), else the header (non-browser clients).
 * @param {IncomingMessage} req
 * @param {boolean} upgrade
 * @returns {string | undefined}
 */
export function presentedToken(req, upgrade) {
  if (upgrade) {
    const p = offeredProtocols(req).find((x) => x.startsWith(TOKEN_PROTOCOL_PREFIX));
    if (p) return p.slice(TOKEN_PROTOCOL_PREFIX.length);
  }
  const h = req.headers[TOKEN_HEADER];
  return typeof h === 'string' ? h : undefined;
}

/**
 * The request's Host, lower-cased, when it is one this server answers to; else null.
 * @param {IncomingMessage} req
 * @param {Set<string>} hosts allowed `host:port` values
 * @returns {string | null}
 */
export function allowedHost(req, hosts) {
  const host = typeof req.headers.host === 'string' ? req.headers.host.toLowerCase() : '';
  return hosts.has(host) ? host : null;
}

/**
 * Whether a request is from the page itself, as far as a browser says. A browser marks every
 * request: `Origin` on WebSockets, CORS and non-GET requests, `Sec-Fetch-Site` on all of them
 * (a same-origin GET has no `Origin`). A browser request must be same-origin by one of those;
 * a request with neither header is not from a browser (curl, a script) and is judged by the
 * token alone.
 * @param {IncomingMessage} req
 * @param {string} host the request's (allowed) Host
 */
export function isSameOriginBrowserRequest(req, host) {
  const origin = req.headers.origin;
  const site = req.headers['sec-fetch-site'];
  if (origin !== undefined) return origin === `http://${host}` && (site === undefined || site === 'same-origin');
  if (site !== undefined) return site === 'same-origin';
  return !Object.keys(req.headers).some((h) => h.startsWith('sec-fetch-'));
}

/**
 * Whether a listen address only accepts connections from this machine: `localhost`,
 * 127.0.0.0/8, `::1` (and `::ffff:127.x.y.z`).
 * @param {string} address
 */
export function isLoopbackAddress(address) {
  const a = address.replace(/^\[|\]$/g, '').toLowerCase();
  if (a === 'localhost') return true;
  if (net.isIPv4(a)) return a.startsWith('127.');
  if (net.isIPv6(a)) {
    if (a === '::1' || a === '0:0:0:0:0:0:0:1') return true;
    const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(a);
    return Boolean(mapped && mapped[1].startsWith('127.'));
  }
  return false;
}

/**
 * Whether an address is a wildcard (every interface).
 * @param {string} address
 */
export function isWildcardAddress(address) {
  const a = address.replace(/^\[|\]$/g, '');
  return a === '0.0.0.0' || a === '::' || a === '0:0:0:0:0:0:0:0';
}
