// @ts-check
/**
 * Pod WATCH streams of the fake API server: replay events after `resourceVersion` (or the current
 * objects as ADDED when none is given), then stream live events until the client goes away,
 * `timeoutSeconds` passes, or the server closes.
 * @module
 */

/**
 * @param {import('./store.js').Store} store
 * @param {import('node:http').IncomingMessage} req
 * @param {import('node:http').ServerResponse} res
 * @param {URL} url
 * @param {string | null} ns
 */
export function serveWatch(store, req, res, url, ns) {
  let wanted = null;
  for (const term of (url.searchParams.get('fieldSelector') ?? '').split(',')) {
    if (term.startsWith('metadata.name=')) wanted = term.slice('metadata.name='.length);
  }
  const matches = (/** @type {any} */ obj) => (ns === null || obj.metadata.namespace === ns)
    && (wanted === null || obj.metadata.name === wanted);
  res.writeHead(200, { 'Content-Type': 'application/json', 'Transfer-Encoding': 'chunked' });
  /** @param {string} type @param {any} object */
  const write = (type, object) => res.write(JSON.stringify({ type, object }) + '\n');
  const since = Number(url.searchParams.get('resourceVersion') || '0');
  if (since > 0) {
    for (const e of store.events) if (e.rv > since && matches(e.object)) write(e.type, e.object);
  } else {
    for (const obj of store.list('', 'pods', ns)) if (matches(obj)) write('ADDED', obj);
  }
  /** @param {import('./store.js').StoreEvent} e */
  const listener = (e) => { if (matches(e.object)) write(e.type, e.object); };
  store.listeners.add(listener);
  const timeout = Number(url.searchParams.get('timeoutSeconds') || '0');
  const timer = timeout > 0 ? setTimeout(() => res.end(), timeout * 1000) : null;
  const stop = () => {
    store.listeners.delete(listener);
    if (timer) clearTimeout(timer);
  };
  res.on('close', stop);
}
