// @ts-check
/**
 * Pod lifecycle events of the fake API server, for the tests of sessions that end badly
 * (issue 13, item 6): eviction, a pod that starts terminating, a container that ends.
 * Each change emits a MODIFIED event, as the kubelet's status updates do.
 * @module
 */
import { FIXED_TIMESTAMP, Store } from './store.js';

/**
 * The kubelet's eviction: phase `Failed`, reason `Evicted`, every container terminated.
 * @param {Store} store
 * @param {string} ns
 * @param {string} name
 * @param {string} [message]
 * @returns {boolean} false when the pod does not exist
 */
export function evictPod(store, ns, name, message = 'The node was low on resource: memory.') {
  const pod = store.get('', 'pods', ns, name);
  if (!pod) return false;
  const next = structuredClone(pod);
  const status = (next.status ??= {});
  Object.assign(status, { phase: 'Failed', reason: 'Evicted', message });
  for (const list of ['containerStatuses', 'ephemeralContainerStatuses']) {
    for (const s of status[list] ?? []) {
      s.state = { terminated: { exitCode: 137, reason: 'Error', startedAt: FIXED_TIMESTAMP, finishedAt: FIXED_TIMESTAMP } };
      s.ready = false;
    }
  }
  store.putPod(next, 'MODIFIED');
  return true;
}

/**
 * A graceful deletion under way: `metadata.deletionTimestamp` set, the pod still there.
 * @param {Store} store
 * @param {string} ns
 * @param {string} name
 * @returns {boolean} false when the pod does not exist
 */
export function markTerminating(store, ns, name) {
  const pod = store.get('', 'pods', ns, name);
  if (!pod) return false;
  const next = structuredClone(pod);
  Object.assign(next.metadata, { deletionTimestamp: FIXED_TIMESTAMP, deletionGracePeriodSeconds: 30 });
  store.putPod(next, 'MODIFIED');
  return true;
}
