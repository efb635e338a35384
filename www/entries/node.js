// @ts-check
/**
 * kubedebug for Node (the `node` condition of the package's `.`): ready on import. The Wasm is
 * read from this package and instantiated synchronously (no top-level await, so
 * `require('kubedebug')` works too); `init()` is there for code shared with browsers and does
 * nothing more.
 * @module
 */
import { readFileSync } from 'node:fs';
import { initSync } from '../core/index.js';

initSync({ module: readFileSync(new URL('../../pkg/kubedebug_bg.wasm', import.meta.url)) });

export * from './api.js';

/**
 * Already done on import; kept so that code written for browsers runs unchanged.
 * @param {unknown} [_input] ignored
 * @returns {Promise<void>}
 */
export async function init(_input) {}
export default init;
