// @ts-check
/** Node: load the Wasm package from disk. @module */
import { readFileSync } from 'node:fs';
import { loadKubedebugSync } from '../host/wasm.js';

const WASM = new URL('../../pkg/kubedebug_bg.wasm', import.meta.url);

/** @returns {import('../host/wasm.js').Kubedebug} */
export function loadKubedebugNode() {
  return loadKubedebugSync(readFileSync(WASM));
}

/**
 * The same, compiled off the main thread (`WebAssembly.compile`), so that the caller can load
 * its modules meanwhile.
 * @returns {Promise<import('../host/wasm.js').Kubedebug>}
 */
export async function loadKubedebugNodeAsync() {
  return loadKubedebugSync(await WebAssembly.compile(readFileSync(WASM)));
}
