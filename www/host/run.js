// @ts-check
/**
 * kubectl `DebugOptions.Run` as a host-side orchestration: prepare → read targets → plan →
 * send the plan's requests → wait for the container → attach (or stream logs).
 * Runtime neutral: every I/O dependency comes in through the arguments.
 * @module
 */
import { DebugError, INTERRUPTED, formatError } from './errors.js';
import { parseJsonObjects } from './documents.js';
import { runAttached } from './attached.js';
import { formatExplain } from './explain-text.js';
import { readObjects } from './reads.js';

/** @typedef {import('../core/index.js').Session} Session */
/** @typedef {import('../core/index.js').Prepared} Prepared */
/** @typedef {import('../core/index.js').Plan} Plan */
/** @typedef {import('../core/index.js').TextPlan} TextPlan */
/** @typedef {import('../core/index.js').Message} Message */
/** @typedef {import('../core/index.js').TargetRef} TargetRef */
/** @typedef {import('./kube.js').KubeClient} KubeClient */
/** @typedef {import('./session.js').DebugIo} DebugIo */
/** @typedef {import('./wait.js').Timers} Timers */
/** @typedef {import('./documents.js').DocumentText} DocumentText */
/** @typedef {{ name: string, ref: TargetRef | null, object: any, text?: string }} Target */
/**
 * The Wasm core (or a stand-in): the functions throw a DebugError on invalid input. Targets
 * are planned from what `prepare` answered.
 * @typedef {{
 *   prepare(session: Session): Prepared | Promise<Prepared>,
 *   plan(prepared: Prepared, target: any): Plan | Promise<Plan>,
 *   planText?(prepared: Prepared, targetText: string): TextPlan | Promise<TextPlan>,
 * }} Planner
 */
/**
 * `object` is the target as read; `plan` lacks `result` and has text bodies when it came
 * from the wire path (`planText`); `text` is the target's JSON text when it was planned as text.
 * @typedef {{
 *   target: string, object: any, text?: string, plan: Plan | TextPlan, responses: any[], exitCode: number | null,
 * }} TargetResult
 * @typedef {{ exitCode: number, results: TargetResult[], error?: unknown }} DebugResult
 */

/**
 * Run a debug session like `kubectl debug`. Never throws for debug failures: the error is
 * printed on stderr as kubectl prints it and the result has `exitCode: 1` and `error`.
 * @param {{
 *   session: Session,
 *   planner: Planner,
 *   kube?: KubeClient | null,
 *   io: DebugIo,
 *   attachFactory?: import('./attach.js').WebSocketFactory | null,
 *   token?: string,
 *   signal?: AbortSignal,
 *   timeoutMs?: number | null,
 *   timers?: Timers,
 *   dryRun?: boolean,
 *   parseDocuments?: (text: string, path: string) => any[],
 *   parseDocumentsText?: (text: string, path: string) => DocumentText[],
 *   commandName?: string,
 *   onCleanup?: ((pending: boolean) => void) | null,
 * }} options `onCleanup`: a `--rm` deletion is pending (see `attached.js`); `dryRun` plans without sending (targets are still read from the server when `kube`
 *   is given); `token` is the bearer token for the browser WebSocket subprotocol;
 *   `parseDocumentsText` (preferred over `parseDocuments`) keeps each `-f` object as JSON text
 *   (numbers as written) and plans it with `planText`
 * @returns {Promise<DebugResult>}
 */
export async function debug(options) {
  const { io } = options;
  /** @type {TargetResult[]} */
  const results = [];
  try {
    const exitCode = await runTargets(options, results);
    return { exitCode, results };
  } catch (err) {
    // An interrupted session (Ctrl-C) ends quietly, as kubectl does; a stop reason may carry
    // the container's exit code.
    const e = /** @type {any} */ (err);
    const exitCode = e?.code === INTERRUPTED ? 1 : reportError(io, err);
    return { exitCode: Number.isInteger(e?.exitCode) ? e.exitCode : exitCode, results, error: err };
  }
}

/**
 * Print a failure as kubectl does: the lines it printed before failing, `error: …` (echoed
 * input escaped), and the usage hint when kubectl adds it. The one error printer of the hosts.
 * @param {Pick<DebugIo, 'stdout' | 'stderr'>} io
 * @param {unknown} err
 * @returns {1} the exit code
 */
export function reportError(io, err) {
  const e = /** @type {any} */ (err);
  if (Array.isArray(e?.messages)) printMessages(io, e.messages);
  io.stderr(escapeControls(formatError(err)) + '\n');
  if (e?.usage) io.stderr(`See '${e.usageCommand ?? 'kubectl debug'} --help' for usage.\n`);
  return 1;
}

/**
 * @param {Parameters<typeof debug>[0]} options
 * @param {TargetResult[]} results
 * @returns {Promise<number>}
 */
async function runTargets(options, results) {
  const { planner, io, signal, dryRun = false } = options;
  const kube = options.kube ?? null;
  const prepared = await prepareReading(planner, io, options.session, kube, signal);
  printMessages(io, prepared.messages);
  const quiet = Boolean(prepared.options.quiet);
  const targets = prepared.options.filename?.length
    ? fileTargets(options, prepared)
    : prepared.targets.map((ref) => /** @type {Target} */ ({ name: ref.name, ref, object: null }));
  let exitCode = 0;
  for await (const target of targets) {
    throwIfAborted(signal);
    const read = await readAndPlan(options, prepared, target, kube);
    const plan = read.plan;
    printMessages(io, plan.messages);
    if (plan.explain) io.stderr(escapeControls(formatExplain(plan.explain)));
    /** @type {TargetResult} */
    const result = {
      target: target.name, get object() { return read.object; }, plan, responses: [], exitCode: null,
    };
    if (target.text !== undefined) result.text = target.text;
    results.push(result);
    if (dryRun) continue;
    if (!kube) throw new DebugError('no API server to send the plan to', { code: 'host/no-client' });
    for (const request of plan.requests) {
      throwIfAborted(signal);
      result.responses.push(await kube.send(request, { signal }));
    }
    if (!plan.attach) continue;
    if (!options.attachFactory) throw new DebugError('no WebSocket factory to attach with', { code: 'host/no-websocket' });
    result.exitCode = await runAttached({
      kube, io, quiet, signal, timeoutMs: options.timeoutMs, timers: options.timers,
      webSocketFactory: options.attachFactory, token: options.token, commandName: options.commandName,
      onCleanup: options.onCleanup,
    }, plan);
    exitCode = result.exitCode;
  }
  return exitCode;
}

/** How many times `prepare` may ask for reads (the namespace, a workload, its pods) before the host gives up. */
const MAX_READ_ROUNDS = 4;

/**
 * `prepare`, reading what it asks for: kubectl reads `--custom` in `Complete`, before
 * `Validate`; the core names the file (`needs.customProfile`), and the session is prepared
 * again with its text. The
 * API objects it names (`needs.reads`: the namespace of `--profile=auto`/`--preflight`, a
 * workload target and then its pods) are read, and the session prepared again with every
 * answer so far, until nothing is missing; a read asked for twice, or more than
 * `MAX_READ_ROUNDS` rounds, is a core bug and ends the session.
 * @param {Planner} planner
 * @param {DebugIo} io
 * @param {Session} session
 * @param {KubeClient | null} [kube]
 * @param {AbortSignal} [signal]
 * @returns {Promise<Prepared>}
 */
async function prepareReading(planner, io, session, kube = null, signal = undefined) {
  let prepared = await planner.prepare(session);
  /** @type {import('../core/index.js').ReadResult[]} */
  const answers = [...(session.reads ?? [])];
  let customProfile = session.customProfile;
  for (let round = 0; ; round++) {
    const path = prepared.needs?.customProfile;
    const reads = prepared.needs?.reads ?? [];
    if (!path && !reads.length) return prepared;
    const again = reads.find((r) => answers.some((a) => a.name === r.name && a.path === r.path));
    if (again || round >= MAX_READ_ROUNDS) {
      throw new DebugError(`prepare keeps asking for ${again ? `${again.name} ${again.path}` : 'reads'}`, { code: 'host/read-loop' });
    }
    if (path) customProfile = await readCustomProfile(io, path);
    answers.push(...await readObjects(kube, reads, signal));
    // From the session as given (each round must print what the first would have): a
    // settled `options` would lose the lines of defaults it already applied.
    prepared = await planner.prepare({
      ...session,
      ...(customProfile ? { customProfile } : {}),
      ...(answers.length ? { reads: [...answers] } : {}),
    });
  }
}

/**
 * Read one target and plan it. From the API server, when the planner and client can, the
 * target stays JSON text end to end (`planText`): nothing of the pod is parsed in JS, and
 * `object` parses it only if read. A dry run needs the plan's `result`, so it takes objects.
 * @param {Parameters<typeof debug>[0]} options
 * @param {Prepared} session what `prepare` answered
 * @param {Target} target
 * @param {KubeClient | null} kube
 * @returns {Promise<{ object: any, plan: Plan | TextPlan }>}
 */
async function readAndPlan(options, session, target, kube) {
  const { planner, signal, dryRun = false } = options;
  if (target.text !== undefined) return planTextTarget(planner, session, target.text);
  if (target.object) return { object: target.object, plan: await planner.plan(session, target.object) };
  if (!kube) throw new DebugError('no API server to read the target from', { code: 'host/no-client' });
  const path = /** @type {TargetRef} */ (target.ref).get.path;
  if (dryRun || !planner.planText || !kube.getText) {
    const object = await kube.get(path, { signal });
    return { object, plan: await planner.plan(session, object) };
  }
  const text = await kube.getText(path, { signal });
  return withLazyObject(text, await planner.planText(session, text));
}

/**
 * Plan a target held as JSON text (a `-f` object): through `planText` when the planner has it,
 * so that nothing of the object passes through JS numbers; `object` parses it only if read.
 * @param {Planner} planner
 * @param {Prepared} session what `prepare` answered
 * @param {string} text
 * @returns {Promise<{ object: any, plan: Plan | TextPlan }>}
 */
async function planTextTarget(planner, session, text) {
  if (!planner.planText) {
    const object = JSON.parse(text);
    return { object, plan: await planner.plan(session, object) };
  }
  return withLazyObject(text, await planner.planText(session, text));
}

/**
 * A plan with the target's object parsed from its JSON text only when `object` is read.
 * @param {string} text
 * @param {Plan | TextPlan} plan
 * @returns {{ object: any, plan: Plan | TextPlan }}
 */
function withLazyObject(text, plan) {
  /** @type {any} */
  let parsed;
  return {
    get object() {
      parsed ??= JSON.parse(text);
      return parsed;
    },
    plan,
  };
}

/**
 * Print messages on their stream, each followed by a newline.
 * @param {Pick<DebugIo, 'stdout' | 'stderr'>} io
 * @param {Message[] | undefined} messages the core already left out what `-q` suppresses
 */
function printMessages(io, messages) {
  for (const m of messages ?? []) (m.stream === 'stdout' ? io.stdout : io.stderr)(m.text + '\n');
}

/** Go's texts for the errno codes of a failed read (kubectl prints `open PATH: …`). */
const ERRNO_TEXT = /** @type {Record<string, string>} */ ({
  ENOENT: 'no such file or directory', EACCES: 'permission denied', EISDIR: 'is a directory', ENOTDIR: 'not a directory',
});

/**
 * The `--custom` file's text, or Go's `open PATH: …` error, as the core wants it.
 * @param {DebugIo} io
 * @param {string} path
 * @returns {Promise<import('../core/index.js').CustomProfileFile>}
 */
async function readCustomProfile(io, path) {
  if (!io.readFile) throw new DebugError(`cannot read ${path}: this host has no file access`, { code: 'host/no-files' });
  try {
    return { path, text: await io.readFile(path) };
  } catch (err) {
    const code = /** @type {any} */ (err)?.code;
    if (code === 'input/too-large') throw err;
    const text = ERRNO_TEXT[code];
    if (text) return { path, error: `${code === 'EISDIR' ? 'read' : 'open'} ${path}: ${text}` };
    return { path, error: err instanceof Error ? err.message : String(err) };
  }
}

/**
 * `-f` targets, one source after the other like kubectl's builder: the sources are checked up
 * front (`io.readSources`: missing paths, directories, URLs, stdin), then each is read and its
 * objects planned before the next is read. With `parseDocumentsText` each object stays JSON
 * text; otherwise objects get the command's namespace when they have none (a namespace that
 * differs from an explicit one is refused by the core's `plan`).
 * @param {Parameters<typeof debug>[0]} options
 * @param {Prepared} prepared
 * @returns {AsyncGenerator<Target>}
 */
async function* fileTargets(options, prepared) {
  const { io } = options;
  const filenames = prepared.needs?.files ?? prepared.options.filename ?? [];
  const sources = io.readSources
    ? await io.readSources(filenames)
    : filenames.map((name) => ({ name, read: () => readWithIo(io, name) }));
  for (const source of sources) {
    const text = await source.read();
    if (options.parseDocumentsText) {
      for (const doc of options.parseDocumentsText(text, source.name)) {
        yield { name: `${doc.kind.toLowerCase()}/${doc.name}`, ref: null, object: null, text: doc.text };
      }
      continue;
    }
    const parse = options.parseDocuments ?? parseJsonDocuments;
    for (const object of parse(text, source.name)) {
      const meta = (object.metadata ??= {});
      // A non-object `metadata` is left for the core's typed decode to refuse with kubectl's text.
      const isObject = typeof meta === 'object' && meta !== null && !Array.isArray(meta);
      // An explicit namespace that differs from the object's is the core's check (`plan`:
      // `target/namespace-mismatch`), as on the text path.
      if (isObject && object.kind !== 'Node' && !meta.namespace) meta.namespace = prepared.namespace;
      yield { name: `${String(object.kind ?? '').toLowerCase()}/${isObject ? meta.name ?? '' : ''}`, ref: null, object };
    }
  }
}

/**
 * A `-f` file through `io.readFile` (hosts without `readSources`, e.g. the page's pasted text).
 * @param {DebugIo} io
 * @param {string} path
 * @returns {Promise<string>}
 */
async function readWithIo(io, path) {
  if (!io.readFile) throw new DebugError(`cannot read ${path}: this host has no file access`, { code: 'host/no-files' });
  try {
    return await io.readFile(path);
  } catch (err) {
    if (/** @type {any} */ (err)?.code === 'input/too-large') throw err;
    throw new DebugError(`the path "${path}" does not exist`, { code: 'file/missing', cause: err });
  }
}

/**
 * JSON documents (no YAML): one object or a `kind: *List`, checked like kubectl's builder.
 * @param {string} text
 * @param {string} path
 * @returns {any[]}
 */
export function parseJsonDocuments(text, path) {
  return parseJsonObjects(text, path);
}

/**
 * A line for the terminal: control characters (terminal escapes) of echoed input shown as
 * Go-style escapes instead of being sent to the terminal. Tabs and newlines stay.
 * @param {string} text
 * @returns {string}
 */
export function escapeControls(text) {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]/g, (c) => {
    const n = c.charCodeAt(0);
    return n < 0x100 ? `\\x${n.toString(16).padStart(2, '0')}` : `\\u${n.toString(16).padStart(4, '0')}`;
  });
}

/**
 * kubectl 1.34+ prints the recording banner; an unknown version means HEAD.
 * @deprecated the core says it: `plan.attach.recordingBanner` (kept for the 0.1 API).
 * @param {string | undefined} version e.g. `1.33`, `v1.34.2`
 * @returns {boolean}
 */
export function recordsBanner(version) {
  const m = /^v?(\d+)\.(\d+)/.exec(version ?? '');
  if (!m) return true;
  return Number(m[1]) > 1 || Number(m[2]) >= 34;
}

/** @param {AbortSignal | undefined} signal */
function throwIfAborted(signal) {
  if (signal?.aborted) throw signal.reason;
}
