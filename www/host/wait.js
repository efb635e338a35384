// @ts-check
/**
 * Waiting for the debug container to start: kubectl `DebugOptions.waitForContainer`
 * (list + watch with `metadata.name=<pod>`, no timeout unless the host asks for one).
 * @module
 */
import { ApiError, DebugError } from './errors.js';
import { podStop, startFailure } from './pod-stop.js';

/** @typedef {import('./kube.js').KubeClient} KubeClient */
/**
 * @typedef {{ setTimeout(fn: () => void, ms: number): any, clearTimeout(handle: any): void }} Timers
 */

/**
 * Waiting reasons after which the container will not start without a change to the pod
 * (kubectl itself keeps waiting and printing the warning forever).
 */
export const IMAGE_FAILURES = Object.freeze(['ErrImagePull', 'ImagePullBackOff', 'InvalidImageName', 'ErrImageNeverPull']);

/**
 * The status of a container by name: init containers, then containers, then ephemeral containers
 * (kubectl `getContainerStatusByName`).
 * @param {any} pod
 * @param {string} name
 * @returns {any | null}
 */
export function getContainerStatusByName(pod, name) {
  const status = pod?.status ?? {};
  for (const list of [status.initContainerStatuses, status.containerStatuses, status.ephemeralContainerStatuses]) {
    const found = (list ?? []).find((/** @type {any} */ s) => s?.name === name);
    if (found) return found;
  }
  return null;
}

/**
 * Resolve with the pod once the container is running or terminated.
 * Rejects with kubectl's `pods "" not found` ApiError if the pod is deleted, a DebugError
 * `wait/image-pull` if the image cannot be pulled, `wait/container-config` if the container cannot
 * be created from its config, `pod/evicted` or `pod/terminating` (see `pod-stop.js`),
 * `wait/timeout` after `timeoutMs`, or the abort reason.
 * @param {{
 *   kube: KubeClient, namespace: string, pod: string, container: string,
 *   quiet?: boolean, warn: (text: string) => void,
 *   signal?: AbortSignal, timeoutMs?: number | null, timers?: Timers,
 * }} options `warn` receives `container <c>: <message>` (the host adds `Warning: `)
 * @returns {Promise<{ pod: any, status: any }>}
 */
export async function waitForContainer(options) {
  const { kube, namespace, pod, container, quiet = false, warn, signal, timeoutMs, timers = globalThis } = options;
  const controller = new AbortController();
  const onAbort = () => controller.abort(signal?.reason);
  if (signal?.aborted) throw signal.reason;
  signal?.addEventListener('abort', onAbort, { once: true });
  let timer = null;
  if (timeoutMs != null) {
    const timeout = new DebugError(
      `timed out after ${timeoutMs}ms waiting for container ${container} of pod ${namespace}/${pod} to start`,
      { code: 'wait/timeout' });
    timer = timers.setTimeout(() => controller.abort(timeout), timeoutMs);
  }
  try {
    for await (const event of kube.watchPod(namespace, pod, { signal: controller.signal })) {
      if (event.type === 'DELETED') {
        throw new ApiError({ kind: 'Status', status: 'Failure', reason: 'NotFound', code: 404,
          message: 'pods "" not found', details: { name: '', kind: 'pods' } });
      }
      const stopped = podStop(event.object);
      if (stopped) throw stopped;
      const status = getContainerStatusByName(event.object, container);
      if (!status) continue;
      const state = status.state ?? {};
      if (state.running || state.terminated) return { pod: event.object, status };
      const waiting = state.waiting;
      if (!quiet && waiting?.message) warn(`container ${container}: ${waiting.message}`);
      const failed = startFailure(status, `container ${container} of pod ${namespace}/${pod}`);
      if (failed) throw failed;
    }
    throw new DebugError(`watch of pod ${namespace}/${pod} ended`, { code: 'wait/ended' });
  } catch (err) {
    if (controller.signal.aborted) throw controller.signal.reason;
    throw err;
  } finally {
    if (timer !== null) timers.clearTimeout(timer);
    signal?.removeEventListener('abort', onAbort);
  }
}
