// @ts-check
/**
 * Pasted or uploaded Kubernetes objects in the page: YAML or JSON text → objects, read like
 * kubectl's `-f` (the shared `host/documents.js` with the `yaml` package of the import map),
 * and back to text. Works in browsers and in Node.
 * @module
 */
import * as YAML from 'yaml';
import { DocumentError, parseDocumentObjects } from '../host/documents.js';

export { DocumentError };

/**
 * @param {string} text YAML or JSON
 * @param {string} [what] shown in the error, e.g. the file name
 * @returns {any[]} the objects, in order (empty text → none)
 */
export function parseDocuments(text, what = 'the pasted object') {
  return parseDocumentObjects(YAML, text, what, { code: 'page/parse' });
}

/**
 * An object as YAML (kubectl's `-o yaml` look: block style, no line folding) or JSON.
 * @param {unknown} value
 * @param {'yaml' | 'json'} format
 * @returns {string}
 */
export function formatObject(value, format) {
  if (format === 'json') return JSON.stringify(value, null, 2) + '\n';
  return YAML.stringify(value, { lineWidth: 0, aliasDuplicateObjects: false });
}

/** The workload kinds a target may name (issue 14), by kind: the type the command line uses. */
const WORKLOAD_TYPES = /** @type {Record<string, string>} */ ({
  Deployment: 'deployment', StatefulSet: 'statefulset', DaemonSet: 'daemonset', ReplicaSet: 'replicaset',
  ReplicationController: 'replicationcontroller', Job: 'job', CronJob: 'cronjob',
});

/**
 * `NAME` (a pod), `node/NAME` or `deployment/NAME` (a workload): how the command line names an object.
 * @param {any} obj
 * @returns {string}
 */
export function targetName(obj) {
  const name = obj?.metadata?.name ?? '';
  if (obj?.kind === 'Node') return `node/${name}`;
  const type = WORKLOAD_TYPES[obj?.kind];
  return type ? `${type}/${name}` : name;
}
