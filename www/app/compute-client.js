// @ts-check
/**
 * Runs compute.js's pipeline off the main thread (compute-worker.js) and hands back only the
 * newest answer: an edit made while an older one is being planned supersedes it, and a plan
 * that has run for a while is abandoned (the worker is replaced) rather than waited for.
 * Without Worker support, or if the worker cannot start, it plans on the main thread.
 * @module
 */
import { compute } from './compute.js';

/** @typedef {import('./compute.js').Outcome} Outcome */
/** @typedef {import('./state.js').PlaygroundState} PlaygroundState */

/** A superseded plan that has run this long is abandoned by replacing the worker. */
const ABANDON_AFTER_MS = 250;

/**
 * @param {{
 *   api: import('../host/wasm.js').Kubedebug,
 *   yaml: import('../host/documents.js').YamlModule,
 *   yamlUrl?: string | null,
 *   wasmUrl?: string | null,
 *   useWorker?: boolean,
 * }} options `yamlUrl`/`wasmUrl`: where the worker loads them; no worker without both
 */
export function createComputeClient(options) {
  const { api, yaml } = options;
  /** @type {Worker | null} */
  let worker = null;
  let nextId = 0;
  /** @type {{ id: number, started: number, resolve: (o: Outcome | null) => void } | null} */
  let running = null;
  /** @type {{ state: PlaygroundState, targetText: string, resolve: (o: Outcome | null) => void } | null} */
  let queued = null;
  let broken = !(options.useWorker ?? true) || typeof Worker === 'undefined' || !options.yamlUrl || !options.wasmUrl;

  const start = () => {
    const w = new Worker(new URL('./compute-worker.js', import.meta.url), { type: 'module' });
    w.postMessage({ type: 'init', yamlUrl: options.yamlUrl, wasmUrl: options.wasmUrl });
    w.addEventListener('message', (event) => {
      const msg = event.data;
      if (msg?.type === 'failed') fallBack();
      if (typeof msg?.id !== 'number' || !running || msg.id !== running.id) return;
      const done = running;
      running = null;
      done.resolve(msg.outcome);
      pump();
    });
    w.addEventListener('error', () => fallBack());
    return w;
  };

  /** The worker failed: plan what is pending on the main thread from now on. */
  const fallBack = () => {
    broken = true;
    worker?.terminate();
    worker = null;
    const job = running;
    running = null;
    if (job) job.resolve(null);
    pump();
  };

  const pump = () => {
    if (running || !queued) return;
    const job = queued;
    queued = null;
    if (broken) {
      job.resolve(compute(api, job.state, job.targetText, yaml));
      return;
    }
    worker ??= start();
    running = { id: ++nextId, started: Date.now(), resolve: job.resolve };
    worker.postMessage({ id: running.id, state: job.state, targetText: job.targetText });
  };

  return {
    /** True while plans run in the worker. */
    get inWorker() { return !broken; },
    /**
     * Plan `state` against `targetText`; resolves with the outcome, or null when a newer call
     * superseded this one.
     * @param {PlaygroundState} state
     * @param {string} targetText
     * @returns {Promise<Outcome | null>}
     */
    compute(state, targetText) {
      return new Promise((resolve) => {
        queued?.resolve(null);
        queued = { state: structuredClone(state), targetText, resolve };
        if (running && Date.now() - running.started > ABANDON_AFTER_MS) {
          worker?.terminate();
          worker = null;
          const old = running;
          running = null;
          old.resolve(null);
        }
        pump();
      });
    },
    dispose() {
      worker?.terminate();
      worker = null;
    },
  };
}
