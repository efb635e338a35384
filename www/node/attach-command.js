// @ts-check
/**
 * `kubedebug attach POD -c CONTAINER [-i] [-t] [-q]`: re-attach to a running debug container
 * as `kubectl attach` does (its checks and texts), for ephemeral containers as for the others,
 * over `v5.channel.k8s.io` or `v4` like the debug journey (`www/host/reattach.js`).
 * @module
 */
import { reportError } from '../host/run.js';
import { reattach } from '../host/reattach.js';
import { connectFromFlags, parseSubcommandFlags, usageError } from './session-flags.js';

export const ATTACH_USAGE = `Attach to a running debug container (an ephemeral container too), as kubectl attach does.

Examples:
  # Re-attach to the ephemeral container debugger-x8f9p of pod web, with a terminal
  kubedebug attach web -c debugger-x8f9p -it

  # Attach to a node debug pod's container, output only
  kubedebug attach node-debugger-n1-abcde -c debugger

Options:
    -c, --container='':
\tContainer name (required: a debug session's container; see kubedebug list).
    -q, --quiet=false:
\tOnly print output from the remote session.
    -i, --stdin=false:
\tPass stdin to the container.
    -t, --tty=false:
\tStdin is a TTY.

Usage:
  kubedebug attach POD -c CONTAINER [-i] [-t] [-q] [-n NAMESPACE] [--kubeconfig FILE] [--context NAME]
`;

/**
 * @param {string[]} argv the words after `kubedebug attach`
 * @param {import('./debug-command.js').CommandContext & { onSession?: (tty: boolean) => void,
 *   attachFactory?: import('../host/attach.js').WebSocketFactory }} ctx
 * @returns {Promise<number>}
 */
export async function runAttachCommand(argv, ctx) {
  const { io } = ctx;
  try {
    const { flags, args } = parseSubcommandFlags(argv, [
      { name: 'container', short: 'c', value: true }, { name: 'stdin', short: 'i' }, { name: 'tty', short: 't' },
      { name: 'quiet', short: 'q' }], 'kubedebug attach');
    if (flags.help) {
      io.stdout(ATTACH_USAGE);
      return 0;
    }
    // kubectl attach's words for a missing or extra POD.
    if (args.length !== 1) {
      throw usage(args.length ? `expected POD, TYPE/NAME, or TYPE NAME, (at most 2 arguments) saw ${args.length}: [${args.join(' ')}]`
        : 'expected POD, TYPE/NAME, or TYPE NAME, (at most 2 arguments) saw 0: []', 'attach/usage');
    }
    const podName = args[0].replace(/^(pods?|po)\//, '');
    const container = typeof flags.container === 'string' ? flags.container : '';
    if (!container) throw usage('kubedebug attach needs -c CONTAINER: the debug container (see kubedebug list)', 'attach/no-container-flag');
    const stdin = flags.stdin === true;
    const tty = flags.tty === true;
    ctx.onSession?.(stdin && tty);
    const { kube, namespace, webSocketFactory } = await connectFromFlags(flags);
    return await reattach({
      kube, namespace, pod: podName, container, stdin, tty, io, webSocketFactory: ctx.attachFactory ?? webSocketFactory,
      quiet: flags.quiet === true, commandName: 'kubedebug attach', signal: ctx.signal,
    });
  } catch (err) {
    return reportError(io, err);
  }
}

/**
 * A usage error of `kubedebug attach` (its help hint follows the message).
 * @param {string} message
 * @param {string} code
 */
function usage(message, code) {
  return usageError(message, 'kubedebug attach', code);
}
