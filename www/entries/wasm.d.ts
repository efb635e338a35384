/**
 * `kubedebug/wasm`: the Wasm module file, for hosts that load it themselves. What an import
 * gives depends on the bundler (esbuild with `--loader:.wasm=file`: its URL).
 */
declare const wasm: string;
export default wasm;
