// @ts-check
/**
 * `kubedebug cleanup [-n NS | -A] [-l SELECTOR] [--all] [--older-than D] [--dry-run]`: delete the
 * pod copies and node debug pods of finished sessions — only pods marked by `--session-label` or
 * kubectl 1.34+, never anything else. Ephemeral containers cannot be deleted (the API has no
 * way to remove one): they are reported, not touched.
 * @module
 */
import { reportError } from '../host/run.js';
import { segment } from '../host/api-path.js';
import { usageError, connectFromFlags, durationArg, parseSubcommandFlags } from './session-flags.js';
import { listPods } from './list-command.js';

export const CLEANUP_USAGE = `Delete the pod copies and node debug pods of finished debug sessions: those marked by
--session-label (kubedebug.dev/journey) or by kubectl 1.34+ (app.kubernetes.io/managed-by=kubectl-debug).
A session is finished when its debug container terminated or its pod succeeded or failed. Unmarked
pods are never deleted. Ephemeral containers cannot be deleted: the API offers no way to remove one
from its pod; they end when their process does.

Examples:
  # Delete the finished sessions' pods in the current namespace
  kubedebug cleanup

  # Show what would be deleted across all namespaces, running sessions too, older than a day
  kubedebug cleanup -A --all --older-than=24h --dry-run

Options:
    --all=false:
\tDelete the pods of running sessions too, not only of finished ones.
    -A, --all-namespaces=false:
\tClean up across all namespaces.
    --dry-run=false:
\tOnly print what would be deleted.
    --older-than=0s:
\tOnly sessions created at least this long ago (e.g. 30m, 24h).
    -l, --selector='':
\tSelector (label query) to filter pods on.

Usage:
  kubedebug cleanup [-n NAMESPACE | -A] [-l SELECTOR] [--all] [--older-than DURATION] [--dry-run]
`;

/**
 * The sessions whose pods cleanup deletes: copies and node pods (never ephemeral containers),
 * finished unless `all`, not already being deleted, at least `olderThanMs` old.
 * @param {import('../core/index.js').DebugSession[]} sessions
 * @param {{ all: boolean, olderThanMs: number }} options
 */
export function sessionsToDelete(sessions, { all, olderThanMs }) {
  return sessions.filter((s) => s.kind !== 'ephemeral' && !s.deleting && (all || s.finished)
    && (olderThanMs <= 0 || (s.ageSeconds ?? -1) * 1000 >= olderThanMs));
}

/**
 * @param {string[]} argv the words after `kubedebug cleanup`
 * @param {import('./debug-command.js').CommandContext & { now?: () => number }} ctx
 * @returns {Promise<number>}
 */
export async function runCleanupCommand(argv, ctx) {
  const { io } = ctx;
  try {
    const { flags, args } = parseSubcommandFlags(argv, [
      { name: 'all-namespaces', short: 'A' }, { name: 'selector', short: 'l', value: true },
      { name: 'all' }, { name: 'dry-run' }, { name: 'older-than', value: true }], 'kubedebug cleanup');
    if (flags.help) {
      io.stdout(CLEANUP_USAGE);
      return 0;
    }
    if (args.length) throw usageError(`unexpected argument "${args[0]}": kubedebug cleanup takes no arguments`, 'kubedebug cleanup');
    const olderThanMs = typeof flags['older-than'] === 'string' ? durationArg(flags['older-than'], 'older-than') : 0;
    const { kube, namespace } = await connectFromFlags(flags);
    const scope = { namespace, allNamespaces: flags['all-namespaces'] === true, selector: String(flags.selector ?? '') };
    const sessions = ctx.core.listSessions(await listPods(kube, scope, ctx.signal), { now: (ctx.now ?? Date.now)() });
    const doomed = sessionsToDelete(sessions, { all: flags.all === true, olderThanMs });
    const suffix = flags['dry-run'] ? ' (dry run)' : '';
    for (const s of doomed) {
      if (!flags['dry-run']) {
        await kube.send({ method: 'DELETE', path: `/api/v1/namespaces/${segment(s.namespace)}/pods/${segment(s.pod)}`,
          contentType: 'application/json',
          body: { kind: 'DeleteOptions', apiVersion: 'v1', propagationPolicy: 'Background' } }, { signal: ctx.signal });
      }
      io.stdout(`pod "${s.pod}" deleted${scope.allNamespaces ? ` from ${s.namespace} namespace` : ''}${suffix}\n`);
    }
    const ephemeral = sessions.filter((s) => s.kind === 'ephemeral' && (flags.all === true || s.finished));
    if (ephemeral.length) {
      io.stderr(`${ephemeral.length} ephemeral debug container(s) left in place: ephemeral containers cannot be deleted from a pod `
        + '(they end with their process; deleting the pod removes them)\n');
    }
    if (!doomed.length) io.stderr('No debug session pods to delete\n');
    return 0;
  } catch (err) {
    return reportError(io, err);
  }
}
