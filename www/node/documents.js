// @ts-check
/**
 * `-f` documents for Node: the shared parser (`../host/documents.js`) with the `yaml`
 * package loaded on first use.
 * @module
 */
import { parseDocumentObjects, parseDocumentTexts, parseExact } from '../host/documents.js';
import { loadYaml } from './yaml.js';

/**
 * Parse `-f` text like kubectl: JSON or (multi-document) YAML; `*List` objects are flattened.
 * @param {string} text
 * @param {string} path
 * @returns {any[]} the objects (numbers as JS numbers)
 */
export function parseDocuments(text, path) {
  return parseDocumentObjects(loadYaml(), text, path);
}

/**
 * The same documents as JSON text, every number as written: what the CLI plans and sends.
 * @param {string} text
 * @param {string} path
 * @returns {import('../host/documents.js').DocumentText[]}
 */
export function parseDocumentsText(text, path) {
  return parseDocumentTexts(loadYaml(), text, path);
}

/**
 * JSON text as a tree whose numbers keep their text, for printing.
 * @param {string} text
 */
export function parseJsonExact(text) {
  return parseExact(loadYaml(), text);
}
