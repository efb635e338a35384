#!/usr/bin/env node
// @ts-check
/**
 * An in-repo fake Kubernetes API server (node:http + ws) for the JS host tests and e2e runs.
 * Loopback only. Import `startFakeApiServer`, or run
 * `node tests/fake-apiserver/server.mjs --fixtures DIR... --port 0 --port-file F --record writes.jsonl`.
 * @module
 */
import { createServer } from 'node:http';
import { appendFileSync, renameSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { WebSocketServer } from 'ws';
import { PROTOCOL_V4, PROTOCOL_V5 } from '../../www/host/channel.js';
import { discoveryDocuments } from './discovery.js';
import { Store, loadFixtures } from './store.js';
import { PATH_NOT_FOUND, createPod, notFound, patchEphemeral, setContainerState, statusObject } from './pods.js';
import { chooseProtocol, serveAttach, tokenFromProtocols } from './attach-ws.js';
import { serveWatch } from './watch.js';
import { evictPod, markTerminating } from './lifecycle.js';
import { parseLabelSelector } from './selectors.js';

const MAX_BODY = 8 * 1024 * 1024;
const PATH_RE = /^\/(?:api\/v1|apis\/(apps|batch)\/v1)(?:\/namespaces\/([^/]+)(?=\/))?\/([^/]+)(?:\/([^/]+)(?:\/([^/]+))?)?$/;

/**
 * @typedef {{
 *   fixtures?: (string | object)[], port?: number, recordPath?: string | null,
 *   containerState?: string | object, ephemeralContainers?: boolean,
 *   attach?: { protocols?: string[], exitCode?: number, fail?: { status: number, message: string } | null },
 *   logs?: Record<string, string>,
 * }} FakeOptions
 * `logs` keys are `namespace/pod/container`; `attach.fail` makes every upgrade fail with that HTTP status.
 */

/**
 * @param {FakeOptions} [options]
 */
export async function startFakeApiServer(options = {}) {
  const store = new Store();
  for (const obj of loadFixtures(options.fixtures ?? [])) store.add(obj);
  const settings = {
    containerState: options.containerState ?? 'running',
    ephemeralContainers: options.ephemeralContainers ?? true,
    attach: { protocols: [PROTOCOL_V5, PROTOCOL_V4], exitCode: 0, fail: null, ...options.attach },
    logs: { ...options.logs },
  };
  /** @type {any[]} */ const writes = [];
  /** @type {any[]} */ const requests = [];
  /** @type {import('./attach-ws.js').AttachRecord[]} */ const attaches = [];
  /** Open attach sessions: how to end each from the container's side. */
  /** @type {Map<import('./attach-ws.js').AttachRecord, (code: number) => void>} */ const live = new Map();
  const sockets = new Set();
  let seq = 0;
  const server = createServer();
  const wss = new WebSocketServer({ noServer: true, handleProtocols: (offered) => chooseProtocol([...offered], settings.attach.protocols) ?? false });
  server.on('connection', (s) => { sockets.add(s); s.on('close', () => sockets.delete(s)); });

  /** @type {WeakMap<import('node:http').ServerResponse, () => void>} replies held until the write is recorded */
  const pending = new WeakMap();
  /** @param {import('node:http').ServerResponse} res @param {number} code @param {any} body @param {string} [type] */
  const send = (res, code, body, type = 'application/json') => {
    const data = typeof body === 'string' ? body : JSON.stringify(body);
    pending.set(res, () => {
      res.writeHead(code, { 'Content-Type': type, 'Content-Length': Buffer.byteLength(data) });
      res.end(data);
    });
    return code;
  };

  server.on('request', (req, res) => {
    /** @type {Buffer[]} */
    const chunks = [];
    let size = 0;
    req.on('data', (c) => {
      size += c.length;
      if (size > MAX_BODY) req.destroy();
      else chunks.push(c);
    });
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const entry = { seq: ++seq, method: req.method, path: url.pathname, query: url.search.slice(1),
        accept: req.headers.accept ?? '', content_type: req.headers['content-type'] ?? '',
        authorization: req.headers.authorization ?? '', status: 0 };
      requests.push(entry);
      const raw = Buffer.concat(chunks);
      const isWrite = ['POST', 'PUT', 'PATCH', 'DELETE'].includes(req.method ?? '');
      let body = null;
      let bodyText;
      const ctype = String(entry.content_type).split(';')[0].trim();
      if (raw.length && ctype !== 'application/vnd.kubernetes.protobuf') {
        try { body = JSON.parse(raw.toString('utf8')); } catch { bodyText = raw.toString('utf8'); }
      }
      try {
        entry.status = route(req, res, url, ctype, body, raw);
      } catch (err) {
        entry.status = send(res, 500, statusObject(500, 'InternalError', `fake-apiserver: ${err instanceof Error ? err.message : err}`));
      }
      if (isWrite) {
        const w = { seq: entry.seq, method: req.method, path: url.pathname, query: entry.query,
          content_type: entry.content_type, body, ...(bodyText !== undefined ? { body_text: bodyText } : {}), status: entry.status };
        writes.push(w);
        if (options.recordPath) appendFileSync(options.recordPath, JSON.stringify(w) + '\n');
      }
      pending.get(res)?.();
    });
  });

  /**
   * @param {import('node:http').IncomingMessage} req
   * @param {import('node:http').ServerResponse} res
   * @param {URL} url
   * @param {string} ctype
   * @param {any} body
   * @param {Buffer} raw
   * @returns {number}
   */
  function route(req, res, url, ctype, body, raw) {
    const method = req.method;
    const path = url.pathname.replace(/\/+$/, '') || '/';
    if (method === 'GET') {
      const doc = discoveryDocuments(`127.0.0.1:${port}`)[path];
      if (doc) return send(res, 200, doc);
    }
    if (raw.length && ctype === 'application/vnd.kubernetes.protobuf') {
      return send(res, 415, statusObject(415, 'UnsupportedMediaType',
        'fake-apiserver: protobuf bodies are not supported (send JSON, or use the Python fakeapi.py for kubectl parity runs)'));
    }
    const m = PATH_RE.exec(path);
    if (!m) return send(res, 404, PATH_NOT_FOUND);
    const [, group = '', ns = null, resource, name = null, sub = null] = m.map((x) => (x === undefined ? x : decodeURIComponent(x)));
    // resource → its group (every one but nodes and namespaces is namespaced)
    const known = /** @type {Record<string, string>} */ ({ pods: '', nodes: '', namespaces: '', replicationcontrollers: '',
      deployments: 'apps', statefulsets: 'apps', daemonsets: 'apps', replicasets: 'apps', jobs: 'batch', cronjobs: 'batch' });
    if (!(resource in known) || known[resource] !== group) return send(res, 404, PATH_NOT_FOUND);
    const namespaced = resource !== 'nodes' && resource !== 'namespaces';
    if ((ns !== null && !namespaced) || (namespaced && name !== null && ns === null)) return send(res, 404, PATH_NOT_FOUND);
    if (method === 'GET' && name === null) {
      if (url.searchParams.get('watch') === '1' || url.searchParams.get('watch') === 'true') {
        if (resource !== 'pods') return send(res, 405, statusObject(405, 'MethodNotAllowed', 'the server does not allow this method on the requested resource'));
        serveWatch(store, req, res, url, ns);
        return 200;
      }
      const wanted = fieldName(url);
      const selects = parseLabelSelector(url.searchParams.get('labelSelector') ?? '');
      if ('error' in selects) return send(res, 400, statusObject(400, 'BadRequest', selects.error));
      // A namespaced resource without a namespace (`/api/v1/pods`) lists every namespace.
      const items = store.list(group, resource, namespaced ? ns : '')
        .filter((o) => (wanted === null || o.metadata.name === wanted) && selects(o.metadata.labels));
      return send(res, 200, { kind: `${items[0]?.kind ?? kindOf(resource)}List`, apiVersion: group ? `${group}/v1` : 'v1',
        metadata: { resourceVersion: String(store.rv) }, items });
    }
    if (name === null) {
      if (method === 'POST' && resource === 'pods') {
        const [code, out] = createPod(store, /** @type {string} */ (ns), body, settings.containerState);
        return send(res, code, out);
      }
      return send(res, 405, statusObject(405, 'MethodNotAllowed', 'the server does not allow this method on the requested resource'));
    }
    const obj = store.get(group, resource, ns ?? '', name);
    if (method === 'GET' && sub === null) return obj ? send(res, 200, obj) : send(res, 404, notFound(resource, name, group));
    if (resource === 'pods' && sub === 'log' && method === 'GET') {
      if (!obj) return send(res, 404, notFound('pods', name));
      const container = url.searchParams.get('container') ?? obj.spec?.containers?.[0]?.name ?? '';
      return send(res, 200, settings.logs[`${ns}/${name}/${container}`] ?? '', 'text/plain');
    }
    if (resource === 'pods' && sub === 'ephemeralcontainers' && method === 'PATCH') {
      if (!settings.ephemeralContainers) return send(res, 404, PATH_NOT_FOUND);
      const [code, out] = patchEphemeral(store, /** @type {string} */ (ns), name, ctype, body, settings.containerState);
      return send(res, code, out);
    }
    if (resource === 'pods' && sub === null && method === 'DELETE') {
      const gone = store.deletePod(/** @type {string} */ (ns), name);
      return gone ? send(res, 200, gone) : send(res, 404, notFound('pods', name));
    }
    return send(res, 404, PATH_NOT_FOUND);
  }

  server.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const m = /^\/api\/v1\/namespaces\/([^/]+)\/pods\/([^/]+)\/attach$/.exec(url.pathname);
    const offered = String(req.headers['sec-websocket-protocol'] ?? '').split(',').map((p) => p.trim()).filter(Boolean);
    requests.push({ seq: ++seq, method: 'GET', path: url.pathname, query: url.search.slice(1), accept: '', content_type: '', status: 101 });
    const reject = (/** @type {number} */ code, /** @type {string} */ message) => {
      requests[requests.length - 1].status = code;
      const body = JSON.stringify(statusObject(code, code === 404 ? 'NotFound' : 'BadRequest', message));
      socket.end(`HTTP/1.1 ${code} Error\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
    };
    if (!m) return reject(404, 'the server could not find the requested resource');
    if (settings.attach.fail) return reject(settings.attach.fail.status, settings.attach.fail.message);
    const [ns, podName] = [decodeURIComponent(m[1]), decodeURIComponent(m[2])];
    const pod = store.get('', 'pods', ns, podName);
    if (!pod) return reject(404, `pods "${podName}" not found`);
    if (!chooseProtocol(offered, settings.attach.protocols)) return reject(400, 'requested protocol(s) are not supported');
    wss.handleUpgrade(req, socket, head, (ws) => {
      /** @type {import('./attach-ws.js').AttachRecord} */
      const record = { path: url.pathname, query: url.search.slice(1), protocol: ws.protocol, offered,
        token: tokenFromProtocols(offered), stdin: '', resizes: [], stdinClosed: false, exitCode: null, closed: false };
      attaches.push(record);
      live.set(record, serveAttach(ws, record, settings.attach, () => { live.delete(record); }));
    });
  });

  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve(undefined));
  });
  const port = /** @type {import('node:net').AddressInfo} */ (server.address()).port;
  return {
    url: `http://127.0.0.1:${port}`, port, store, writes, requests, attaches, settings,
    /** @type {(ns: string, pod: string, container: string, state: string | object) => boolean} */
    setContainerState: (ns, pod, container, state) => setContainerState(store, ns, pod, container, state),
    /** @type {(ns: string, pod: string, phase: string) => boolean} sets `status.phase`, emits MODIFIED */
    setPodPhase: (ns, pod, phase) => {
      const found = store.get('', 'pods', ns, pod);
      if (!found) return false;
      store.putPod({ ...structuredClone(found), status: { ...found.status, phase } }, 'MODIFIED');
      return true;
    },
    /** @type {(ns: string, pod: string) => boolean} */
    deletePod: (ns, pod) => Boolean(store.deletePod(ns, pod)),
    /** @type {(ns: string, pod: string, message?: string) => boolean} */
    evictPod: (ns, pod, message) => evictPod(store, ns, pod, message),
    /** @type {(ns: string, pod: string) => boolean} */
    markTerminating: (ns, pod) => markTerminating(store, ns, pod),
    /**
     * The container's process exits with `exitCode`: its status becomes `terminated` (reason
     * `Completed` for 0, else `Error`), and every open attach to it ends with that exit code.
     * @type {(ns: string, pod: string, container: string, exitCode?: number) => boolean}
     */
    containerExits: (ns, pod, container, exitCode = 0) => {
      const state = { terminated: { exitCode, reason: exitCode === 0 ? 'Completed' : 'Error' } };
      if (!setContainerState(store, ns, pod, container, state)) return false;
      const path = `/api/v1/namespaces/${ns}/pods/${pod}/attach`;
      for (const [record, finish] of live) {
        if (record.path === path && new URLSearchParams(record.query).get('container') === container) finish(exitCode);
      }
      return true;
    },
    /** A lost connection: every open attach socket is dropped without a close frame. */
    dropAttaches: () => { for (const client of wss.clients) client.terminate(); },
    async close() {
      for (const client of wss.clients) client.terminate();
      wss.close();
      await new Promise((resolve) => {
        server.close(() => resolve(undefined));
        for (const s of sockets) /** @type {import('node:net').Socket} */ (s).destroy();
      });
    },
  };
}

/** @param {URL} url @returns {string | null} */
function fieldName(url) {
  for (const term of (url.searchParams.get('fieldSelector') ?? '').split(',')) {
    if (term.startsWith('metadata.name=')) return term.slice('metadata.name='.length);
  }
  return null;
}

/** @param {string} resource */
function kindOf(resource) {
  return { pods: 'Pod', nodes: 'Node', namespaces: 'Namespace', deployments: 'Deployment', statefulsets: 'StatefulSet',
    daemonsets: 'DaemonSet', replicasets: 'ReplicaSet', replicationcontrollers: 'ReplicationController', jobs: 'Job',
    cronjobs: 'CronJob' }[resource] ?? 'Unknown';
}

/** CLI: `--fixtures DIR...`, `--port N`, `--port-file F`, `--record F`, `--container-state S`. */
async function main() {
  const args = process.argv.slice(2);
  /** @type {FakeOptions & { portFile?: string }} */
  const opts = { fixtures: [] };
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--fixtures' || a === '--fixture') {
      while (args[i + 1] && !args[i + 1].startsWith('--')) opts.fixtures?.push(args[++i]);
    } else if (a === '--port') opts.port = Number(args[++i]);
    else if (a === '--port-file') opts.portFile = args[++i];
    else if (a === '--record') opts.recordPath = args[++i];
    else if (a === '--container-state') opts.containerState = args[++i];
    else if (a === '--no-ephemeral') opts.ephemeralContainers = false;
    else throw new Error(`fake-apiserver: unknown argument ${a}`);
  }
  const srv = await startFakeApiServer(opts);
  if (opts.portFile) {
    writeFileSync(opts.portFile + '.tmp', String(srv.port));
    renameSync(opts.portFile + '.tmp', opts.portFile);
  }
  process.stdout.write(`PORT ${srv.port}\n`);
  const stop = () => { srv.close().then(() => process.exit(0)); };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  main().catch((err) => {
    process.stderr.write(`${err instanceof Error ? err.message : err}\n`);
    process.exit(1);
  });
}
