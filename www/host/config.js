// @ts-check
/**
 * kubedebug's user configuration (not kubectl's): the config file's keys, checked, and what they
 * and `KUBEDEBUG_IMAGE` hand the core's session (`defaultImages`, `defaultImageSource`,
 * `defaultRm`, `defaultSessionLabel`). Which default applies, and only where kubectl would fail for lack of `--image`,
 * is the core's decision. Runtime neutral: the caller parses the file (YAML) and passes the value.
 *
 * ```yaml
 * image: busybox                          # for every profile
 * profiles:
 *   netadmin: { image: nicolaka/netshoot } # for --profile=netadmin
 * rm: true                                # --rm by default when attaching (--retain to keep)
 * sessionLabel: true                      # --session-label by default
 * ```
 * @module
 */
import { DebugError } from './errors.js';

/** The environment variable whose image beats the config file's (for every profile). */
export const IMAGE_ENV = 'KUBEDEBUG_IMAGE';

/** The built-in profiles a `profiles:` key may name. */
const PROFILES = ['legacy', 'general', 'baseline', 'restricted', 'netadmin', 'sysadmin'];

/**
 * @typedef {{
 *   path: string | null, image: string | null, profiles: Record<string, string>,
 *   rm: boolean, sessionLabel: boolean,
 * }} KubedebugConfig `path` null when no file was read; `profiles` maps a profile to its image;
 *   `sessionLabel` is the default of `--session-label` (the core applies it unless the flag is given)
 */

/** @type {KubedebugConfig} */
export const EMPTY_CONFIG = Object.freeze({ path: null, image: null, profiles: {}, rm: false, sessionLabel: false });

/**
 * @param {string} path
 * @param {string} key e.g. `profiles.netadmin.image`
 * @param {string} want
 * @param {string} [code]
 */
function configError(path, key, want, code = 'config/invalid-value') {
  return new DebugError(`invalid config file ${path}: ${key}: ${want}`, { code });
}

/** @param {unknown} v @returns {v is Record<string, unknown>} */
function isMap(v) {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * A non-empty string without whitespace or control characters (the core checks the reference).
 * @param {string} path @param {string} key @param {unknown} v
 */
function imageValue(path, key, v) {
  if (typeof v !== 'string' || !v || /[\s\x00-\x1f\x7f]/.test(v)) throw configError(path, key, 'want an image name, e.g. busybox');
  return v;
}

/** @param {string} path @param {string} key @param {unknown} v */
function boolValue(path, key, v) {
  if (typeof v !== 'boolean') throw configError(path, key, 'want true or false');
  return v;
}

/**
 * Check the config file's parsed value. An empty file (`null`) is an empty configuration.
 * @param {unknown} value the parsed YAML document
 * @param {string} path for the error messages
 * @returns {KubedebugConfig}
 * @throws {DebugError} `config/invalid` (not a mapping), `config/unknown-key`, `config/invalid-value`,
 *   each naming the file and the key
 */
export function checkConfig(value, path) {
  /** @type {KubedebugConfig} */
  const config = { ...EMPTY_CONFIG, path, profiles: {} };
  if (value === null || value === undefined) return config;
  if (!isMap(value)) throw configError(path, '(top level)', 'want a mapping of image, profiles, rm, sessionLabel', 'config/invalid');
  for (const [key, v] of Object.entries(value)) {
    if (key === 'image') config.image = imageValue(path, key, v);
    else if (key === 'rm') config.rm = boolValue(path, key, v);
    else if (key === 'sessionLabel') config.sessionLabel = boolValue(path, key, v);
    else if (key === 'profiles') config.profiles = profilesValue(path, v);
    else throw configError(path, key, 'unknown key (known: image, profiles, rm, sessionLabel)', 'config/unknown-key');
  }
  return config;
}

/**
 * @param {string} path @param {unknown} v
 * @returns {Record<string, string>}
 */
function profilesValue(path, v) {
  if (v === null) return {};
  if (!isMap(v)) throw configError(path, 'profiles', 'want a mapping of profile names, e.g. netadmin: { image: nicolaka/netshoot }');
  /** @type {Record<string, string>} */
  const out = {};
  for (const [name, entry] of Object.entries(v)) {
    const key = `profiles.${name}`;
    if (!PROFILES.includes(name)) throw configError(path, key, `unknown profile (known: ${PROFILES.join(', ')})`, 'config/unknown-key');
    if (!isMap(entry)) throw configError(path, key, 'want a mapping with image');
    for (const [k, x] of Object.entries(entry)) {
      if (k !== 'image') throw configError(path, `${key}.${k}`, 'unknown key (known: image)', 'config/unknown-key');
      out[name] = imageValue(path, `${key}.image`, x);
    }
  }
  return out;
}

/**
 * The session fields of the configuration: `KUBEDEBUG_IMAGE` (when set and not empty) replaces
 * the file's images, for every profile; otherwise the file's `profiles` and `image` (as `*`).
 * @param {KubedebugConfig} config
 * @param {Record<string, string | undefined>} env
 * @returns {{ defaultImages: Record<string, string>, defaultImageSource: string, defaultRm: boolean, defaultSessionLabel: boolean }}
 */
export function sessionDefaults(config, env) {
  const fromEnv = env[IMAGE_ENV];
  if (fromEnv) return { defaultImages: { '*': fromEnv }, defaultImageSource: IMAGE_ENV, defaultRm: config.rm, defaultSessionLabel: config.sessionLabel };
  /** @type {Record<string, string>} */
  const images = { ...config.profiles };
  if (config.image) images['*'] = config.image;
  return { defaultImages: images, defaultImageSource: config.path ?? '', defaultRm: config.rm, defaultSessionLabel: config.sessionLabel };
}
