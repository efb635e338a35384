// @ts-check
/** Node: load the Wasm package from disk, synchronously. @module */
import { readFileSync } from 'node:fs';
import { loadKubedebugSync } from '../host/wasm.js';

/** @returns {import('../host/wasm.js').Kubedebug} */
export function loadKubedebugNode() {
  return loadKubedebugSync(readFileSync(new URL('../../pkg/kubedebug_bg.wasm', import.meta.url)));
}
