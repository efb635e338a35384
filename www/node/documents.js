// @ts-check
/** `-f` files as kubectl reads them: JSON or YAML documents. @module */
import { DebugError } from '../host/errors.js';
import { loadYaml } from './yaml.js';

/**
 * Parse `-f` files like kubectl: JSON or (multi-document) YAML; `*List` objects are flattened.
 * @param {string} text
 * @param {string} path
 * @returns {any[]}
 */
export function parseDocuments(text, path) {
  /** @type {any[]} */
  const out = [];
  for (const doc of loadYaml().parseAllDocuments(text)) {
    if (doc.errors.length) {
      throw new DebugError(`error parsing ${path}: ${doc.errors[0].message}`, { code: 'file/parse', cause: doc.errors[0] });
    }
    const value = doc.toJS();
    if (value === null || value === undefined) continue;
    for (const d of Array.isArray(value) ? value : [value]) {
      if (typeof d?.kind === 'string' && d.kind.endsWith('List') && Array.isArray(d.items)) out.push(...d.items);
      else out.push(d);
    }
  }
  return out;
}
