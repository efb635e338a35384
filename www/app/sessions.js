// @ts-check
/**
 * The live page's debug sessions panel: the sessions of the namespace as the core classifies a
 * pod list (`listSessions`: ephemeral containers, marked pod copies and node debug pods), with
 * a button to re-attach to a running one in the page's terminal and, for a pod copy or node
 * debug pod, to delete its pod (asked twice: the first click only arms the button).
 * @module
 */
import { formatError } from '../host/errors.js';
import { segment } from '../host/api-path.js';
import { humanDuration, stateText } from '../host/session-text.js';

/** @typedef {import('../core/index.js').DebugSession} DebugSession */

/**
 * @typedef {{
 *   doc: Document,
 *   listSessions: (podListText: string, options: { now: number }) => DebugSession[],
 *   connection: () => import('./connection.js').Connection | null,
 *   namespace: () => string,
 *   attach: (session: DebugSession) => void,
 *   busy: () => boolean,
 *   now?: () => number,
 * }} SessionsDeps `attach` re-attaches in the terminal (the live panel owns it); `busy` is true
 *   while a session runs there
 */

/** The columns, as `kubedebug list` names them. */
const COLUMNS = ['Pod', 'Container', 'Kind', 'Image', 'Target', 'State', 'Age', ''];

/**
 * Whether the page can re-attach: the container runs and its pod is not finishing.
 * @param {DebugSession} s
 */
export function canAttach(s) {
  return s.state === 'running' && !s.finished;
}

/**
 * Whether the page offers to delete the session's pod: copies and node debug pods (an
 * ephemeral container cannot be deleted from its pod), not already being deleted.
 * @param {DebugSession} s
 */
export function canDelete(s) {
  return s.kind !== 'ephemeral' && !s.deleting;
}

/**
 * Mount the panel on `#sessions-*` elements.
 * @param {SessionsDeps} deps
 */
export function mountSessions(deps) {
  const { doc } = deps;
  const $ = (/** @type {string} */ id) => /** @type {HTMLElement} */ (doc.getElementById(id));
  const body = $('sessions-body');
  const status = (/** @type {string} */ text, kind = '') => {
    $('sessions-status').textContent = text;
    $('sessions-status').dataset.kind = kind;
  };
  /** @type {DebugSession[]} */
  let sessions = [];

  /** List again; `note` (what was just done) goes before the count. */
  const refresh = async (note = '') => {
    const conn = deps.connection();
    if (!conn) return;
    const namespace = deps.namespace();
    try {
      const text = await /** @type {NonNullable<typeof conn.kube.getText>} */ (conn.kube.getText)(
        `/api/v1/namespaces/${segment(namespace)}/pods`);
      sessions = deps.listSessions(text, { now: (deps.now ?? Date.now)() });
      render();
      status(note + (sessions.length ? `${sessions.length} debug session(s) in ${namespace}.`
        : `No debug sessions found in ${namespace} namespace.`), 'ok');
    } catch (err) {
      status(formatError(err), 'error');
    }
  };

  const render = () => {
    body.replaceChildren(...sessions.map((s) => {
      const tr = doc.createElement('tr');
      tr.dataset.pod = s.pod;
      tr.dataset.container = s.container;
      tr.dataset.kind = s.kind;
      const cells = [s.pod, s.container, s.kind, s.image || '<none>', s.target || '<none>', stateText(s), humanDuration(s.ageSeconds)];
      for (const text of cells) tr.append(Object.assign(doc.createElement('td'), { textContent: text }));
      const actions = doc.createElement('td');
      if (canAttach(s)) actions.append(button('Attach', 'attach', () => deps.attach(s), deps.busy()));
      if (canDelete(s)) {
        const del = button('Delete pod', 'delete', () => {
          if (del.dataset.armed !== 'true') {
            del.dataset.armed = 'true';
            del.textContent = `Really delete pod ${s.pod}?`;
            return;
          }
          del.disabled = true;
          remove(s);
        }, false);
        actions.append(' ', del);
      } else if (s.kind === 'ephemeral') {
        actions.append(Object.assign(doc.createElement('span'), {
          className: 'muted', textContent: s.finished ? 'ended' : 'ends with its process' }));
      }
      tr.append(actions);
      return tr;
    }));
  };

  /**
   * @param {string} text
   * @param {string} action
   * @param {() => void} onClick
   * @param {boolean} disabled
   */
  const button = (text, action, onClick, disabled) => {
    const b = doc.createElement('button');
    b.type = 'button';
    b.textContent = text;
    b.dataset.action = action;
    b.disabled = disabled;
    b.addEventListener('click', onClick);
    return b;
  };

  /** Delete the session's pod (Background, as `kubedebug cleanup`), then list again. @param {DebugSession} s */
  const remove = async (s) => {
    const conn = deps.connection();
    if (!conn) return;
    try {
      await conn.kube.send({ method: 'DELETE', path: `/api/v1/namespaces/${segment(s.namespace)}/pods/${segment(s.pod)}`,
        contentType: 'application/json', body: { kind: 'DeleteOptions', apiVersion: 'v1', propagationPolicy: 'Background' } });
      await refresh(`Deleted pod ${s.pod}. `);
    } catch (err) {
      status(formatError(err), 'error');
    }
  };

  const head = doc.createElement('tr');
  head.append(...COLUMNS.map((c) => Object.assign(doc.createElement('th'), { textContent: c, scope: 'col' })));
  $('sessions-head').replaceChildren(head);
  const onRefresh = () => { void refresh(); };
  $('sessions-refresh').addEventListener('click', onRefresh);
  return {
    refresh,
    /** Re-render (the attach buttons follow `busy()`). */
    render,
    dispose() {
      $('sessions-refresh').removeEventListener('click', onRefresh);
    },
  };
}
