// @ts-check
/**
 * kubedebug's JavaScript API over the Wasm core: plain objects in, plain objects out.
 * Load the module once (`await init()` in browsers, `initSync({ module: bytes })` in Node),
 * then call the functions. Errors are `Error`s named `DebugError` with kubectl's message,
 * a stable `code`, `usage` (kubectl would add its usage hint) and `messages` (lines kubectl
 * printed before failing).
 * @module
 */
import init, {
  initSync,
  prepareJson,
  planText as wasmPlanText,
  parseArgsJson,
  renderArgsJson,
  splitCommandLineJson,
  profiles as wasmProfiles,
  kubectlVersions as wasmKubectlVersions,
  libraryVersion,
} from './kubedebug.js';

export { init as default, init, initSync };

/**
 * @param {string} message
 * @param {unknown} [cause]
 * @returns {Error & { code: string, usage: boolean, messages: any[] }}
 */
function inputError(message, cause) {
  const err = /** @type {Error & { code: string, usage: boolean, messages: any[] }} */ (
    new Error(message, { cause })
  );
  err.name = 'DebugError';
  err.code = 'input/invalid';
  err.usage = false;
  err.messages = [];
  return err;
}

/**
 * JSON text of a value, or a DebugError for what JSON cannot carry (cycles, BigInt).
 * @param {unknown} value
 * @param {string} what
 */
function encode(value, what) {
  let text;
  try {
    text = JSON.stringify(value);
  } catch (cause) {
    throw inputError(`invalid ${what}: ${/** @type {Error} */ (cause).message}`, cause);
  }
  if (text === undefined) throw inputError(`invalid ${what}: expected a JSON value`);
  return text;
}

/**
 * kubectl `Complete` + `Validate` + target resolution: what to read before planning.
 * @param {import('./index.js').Session} session
 * @returns {import('./index.js').Prepared}
 */
export function prepare(session) {
  return JSON.parse(prepareJson(encode(session ?? {}, 'session')));
}

const utf8 = new TextEncoder();

/**
 * The Wasm's plan of a target's JSON text: the plan without bodies, the ephemeral result
 * (when asked for), and each body's text.
 * @param {import('./index.js').Session} session
 * @param {string} targetText
 * @param {boolean} withResult
 */
function planParts(session, targetText, withResult) {
  // As UTF-8 bytes: a native copy into Wasm memory (a string is copied by a JS loop).
  const bytes = utf8.encode(targetText);
  const [head, result, ...bodies] = wasmPlanText(encode(session ?? {}, 'session'), bytes, withResult);
  return { plan: JSON.parse(head), result, bodies };
}

/**
 * What `kubectl debug` sends for one target object (a Pod or a Node, as the API server gives it).
 * @param {import('./index.js').Session} session
 * @param {object} target
 * @returns {import('./index.js').Plan}
 */
export function plan(session, target) {
  const { plan: p, result, bodies } = planParts(session, encode(target, 'target object'), true);
  p.requests.forEach((/** @type {any} */ r, /** @type {number} */ i) => { r.body = JSON.parse(bodies[i]); });
  // A created pod is its POST body; the Wasm sends it once.
  p.result = result ? JSON.parse(result) : (p.requests[0]?.body ?? null);
  return p;
}

/**
 * {@link plan} on the wire: the target as the JSON text the API server sent, each request's
 * body as the JSON text to send, no `result` (the server's answer is the result). Nothing of
 * the pod is parsed or re-encoded in JS, and the Wasm builds only what the journey changes:
 * the fast path for hosts that talk to the API server.
 * @param {import('./index.js').Session} session
 * @param {string} targetText
 * @returns {import('./index.js').TextPlan}
 */
export function planText(session, targetText) {
  if (typeof targetText !== 'string') throw inputError('invalid target object: expected JSON text');
  const { plan: p, bodies } = planParts(session, targetText, false);
  p.requests.forEach((/** @type {any} */ r, /** @type {number} */ i) => { r.body = bodies[i]; });
  delete p.result;
  return p;
}

/**
 * Split a pasted command line into words, shell-style (quotes, backslashes).
 * @param {string} line
 * @returns {string[]}
 */
export function splitCommandLine(line) {
  if (typeof line !== 'string') throw inputError('invalid command line: expected a string');
  return JSON.parse(splitCommandLineJson(line));
}

/**
 * Parse a kubectl argument list (or a command line string) with pflag's rules.
 * A leading `kubectl` and `debug` are skipped.
 * @param {string[] | string} args
 * @param {{ kubectlVersion?: string, env?: Record<string, string> }} [context]
 * @returns {import('./index.js').ParsedArgs}
 */
export function parseArgs(args, context = {}) {
  const list = typeof args === 'string' ? splitCommandLine(args) : args;
  const gate = context?.env?.KUBECTL_DEBUG_CUSTOM_PROFILE;
  return JSON.parse(parseArgsJson(encode(list, 'argument list'), context?.kubectlVersion ?? '', gate));
}

/**
 * The kubectl argument list equivalent to `options` (what follows `kubectl debug`).
 * @param {import('./index.js').DebugOptions} options
 * @param {string} [namespace]
 * @returns {string[]}
 */
export function renderArgs(options, namespace) {
  return JSON.parse(renderArgsJson(encode(options ?? {}, 'options'), namespace));
}

/**
 * Quote one word for a POSIX shell, only when needed.
 * @param {string} word
 */
export function shellQuote(word) {
  if (word !== '' && /^[A-Za-z0-9_@%+=:,./*-]+$/.test(word)) return word;
  return `'${word.replace(/'/g, `'\\''`)}'`;
}

/**
 * The `kubectl debug …` command line equivalent to `options`.
 * @param {import('./index.js').DebugOptions} options
 * @param {string} [namespace]
 */
export function commandLine(options, namespace) {
  return ['kubectl', 'debug', ...renderArgs(options, namespace)].map(shellQuote).join(' ');
}

/**
 * The debugging profiles a kubectl version offers.
 * @param {string} [kubectlVersion]
 * @returns {string[]}
 */
export function profiles(kubectlVersion) {
  return wasmProfiles(kubectlVersion ?? '');
}

/** @returns {string[]} the kubectl versions whose behaviour can be followed, oldest first. */
export function kubectlVersions() {
  return wasmKubectlVersions();
}

/** @returns {string} this library's version. */
export function version() {
  return libraryVersion();
}
