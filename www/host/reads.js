// @ts-check
/**
 * The API objects the core asks for before planning (`prepared.needs.reads`: the namespace for
 * `--profile=auto` and `--preflight`), read and answered as `session.reads`. Only I/O: what an
 * answer means (not found, forbidden) is the core's decision.
 * @module
 */
import { ApiError } from './errors.js';

/** @typedef {import('../core/index.js').Read} Read */
/** @typedef {import('../core/index.js').ReadResult} ReadResult */

/**
 * GET each read; a refused read is answered with the server's `Status`, a host without a
 * client with a `{ message }` saying so.
 * @param {import('./kube.js').KubeClient | null} kube
 * @param {Read[]} reads
 * @param {AbortSignal} [signal]
 * @returns {Promise<ReadResult[]>}
 */
export async function readObjects(kube, reads, signal) {
  return Promise.all(reads.map(async ({ name, path }) => {
    if (!kube) return { name, path, error: { message: 'no API server to read it from (a dry run of -f without a cluster)' } };
    try {
      return { name, path, object: await kube.get(path, { signal }) };
    } catch (err) {
      if (err instanceof ApiError) return { name, path, error: err.status };
      throw err;
    }
  }));
}
