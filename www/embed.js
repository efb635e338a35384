// @ts-check
/**
 * `<kubedebug-playground>`: the offline playground in an iframe, for docs pages.
 * `<script type="module" src="/kubedebug/www/embed.js"></script>`
 * `<kubedebug-playground command="kubectl debug mypod -it --image=busybox" example="pods/web-app"
 *    version="1.33" height="900"></kubedebug-playground>`
 * Attributes map to the page's URL state (see EMBEDDING.md); `src` overrides the page URL.
 * @module
 */
import { defaultState, encodeState } from './app/state.js';

const PAGE = new URL('./index.html?embed', import.meta.url).href;

export class KubedebugPlayground extends HTMLElement {
  static get observedAttributes() {
    return ['command', 'example', 'version', 'namespace', 'target', 'custom', 'format', 'suffixes', 'height', 'src'];
  }

  connectedCallback() {
    if (!this.firstElementChild) {
      const frame = document.createElement('iframe');
      frame.title = 'kubectl debug playground';
      frame.style.cssText = 'width:100%;border:1px solid #e2e8f0;border-radius:6px';
      this.append(frame);
    }
    this.render();
  }

  attributeChangedCallback() {
    if (this.isConnected) this.render();
  }

  render() {
    const frame = /** @type {HTMLIFrameElement | null} */ (this.querySelector('iframe'));
    if (!frame) return;
    const base = defaultState();
    const a = (/** @type {string} */ name) => this.getAttribute(name);
    const state = {
      ...base,
      line: a('command') ?? base.line,
      example: a('target') ? '' : (a('example') ?? base.example),
      target: a('target') ?? '',
      version: a('version') ?? base.version,
      namespace: a('namespace') ?? base.namespace,
      custom: a('custom') ?? '',
      format: /** @type {'yaml' | 'json'} */ (a('format') === 'json' ? 'json' : 'yaml'),
      suffixes: (a('suffixes') ?? '').split(',').filter(Boolean),
    };
    frame.src = `${a('src') ?? PAGE}#${encodeState(state)}`;
    frame.style.height = `${Number(a('height')) || 900}px`;
  }
}

if (!customElements.get('kubedebug-playground')) customElements.define('kubedebug-playground', KubedebugPlayground);
