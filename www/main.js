// @ts-check
/**
 * Browser entry: load the Wasm core, mount the offline playground and the live panel.
 * No Kubernetes logic here.
 * @module
 */
import { loadKubedebug } from './host/wasm.js';
import { mountPlayground } from './app/playground.js';
import { takeServeToken } from './app/connection.js';

const status = /** @type {HTMLElement} */ (document.getElementById('load-status'));
// `?embed` (an iframe in docs): the playground alone, without header and live panel.
if (new URLSearchParams(location.search).has('embed')) document.body.classList.add('embedded');

// `kubedebug serve`'s access token comes in the URL fragment: taken out before the playground
// reads (and rewrites) the fragment, so it never reaches a shared link.
const serveToken = takeServeToken(window);

try {
  const api = await loadKubedebug(new URL('../pkg/kubedebug_bg.wasm', import.meta.url));
  document.getElementById('library-version')?.append(`kubedebug ${api.version()}`);
  const playground = await mountPlayground({ api });
  status.textContent = '';
  // The live panel (xterm) loads only when the page is not embedded as a bare playground.
  if (!document.body.classList.contains('embedded')) {
    const { mountLive } = await import('./app/live.js');
    const live = await mountLive({ api, playground, serveToken });
    window.addEventListener('pagehide', () => { live.dispose(); playground.dispose(); }, { once: true });
  }
  document.body.dataset.live = 'ready';
} catch (err) {
  status.textContent = `Cannot start: ${err instanceof Error ? err.message : String(err)}`;
  status.dataset.kind = 'error';
  throw err;
}
