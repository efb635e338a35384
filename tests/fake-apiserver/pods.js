// @ts-check
/**
 * Pod writes of the fake API server: create, ephemeral-container patch, container states.
 * @module
 */
import { FIXED_TIMESTAMP, Store, containerStatus, stateOf } from './store.js';
import { strategicMerge } from './smp.js';

/**
 * A Kubernetes failure Status, shaped like the real server's.
 * @param {number} code
 * @param {string} reason
 * @param {string} message
 * @param {object} [details]
 */
export function statusObject(code, reason, message, details) {
  return { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason,
    ...(details ? { details } : {}), code };
}

/** @param {string} resource @param {string} name @param {string} [group] */
export function notFound(resource, name, group = '') {
  const qualified = group ? `${resource}.${group}` : resource;
  return statusObject(404, 'NotFound', `${qualified} "${name}" not found`,
    { name, ...(group ? { group } : {}), kind: resource });
}

/** The 404 a real server gives for a path it does not serve. */
export const PATH_NOT_FOUND = statusObject(404, 'NotFound', 'the server could not find the requested resource', {});

/**
 * @param {Store} store
 * @param {string} ns
 * @param {any} body
 * @param {object | string} containerState
 * @returns {[number, any]}
 */
export function createPod(store, ns, body, containerState) {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return [400, statusObject(400, 'BadRequest', 'the body of the request was not a JSON object')];
  }
  const pod = structuredClone(body);
  const meta = (pod.metadata ??= {});
  if (!meta.name) return [422, statusObject(422, 'Invalid', 'Pod "" is invalid: metadata.name: Required value')];
  if (meta.namespace && meta.namespace !== ns) {
    return [400, statusObject(400, 'BadRequest', 'the namespace of the provided object does not match the namespace sent on the request')];
  }
  if (store.get('', 'pods', ns, meta.name)) {
    return [409, statusObject(409, 'AlreadyExists', `pods "${meta.name}" already exists`, { name: meta.name, kind: 'pods' })];
  }
  Object.assign(meta, { namespace: ns, uid: store.nextUid(), creationTimestamp: FIXED_TIMESTAMP });
  pod.apiVersion ??= 'v1';
  pod.kind ??= 'Pod';
  pod.spec ??= {};
  pod.spec.restartPolicy ??= 'Always';
  pod.status = {
    phase: 'Running',
    containerStatuses: (pod.spec.containers ?? []).map((/** @type {any} */ c) => containerStatus(c, stateOf(/** @type {any} */ (containerState)))),
  };
  store.putPod(pod, 'ADDED');
  return [201, pod];
}

/**
 * PATCH pods/NAME/ephemeralcontainers: only `spec.ephemeralContainers` may change.
 * @param {Store} store
 * @param {string} ns
 * @param {string} name
 * @param {string} contentType
 * @param {any} patch
 * @param {object | string} containerState state reported for new ephemeral containers
 * @returns {[number, any]}
 */
export function patchEphemeral(store, ns, name, contentType, patch, containerState) {
  const pod = store.get('', 'pods', ns, name);
  if (!pod) return [404, notFound('pods', name)];
  if (typeof patch !== 'object' || patch === null || Array.isArray(patch)) {
    return [400, statusObject(400, 'BadRequest', 'the patch is not a JSON object')];
  }
  let patched;
  if (contentType === 'application/strategic-merge-patch+json') patched = strategicMerge(pod, patch);
  else if (contentType === 'application/merge-patch+json') patched = jsonMerge(pod, patch);
  else {
    return [415, statusObject(415, 'UnsupportedMediaType', `the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/strategic-merge-patch+json, application/apply-patch+yaml`)];
  }
  const next = structuredClone(pod);
  const ecs = patched?.spec?.ephemeralContainers;
  if (ecs) next.spec.ephemeralContainers = ecs;
  else delete next.spec.ephemeralContainers;
  const status = (next.status ??= {});
  const statuses = (status.ephemeralContainerStatuses ??= []);
  for (const ec of ecs ?? []) {
    if (!statuses.some((/** @type {any} */ s) => s.name === ec.name)) {
      statuses.push(containerStatus(ec, stateOf(/** @type {any} */ (containerState))));
    }
  }
  store.putPod(next, 'MODIFIED');
  return [200, next];
}

/**
 * Set the reported state of a container (any kind) and emit a MODIFIED event.
 * @param {Store} store
 * @param {string} ns
 * @param {string} name
 * @param {string} container
 * @param {object | string} state `running`, `terminated`, `waiting` or a full state object
 * @returns {boolean} false when the pod or container status does not exist
 */
export function setContainerState(store, ns, name, container, state) {
  const pod = store.get('', 'pods', ns, name);
  if (!pod) return false;
  const next = structuredClone(pod);
  for (const list of ['initContainerStatuses', 'containerStatuses', 'ephemeralContainerStatuses']) {
    const s = (next.status?.[list] ?? []).find((/** @type {any} */ x) => x.name === container);
    if (s) {
      s.state = stateOf(/** @type {any} */ (state));
      s.ready = 'running' in s.state;
      store.putPod(next, 'MODIFIED');
      return true;
    }
  }
  return false;
}

/**
 * RFC 7386 JSON merge patch.
 * @param {any} original
 * @param {any} patch
 * @returns {any}
 */
function jsonMerge(original, patch) {
  if (typeof patch !== 'object' || patch === null || Array.isArray(patch)) return structuredClone(patch);
  /** @type {Record<string, any>} */
  const out = typeof original === 'object' && original !== null && !Array.isArray(original) ? structuredClone(original) : {};
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) delete out[k];
    else out[k] = jsonMerge(out[k], v);
  }
  return out;
}
