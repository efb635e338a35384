// @ts-check
/**
 * kubedebug for browsers and bundlers (the `browser` condition of the package's `.`): no Node
 * built-ins. `await init()` loads `pkg/kubedebug_bg.wasm` through
 * `new URL('kubedebug_bg.wasm', import.meta.url)`, which Vite and webpack 5 emit as an asset
 * with no configuration; `init(url)` takes another place (esbuild: see the README's Install).
 * Calling a function before `init()` has finished throws a `DebugError` (`wasm/not-initialised`).
 * @module
 */
export * from './api.js';
export { init as default } from '../core/index.js';
