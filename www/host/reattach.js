// @ts-check
/**
 * Re-attach to a running debug container (`kubedebug attach`, the page's sessions panel):
 * kubectl attach's checks on the pod as the API server has it now, then the session of
 * `./session.js` (TTY decision, banners, v5/v4 channels). Runtime neutral.
 * @module
 */
import { attachSession } from './session.js';
import { segment } from './api-path.js';
import { DebugError } from './errors.js';

/**
 * @typedef {{
 *   kube: import('./kube.js').KubeClient, namespace: string, pod: string, container: string,
 *   stdin: boolean, tty: boolean, io: import('./session.js').DebugIo,
 *   webSocketFactory: import('./attach.js').WebSocketFactory, token?: string, quiet?: boolean,
 *   commandName?: string, signal?: AbortSignal,
 * }} ReattachOptions `token`: the bearer subprotocol (browsers); `commandName` for the re-attach hint
 */

/**
 * GET the pod, refuse a container that terminated while its pod still runs (`attach/terminated`,
 * with its reason and exit code), then attach as kubectl attach does (`attach/completed` for a
 * finished pod, `attach/no-container` for an unknown container).
 * @param {ReattachOptions} options
 * @returns {Promise<number>} the container's exit status as the attach reports it
 */
export async function reattach(options) {
  const { kube, namespace, pod: podName, container, signal } = options;
  const pod = await kube.get(`/api/v1/namespaces/${segment(namespace)}/pods/${segment(podName)}`, { signal });
  const status = [...(pod?.status?.containerStatuses ?? []), ...(pod?.status?.ephemeralContainerStatuses ?? []),
    ...(pod?.status?.initContainerStatuses ?? [])].find((s) => s?.name === container);
  const ended = status?.state?.terminated;
  if (ended && !['Succeeded', 'Failed'].includes(pod?.status?.phase)) {
    const exit = ended.exitCode === undefined ? '' : `, exit code ${ended.exitCode}`;
    throw new DebugError(`cannot attach to container ${container} in pod ${podName}: it terminated (${ended.reason ?? 'Terminated'}${exit})`,
      { code: 'attach/terminated' });
  }
  return attachSession({
    kube, target: { namespace, pod: podName, container, ephemeral: false, stdin: options.stdin, tty: options.tty, recordingBanner: false },
    pod, status, io: options.io, webSocketFactory: options.webSocketFactory, token: options.token, quiet: options.quiet === true,
    recordingBanner: false, commandName: options.commandName, signal,
  });
}
