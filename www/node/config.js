// @ts-check
/**
 * Finding and reading kubedebug's config file: `KUBEDEBUG_CONFIG`, else
 * `$XDG_CONFIG_HOME/kubedebug/config.yaml`, else `~/.config/kubedebug/config.yaml`. A missing
 * file at the default place is no configuration; a missing `KUBEDEBUG_CONFIG` file is an error.
 * The keys are checked by `../host/config.js`.
 * @module
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DebugError } from '../host/errors.js';
import { EMPTY_CONFIG, checkConfig } from '../host/config.js';
import { loadYaml } from './yaml.js';

/** The environment variable naming the config file. */
export const CONFIG_ENV = 'KUBEDEBUG_CONFIG';

/**
 * @param {Record<string, string | undefined>} env
 * @returns {{ path: string | null, explicit: boolean }} null when there is no home to look in
 */
export function configPath(env) {
  if (env[CONFIG_ENV]) return { path: /** @type {string} */ (env[CONFIG_ENV]), explicit: true };
  const base = env.XDG_CONFIG_HOME || (env.HOME ? join(env.HOME, '.config') : '');
  return { path: base ? join(base, 'kubedebug', 'config.yaml') : null, explicit: false };
}

/**
 * Read and check the config file.
 * @param {Record<string, string | undefined>} env
 * @returns {Promise<import('../host/config.js').KubedebugConfig>}
 * @throws {import('../host/errors.js').DebugError} `config/unreadable`, `config/invalid-yaml`, or a key's error
 */
export async function loadConfig(env) {
  const { path, explicit } = configPath(env);
  if (!path) return EMPTY_CONFIG;
  let text;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    if (/** @type {any} */ (err)?.code === 'ENOENT' && !explicit) return EMPTY_CONFIG;
    throw new DebugError(`cannot read config file ${path}: ${err instanceof Error ? err.message : String(err)}`, { code: 'config/unreadable', cause: err });
  }
  const doc = loadYaml().parseDocument(text, { prettyErrors: false });
  if (doc.errors.length) {
    const first = doc.errors[0];
    throw new DebugError(`invalid config file ${path}: ${first.message}`, { code: 'config/invalid-yaml', cause: first });
  }
  return checkConfig(doc.toJS(), path);
}
