// @ts-check
/**
 * The attached part of a session, with kubedebug's additions around kubectl's wait-and-attach:
 * the pod is watched while attached (`pod-stop.js`: eviction, termination, OOM kill stop the
 * session with their reason), and with `--rm` (`plan.cleanup`) what the session created is
 * deleted when it ends, however it ends (exit, Ctrl-C, lost connection, a stop), after the
 * terminal is restored.
 * @module
 */
import { getContainerStatusByName, waitForContainer } from './wait.js';
import { attachOrLogs } from './session.js';
import { oomKilled, watchForStop } from './pod-stop.js';

/** @typedef {import('../core/index.js').Plan} Plan */
/** @typedef {import('../core/index.js').TextPlan} TextPlan */
/** @typedef {import('../core/index.js').AttachTarget} AttachTarget */
/** @typedef {import('./kube.js').KubeClient} KubeClient */
/** @typedef {import('./session.js').DebugIo} DebugIo */

/**
 * @typedef {{
 *   kube: KubeClient, io: DebugIo, quiet: boolean, signal?: AbortSignal,
 *   timeoutMs?: number | null, timers?: import('./wait.js').Timers,
 *   webSocketFactory: import('./attach.js').WebSocketFactory, token?: string, commandName?: string,
 *   onCleanup?: ((pending: boolean) => void) | null,
 * }} AttachedOptions `onCleanup` learns when a `--rm` deletion is pending (true) and done (false):
 *   a host that exits on Ctrl-C waits for it in between
 */

/** The `--rm` DELETE's body: the pod's containers are stopped in the background, as `kubectl delete` does. */
const DELETE_OPTIONS = '{"kind":"DeleteOptions","apiVersion":"v1","propagationPolicy":"Background"}';

/** How long the `--rm` DELETE may take once the session ended (it runs after an abort too). */
export const CLEANUP_TIMEOUT_MS = 15000;

/**
 * Wait for the container, attach (or stream logs), then clean up as `plan.cleanup` says.
 * @param {AttachedOptions} options
 * @param {Plan | TextPlan} plan a plan with `attach`
 * @returns {Promise<number>} the session's exit code
 */
export async function runAttached(options, plan) {
  const target = /** @type {AttachTarget} */ (plan.attach);
  if (plan.cleanup) options.onCleanup?.(true);
  try {
    return await waitAndAttach(options, target);
  } finally {
    options.io.restoreTerminal?.();
    await endSession(options, plan);
    if (plan.cleanup) options.onCleanup?.(false);
  }
}

/**
 * kubectl's wait and attach, with the pod watched while attached: a stop reason aborts the
 * attach and is thrown.
 * @param {AttachedOptions} options
 * @param {AttachTarget} target
 * @returns {Promise<number>}
 */
async function waitAndAttach(options, target) {
  const { kube, io, quiet, signal } = options;
  const { namespace, pod: podName, container } = target;
  const { pod, status } = await waitForContainer({
    kube, namespace, pod: podName, container, quiet,
    warn: (text) => io.stderr(`Warning: ${text}\n`), signal, timeoutMs: options.timeoutMs, timers: options.timers,
  });
  const where = `container ${container} of pod ${namespace}/${podName}`;
  const early = oomKilled(status, where);
  const watching = new AbortController();
  const onAbort = () => watching.abort(signal?.reason);
  signal?.addEventListener('abort', onAbort, { once: true });
  /** @type {import('./errors.js').DebugError | null} */
  let stop = null;
  const watch = early ? Promise.resolve(null) : watchForStop({
    kube, namespace, pod: podName, container, signal: watching.signal, getStatus: getContainerStatusByName,
  }).then((reason) => {
    if (reason && !watching.signal.aborted) {
      stop = reason;
      watching.abort(reason);
    }
    return reason;
  });
  try {
    const exitCode = await attachOrLogs({
      kube, target, pod, status, io, webSocketFactory: options.webSocketFactory, token: options.token,
      quiet, recordingBanner: target.recordingBanner, commandName: options.commandName, signal: watching.signal,
    });
    if (early) {
      io.stderr(early.message + '\n');
      return /** @type {any} */ (early).exitCode ?? exitCode;
    }
    return exitCode;
  } catch (err) {
    throw stop ?? err;
  } finally {
    signal?.removeEventListener('abort', onAbort);
    if (!watching.signal.aborted) watching.abort();
    await watch;
  }
}

/**
 * Delete what the session created (`plan.cleanup`), or say what `--rm` did for an ephemeral
 * container (`stdinOnce`: it ends when the client detaches). Failures are reported, not thrown.
 * @param {AttachedOptions} options
 * @param {Plan | TextPlan} plan
 */
async function endSession(options, plan) {
  const { kube, io, quiet } = options;
  const target = /** @type {AttachTarget} */ (plan.attach);
  if (plan.container?.stdinOnce && !quiet) {
    io.stderr(`The ephemeral container ${target.container} cannot be deleted (the API has no such operation); `
      + 'it was started with stdinOnce (--rm), so it ends now that the session has detached.\n');
  }
  if (!plan.cleanup) return;
  const name = plan.cleanup.slice(plan.cleanup.lastIndexOf('/') + 1);
  const timeout = AbortSignal.timeout(CLEANUP_TIMEOUT_MS);
  try {
    await kube.send({ method: 'DELETE', path: plan.cleanup, contentType: 'application/json', body: DELETE_OPTIONS }, { signal: timeout });
    if (!quiet) io.stderr(`pod "${name}" deleted (--rm)\n`);
  } catch (err) {
    const e = /** @type {any} */ (err);
    if (e?.reason === 'NotFound') return;
    io.stderr(`warning: --rm: could not delete pod "${name}": ${e instanceof Error ? e.message : String(e)}\n`);
  }
}
