// @ts-check
/**
 * `--dry-run -o yaml|json`: the objects that would be sent, printed like `kubectl … -o`.
 * One object prints as itself; several print as a `v1` `List`.
 * @module
 */
import { loadYaml } from './yaml.js';

/**
 * @param {object[]} objects
 * @param {'yaml' | 'json'} format
 * @returns {string} ends with a newline (empty when there is nothing)
 */
export function formatObjects(objects, format) {
  if (!objects.length) return '';
  const value = objects.length === 1 ? objects[0] : { apiVersion: 'v1', kind: 'List', items: objects, metadata: { resourceVersion: '' } };
  if (format === 'json') return JSON.stringify(value, null, 4) + '\n';
  return loadYaml().stringify(value, { lineWidth: 0, indentSeq: false, aliasDuplicateObjects: false });
}
