// @ts-check
/**
 * `--dry-run -o yaml|json`: the objects that would be sent, printed like `kubectl … -o`.
 * One object prints as itself; several print as a `v1` `List`. Objects planned as text keep
 * every number as written (`RawNumber`s print as their text in both formats).
 * @module
 */
import { RawNumber, stringifyExact } from '../host/documents.js';
import { parseJsonExact } from './documents.js';
import { loadYaml } from './yaml.js';

/** A YAML tag that writes a {@link RawNumber} as its text, unquoted. */
const RAW_NUMBER_TAG = {
  identify: (/** @type {unknown} */ v) => v instanceof RawNumber,
  tag: 'tag:yaml.org,2002:float',
  default: true,
  resolve: (/** @type {string} */ s) => s,
  stringify: (/** @type {any} */ item) => /** @type {RawNumber} */ (item.value).text,
};

/**
 * @param {unknown[]} objects
 * @param {'yaml' | 'json'} format
 * @returns {string} ends with a newline (empty when there is nothing)
 */
export function formatObjects(objects, format) {
  if (!objects.length) return '';
  const value = objects.length === 1 ? objects[0] : { apiVersion: 'v1', kind: 'List', items: objects, metadata: { resourceVersion: '' } };
  if (format === 'json') return stringifyExact(value, 4) + '\n';
  return loadYaml().stringify(value, { lineWidth: 0, indentSeq: false, aliasDuplicateObjects: false, customTags: [RAW_NUMBER_TAG] });
}

/**
 * The object a dry run prints for one target: the plan's `result`, or — for a target planned as
 * text — the same object rebuilt from the texts with numbers kept: the created pod (the last
 * POST body), or the target with the new ephemeral container from the PATCH body.
 * @param {import('../host/run.js').TargetResult} r
 * @returns {unknown}
 */
export function dryRunObject(r) {
  const plan = /** @type {any} */ (r.plan);
  if ('result' in plan || r.text === undefined) return plan.result;
  const requests = /** @type {import('../core/index.js').TextApiRequest[]} */ (plan.requests);
  const post = requests.filter((q) => q.method === 'POST').at(-1);
  if (post) return parseJsonExact(post.body);
  const patch = requests.find((q) => q.method === 'PATCH');
  const target = parseJsonExact(r.text);
  if (!patch || !target || typeof target !== 'object') return target;
  const namespace = /^\/api\/v1\/namespaces\/([^/]+)\//.exec(patch.path)?.[1];
  target.metadata ??= {};
  if (namespace && !target.metadata.namespace) target.metadata.namespace = decodeURIComponent(namespace);
  const added = parseJsonExact(patch.body)?.spec?.ephemeralContainers ?? [];
  const name = plan.container?.name;
  const found = added.find((/** @type {any} */ c) => c?.name === name) ?? added.at(-1);
  if (!found) return target;
  // A strategic merge patch has its keys sorted; the result shows them in the plan's order.
  const container = orderLike(found, plan.container);
  target.spec ??= {};
  const list = Array.isArray(target.spec.ephemeralContainers) ? target.spec.ephemeralContainers : [];
  const at = list.findIndex((/** @type {any} */ c) => c?.name === container.name);
  if (at >= 0) list[at] = container;
  else list.push(container);
  target.spec.ephemeralContainers = list;
  return target;
}

/**
 * `value` with its object keys in `template`'s order (recursively; keys `template` lacks last).
 * @param {any} value
 * @param {any} template
 * @returns {any}
 */
function orderLike(value, template) {
  if (Array.isArray(value)) return value.map((v, i) => orderLike(v, Array.isArray(template) ? template[i] : undefined));
  if (!value || typeof value !== 'object' || value instanceof RawNumber || !template || typeof template !== 'object') return value;
  /** @type {Record<string, any>} */
  const out = {};
  for (const key of Object.keys(template)) if (key in value) out[key] = orderLike(value[key], template[key]);
  for (const key of Object.keys(value)) if (!(key in out)) out[key] = value[key];
  return out;
}
