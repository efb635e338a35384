// @ts-check
/** Shared fixtures and fakes for the host tests (not a test file itself). */
import { startFakeApiServer } from '../fake-apiserver/server.mjs';
import { createKubeClient } from '../../www/host/kube.js';
import { WebSocket } from 'ws';

export const NS = 'ns1';

/** @param {string} name @param {object} [extra] */
export function pod(name, extra = {}) {
  return {
    apiVersion: 'v1', kind: 'Pod',
    metadata: { name, namespace: NS, uid: `uid-${name}`, labels: { app: 'web' } },
    spec: { containers: [{ name: 'app', image: 'nginx:1.0' }], restartPolicy: 'Always', securityContext: {} },
    status: { phase: 'Running', containerStatuses: [{ name: 'app', ready: true, restartCount: 0, image: 'nginx:1.0', imageID: '', state: { running: { startedAt: '2024-01-01T00:00:00Z' } } }] },
    ...extra,
  };
}

export const NODE = { apiVersion: 'v1', kind: 'Node', metadata: { name: 'node-1' }, spec: {}, status: {} };

/** @param {import('../fake-apiserver/server.mjs').FakeOptions} [options] */
export async function withServer(options = {}) {
  const server = await startFakeApiServer({ fixtures: [pod('mypod'), NODE], ...options });
  const kube = createKubeClient({ server: server.url, fetch: (url, init) => fetch(url, init) });
  return { server, kube };
}

/** @type {import('../../www/host/attach.js').WebSocketFactory} */
export const wsFactory = (url, protocols) => /** @type {any} */ (new WebSocket(url, protocols));

/**
 * An io that records what is printed; stdin yields the given chunks, then ends.
 * @param {{ stdin?: (string | Uint8Array)[] | null, isTerminal?: boolean, size?: { width: number, height: number } | null,
 *   files?: Record<string, string> }} [options]
 */
export function fakeIo(options = {}) {
  const out = { stdout: '', stderr: '' };
  const decoder = new TextDecoder();
  /** @type {((size: { width: number, height: number }) => void)[]} */
  const resizeListeners = [];
  const io = {
    stdout: (/** @type {string | Uint8Array} */ d) => { out.stdout += typeof d === 'string' ? d : decoder.decode(d); },
    stderr: (/** @type {string | Uint8Array} */ d) => { out.stderr += typeof d === 'string' ? d : decoder.decode(d); },
    stdin: options.stdin === null ? null : chunks(options.stdin ?? []),
    isTerminal: options.isTerminal ?? true,
    terminalSize: () => options.size ?? { width: 80, height: 24 },
    onResize: (/** @type {(size: { width: number, height: number }) => void} */ fn) => {
      resizeListeners.push(fn);
      return () => resizeListeners.splice(resizeListeners.indexOf(fn), 1);
    },
    readFile: async (/** @type {string} */ path) => {
      if (options.files && path in options.files) return options.files[path];
      throw new Error(`open ${path}: no such file or directory`);
    },
  };
  return { io, out, resizeListeners };
}

/** @param {(string | Uint8Array)[]} list */
async function* chunks(list) {
  for (const c of list) {
    await new Promise((r) => setImmediate(r));
    yield c;
  }
}

/**
 * A stand-in for the Wasm planner: targets come from `options.targets`, plans from `makePlan`.
 * @param {(session: any, target: any) => import('../../www/core/index.js').Plan} makePlan
 * @param {{ messages?: import('../../www/core/index.js').Message[] }} [extra]
 * @returns {import('../../www/host/run.js').Planner & { calls: any[] }}
 */
export function fakePlanner(makePlan, extra = {}) {
  /** @type {any[]} */
  const calls = [];
  return {
    calls,
    prepare(/** @type {any} */ session) {
      calls.push(['prepare', session]);
      const options = session.options ?? {};
      // As the core: a --custom file the session did not bring is asked for.
      const unread = options.custom && !session.customProfile ? options.custom : null;
      return /** @type {any} */ ({
        options, namespace: session.namespace ?? NS, namespaceExplicit: Boolean(session.namespaceExplicit),
        needs: { customProfile: unread, files: options.filename ?? [] },
        messages: extra.messages ?? [],
        targets: (options.targets ?? []).map((/** @type {string} */ t) => {
          const [resource, name] = t.includes('/') ? [t.split('/')[0] === 'node' ? 'nodes' : 'pods', t.split('/')[1]] : ['pods', t];
          const path = resource === 'nodes' ? `/api/v1/nodes/${name}` : `/api/v1/namespaces/${session.namespace ?? NS}/pods/${name}`;
          return { name: t, resource, objectName: name, get: { method: 'GET', path } };
        }),
      });
    },
    plan(/** @type {any} */ session, /** @type {any} */ target) {
      calls.push(['plan', session, target]);
      return makePlan(session, target);
    },
  };
}

/**
 * The plan of an ephemeral journey for `mypod`, container `dbg`.
 * @param {{ attach?: boolean, stdin?: boolean, tty?: boolean, container?: string }} [o]
 */
export function ephemeralPlan(o = {}) {
  const name = o.container ?? 'dbg';
  const container = { name, image: 'busybox', resources: {}, terminationMessagePolicy: 'File',
    ...(o.stdin ? { stdin: true } : {}), ...(o.tty ? { tty: true } : {}) };
  return {
    journey: /** @type {const} */ ('ephemeral'),
    requests: [{ method: /** @type {const} */ ('PATCH'), path: `/api/v1/namespaces/${NS}/pods/mypod/ephemeralcontainers`,
      contentType: /** @type {const} */ ('application/strategic-merge-patch+json'), body: { spec: { ephemeralContainers: [container] } } }],
    result: { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'mypod', namespace: NS } }, container,
    attach: o.attach ? { namespace: NS, pod: 'mypod', container: name, ephemeral: true, stdin: Boolean(o.stdin), tty: Boolean(o.tty), recordingBanner: true } : null,
    messages: [{ stream: /** @type {const} */ ('stdout'), text: `Defaulting debug container name to ${name}.` }],
    cleanup: null,
    explain: null,
  };
}
