// Complete pkg/ after wasm-bindgen: the typed API (index.js, index.d.ts) and package.json.
import { copyFile, readFile, writeFile } from 'node:fs/promises';

const root = new URL('../../', import.meta.url);
const src = new URL('www/pkg-src/', root);
const pkg = new URL('pkg/', root);
for (const f of ['index.js', 'index.d.ts']) await copyFile(new URL(f, src), new URL(f, pkg));
const { version } = JSON.parse(await readFile(new URL('package.json', root), 'utf8'));
const manifest = {
  name: 'kubedebug-wasm',
  version,
  description: 'What `kubectl debug` would send, computed by a Wasm core (generated; do not edit).',
  type: 'module',
  main: 'index.js',
  types: 'index.d.ts',
  exports: { '.': { types: './index.d.ts', default: './index.js' }, './kubedebug_bg.wasm': './kubedebug_bg.wasm' },
  files: ['index.js', 'index.d.ts', 'kubedebug.js', 'kubedebug.d.ts', 'kubedebug_bg.wasm', 'kubedebug_bg.wasm.d.ts'],
  sideEffects: false,
};
await writeFile(new URL('package.json', pkg), JSON.stringify(manifest, null, 2) + '\n');
