// @ts-check
/**
 * The host's last check on every API path it sends: one API object or collection under
 * `/api/` or `/apis/`, with no segment a URL parser would drop or re-split. The core already
 * refuses such names with client-go's texts (`src/api_path.rs`); this keeps a path from any
 * other source (a caller of `kube.send`, a hand-made request) from being normalised into
 * another object's path (`/pods/../../kube-system/…`) by `fetch` or `new URL`.
 * @module
 */
import { DebugError } from './errors.js';

/**
 * @param {string} path an API path, optionally with a query string
 * @returns {string} the same path
 * @throws {DebugError} `host/unsafe-path`
 */
export function checkApiPath(path) {
  const at = path.indexOf('?');
  const pathname = at < 0 ? path : path.slice(0, at);
  const query = at < 0 ? '' : path.slice(at + 1);
  const rest = /^\/apis?\/(.*)$/s.exec(pathname)?.[1];
  const unsafe = rest === undefined
    || /[\s#\\\u0000-\u001f\u007f]/.test(path)
    || rest.split('/').some((segment) => {
      const decoded = decodeSegment(segment);
      return decoded === null || decoded === '' || decoded === '.' || decoded === '..'
        || /[/\\]/.test(decoded);
    })
    || query.includes('?');
  if (unsafe) {
    throw new DebugError(`refusing to send a request to the unsafe API path ${JSON.stringify(path)}`,
      { code: 'host/unsafe-path' });
  }
  return path;
}

/**
 * One path segment for a name or namespace, refused where it could leave its segment.
 * @param {string} name
 * @returns {string}
 * @throws {DebugError} `host/unsafe-path`
 */
export function segment(name) {
  if (name === '' || name === '.' || name === '..') {
    throw new DebugError(`refusing to use ${JSON.stringify(name)} as a name in an API path`,
      { code: 'host/unsafe-path' });
  }
  return encodeURIComponent(name);
}

/** @param {string} s @returns {string | null} */
function decodeSegment(s) {
  try {
    return decodeURIComponent(s);
  } catch {
    return null;
  }
}
