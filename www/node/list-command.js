// @ts-check
/**
 * `kubedebug list [-n NS | -A] [-l SELECTOR] [-o wide|json|yaml]`: every debug session in scope,
 * read from one LIST of pods and classified by the core (`listSessions`).
 * @module
 */
import { reportError } from '../host/run.js';
import { formatObjects } from './output.js';
import { usageError, connectFromFlags, parseSubcommandFlags } from './session-flags.js';
import { sessionsTable } from './sessions-table.js';

export const LIST_USAGE = `List debug sessions: ephemeral containers, and the pod copies and node debug pods
marked by --session-label (kubedebug.dev/journey) or by kubectl 1.34+ (app.kubernetes.io/managed-by=kubectl-debug).

Examples:
  # Debug sessions in the current namespace
  kubedebug list

  # In every namespace, with session ids, profiles and creators
  kubedebug list -A -o wide

  # Pods selected by a label, as JSON
  kubedebug list -l app=web -o json

Options:
    -A, --all-namespaces=false:
\tList the sessions across all namespaces.
    -l, --selector='':
\tSelector (label query) to filter pods on, as kubectl's -l.
    -o, --output='':
\tOutput format: one of wide, json, yaml.

Usage:
  kubedebug list [-n NAMESPACE | -A] [-l SELECTOR] [-o wide|json|yaml] [--kubeconfig FILE] [--context NAME]
`;

/** @typedef {import('./debug-command.js').CommandContext} CommandContext */

/**
 * The pods of the scope, as one LIST: `/api/v1/namespaces/NS/pods` or `/api/v1/pods` (`-A`).
 * @param {import('../host/kube.js').KubeClient} kube
 * @param {{ namespace: string, allNamespaces: boolean, selector: string }} scope
 * @param {AbortSignal} [signal]
 * @returns {Promise<string>} the PodList's JSON text
 */
export function listPods(kube, { namespace, allNamespaces, selector }, signal) {
  const base = allNamespaces ? '/api/v1/pods' : `/api/v1/namespaces/${encodeURIComponent(namespace)}/pods`;
  const query = selector ? `?labelSelector=${encodeURIComponent(selector)}` : '';
  return /** @type {NonNullable<typeof kube.getText>} */ (kube.getText)(base + query, { signal });
}

/**
 * `kubectl get`'s words when nothing is found.
 * @param {{ namespace: string, allNamespaces: boolean }} scope
 */
export function nothingFound({ namespace, allNamespaces }) {
  return allNamespaces ? 'No debug sessions found\n' : `No debug sessions found in ${namespace} namespace.\n`;
}

/**
 * @param {string[]} argv the words after `kubedebug list`
 * @param {CommandContext & { now?: () => number }} ctx
 * @returns {Promise<number>}
 */
export async function runListCommand(argv, ctx) {
  const { io } = ctx;
  try {
    const { flags, args } = parseSubcommandFlags(argv, [
      { name: 'all-namespaces', short: 'A' }, { name: 'selector', short: 'l', value: true },
      { name: 'output', short: 'o', value: true }], 'kubedebug list');
    if (flags.help) {
      io.stdout(LIST_USAGE);
      return 0;
    }
    if (args.length) throw usageError(`unexpected argument "${args[0]}": kubedebug list takes no arguments`, 'kubedebug list');
    const output = typeof flags.output === 'string' ? flags.output : '';
    if (!['', 'wide', 'json', 'yaml'].includes(output)) {
      throw usageError(`unable to match a printer suitable for the output format "${output}", allowed formats are: json,wide,yaml`,
        'kubedebug list', 'flag/output');
    }
    const { kube, namespace } = await connectFromFlags(flags);
    const scope = { namespace, allNamespaces: flags['all-namespaces'] === true, selector: String(flags.selector ?? '') };
    const text = await listPods(kube, scope, ctx.signal);
    const sessions = ctx.core.listSessions(text, { now: (ctx.now ?? Date.now)() });
    if (output === 'json' || output === 'yaml') {
      io.stdout(formatObjects([{ apiVersion: 'kubedebug.dev/v1', kind: 'DebugSessionList', items: sessions }], output));
    } else if (!sessions.length) {
      io.stderr(nothingFound(scope));
    } else {
      io.stdout(sessionsTable(sessions, { allNamespaces: scope.allNamespaces, wide: output === 'wide' }));
    }
    return 0;
  } catch (err) {
    return reportError(io, err);
  }
}
