// @ts-check
/**
 * What `kubedebug serve` forwards to the cluster, and where to: the request target is parsed
 * as an origin-form path under `/api/` or `/apis/` (no absolute form, no `.`/`..` segments,
 * no backslashes, no encoded slashes), matched against an allowlist of exactly the requests
 * the page and the host's `debug()` make, and the upstream URL is built with the URL API on
 * the kubeconfig server's origin and base path, so no request target can change the host the
 * kubeconfig's credentials go to.
 * @module
 */

/**
 * A request target that passed the syntax checks.
 * @typedef {{ segments: string[], path: string, search: string, query: URLSearchParams }} ApiTarget
 * `segments` are decoded; `path` is the target's path as received (validated, still
 * percent-encoded); `search` is `''` or `?…` as received.
 */

/** A placeholder in a rule's path: any one name segment. */
const NAME = '{name}';

/** Query keys of list and watch requests (client-go's ListOptions the host uses). */
const LIST = ['labelSelector', 'fieldSelector', 'watch', 'resourceVersion', 'resourceVersionMatch',
  'allowWatchBookmarks', 'timeoutSeconds', 'limit', 'continue', 'sendInitialEvents'];
/** Query keys of a single GET. */
const GET = ['resourceVersion'];
/** Query keys of POST and PATCH. */
const WRITE = ['dryRun', 'fieldManager', 'fieldValidation'];
/** Query keys of DELETE. */
const DELETE = ['dryRun', 'gracePeriodSeconds', 'propagationPolicy'];
/** Query keys of `pods/NAME/log` (not insecureSkipTLSVerifyBackend). */
const LOG = ['container', 'follow', 'previous', 'sinceSeconds', 'sinceTime', 'timestamps', 'tailLines', 'limitBytes'];
/** Query keys of `pods/NAME/attach`. */
const ATTACH = ['container', 'stdin', 'stdout', 'stderr', 'tty'];

/**
 * @typedef {{ method: string, path: string[], query: string[], upgrade: boolean, what: string }} Rule
 * `upgrade`: the rule matches only WebSocket upgrades (and they match nothing else).
 */

/** @param {string} method @param {string} path @param {string[]} query @param {string} what @returns {Rule} */
const http = (method, path, query, what) => ({ method, path: path.split('/'), query, upgrade: false, what });

const POD = `api/v1/namespaces/${NAME}/pods/${NAME}`;
const NS = `namespaces/${NAME}`;

/**
 * Every request serve forwards. Anything else is answered 403 without reaching the cluster.
 * @type {Rule[]}
 */
export const RULES = [
  http('GET', 'api/v1/namespaces', LIST, 'list or watch namespaces (the namespace picker)'),
  http('GET', `api/v1/namespaces/${NAME}`, GET, 'get a namespace (a `ns/NAME` target)'),
  http('GET', 'api/v1/nodes', LIST, 'list or watch nodes (the node list)'),
  http('GET', `api/v1/nodes/${NAME}`, GET, 'get a node (a `node/NAME` target)'),
  http('GET', `api/v1/${NS}/pods`, LIST, 'list or watch pods (the pod list, waiting for the container)'),
  http('POST', `api/v1/${NS}/pods`, WRITE, 'create a pod (pod copy, node debug pod)'),
  http('GET', POD, GET, 'get a pod (the target)'),
  http('DELETE', POD, DELETE, 'delete a pod (--replace, the page\'s "Delete debug pod")'),
  http('PATCH', `${POD}/ephemeralcontainers`, WRITE, 'add an ephemeral container'),
  http('GET', `${POD}/log`, LOG, 'read a container\'s log (kubectl\'s fallback when attach fails)'),
  { method: 'GET', path: `${POD}/attach`.split('/'), query: ATTACH, upgrade: true, what: 'attach to a container (WebSocket)' },
  http('GET', `api/v1/${NS}/replicationcontrollers/${NAME}`, GET, 'get a workload target'),
  ...['deployments', 'statefulsets', 'daemonsets', 'replicasets'].map((r) => http('GET', `apis/apps/v1/${NS}/${r}/${NAME}`, GET, 'get a workload target')),
  ...['jobs', 'cronjobs'].map((r) => http('GET', `apis/batch/v1/${NS}/${r}/${NAME}`, GET, 'get a workload target')),
];

/**
 * Parse a raw request target (`req.url`) as an API path, or say why it is not one.
 * @param {string} raw
 * @returns {{ ok: true, target: ApiTarget } | { ok: false, reason: string }}
 */
export function parseApiTarget(raw) {
  if (typeof raw !== 'string' || !raw.startsWith('/')) return { ok: false, reason: 'only origin-form request targets (/api/…, /apis/…) are forwarded' };
  // Printable ASCII only: no spaces, control characters or raw non-ASCII (Node rejects most already).
  if (!/^[\x21-\x7e]*$/.test(raw)) return { ok: false, reason: 'the request target has characters outside printable ASCII' };
  if (raw.includes('#')) return { ok: false, reason: 'the request target has a fragment' };
  if (raw.includes('\\')) return { ok: false, reason: 'the request target has a backslash' };
  const q = raw.indexOf('?');
  const path = q < 0 ? raw : raw.slice(0, q);
  const search = q < 0 ? '' : raw.slice(q);
  const rawSegments = path.slice(1).split('/');
  /** @type {string[]} */
  const segments = [];
  for (const seg of rawSegments) {
    let decoded;
    try {
      decoded = decodeURIComponent(seg);
    } catch {
      return { ok: false, reason: 'the request path has an invalid percent-encoding' };
    }
    if (decoded === '') return { ok: false, reason: 'the request path has an empty segment' };
    if (decoded === '.' || decoded === '..') return { ok: false, reason: 'the request path has a "." or ".." segment' };
    // eslint-disable-next-line no-control-regex
    if (/[/\\\x00-\x1f\x7f]/.test(decoded)) return { ok: false, reason: 'a request path segment has an encoded slash, backslash or control character' };
    segments.push(decoded);
  }
  if (segments[0] !== 'api' && segments[0] !== 'apis') return { ok: false, reason: 'only /api/… and /apis/… are forwarded' };
  let query;
  try {
    if (search.length > 1) decodeURIComponent(search.slice(1).replace(/\+/g, ' '));
    query = new URLSearchParams(search);
  } catch {
    return { ok: false, reason: 'the query has an invalid percent-encoding' };
  }
  return { ok: true, target: { segments, path, search, query } };
}

/**
 * The allowlist rule a request matches, or null.
 * @param {string} method
 * @param {ApiTarget} target
 * @param {boolean} upgrade whether the request is a WebSocket upgrade
 * @returns {Rule | null}
 */
export function matchRule(method, target, upgrade) {
  for (const rule of RULES) {
    if (rule.method !== method || rule.upgrade !== upgrade || rule.path.length !== target.segments.length) continue;
    if (!rule.path.every((p, i) => p === NAME || p === target.segments[i])) continue;
    for (const key of target.query.keys()) if (!rule.query.includes(key)) return null;
    return rule;
  }
  return null;
}

/**
 * The one-line description of why a request is refused, for the 403 Status.
 * @param {string} method
 * @param {string} raw the request target
 * @param {ApiTarget | null} target
 * @param {boolean} upgrade
 */
export function refusal(method, raw, target, upgrade) {
  const shown = (target ? target.path : raw.split('?')[0]).slice(0, 200);
  const samePath = target && RULES.some((r) => r.upgrade === upgrade && r.method === method && r.path.length === target.segments.length
    && r.path.every((p, i) => p === NAME || p === target.segments[i]));
  const why = samePath ? 'with a query parameter the page does not use' : 'not a request the page makes';
  return `kubedebug serve does not forward ${upgrade ? 'the upgrade ' : ''}${method} ${shown}: ${why}`;
}

/**
 * The upstream URL of a checked target: the kubeconfig server's scheme, credentials, host,
 * port and base path, then the target's path and query. Throws if the result would leave
 * the server's origin (it cannot for a target from {@link parseApiTarget}; checked anyway).
 * @param {string} server the kubeconfig cluster's `server`
 * @param {ApiTarget} target
 * @param {{ webSocket?: boolean }} [options] `webSocket`: `ws:`/`wss:` instead of `http:`/`https:`
 * @returns {URL}
 */
export function upstreamUrl(server, target, options = {}) {
  const base = new URL(server);
  if (base.protocol !== 'http:' && base.protocol !== 'https:') throw new Error(`the kubeconfig server ${base.protocol} is not http(s)`);
  const url = new URL(base.href);
  url.pathname = base.pathname.replace(/\/+$/, '') + target.path;
  url.search = target.search;
  url.hash = '';
  if (url.origin !== base.origin) throw new Error('the upstream URL would leave the API server');
  if (options.webSocket) url.protocol = base.protocol === 'https:' ? 'wss:' : 'ws:';
  return url;
}
