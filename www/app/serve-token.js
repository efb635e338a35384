// @ts-check
/**
 * How the page proves to `kubedebug serve` that it was opened from the URL serve printed: the
 * names shared by the page (www/app/) and the server (www/node/serve*.js).
 *
 * serve prints `http://127.0.0.1:PORT/www/#token=T`. The fragment never leaves the browser;
 * the page takes `T` out of the URL (and keeps it in sessionStorage for reloads of that tab),
 * sends it in the `X-Kubedebug-Token` header of every API request and, since a browser cannot
 * set headers on a WebSocket, as the extra subprotocol `kubedebug.token.T` of the attach
 * socket (serve checks it and strips it before forwarding). A custom header also means no
 * other web site can send such a request without a CORS preflight, which serve never grants.
 * @module
 */

/** The key of the token in the page URL's fragment. */
export const TOKEN_HASH_KEY = 'token';
/** The request header carrying the token (lower case, as Node presents it). */
export const TOKEN_HEADER = 'x-kubedebug-token';
/** The WebSocket subprotocol prefix carrying the token; the token is base64url, a valid token char set. */
export const TOKEN_PROTOCOL_PREFIX = 'kubedebug.token.';
/** The sessionStorage key where the page keeps the token of its tab. */
export const TOKEN_STORAGE_KEY = 'kubedebug.serveToken';
