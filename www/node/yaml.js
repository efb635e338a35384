// @ts-check
/**
 * The `yaml` package, loaded on first use: only `-f` files and `--dry-run -o yaml` need it, and
 * importing it costs more than the rest of a dry run's startup.
 * @module
 */
import { createRequire } from 'node:module';

/** @type {typeof import('yaml') | null} */
let yaml = null;

/** @returns {typeof import('yaml')} */
export function loadYaml() {
  yaml ??= /** @type {typeof import('yaml')} */ (createRequire(import.meta.url)('yaml'));
  return yaml;
}
