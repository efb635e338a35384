// @ts-check
/**
 * The page's static files for `serve()`: `www/` (without the Node-only code; the import map's
 * browser builds are in `www/vendor/`) and `pkg/`. Anything else is 404;
 * paths are normalised first, so `..` and encoded tricks cannot leave these folders.
 * @module
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(fileURLToPath(new URL('../../', import.meta.url)));

/** URL prefixes served, each mapped to its folder under the repository root. */
const ALLOWED = [
  '/www/',
  '/pkg/',
];
/** Inside those, never these (server code, build tools). */
const DENIED = ['/www/node/', '/www/tools/'];

const TYPES = /** @type {Record<string, string>} */ ({
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.md': 'text/markdown; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.ts': 'text/plain; charset=utf-8',
});

/**
 * The file a URL path names, or null when it is not one the page may read.
 * @param {string} urlPath the path part of the request URL (still percent-encoded)
 * @returns {string | null}
 */
export function resolveStatic(urlPath) {
  let decoded;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return null;
  const normal = path.posix.normalize(decoded);
  if (normal !== decoded || normal.split('/').includes('..')) return null;
  const withIndex = normal.endsWith('/') ? normal + 'index.html' : normal;
  if (!ALLOWED.some((p) => withIndex.startsWith(p)) || DENIED.some((p) => withIndex.startsWith(p))) return null;
  const file = path.resolve(ROOT, '.' + withIndex);
  if (!file.startsWith(ROOT + path.sep)) return null;
  return file;
}

/**
 * Answer a GET/HEAD for a static file; false when the path is not one (the caller answers 404).
 * @param {import('node:http').IncomingMessage} req
 * @param {import('node:http').ServerResponse} res
 * @param {string} urlPath
 * @returns {Promise<boolean>}
 */
export async function serveStatic(req, res, urlPath) {
  const file = resolveStatic(urlPath);
  if (!file) return false;
  let info;
  try {
    info = await stat(file);
  } catch {
    return false;
  }
  if (!info.isFile()) return false;
  res.writeHead(200, {
    'Content-Type': TYPES[path.extname(file)] ?? 'application/octet-stream',
    'Content-Length': info.size,
    'Cache-Control': 'no-cache',
    'X-Content-Type-Options': 'nosniff',
  });
  if (req.method === 'HEAD') {
    res.end();
    return true;
  }
  await new Promise((resolve) => {
    const stream = createReadStream(file);
    stream.on('error', () => { res.destroy(); resolve(undefined); });
    stream.on('end', () => resolve(undefined));
    stream.pipe(res);
  });
  return true;
}
