// @ts-check
/**
 * The offline playground controller: keeps the command line, the form, the pasted target and
 * the URL hash in sync, and re-plans on every edit — in a Web Worker (compute-client.js), so a
 * large paste never freezes the page; only the newest edit's plan is shown. Only the Wasm API
 * is needed; no network beyond fetching bundled examples from the same origin.
 * @module
 */
import * as YAML from 'yaml';
import { createComputeClient } from './compute-client.js';
import { createForm } from './form.js';
import { renderOutcome } from './render.js';
import { decodeState, encodeState } from './state.js';
import { parseDocuments, targetName } from './documents.js';
import { copyText, downloadText, readFileText } from './clipboard.js';

/** @typedef {import('../host/wasm.js').Kubedebug} Kubedebug */
/** @typedef {import('./state.js').PlaygroundState} PlaygroundState */

/** The largest target or profile file the page reads (the CLI's default `--max-input-size`). */
export const MAX_FILE_BYTES = 8 * 1024 * 1024;
/** A URL fragment longer than this leaves the pasted object out (browsers cap URLs near 2 MB). */
const MAX_HASH_CHARS = 1024 * 1024;

/**
 * @param {{ api: Kubedebug, doc?: Document, win?: Window, wasmUrl?: string | URL, worker?: boolean }} deps
 *   `wasmUrl`: the module the planning worker loads (default `pkg/kubedebug_bg.wasm` beside `www/`);
 *   `worker: false` plans on the main thread
 */
export async function mountPlayground({ api, doc = document, win = window, wasmUrl, worker = true }) {
  const $ = (/** @type {string} */ id) => /** @type {any} */ (doc.getElementById(id));
  /** @type {(() => void)[]} */
  const disposables = [];
  /** @param {EventTarget} target @param {string} type @param {(e: any) => void} fn */
  const on = (target, type, fn) => {
    target.addEventListener(type, fn);
    disposables.push(() => target.removeEventListener(type, fn));
  };

  let state = decodeState(win.location.hash);
  let targetText = '';
  let manifestText = '';
  /** @type {import('./compute.js').Outcome | null} */
  let outcome = null;
  /** @type {((outcome: import('./compute.js').Outcome, state: PlaygroundState) => void)[]} */
  const listeners = [];

  const form = createForm($('options-form'), {
    onChange: () => fromForm(),
    quote: api.shellQuote,
    split: api.splitCommandLine,
  });
  disposables.push(() => form.dispose());
  const versions = api.kubectlVersions();
  $('version').replaceChildren(...versions.map((v) => new Option(`kubectl ${v}`, v)));
  const computer = createComputeClient({
    api, yaml: YAML, useWorker: worker,
    yamlUrl: resolveModule('yaml'),
    wasmUrl: new URL(wasmUrl ?? new URL('../../pkg/kubedebug_bg.wasm', import.meta.url)).href,
  });
  disposables.push(() => computer.dispose());
  doc.body.dataset.compute = computer.inWorker ? 'worker' : 'main';
  let generation = 0;
  const examples = await fetchJson(new URL('examples/index.json', doc.baseURI).href).catch(() => []);
  $('example').replaceChildren(new Option('(pasted)', ''),
    ...examples.map((/** @type {any} */ e) => new Option(e.title, e.id)));

  /**
   * Re-plan and show; `source` says which input changed (it is not rewritten). While a plan is
   * being computed `body[data-computing]` is set; an older plan that finishes after a newer
   * edit is dropped.
   */
  const update = async (/** @type {'line' | 'form' | 'load'} */ source) => {
    if (!(/** @type {string[]} */ (versions)).includes(state.version)) state.version = versions[versions.length - 1];
    const mine = ++generation;
    doc.body.dataset.computing = 'true';
    const next = await computer.compute(state, targetText);
    if (mine !== generation || !next) return;
    delete doc.body.dataset.computing;
    doc.body.dataset.compute = computer.inWorker ? 'worker' : 'main';
    outcome = next;
    form.clearErrors();
    for (const id of ['err-line', 'err-object', 'err-version']) $(id).textContent = '';
    if (outcome.parsed && source !== 'form') form.write(outcome.parsed.options, outcome.parsed.namespace);
    if (outcome.error) {
      const { field, message } = outcome.error;
      const shown = field === 'object' || field === 'version' ? false : form.showError(field, message);
      const id = field === 'object' ? 'err-object' : field === 'version' ? 'err-version' : 'err-line';
      if (!shown) $(id).textContent = message;
    }
    $('equivalent').textContent = outcome.parsed
      ? api.commandLine(outcome.parsed.options, outcome.parsed.namespace ?? undefined) : '';
    manifestText = renderOutcome({
      manifest: $('manifest'), manifestTitle: $('manifest-title'), requests: $('requests'), stdout: $('stdout'),
      stderr: $('stderr'), notes: $('notes'), diff: $('diff'), diffSummary: $('diff-summary'), journey: $('journey'),
      additions: $('additions'),
    }, outcome, state.format);
    const journey = outcome.plans.at(-1)?.journey;
    if (journey) $('journey-select').value = journey;
    if (source !== 'line' && $('line').value !== state.line) $('line').value = state.line;
    let hash = '#' + encodeState(state);
    if (hash.length > MAX_HASH_CHARS) hash = '#' + encodeState({ ...state, target: '' });
    if (win.location.hash !== hash) win.history.replaceState(null, '', hash);
    $('share-link').href = win.location.href;
    doc.body.dataset.ready = 'true';
    for (const fn of listeners) fn(outcome, state);
  };

  const fromForm = () => {
    const { options, namespace, extraArgs } = form.read();
    let line;
    try {
      line = api.commandLine(options, namespace || undefined);
    } catch (err) {
      line = state.line;
    }
    state.line = [line, ...extraArgs.map(api.shellQuote)].join(' ');
    $('line').value = state.line;
    update('form');
  };

  /** Load a target text; `retarget` points the command line at the object. */
  const setTarget = (/** @type {string} */ text, /** @type {boolean} */ retarget) => {
    targetText = text;
    $('target-text').value = text;
    if (!retarget) return;
    try {
      const obj = parseDocuments(text)[0];
      if (!obj) return;
      const parsed = api.parseArgs(state.line, { kubectlVersion: state.version });
      const name = targetName(obj);
      if (!(parsed.options.filename ?? []).length) parsed.options.targets = [name];
      if (obj.kind === 'Node') parsed.options.copyTo = '';
      state.line = api.commandLine(parsed.options, parsed.namespace ?? undefined);
      if (obj.metadata?.namespace) state.namespace = obj.metadata.namespace;
    } catch {
      // The line does not parse (yet): leave it, its error shows.
    }
  };

  const loadExample = async (/** @type {string} */ id, /** @type {boolean} */ retarget) => {
    const text = await fetchText(new URL(`examples/${id}.json`, doc.baseURI).href);
    state.example = id;
    state.target = '';
    $('example').value = id;
    setTarget(text, retarget);
  };

  const load = async () => {
    $('version').value = state.version;
    $('format').value = state.format;
    $('custom-text').value = state.custom;
    $('pss-enforce').value = state.enforce;
    $('pss-version').value = state.enforceVersion;
    if (state.enforce || state.enforceVersion) $('pss-box').setAttribute('open', '');
    $('line').value = state.line;
    form.setProfiles([...api.profiles(state.version), 'auto']);
    if (state.target) {
      $('example').value = '';
      setTarget(state.target, false);
    } else if (state.example) {
      await loadExample(state.example, false).catch((err) => {
        targetText = '';
        $('err-object').textContent = `cannot load example ${state.example}: ${err.message}`;
      });
    }
    await update('load');
  };

  on($('line'), 'input', () => { state.line = $('line').value; update('line'); });
  on($('version'), 'change', () => {
    state.version = $('version').value;
    form.setProfiles([...api.profiles(state.version), 'auto']);
    update('load');
  });
  on($('format'), 'change', () => { state.format = $('format').value === 'json' ? 'json' : 'yaml'; update('load'); });
  on($('example'), 'change', async () => {
    const id = $('example').value;
    if (id) await loadExample(id, true).catch((err) => { $('err-object').textContent = err.message; });
    update('load');
  });
  on($('target-text'), 'input', () => {
    targetText = $('target-text').value;
    state.target = targetText;
    state.example = '';
    $('example').value = '';
    update('load');
  });
  /** @param {File} file */
  const tooLarge = (file) => {
    if (file.size <= MAX_FILE_BYTES) return false;
    $('err-object').textContent = `${file.name} is larger than the input size limit of ${MAX_FILE_BYTES} bytes`;
    return true;
  };
  on($('target-file'), 'change', async () => {
    const file = $('target-file').files?.[0];
    if (!file || tooLarge(file)) return;
    const text = await readFileText(file);
    state.target = text;
    state.example = '';
    $('example').value = '';
    setTarget(text, true);
    update('load');
  });
  on($('custom-text'), 'input', () => { state.custom = $('custom-text').value; update('load'); });
  on($('pss-enforce'), 'change', () => { state.enforce = $('pss-enforce').value; update('load'); });
  on($('pss-version'), 'input', () => { state.enforceVersion = $('pss-version').value.trim(); update('load'); });
  on($('custom-file'), 'change', async () => {
    const file = $('custom-file').files?.[0];
    if (!file || tooLarge(file)) return;
    state.custom = await readFileText(file);
    $('custom-text').value = state.custom;
    const control = form.control('custom');
    if (control && !control.value) {
      control.value = file.name;
      fromForm();
    } else update('load');
  });
  on($('journey-select'), 'change', async () => {
    const journey = $('journey-select').value;
    const control = form.control('copyTo');
    const isNode = outcome?.object?.kind === 'Node';
    if (journey === 'node' && !isNode) await loadExample('nodes/node-a', true).catch(() => {});
    else if (journey !== 'node' && isNode) await loadExample('pods/web-app', true).catch(() => {});
    else if (control) {
      const name = outcome?.object?.metadata?.name ?? 'mypod';
      control.value = journey === 'copy' ? (control.value || `${name}-debug`) : '';
      fromForm();
      return;
    }
    if (journey === 'copy') {
      const parsed = api.parseArgs(state.line, { kubectlVersion: state.version });
      parsed.options.copyTo = `${parsed.options.targets[0] ?? 'mypod'}-debug`;
      state.line = api.commandLine(parsed.options, parsed.namespace ?? undefined);
    }
    update('load');
  });
  on($('copy-manifest'), 'click', () => copyText(manifestText, $('copy-manifest')));
  on($('copy-command'), 'click', () => copyText($('equivalent').textContent ?? '', $('copy-command')));
  on($('download-manifest'), 'click', () => {
    const name = outcome?.plans.at(-1)?.result?.metadata?.name ?? 'debug-pod';
    downloadText(manifestText, `${name}.${state.format}`, doc);
  });
  on(win, 'hashchange', async () => {
    state = decodeState(win.location.hash);
    await load();
  });

  await load();
  return {
    get state() { return state; },
    get outcome() { return outcome; },
    get targetText() { return targetText; },
    /** @param {(outcome: import('./compute.js').Outcome, state: PlaygroundState) => void} fn */
    onUpdate(fn) { listeners.push(fn); },
    /** Point the playground at an object read from a cluster. */
    useObject(/** @type {any} */ obj) {
      state.target = JSON.stringify(obj, null, 2);
      state.example = '';
      $('example').value = '';
      setTarget(state.target, true);
      update('load');
    },
    setNamespace(/** @type {string} */ namespace) {
      state.namespace = namespace;
      update('load');
    },
    dispose() {
      while (disposables.length) /** @type {() => void} */ (disposables.pop())();
    },
  };
}

/** @typedef {Awaited<ReturnType<typeof mountPlayground>>} Playground */

/**
 * A bare module name as the page's import map resolves it (the worker has no import map).
 * @param {string} name
 * @returns {string | null}
 */
function resolveModule(name) {
  try {
    return typeof import.meta.resolve === 'function' ? import.meta.resolve(name) : null;
  } catch {
    return null;
  }
}

/** @param {string} url */
async function fetchText(url) {
  const res = await fetch(url);
  if (!res.ok) throw new Error(`${res.status} ${res.statusText}`);
  return res.text();
}

/** @param {string} url */
async function fetchJson(url) {
  return JSON.parse(await fetchText(url));
}
