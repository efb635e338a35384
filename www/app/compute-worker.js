// @ts-check
/**
 * The playground's planning in a Web Worker (module worker), so that parsing and planning a
 * large paste never blocks the page. The first message names the `yaml` module's URL (module
 * workers have no import map) and the Wasm's URL; every later one is `{ id, state, targetText }`
 * and is answered `{ id, outcome }` with compute.js's outcome.
 * @module
 */
import { loadKubedebug } from '../host/wasm.js';
import { compute } from './compute.js';

/** @type {Promise<{ api: import('../host/wasm.js').Kubedebug, yaml: import('../host/documents.js').YamlModule }> | null} */
let ready = null;
/**
 * The worker's global scope (the DOM library has no `DedicatedWorkerGlobalScope`).
 * @type {{ addEventListener(type: 'message', listener: (event: MessageEvent) => void): void, postMessage(message: unknown): void }}
 */
const scope = /** @type {any} */ (globalThis);

scope.addEventListener('message', async (event) => {
  const msg = event.data;
  if (msg?.type === 'init') {
    ready = Promise.all([loadKubedebug(new URL(msg.wasmUrl)), import(msg.yamlUrl)])
      .then(([api, yaml]) => ({ api, yaml }));
    ready.then(() => scope.postMessage({ type: 'ready' }), (err) => scope.postMessage({ type: 'failed', message: String(err) }));
    return;
  }
  if (!ready) return;
  const { api, yaml } = await ready;
  scope.postMessage({ id: msg.id, outcome: compute(api, msg.state, msg.targetText, yaml) });
});
