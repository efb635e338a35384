// @ts-check
/**
 * The playground's pipeline, without DOM: command line → kubectl's parse, Complete and
 * Validate (`prepare`) → the plan for the pasted object. Every failure becomes a result with
 * kubectl's text and the field it belongs to; nothing here throws.
 * @module
 */
import { parseDocumentObjects } from '../host/documents.js';
import { fieldForError } from './field-errors.js';

/** @typedef {import('../host/wasm.js').Kubedebug} Kubedebug */
/** @typedef {import('../host/documents.js').YamlModule} YamlModule */
/** @typedef {import('../core/index.js').Message} Message */
/** @typedef {import('../core/index.js').Plan} Plan */
/** @typedef {import('./state.js').PlaygroundState} PlaygroundState */

/**
 * @typedef {{ message: string, code: string, usage: boolean, field: string }} PageError
 * @typedef {{
 *   args: string[],
 *   parsed: import('../core/index.js').ParsedArgs | null,
 *   prepared: import('../core/index.js').Prepared | null,
 *   object: any | null,
 *   plans: Plan[],
 *   messages: Message[],
 *   error: PageError | null,
 *   notes: string[],
 *   stdout: string,
 *   stderr: string,
 * }} Outcome
 */

/**
 * The session kubectl would run for this state.
 * @param {PlaygroundState} state
 * @param {string[]} args
 * @param {import('../core/index.js').ParsedArgs | null} parsed
 * @returns {import('../core/index.js').Session}
 */
export function sessionFor(state, args, parsed) {
  const customPath = parsed?.options.custom || '';
  /** @type {import('../core/index.js').Session} */
  const session = {
    args,
    namespace: state.namespace || 'default',
    namespaceExplicit: Boolean(parsed?.namespace),
    kubectlVersion: state.version,
  };
  if (customPath) {
    session.customProfile = state.custom
      ? { path: customPath, text: state.custom }
      : { path: customPath, error: `open ${customPath}: no such file or directory` };
  }
  if (state.suffixes.length) session.suffixes = state.suffixes;
  if (state.seed !== null) session.seed = state.seed;
  return session;
}

/**
 * Run the pipeline. The `yaml` package is passed in: the page's main thread has it from the
 * import map, the worker (no import maps there) by URL.
 * @param {Kubedebug} api
 * @param {PlaygroundState} state
 * @param {string} targetText the Pod/Node text (pasted, or the example's)
 * @param {YamlModule} yaml
 * @returns {Outcome}
 */
export function compute(api, state, targetText, yaml) {
  /** @type {Outcome} */
  const out = {
    args: [], parsed: null, prepared: null, object: null, plans: [], messages: [], error: null, notes: [],
    stdout: '', stderr: '',
  };
  try {
    run(api, state, targetText, yaml, out);
  } catch (err) {
    fail(out, err);
  }
  for (const m of out.messages) {
    if (m.stream === 'stdout') out.stdout += m.text + '\n';
    else out.stderr += m.text + '\n';
  }
  if (out.error) {
    out.stderr += `error: ${out.error.message}\n`;
    if (out.error.usage) out.stderr += "See 'kubectl debug --help' for usage.\n";
  }
  return out;
}

/**
 * @param {Kubedebug} api
 * @param {PlaygroundState} state
 * @param {string} targetText
 * @param {YamlModule} yaml
 * @param {Outcome} out
 */
function run(api, state, targetText, yaml, out) {
  let words;
  try {
    words = api.splitCommandLine(state.line);
  } catch (err) {
    throw Object.assign(err instanceof Error ? err : new Error(String(err)), { code: 'page/split' });
  }
  // A leading `kubectl` (or its path) and `debug` are the core's to skip, as cobra does.
  out.args = words;
  out.parsed = api.parseArgs(out.args, { kubectlVersion: state.version });
  const session = sessionFor(state, out.args, out.parsed);
  /** @type {any[] | null} */
  let pasted = null;
  const objects = () => {
    pasted ??= targetText.trim() ? parseDocumentObjects(yaml, targetText, 'the pasted object', { code: 'page/parse' }) : [];
    return pasted;
  };
  // `--profile=auto`/`--preflight` ask for the namespace: the page answers with its labels. A
  // workload target asks for the workload, then its pods: the page answers from the pasted
  // objects (the first, then the Pods after it), standing in for the API server.
  /** @type {import('../core/index.js').ReadResult[]} */
  const answers = [];
  let prepared = api.prepare(session);
  for (let round = 0; (prepared.needs.reads ?? []).length && round < 4; round++) {
    const fresh = prepared.needs.reads.filter((r) => !answers.some((a) => a.name === r.name && a.path === r.path));
    if (!fresh.length) break;
    answers.push(...fresh.map((r) => pageAnswer(r, prepared.namespace, state, objects())));
    prepared = api.prepare({ ...session, reads: answers });
  }
  out.prepared = prepared;
  out.messages.push(...prepared.messages);
  if (!objects().length) {
    out.notes.push('Paste or pick a Pod or Node to see what kubectl would send.');
    return;
  }
  const fromFiles = (prepared.options.filename ?? []).length > 0;
  // The pod picked for a workload target is planned, if it was pasted.
  const picked = answers.some((a) => a.name === 'workload')
    ? objects().find((o) => o?.kind === 'Pod' && o?.metadata?.name === prepared.targets[0]?.objectName) : undefined;
  const first = picked ?? objects()[0];
  const targets = fromFiles ? objects().map((o) => withNamespace(o, prepared.namespace)) : [first];
  if (!fromFiles) {
    if (objects().length > 1 && !picked && !answers.some((a) => a.name === 'pods')) out.notes.push('Only the first pasted object is used as the target.');
    const names = prepared.targets.map((t) => t.name);
    const want = first?.kind === 'Node' ? `node/${first?.metadata?.name}` : first?.metadata?.name;
    const named = prepared.targets[0];
    if (named && !sameTarget(named, first)) {
      out.notes.push(`The command names ${names.join(', ')}; the playground plans against the pasted ${want ?? 'object'}.`);
    } else if (names.length > 1) {
      out.notes.push(`The command names ${names.length} targets; the playground plans the pasted one once.`);
    }
  }
  // The diff pane shows the plan's operations with their causes (`--explain`, always on here).
  const explained = { ...prepared, options: { ...prepared.options, explain: true } };
  for (const object of targets) {
    out.object = object;
    const plan = api.plan(explained, object);
    out.plans.push(plan);
    out.messages.push(...plan.messages);
  }
}

/** A workload resource (plural) → its kind. */
const WORKLOAD_KINDS = /** @type {Record<string, string>} */ ({
  deployments: 'Deployment', statefulsets: 'StatefulSet', daemonsets: 'DaemonSet', replicasets: 'ReplicaSet',
  replicationcontrollers: 'ReplicationController', jobs: 'Job', cronjobs: 'CronJob',
});

/**
 * The page's answer to a read: the namespace (with the page's labels); a workload (the pasted
 * object of that kind and name, else the API server's NotFound); its pods (the pasted Pods:
 * the page does not select them by label, the pasted ones stand for the selector's).
 * @param {import('../core/index.js').Read} read
 * @param {string} namespace
 * @param {PlaygroundState} state
 * @param {any[]} objects the pasted objects
 * @returns {import('../core/index.js').ReadResult}
 */
export function pageAnswer(read, namespace, state, objects) {
  if (read.name === 'pods') {
    return { ...read, object: { apiVersion: 'v1', kind: 'PodList', items: objects.filter((o) => o?.kind === 'Pod') } };
  }
  if (read.name !== 'workload') return namespaceAnswer(read, namespace, state);
  const segments = read.path.split('/');
  const [resource, name] = [segments.at(-2) ?? '', decodeURIComponent(segments.at(-1) ?? '')];
  const found = objects.find((o) => o?.kind === WORKLOAD_KINDS[resource] && o?.metadata?.name === name);
  if (found) return { ...read, object: found };
  const group = segments[1] === 'apis' ? `.${segments[2]}` : '';
  return { ...read, error: { kind: 'Status', code: 404, reason: 'NotFound', message: `${resource}${group} "${name}" not found` } };
}

/**
 * The page's answer to a read of the namespace: a Namespace with the enforce labels set.
 * @param {import('../core/index.js').Read} read
 * @param {string} namespace
 * @param {PlaygroundState} state
 * @returns {import('../core/index.js').ReadResult}
 */
export function namespaceAnswer(read, namespace, state) {
  /** @type {Record<string, string>} */
  const labels = { 'kubernetes.io/metadata.name': namespace };
  if (state.enforce) labels['pod-security.kubernetes.io/enforce'] = state.enforce;
  if (state.enforceVersion) labels['pod-security.kubernetes.io/enforce-version'] = state.enforceVersion;
  return { ...read, object: { apiVersion: 'v1', kind: 'Namespace', metadata: { name: namespace, labels } } };
}

/**
 * @param {import('../core/index.js').TargetRef} ref
 * @param {any} obj
 */
function sameTarget(ref, obj) {
  const kind = ref.resource === 'nodes' ? 'Node' : WORKLOAD_KINDS[ref.resource] ?? 'Pod';
  return obj?.kind === kind && obj?.metadata?.name === ref.objectName;
}

/**
 * kubectl's builder sets a `-f` object's namespace to the command's when it has none.
 * @param {any} obj
 * @param {string} namespace
 */
function withNamespace(obj, namespace) {
  if (obj?.kind === 'Node' || obj?.metadata?.namespace) return obj;
  return { ...obj, metadata: { ...obj?.metadata, namespace } };
}

/**
 * @param {Outcome} out
 * @param {unknown} err
 */
function fail(out, err) {
  const e = /** @type {any} */ (err);
  if (Array.isArray(e?.messages)) out.messages.push(...e.messages);
  const message = e instanceof Error ? e.message : String(err);
  const code = typeof e?.code === 'string' ? e.code : 'page/error';
  out.error = { message, code, usage: Boolean(e?.usage), field: fieldForError({ code, message }) };
}
