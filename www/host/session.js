// @ts-check
/**
 * One attach session after the container started: kubectl `handleAttachPod` + `AttachOptions.Run`
 * (TTY decision, banners, attach, re-attach hint, and the fall back to logs).
 * @module
 */
import { attach, attachPath, webSocketUrl } from './attach.js';
import { DebugError } from './errors.js';

/** @typedef {import('../core/index.js').AttachTarget} AttachTarget */
/** @typedef {import('./kube.js').KubeClient} KubeClient */
/** @typedef {import('./attach.js').WebSocketFactory} WebSocketFactory */
/**
 * What the host gives the session to talk to the user.
 * @typedef {{
 *   stdout(data: string | Uint8Array): void,
 *   stderr(data: string | Uint8Array): void,
 *   stdin?: AsyncIterable<Uint8Array | string> | null,
 *   isTerminal?: boolean,
 *   terminalSize?: (() => import('./channel.js').TerminalSize | null | undefined) | null,
 *   onResize?: ((listener: (size: import('./channel.js').TerminalSize) => void) => (() => void)) | null,
 *   readFile?: (path: string) => Promise<string>,
 *   readSources?: (filenames: string[]) => Promise<{ name: string, read: () => Promise<string> }[]>,
 *   restoreTerminal?: () => void,
 * }} DebugIo `readFile` reads `--custom` (and `-f` files when there is no `readSources`);
 *   `readSources` resolves the `-f` values like kubectl's builder (directories, URLs, `-`);
 *   `restoreTerminal` leaves raw mode (called when an attached session ends, before `--rm`)
 */

export const PROMPT_BANNER = "If you don't see a command prompt, try pressing enter.";
export const RECORDING_BANNER = 'All commands and output from this session will be recorded in container logs, '
  + 'including credentials and sensitive information passed through the command prompt.';

/**
 * @param {any} pod
 * @param {string} name
 * @returns {{ container: any, ephemeral: boolean } | null}
 */
function findContainer(pod, name) {
  const spec = pod?.spec ?? {};
  for (const [list, ephemeral] of [[spec.initContainers, false], [spec.containers, false], [spec.ephemeralContainers, true]]) {
    const container = (list ?? []).find((/** @type {any} */ c) => c?.name === name);
    if (container) return { container, ephemeral: Boolean(ephemeral) };
  }
  return null;
}

/**
 * Stream the container's logs to stdout (kubectl `logOpts`: no follow).
 * @param {KubeClient} kube
 * @param {AttachTarget} target
 * @param {DebugIo} io
 * @param {AbortSignal} [signal]
 */
export async function streamLogs(kube, target, io, signal) {
  for await (const chunk of kube.logs(target.namespace, target.pod, target.container, { signal })) io.stdout(chunk);
}

/**
 * Attach to a started container; on failure print kubectl's warning and stream logs instead.
 * @param {{
 *   kube: KubeClient, target: AttachTarget, pod: any, status: any, io: DebugIo,
 *   webSocketFactory: WebSocketFactory, token?: string, quiet: boolean,
 *   recordingBanner: boolean, commandName?: string, signal?: AbortSignal,
 * }} options
 * @returns {Promise<number>} the exit code of the session (0 after logs)
 */
export async function attachOrLogs(options) {
  const { kube, target, pod, status, io, signal } = options;
  if (status?.state?.terminated) {
    await streamLogs(kube, target, io, signal);
    return 0;
  }
  try {
    return await attachSession(options);
  } catch (err) {
    if (signal?.aborted) throw err;
    const text = err instanceof Error ? err.message : String(err);
    io.stderr(`warning: couldn't attach to pod/${target.pod}, falling back to streaming logs: ${text}\n`);
    await streamLogs(kube, { ...target, namespace: pod?.metadata?.namespace ?? target.namespace }, io, signal);
    return 0;
  }
}

/**
 * kubectl `AttachOptions.Run` with the pod already known.
 * @param {Parameters<typeof attachOrLogs>[0]} options
 * @returns {Promise<number>}
 */
export async function attachSession(options) {
  const { kube, target, pod, io, quiet, signal } = options;
  const phase = pod?.status?.phase;
  if (phase === 'Succeeded' || phase === 'Failed') {
    throw new DebugError(`cannot attach a container in a completed pod; current phase is ${phase}`, { code: 'attach/completed' });
  }
  const found = findContainer(pod, target.container);
  if (!found) {
    throw new DebugError(`cannot attach to the container: container ${target.container} not found in pod ${target.pod}`,
      { code: 'attach/no-container' });
  }
  let tty = target.tty;
  if (tty && !found.container.tty) {
    tty = false;
    if (!quiet) io.stderr(`error: Unable to use a TTY - container ${target.container} did not allocate one\n`);
  } else if (!tty && found.container.tty) {
    tty = true;
  }
  // SetupTTY: a TTY needs stdin, and a terminal on our side.
  let raw = false;
  if (target.stdin && tty) {
    if (io.isTerminal === false) {
      if (!quiet) io.stderr('Unable to use a TTY - input is not a terminal or the right kind of file\n');
    } else raw = true;
  }
  if (!quiet) {
    if (options.recordingBanner) io.stderr(RECORDING_BANNER + '\n');
    io.stderr(PROMPT_BANNER + '\n');
  }
  const path = attachPath(target, { stdin: target.stdin, tty: raw });
  const { exitCode } = await attach({
    url: webSocketUrl(kube.server, path),
    webSocketFactory: options.webSocketFactory,
    token: options.token,
    output: { stdout: (d) => io.stdout(d), stderr: (d) => io.stderr(d) },
    stdin: target.stdin ? io.stdin : null,
    tty: raw,
    terminalSize: io.terminalSize,
    onResize: io.onResize,
    signal,
  });
  const hint = reattachMessage(options, found.ephemeral, raw);
  if (hint) io.stdout(hint + '\n');
  return exitCode;
}

/**
 * kubectl `reattachMessage`: only after a raw-TTY stdin session of a pod that restarts containers.
 * @param {Parameters<typeof attachOrLogs>[0]} options
 * @param {boolean} ephemeral
 * @param {boolean} raw
 * @returns {string}
 */
function reattachMessage(options, ephemeral, raw) {
  const { target, pod, quiet } = options;
  if (quiet || !target.stdin || !raw || (pod?.spec?.restartPolicy ?? 'Always') !== 'Always') return '';
  const command = `${options.commandName ?? 'kubectl attach'} ${target.pod} -c ${target.container} -n ${target.namespace} -i -t`;
  if (ephemeral) {
    return `Session ended, the ephemeral container will not be restarted but may be reattached using '${command}' if it is still running`;
  }
  return `Session ended, resume using '${command}' command when the pod is running`;
}
