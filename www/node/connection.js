// @ts-check
/**
 * From kubectl's global flags to a `KubeClient`: the kubeconfig (`--kubeconfig`, `KUBECONFIG`,
 * `~/.kube/config`), `--context`, and the overrides `--cluster`, `--user`, `-s/--server`,
 * `--token`, `--insecure-skip-tls-verify`.
 * @module
 */
import { DebugError } from '../host/errors.js';
import { createKubeClient } from '../host/kube.js';
import { KubeConfig } from './client-node.js';
import { contextNamespace, createTransport, loadKubeConfig } from './kubeconfig.js';

export { contextNamespace };

/** @typedef {{ name: string, value: string }} Pair */
/** @typedef {import('@kubernetes/client-node').KubeConfig} KubeConfigInstance */

/**
 * The last value of a global flag.
 * @param {Pair[]} globals
 * @param {string} name
 * @returns {string | null}
 */
export function globalFlag(globals, name) {
  const found = globals.filter((g) => g.name === name);
  return found.length ? found[found.length - 1].value : null;
}

/**
 * Load the kubeconfig with the global flags applied.
 * @param {Pair[]} globals
 * @returns {KubeConfigInstance}
 */
export function configFromFlags(globals) {
  const kubeconfig = globalFlag(globals, 'kubeconfig');
  let kc;
  try {
    kc = loadKubeConfig({ kubeconfig, context: globalFlag(globals, 'context') });
  } catch (err) {
    const e = /** @type {any} */ (err);
    if (e?.code === 'ENOENT') {
      if (kubeconfig) throw new DebugError(`stat ${kubeconfig}: no such file or directory`, { code: 'config/missing', cause: err });
      throw new DebugError('invalid configuration: no configuration has been provided, try setting KUBERNETES_MASTER environment variable',
        { code: 'config/empty', cause: err });
    }
    throw err;
  }
  return applyOverrides(kc, globals);
}

/**
 * @param {KubeConfigInstance} kc
 * @param {Pair[]} globals
 * @returns {KubeConfigInstance}
 */
function applyOverrides(kc, globals) {
  const [clusterName, userName, server, token, insecure] = ['cluster', 'user', 'server', 'token', 'insecure-skip-tls-verify']
    .map((n) => globalFlag(globals, n));
  if (clusterName === null && userName === null && server === null && token === null && insecure === null) return kc;
  const current = kc.getContextObject(kc.getCurrentContext());
  const cluster = clusterName !== null ? kc.getCluster(clusterName) : kc.getCurrentCluster();
  const user = userName !== null ? kc.getUser(userName) : kc.getCurrentUser();
  if (clusterName !== null && !cluster) {
    throw new DebugError(`cluster "${clusterName}" does not exist`, { code: 'config/cluster' });
  }
  const c = { name: 'kubedebug-cluster', server: '', skipTLSVerify: false, ...cluster };
  if (server !== null) c.server = server;
  if (insecure !== null) c.skipTLSVerify = insecure !== 'false';
  c.name = 'kubedebug-cluster';
  const u = { ...user, name: 'kubedebug-user' };
  if (token !== null) Object.assign(u, { token, certFile: undefined, keyFile: undefined, exec: undefined, authProvider: undefined });
  const out = new KubeConfig();
  out.loadFromOptions({
    clusters: [c], users: [u], currentContext: 'kubedebug',
    contexts: [{ name: 'kubedebug', cluster: c.name, user: u.name, namespace: current?.namespace }],
  });
  return out;
}

/**
 * @param {KubeConfigInstance} kc
 * @returns {Promise<{ kube: import('../host/kube.js').KubeClient, namespace: string,
 *   webSocketFactory: import('../host/attach.js').WebSocketFactory }>}
 */
export async function connect(kc) {
  const transport = await createTransport(kc);
  const kube = createKubeClient({ server: transport.server, fetch: transport.fetch });
  return { kube, namespace: contextNamespace(kc), webSocketFactory: transport.webSocketFactory };
}
