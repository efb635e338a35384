// @ts-check
/**
 * The live debug panel: connect, pick a namespace and a pod or node, review the playground's
 * command and run it for real through the host's `debug()` (Wasm planner, browser fetch and
 * WebSocket), watch the container come up, use the terminal, and delete the pod it created.
 * The sessions panel (`./sessions.js`) lists the namespace's debug sessions; re-attaching to
 * one uses this panel's terminal.
 *
 * A command never runs straight from the URL (`#cmd=`, which any link can fill in): "Run the
 * command" only shows the whole command, where it goes and the requests it plans; the user
 * runs exactly that with "Run it".
 * @module
 */
import { debug, reportError } from '../host/run.js';
import { reattach } from '../host/reattach.js';
import { mountSessions } from './sessions.js';
import { formatError } from '../host/errors.js';
import { connect, containerState, listNamespaces, listTargets, serverInfo } from './connection.js';
import { createTerminal } from './terminal.js';
import { sessionFor } from './compute.js';
import { parseDocuments } from './documents.js';

/** @typedef {import('../host/wasm.js').Kubedebug} Kubedebug */
/** @typedef {import('./playground.js').Playground} Playground */

/**
 * @param {{ api: Kubedebug, playground: Playground, serveToken?: string, doc?: Document, win?: Window & { kubedebugTerminal?: unknown } }} deps
 *   `serveToken`: `kubedebug serve`'s access token (connection.js `takeServeToken`)
 */
export async function mountLive({ api, playground, serveToken = '', doc = document, win = window }) {
  const $ = (/** @type {string} */ id) => /** @type {any} */ (doc.getElementById(id));
  /** @type {(() => void)[]} */
  const disposables = [];
  /** @param {EventTarget} target @param {string} type @param {(e: any) => void} fn */
  const on = (target, type, fn) => {
    target.addEventListener(type, fn);
    disposables.push(() => target.removeEventListener(type, fn));
  };
  const info = await serverInfo(win.location.origin, serveToken);
  const proxyUsable = info.proxy && info.authorized !== false;
  $('live-mode').value = proxyUsable ? 'proxy' : 'direct';
  $('proxy-note').textContent = proxyUsable
    ? `This server forwards API calls to ${info.context ? `context ${info.context}` : 'the current kubeconfig context'}.`
    : info.proxy
      ? 'This server forwards API calls to a cluster, but this page lacks its access token: open the URL that kubedebug serve printed (it ends with #token=…).'
      : 'No cluster proxy here (static server, or no kubeconfig): connect directly with an API URL and token.';
  if (!proxyUsable) $('live-mode').querySelector('option[value="proxy"]').disabled = true;
  if (info.namespace) $('live-namespace').value = info.namespace;
  const syncMode = () => { doc.body.dataset.liveMode = $('live-mode').value; };
  syncMode();

  /** @type {import('./connection.js').Connection | null} */
  let conn = null;
  /** @type {AbortController | null} */
  let running = null;
  /** @type {{ path: string, name: string } | null} */
  let created = null;
  /** @type {import('./terminal.js').BrowserTerminal | null} */
  let terminal = null;
  /** Whether the session's attach socket opened (the pod is still watched, for its stop reasons). */
  let attached = false;
  const status = (/** @type {string} */ text, /** @type {string} */ kind = '') => {
    $('live-status').textContent = text;
    $('live-status').dataset.kind = kind;
  };
  const sessionStatus = (/** @type {string} */ text) => { $('session-status').textContent = text; };
  const ensureTerminal = () => {
    if (!terminal) {
      terminal = createTerminal($('terminal'));
      win.kubedebugTerminal = terminal.term;
    }
    return terminal;
  };

  const sessions = mountSessions({
    doc, listSessions: api.listSessions, connection: () => conn, busy: () => Boolean(running),
    namespace: () => $('live-namespace').value.trim() || 'default', attach: (s) => { void reattachTo(s); },
  });
  disposables.push(() => sessions.dispose());

  const refresh = async () => {
    if (!conn) return;
    const namespace = $('live-namespace').value.trim() || 'default';
    playground.setNamespace(namespace);
    status('Listing pods and nodes…');
    try {
      const { pods, nodes, nodeError } = await listTargets(conn.kube, namespace);
      renderList($('pod-list'), pods, (pod) => podSummary(pod));
      renderList($('node-list'), nodes, (node) => node?.status?.nodeInfo?.kubeletVersion ?? '');
      status(`Connected ${conn.label}: ${pods.length} pods in ${namespace}, ${nodes.length} nodes`
        + (nodeError ? ` (nodes: ${formatError(nodeError)})` : ''), 'ok');
    } catch (err) {
      status(formatError(err), 'error');
    }
    await sessions.refresh();
  };

  /**
   * @param {HTMLElement} root
   * @param {any[]} items
   * @param {(item: any) => string} describe
   */
  const renderList = (root, items, describe) => {
    const rows = items.map((item) => {
      const li = doc.createElement('li');
      const button = doc.createElement('button');
      button.type = 'button';
      button.className = 'pick';
      button.textContent = item?.metadata?.name ?? '?';
      button.dataset.name = button.textContent;
      button.addEventListener('click', () => {
        playground.useObject(item);
        status(`Selected ${item.kind === 'Node' ? 'node/' : ''}${button.textContent}: adjust the command, then Run.`, 'ok');
      });
      const detail = doc.createElement('span');
      detail.className = 'muted';
      detail.textContent = describe(item);
      li.append(button, ' ', detail);
      return li;
    });
    root.replaceChildren(...rows);
  };

  /**
   * What "Run it" runs: the state as shown in the review, not whatever the URL or the
   * inputs say later.
   * @type {{ state: import('./state.js').PlaygroundState, namespace: string, targetText: string } | null}
   */
  let reviewed = null;
  const closeReview = () => {
    reviewed = null;
    $('run-review').hidden = true;
  };
  /** Show the whole command, where it goes, and the requests it plans; nothing is sent. */
  const review = () => {
    if (!conn || running) return;
    const state = { ...playground.state, suffixes: [...playground.state.suffixes] };
    const namespace = $('live-namespace').value.trim() || 'default';
    reviewed = { state, namespace, targetText: playground.targetText };
    $('review-command').textContent = state.line;
    $('review-where').textContent = `${conn.label}, namespace ${namespace}`;
    const outcome = playground.outcome;
    const requests = outcome && !outcome.error ? outcome.plans.flatMap((p) => p.requests ?? []) : [];
    $('review-requests').replaceChildren(...requests.map((r) => {
      const li = doc.createElement('li');
      li.textContent = `${r.method} ${r.path}`;
      if (r.method === 'DELETE') li.dataset.kind = 'delete';
      return li;
    }));
    $('review-requests-note').textContent = requests.length
      ? 'It plans these requests (against the selected object):' : 'Its requests are planned when it runs.';
    $('run-review').hidden = false;
    $('run-confirm').focus();
  };
  playground.onUpdate((_outcome, state) => {
    if (reviewed && (state.line !== reviewed.state.line || state.version !== reviewed.state.version)) closeReview();
  });

  /** The attach socket's factory, saying in the session status when it opens. @param {import('../host/attach.js').WebSocketFactory} factory */
  const showingAttach = (factory) => /** @type {import('../host/attach.js').WebSocketFactory} */ ((url, protocols) => {
    sessionStatus('Attaching…');
    const ws = factory(url, protocols);
    ws.addEventListener('open', () => {
      attached = true;
      sessionStatus(`Attached (${ws.protocol}); Detach or exit the shell to end.`);
    });
    return ws;
  });

  /** A session starts in the terminal: the buttons follow. */
  const begin = () => {
    const term = ensureTerminal();
    term.term.reset();
    term.fit();
    running = new AbortController();
    created = null;
    attached = false;
    $('run-debug').disabled = true;
    $('detach').disabled = false;
    $('cleanup').disabled = true;
    sessions.render();
    return { term, signal: running.signal };
  };

  /**
   * Re-attach to a running debug session (the sessions panel's Attach), as `kubedebug attach POD
   * -c CONTAINER` with the container's own stdin and TTY.
   * @param {import('../core/index.js').DebugSession} s
   */
  const reattachTo = async (s) => {
    if (!conn || running) return;
    closeReview();
    const { term, signal } = begin();
    sessionStatus(`Re-attaching to ${s.pod}/${s.container}…`);
    const io = term.session();
    let exitCode = 1;
    try {
      exitCode = await reattach({
        kube: conn.kube, namespace: s.namespace, pod: s.pod, container: s.container, stdin: s.stdin, tty: s.tty, io,
        webSocketFactory: showingAttach(conn.webSocketFactory), token: conn.token, commandName: 'kubedebug attach', signal,
      });
    } catch (err) {
      exitCode = reportError(io, err);
    }
    finish({ exitCode });
  };

  const run = async () => {
    if (!conn || running || !reviewed) return;
    const { state, namespace: reviewedNamespace, targetText } = reviewed;
    closeReview();
    const { term, signal } = begin();
    sessionStatus('Sending the plan…');
    const namespace = reviewedNamespace;
    let args;
    try {
      args = api.splitCommandLine(state.line);
    } catch (err) {
      term.term.write(`error: ${err instanceof Error ? err.message : err}\r\n`);
      finish(null);
      return;
    }
    const liveState = { ...state, namespace, seed: state.seed ?? randomSeed() };
    const session = sessionFor(liveState, args, null);
    delete session.customProfile;
    // `--session-label`'s creation time (the core has no clock).
    session.mark = { createdAt: new Date().toISOString().replace(/\.\d+Z$/, 'Z') };
    // The `--custom` path, as the core reads it (debug() reports a bad command line).
    /** @type {string} */
    let parsedCustom = '';
    try {
      parsedCustom = api.prepare(session).needs.customProfile ?? '';
    } catch { /* debug() reports it */ }
    const kube = observe(conn.kube);
    const io = term.session({
      readFile: async (path) => {
        if (parsedCustom && path === parsedCustom) {
          if (!state.custom) throw new Error(`open ${path}: no such file or directory`);
          return state.custom;
        }
        return targetText;
      },
    });
    const result = await debug({
      session, planner: { prepare: api.prepare, plan: api.plan, planText: api.planText }, kube, io,
      attachFactory: showingAttach(conn.webSocketFactory), token: conn.token, signal,
      parseDocuments: (text, path) => parseDocuments(text, path),
    });
    finish(result);
  };

  /** Wrap the client to show what the session does. @param {import('../host/kube.js').KubeClient} kube */
  const observe = (kube) => ({
    ...kube,
    /** @type {import('../host/kube.js').KubeClient['send']} */
    send: async (request, options) => {
      sessionStatus(`${request.method} ${request.path}`);
      const response = await kube.send(request, options);
      if (request.method === 'POST' && response?.metadata?.name) {
        created = { path: `${request.path}/${encodeURIComponent(response.metadata.name)}`, name: response.metadata.name };
      }
      return response;
    },
    /** @type {import('../host/kube.js').KubeClient['watchPod']} */
    async *watchPod(namespace, name, options) {
      const target = playground.outcome?.plans.at(-1)?.attach?.container ?? '';
      for await (const event of kube.watchPod(namespace, name, options)) {
        if (!attached) sessionStatus(`Waiting for ${name}/${target}: ${containerState(event.object, target)}`);
        yield event;
      }
    },
  });

  /** @param {{ exitCode: number } | null} result */
  const finish = (result) => {
    terminal?.endSession();
    const aborted = running?.signal.aborted;
    running = null;
    $('run-debug').disabled = !conn;
    $('detach').disabled = true;
    $('cleanup').disabled = !created;
    $('cleanup').textContent = created ? `Delete pod ${created.name}` : 'Delete debug pod';
    const code = result?.exitCode ?? 1;
    const text = aborted ? 'Detached.' : `Session ended: exit status ${code}.`;
    sessionStatus(created ? `${text} Pod ${created.name} is still there.` : text);
    $('session-status').dataset.exit = String(code);
    terminal?.note(`[${text}]`);
    void sessions.refresh();
  };

  const cleanup = async () => {
    if (!conn || !created) return;
    const { path, name } = created;
    try {
      await conn.kube.send({ method: 'DELETE', path, contentType: 'application/json', body: {} });
      sessionStatus(`Deleted pod ${name}.`);
      created = null;
      $('cleanup').disabled = true;
      await refresh();
    } catch (err) {
      sessionStatus(formatError(err));
    }
  };

  on($('live-mode'), 'change', syncMode);
  on($('connect-form'), 'submit', async (event) => {
    event.preventDefault();
    try {
      conn = connect({ mode: $('live-mode').value, origin: win.location.origin, apiUrl: $('api-url').value, token: $('api-token').value,
        serveToken });
    } catch (err) {
      status(err instanceof Error ? err.message : String(err), 'error');
      return;
    }
    $('run-debug').disabled = false;
    const names = await listNamespaces(conn.kube);
    $('namespace-list').replaceChildren(...names.map((n) => new Option(n, n)));
    await refresh();
  });
  on($('refresh'), 'click', refresh);
  on($('live-namespace'), 'change', refresh);
  on($('run-debug'), 'click', review);
  on($('run-confirm'), 'click', run);
  on($('run-cancel'), 'click', closeReview);
  on($('detach'), 'click', () => running?.abort(new Error('detached')));
  on($('cleanup'), 'click', cleanup);

  return {
    dispose() {
      running?.abort(new Error('page closed'));
      while (disposables.length) /** @type {() => void} */ (disposables.pop())();
      terminal?.dispose();
    },
  };
}

/** @param {any} pod */
function podSummary(pod) {
  const statuses = pod?.status?.containerStatuses ?? [];
  const ready = statuses.filter((/** @type {any} */ s) => s?.ready).length;
  return `${pod?.status?.phase ?? ''} ${ready}/${(pod?.spec?.containers ?? []).length}`;
}

/** @returns {number} a random seed for generated names (like kubectl's random suffixes) */
function randomSeed() {
  return crypto.getRandomValues(new Uint32Array(1))[0];
}
