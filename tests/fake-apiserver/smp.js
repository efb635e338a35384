// @ts-check
/**
 * Strategic merge patch, the subset of core/v1 the fake API server needs: merge keys of the pod
 * lists, `$setElementOrder/<list>`, `$patch: delete|replace`, null deletes a key.
 * @module
 */

/** List field → merge key (k8s.io/api `patchMergeKey` tags). */
export const MERGE_KEYS = Object.freeze({
  containers: 'name', initContainers: 'name', ephemeralContainers: 'name', volumes: 'name',
  volumeMounts: 'mountPath', volumeDevices: 'devicePath', env: 'name', ports: 'containerPort',
  imagePullSecrets: 'name', ownerReferences: 'uid', hostAliases: 'ip', conditions: 'type',
  topologySpreadConstraints: 'topologyKey', resourceClaims: 'name',
});

const ORDER_PREFIX = '$setElementOrder/';

/** @param {unknown} v @returns {v is Record<string, any>} */
const isObject = (v) => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * @param {any} original
 * @param {any} patch
 * @returns {any} a new object
 */
export function strategicMerge(original, patch) {
  if (!isObject(patch)) return structuredClone(patch);
  if (patch.$patch === 'replace') {
    const { $patch, ...rest } = patch;
    return structuredClone(rest);
  }
  /** @type {Record<string, any>} */
  const result = isObject(original) ? structuredClone(original) : {};
  /** @type {Record<string, any[]>} */
  const orders = {};
  for (const [k, v] of Object.entries(patch)) if (k.startsWith(ORDER_PREFIX)) orders[k.slice(ORDER_PREFIX.length)] = v;
  for (const [k, v] of Object.entries(patch)) {
    if (k.startsWith('$')) continue;
    const key = /** @type {Record<string, string>} */ (MERGE_KEYS)[k];
    if (v === null) delete result[k];
    else if (isObject(v)) result[k] = strategicMerge(result[k], v);
    else if (Array.isArray(v) && key) result[k] = mergeList(result[k] ?? [], v, key, orders[k]);
    else result[k] = structuredClone(v);
  }
  for (const [k, order] of Object.entries(orders)) {
    const key = /** @type {Record<string, string>} */ (MERGE_KEYS)[k];
    if (!(k in patch) && Array.isArray(result[k]) && key) result[k] = mergeList(result[k], [], key, order);
  }
  return result;
}

/**
 * @param {any[]} original
 * @param {any[]} patch
 * @param {string} key
 * @param {any[] | undefined} order
 */
function mergeList(original, patch, key, order) {
  let result = original.map((x) => structuredClone(x));
  for (const item of patch) {
    if (isObject(item) && item.$patch === 'delete') {
      result = result.filter((x) => !(isObject(x) && x[key] === item[key]));
    } else if (isObject(item) && key in item) {
      const i = result.findIndex((x) => isObject(x) && x[key] === item[key]);
      if (i >= 0) result[i] = strategicMerge(result[i], item);
      else result.push(strategicMerge({}, item));
    } else {
      result.push(structuredClone(item));
    }
  }
  if (order) {
    /** @type {Map<any, number>} */
    const pos = new Map(order.filter(isObject).map((o, i) => [o[key], i]));
    const rank = (/** @type {any} */ x) => (isObject(x) && pos.has(x[key]) ? /** @type {number} */ (pos.get(x[key])) : pos.size);
    result = result.map((x, i) => ({ x, i })).sort((a, b) => rank(a.x) - rank(b.x) || a.i - b.i).map(({ x }) => x);
  }
  return result;
}
