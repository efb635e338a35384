// @ts-check
/**
 * Loads the Wasm package once and hands out its API. Runtime-neutral: the caller passes
 * the module bytes (Node) or nothing/a URL (browsers, which fetch `pkg/kubedebug_bg.wasm`).
 * @module
 */
import * as api from '../core/index.js';

/** @typedef {typeof api} Kubedebug */

/** @type {Promise<Kubedebug> | null} */
let ready = null;
let initialised = false;

/**
 * Initialise from bytes you already have (Node: `fs.readFileSync`), synchronously.
 * @param {BufferSource | WebAssembly.Module} bytes
 * @returns {Kubedebug}
 */
export function loadKubedebugSync(bytes) {
  if (!initialised) {
    api.initSync({ module: bytes });
    initialised = true;
    ready = Promise.resolve(api);
  }
  return api;
}

/**
 * Initialise once (later calls share the first); browsers fetch the module next to the package.
 * @param {RequestInfo | URL | BufferSource} [source]
 * @returns {Promise<Kubedebug>}
 */
export function loadKubedebug(source) {
  if (!ready) {
    ready = api.init(source === undefined ? undefined : { module_or_path: source }).then(() => {
      initialised = true;
      return api;
    });
  }
  return ready;
}
