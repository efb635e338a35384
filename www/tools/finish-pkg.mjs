// @ts-check
/**
 * Complete pkg/ after wasm-bindgen: package.json, and two exports added to wasm-bindgen's glue
 * for the trap recovery of the JS API (`www/core/index.js`, which imports the glue from here):
 * re-instantiate the compiled module (a trapped instance is dropped with its memory) and read
 * the memory's size.
 * @module
 */
import { readFile, writeFile } from 'node:fs/promises';

const root = new URL('../../', import.meta.url);
const pkg = new URL('pkg/', root);

const MARK = '// Added by www/tools/finish-pkg.mjs for www/core/index.js.';

/**
 * Append `code` after checking that the glue still has the names it relies on (a later
 * wasm-bindgen may rename them: then this build fails rather than the recovery at run time).
 * @param {string} file
 * @param {string[]} expected
 * @param {string} code
 */
async function extend(file, expected, code) {
  const url = new URL(file, pkg);
  const text = await readFile(url, 'utf8');
  if (text.includes(MARK)) return;
  for (const needle of expected) {
    if (!text.includes(needle)) throw new Error(`pkg/${file}: wasm-bindgen's glue changed (no \`${needle}\`): update www/tools/finish-pkg.mjs`);
  }
  await writeFile(url, `${text.trimEnd()}\n\n${MARK}\n${code}`);
}
await extend('kubedebug.js', ['let wasmModule, wasmInstance, wasm;', 'function initSync(module) {', 'if (wasm !== undefined) return wasm;'], `\
export function __kubedebugReinstantiate() {
    const module = wasmModule;
    wasm = undefined;
    wasmInstance = undefined;
    return initSync({ module });
}
export function __kubedebugMemoryBytes() {
    return wasm === undefined ? 0 : wasm.memory.buffer.byteLength;
}
`);
await extend('kubedebug.d.ts', ['export function initSync('], `\
/** A fresh instance of the compiled module (the current one is dropped). */
export function __kubedebugReinstantiate(): InitOutput;
/** The current instance's memory size in bytes (0 before loading). */
export function __kubedebugMemoryBytes(): number;
`);

const { version } = JSON.parse(await readFile(new URL('package.json', root), 'utf8'));
const manifest = {
  name: 'kubedebug-wasm',
  version,
  description: 'What `kubectl debug` would send, computed by a Wasm core (generated; do not edit).',
  type: 'module',
  main: 'kubedebug.js',
  types: 'kubedebug.d.ts',
  exports: { '.': { types: './kubedebug.d.ts', default: './kubedebug.js' }, './kubedebug_bg.wasm': './kubedebug_bg.wasm' },
  files: ['kubedebug.js', 'kubedebug.d.ts', 'kubedebug_bg.wasm', 'kubedebug_bg.wasm.d.ts'],
  sideEffects: false,
};
await writeFile(new URL('package.json', pkg), JSON.stringify(manifest, null, 2) + '\n');
