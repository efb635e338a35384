// @ts-check
/**
 * Pasted or uploaded Kubernetes objects: YAML or JSON text → objects, like kubectl's `-f`
 * (multi-document YAML, JSON arrays and `*List` objects are flattened), and back to text.
 * Works in browsers (the `yaml` package's browser build via the import map) and in Node.
 * @module
 */
import { parseAllDocuments, stringify } from 'yaml';

/**
 * A parse failure of pasted text; `code` tells the page which field to mark.
 */
export class DocumentError extends Error {
  /**
   * @param {string} message
   * @param {{ cause?: unknown }} [options]
   */
  constructor(message, options = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'DocumentError';
    this.code = 'page/parse';
  }
}

/**
 * @param {string} text YAML or JSON
 * @param {string} [what] shown in the error, e.g. the file name
 * @returns {any[]} the objects, in order (empty text → none)
 */
export function parseDocuments(text, what = 'the pasted object') {
  /** @type {any[]} */
  const out = [];
  let docs;
  try {
    docs = parseAllDocuments(text);
  } catch (err) {
    throw new DocumentError(`error parsing ${what}: ${errorText(err)}`, { cause: err });
  }
  for (const doc of Array.isArray(docs) ? docs : [docs]) {
    if ('errors' in doc && doc.errors.length) {
      throw new DocumentError(`error parsing ${what}: ${doc.errors[0].message}`, { cause: doc.errors[0] });
    }
    const value = doc.toJS();
    if (value === null || value === undefined) continue;
    for (const item of Array.isArray(value) ? value : [value]) {
      if (typeof item?.kind === 'string' && item.kind.endsWith('List') && Array.isArray(item.items)) out.push(...item.items);
      else out.push(item);
    }
  }
  for (const obj of out) {
    if (!obj || typeof obj !== 'object' || Array.isArray(obj)) {
      throw new DocumentError(`error parsing ${what}: expected an object, got ${JSON.stringify(obj)}`);
    }
  }
  return out;
}

/**
 * An object as YAML (kubectl's `-o yaml` look: block style, no line folding) or JSON.
 * @param {unknown} value
 * @param {'yaml' | 'json'} format
 * @returns {string}
 */
export function formatObject(value, format) {
  if (format === 'json') return JSON.stringify(value, null, 2) + '\n';
  return stringify(value, { lineWidth: 0, aliasDuplicateObjects: false });
}

/**
 * `pods/NAME` or `node/NAME`: how the command line names an object.
 * @param {any} obj
 * @returns {string}
 */
export function targetName(obj) {
  const name = obj?.metadata?.name ?? '';
  return obj?.kind === 'Node' ? `node/${name}` : name;
}

/** @param {unknown} err */
function errorText(err) {
  return err instanceof Error ? err.message : String(err);
}
