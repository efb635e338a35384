// @ts-check
/**
 * Why a debug session cannot carry on (issue 13, item 6), read from the pod as a watch reports
 * it: the container cannot start (image pull, its config), the pod was evicted or is
 * terminating, the container was OOM-killed. kubectl itself keeps waiting, or stays attached to
 * a dead stream; kubedebug stops with one of these errors (a `DebugError` with a stable `code`,
 * and `exitCode` when the container's is known). `watchForStop` watches while attached.
 * @module
 */
import { DebugError } from './errors.js';

/** @typedef {import('./kube.js').KubeClient} KubeClient */

/**
 * Waiting reasons after which the container will not start without a change to the pod, and the
 * error code of each.
 */
export const START_FAILURES = Object.freeze(/** @type {Record<string, string>} */ ({
  ErrImagePull: 'wait/image-pull', ImagePullBackOff: 'wait/image-pull', InvalidImageName: 'wait/image-pull',
  ErrImageNeverPull: 'wait/image-pull', CreateContainerConfigError: 'wait/container-config',
  CreateContainerError: 'wait/container-config',
}));

/**
 * A stop error with the container's exit code (the CLI exits with it).
 * @param {string} message
 * @param {string} code
 * @param {number | null} exitCode
 * @returns {DebugError & { exitCode?: number }}
 */
function stopError(message, code, exitCode = null) {
  /** @type {DebugError & { exitCode?: number }} */
  const err = new DebugError(message, { code });
  if (exitCode !== null) err.exitCode = exitCode;
  return err;
}

/**
 * Why the pod (as a whole) will not carry the session on: evicted, or terminating.
 * @param {any} pod
 * @returns {DebugError | null} `pod/evicted`, `pod/terminating`
 */
export function podStop(pod) {
  const where = `pod ${pod?.metadata?.namespace}/${pod?.metadata?.name}`;
  const status = pod?.status ?? {};
  if (status.phase === 'Failed' && status.reason === 'Evicted') {
    return stopError(`${where} was evicted${status.message ? `: ${status.message}` : ''}`, 'pod/evicted');
  }
  if (pod?.metadata?.deletionTimestamp) return stopError(`${where} is terminating`, 'pod/terminating');
  return null;
}

/**
 * Why the container will not start: a waiting reason of {@link START_FAILURES}.
 * @param {any} status the container's status
 * @param {string} where `container C of pod NS/P`
 * @returns {DebugError | null}
 */
export function startFailure(status, where) {
  const waiting = status?.state?.waiting;
  const code = START_FAILURES[waiting?.reason];
  if (!code) return null;
  return stopError(`${where} cannot start: ${waiting.reason}${waiting.message ? `: ${waiting.message}` : ''}`, code);
}

/**
 * The container was killed for lack of memory (its exit code, 137 by convention).
 * @param {any} status the container's status
 * @param {string} where `container C of pod NS/P`
 * @returns {(DebugError & { exitCode?: number }) | null} `container/oom-killed`
 */
export function oomKilled(status, where) {
  const t = status?.state?.terminated ?? status?.lastState?.terminated;
  if (t?.reason !== 'OOMKilled') return null;
  const exitCode = Number.isInteger(t.exitCode) ? t.exitCode : 137;
  return stopError(`${where} was OOMKilled (exit code ${exitCode})`, 'container/oom-killed', exitCode);
}

/**
 * Watch the pod while attached; resolve with the first reason to stop (a deleted pod is
 * `pod/terminating`), or never (until `signal` aborts, then resolve null). Watch failures
 * resolve null too: the attach stream still decides.
 * @param {{
 *   kube: KubeClient, namespace: string, pod: string, container: string, signal: AbortSignal,
 *   getStatus: (pod: any, name: string) => any,
 * }} options
 * @returns {Promise<DebugError | null>}
 */
export async function watchForStop({ kube, namespace, pod, container, signal, getStatus }) {
  const where = `container ${container} of pod ${namespace}/${pod}`;
  try {
    for await (const event of kube.watchPod(namespace, pod, { signal })) {
      if (event.type === 'DELETED') return stopError(`pod ${namespace}/${pod} is terminating`, 'pod/terminating');
      const stop = podStop(event.object) ?? oomKilled(getStatus(event.object, container), where);
      if (stop) return stop;
    }
  } catch {
    // The attach stream, not this watch, decides when the session ends.
  }
  return null;
}
