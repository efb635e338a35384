// @ts-check
/**
 * kubedebug's JavaScript API over the Wasm core: plain objects in, plain objects out.
 * Load the module once (`await init()` in browsers, `initSync({ module: bytes })` in Node),
 * then call the functions. Errors are `Error`s named `DebugError` with kubectl's message,
 * a stable `code`, `usage` (kubectl would add its usage hint) and `messages` (lines kubectl
 * printed before failing).
 *
 * Every call into the Wasm goes through {@link call}: before the module is loaded it throws a
 * `DebugError` (`wasm/not-initialised`); when the module traps (out of memory on a huge input,
 * or any other `RuntimeError`) it throws a `DebugError` (`wasm/out-of-memory`, `wasm/trap`)
 * and the next call runs in a fresh instance of the same compiled module, so that one bad input
 * leaves neither a broken instance nor gigabytes of Wasm memory behind.
 * @module
 */
import wbgInit, {
  initSync as wbgInitSync,
  prepareJson,
  planText as wasmPlanText,
  parseArgsJson,
  renderArgsJson,
  splitCommandLineJson,
  profiles as wasmProfiles,
  kubectlVersions as wasmKubectlVersions,
  defaultKubectlVersion as wasmDefaultKubectlVersion,
  kubectlFlagsJson,
  listSessionsJson,
  libraryVersion,
  __kubedebugReinstantiate,
  __kubedebugMemoryBytes,
} from '../../pkg/kubedebug.js';

/** Whether the module is loaded; whether the instance trapped and must be replaced. */
let loaded = false;
let trapped = false;

/**
 * Load the module (browsers: fetch `kubedebug_bg.wasm` next to this file, or the given URL,
 * `Response`, bytes or `WebAssembly.Module`). Idempotent: later calls share the first load.
 * @param {{ module_or_path?: any }} [input]
 */
export async function init(input) {
  const exports = await wbgInit(input);
  loaded = true;
  return exports;
}
export default init;

/**
 * Load the module synchronously from its bytes or a compiled `WebAssembly.Module` (Node).
 * Idempotent.
 * @param {{ module: BufferSource | WebAssembly.Module }} input
 */
export function initSync(input) {
  const exports = wbgInitSync(input);
  loaded = true;
  return exports;
}

/**
 * A `DebugError` made by this wrapper (the Wasm makes its own).
 * @param {string} message
 * @param {string} code
 * @param {unknown} [cause]
 * @returns {Error & { code: string, usage: boolean, messages: any[] }}
 */
function debugError(message, code, cause) {
  const err = /** @type {Error & { code: string, usage: boolean, messages: any[] }} */ (
    cause === undefined ? new Error(message) : new Error(message, { cause })
  );
  err.name = 'DebugError';
  err.code = code;
  err.usage = false;
  err.messages = [];
  return err;
}

/**
 * @param {string} message
 * @param {unknown} [cause]
 */
function inputError(message, cause) {
  return debugError(message, 'input/invalid', cause);
}

/** Wasm memory at or above this size when a call traps means the trap was an allocation failure. */
const OUT_OF_MEMORY_BYTES = 1 << 30;

/**
 * Run one Wasm export. Its own errors (kubectl's, named `DebugError`) pass through; anything
 * else thrown during the call means the instance stopped mid-way (a trap, or the JS stack ran
 * out): the instance is dropped and the next call re-instantiates the compiled module.
 * @template T
 * @param {() => T} run
 * @returns {T}
 */
function call(run) {
  if (!loaded) {
    throw debugError('the kubedebug Wasm module is not loaded yet: call `await init()` first '
      + '(in Node, `import \'kubedebug\'` loads it by itself)', 'wasm/not-initialised');
  }
  if (trapped) {
    __kubedebugReinstantiate();
    trapped = false;
  }
  try {
    return run();
  } catch (err) {
    if (/** @type {any} */ (err)?.name === 'DebugError') throw err;
    const bytes = __kubedebugMemoryBytes();
    trapped = true;
    const what = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
    if (bytes >= OUT_OF_MEMORY_BYTES || /memory/i.test(what)) {
      throw debugError(`the input is too large: the Wasm core ran out of memory (${Math.round(bytes / 2 ** 20)} MiB `
        + `in use; ${what}); it was restarted`, 'wasm/out-of-memory', err);
    }
    throw debugError(`the Wasm core stopped (${what}); it was restarted`, 'wasm/trap', err);
  }
}

/**
 * Throws when `value` holds a number JSON cannot carry (NaN, ±Infinity: `JSON.stringify`
 * would silently write `null`).
 * @param {unknown} value
 * @param {string} what
 */
function checkFinite(value, what) {
  JSON.stringify(value, function (key, v) {
    if (typeof v === 'number' && !Number.isFinite(v)) {
      throw debugError(`invalid ${what}: ${key ? `"${key}" is ` : ''}${v}, which JSON cannot carry (it would be sent as null)`,
        'input/not-finite-number');
    }
    return v;
  });
}

/**
 * JSON text of a value, or a DebugError for what JSON cannot carry (cycles, BigInt, NaN,
 * ±Infinity).
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
  // NaN and ±Infinity come out as `null`: look closer only when there is a null.
  if (text.includes('null')) checkFinite(value, what);
  return text;
}

/**
 * A value that may be a number literal a double cannot hold exactly (16+ digits, or an
 * exponent, after `:`, `,` or `[`): when the text has none, the token scan is skipped (a
 * match inside a string, e.g. `"a:1e5"`, only costs the scan).
 */
const MAYBE_INEXACT = /[:,[]\s*-?(?:\d{16}|[\d.]+[eE])/;
/** JSON strings (skipped) and number literals. */
const TOKENS = /"(?:[^"\\]|\\.)*"|-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/g;

/**
 * A decimal literal as `digits e exponent` with no leading or trailing zeros (zero is `0`),
 * so that two spellings of one value compare equal.
 * @param {string} literal
 */
function canonicalDecimal(literal) {
  const [mantissa, exponent = '0'] = literal.toLowerCase().split('e');
  const negative = mantissa.startsWith('-');
  const [int, frac = ''] = (negative ? mantissa.slice(1) : mantissa).split('.');
  let digits = (int + frac).replace(/^0+/, '');
  if (digits === '') return '0';
  let exp = Number(exponent) - frac.length;
  const trailing = digits.length - digits.replace(/0+$/, '').length;
  digits = digits.slice(0, digits.length - trailing);
  exp += trailing;
  return `${negative ? '-' : ''}${digits}e${exp}`;
}

/**
 * `JSON.parse` for the object API, which must not change a number silently: throws when a
 * number in `text` has no exact JavaScript double (an integer beyond 2^53, an exponent
 * beyond the double range, more digits than a double holds). {@link planText} keeps them.
 * @param {string} text
 * @param {string} what
 */
function parseExact(text, what) {
  const value = JSON.parse(text);
  if (!MAYBE_INEXACT.test(text)) return value;
  for (const [token] of text.matchAll(TOKENS)) {
    if (token.charCodeAt(0) === 34 || (token.length < 16 && !/[eE]/.test(token))) continue;
    const n = Number(token);
    if (Number.isFinite(n) && canonicalDecimal(String(n)) === canonicalDecimal(token)) continue;
    throw debugError(`${what} holds the number ${token.length > 40 ? token.slice(0, 40) + '…' : token}, which a JavaScript `
      + `number cannot hold exactly (it would become ${n}): use planText(), which keeps every number as written`,
    'output/unrepresentable-number');
  }
  return value;
}

/**
 * The text (as UTF-8 bytes) each {@link Prepared} that {@link prepare} answered was decoded
 * from. Those objects are frozen, so the text stays theirs: planning from one sends these bytes
 * instead of encoding the object again (`JSON.stringify` and the finite-number check of an
 * 860-byte session cost more than a fifth of a plan). A changed copy (`{ ...prepared, seed }`)
 * is a new object and is encoded as any session.
 * @type {WeakMap<object, Uint8Array>}
 */
const preparedBytes = new WeakMap();

/**
 * `value`, frozen all the way down.
 * @template T
 * @param {T} value
 * @returns {T}
 */
function deepFreeze(value) {
  if (value && typeof value === 'object') {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}

/**
 * kubectl `Complete` + `Validate` + target resolution: what to read before planning
 * (`needs`), and everything planning needs. Plan each target from the answer. The answer is
 * frozen (planning from it is then cheapest); derive a changed one with a spread,
 * `{ ...prepared, seed: 2 }`, or give the seed per plan.
 * @param {import('./index.js').Session} session
 * @returns {import('./index.js').Prepared}
 */
export function prepare(session) {
  const text = call(() => prepareJson(encode(session ?? {}, 'session')));
  const prepared = deepFreeze(JSON.parse(text));
  preparedBytes.set(prepared, utf8.encode(text));
  return prepared;
}

const utf8 = new TextEncoder();
/** Reused for each target's UTF-8 bytes (the Wasm copies them in): no 6 KB garbage per plan. */
let scratch = new Uint8Array(1 << 16);

/**
 * `text` as UTF-8 bytes in the shared scratch buffer (valid until the next call).
 * @param {string} text
 */
function utf8Bytes(text) {
  // UTF-8 takes at most 3 bytes per UTF-16 unit.
  if (scratch.length < text.length * 3) scratch = new Uint8Array(text.length * 3);
  const { written } = utf8.encodeInto(text, scratch);
  return scratch.subarray(0, written);
}

/**
 * The per-plan seed of `options`, checked: `undefined` when absent.
 * @param {{ seed?: number } | undefined} options
 */
function seedOf(options) {
  const seed = options?.seed;
  if (seed === undefined) return undefined;
  if (!Number.isSafeInteger(seed) || seed < 0) {
    throw inputError(`invalid seed: ${String(seed)}: expected a whole number from 0 to 2^53 - 1`);
  }
  return seed;
}

/**
 * The Wasm's plan of a target's JSON text: the plan without bodies, the ephemeral result
 * (when asked for), and each body's text.
 * @param {import('./index.js').Prepared | import('./index.js').Session} session
 * @param {string | Uint8Array} target the target's JSON text, or its UTF-8 bytes
 * @param {boolean} withResult whether this is the object API (also: numbers must be exact)
 * @param {{ seed?: number }} [options]
 */
function planParts(session, target, withResult, options) {
  const seed = seedOf(options);
  // As UTF-8 bytes: a native copy into Wasm memory (a string is copied by a JS loop).
  const bytes = typeof target === 'string' ? utf8Bytes(target) : target;
  const sessionText = (session && preparedBytes.get(session)) ?? encode(session ?? {}, 'session');
  const [head, result, ...bodies] = call(() => wasmPlanText(sessionText, bytes, withResult, seed));
  return { plan: withResult ? parseExact(head, 'the plan') : JSON.parse(head), result, bodies };
}

/**
 * What `kubectl debug` sends for one target object (a Pod or a Node, as the API server gives
 * it), from what {@link prepare} answered (a session is prepared first, each time).
 * @param {import('./index.js').Prepared | import('./index.js').Session} session
 * @param {object} target
 * @param {import('./index.js').PlanOptions} [options]
 * @returns {import('./index.js').Plan}
 */
export function plan(session, target, options) {
  const { plan: p, result, bodies } = planParts(session, encode(target, 'target object'), true, options);
  p.requests.forEach((/** @type {any} */ r, /** @type {number} */ i) => {
    r.body = parseExact(bodies[i], `the body of request ${i + 1} (${r.method} ${r.path})`);
  });
  // A created pod is its POST body; the Wasm sends it once.
  p.result = result ? parseExact(result, 'the resulting pod') : (p.requests[0]?.body ?? null);
  return p;
}

/**
 * {@link plan} on the wire: the target as the JSON text the API server sent, each request's
 * body as the JSON text to send, no `result` (the server's answer is the result). Nothing of
 * the pod is parsed or re-encoded in JS, and the Wasm builds only what the journey changes:
 * the fast path for hosts that talk to the API server.
 * @param {import('./index.js').Prepared | import('./index.js').Session} session
 * @param {string} targetText
 * @param {import('./index.js').PlanOptions} [options]
 * @returns {import('./index.js').TextPlan}
 */
export function planText(session, targetText, options) {
  if (typeof targetText !== 'string') throw inputError('invalid target object: expected JSON text');
  const { plan: p, bodies } = planParts(session, targetText, false, options);
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
  return JSON.parse(call(() => splitCommandLineJson(line)));
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
  const text = encode(list, 'argument list');
  return JSON.parse(call(() => parseArgsJson(text, context?.kubectlVersion ?? '', gate)));
}

/**
 * The kubectl argument list equivalent to `options` (what follows `kubectl debug`).
 * @param {import('./index.js').DebugOptions} options
 * @param {string} [namespace]
 * @returns {string[]}
 */
export function renderArgs(options, namespace) {
  const text = encode(options ?? {}, 'options');
  return JSON.parse(call(() => renderArgsJson(text, namespace)));
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
  return call(() => wasmProfiles(kubectlVersion ?? ''));
}

/** @returns {string[]} the kubectl versions whose behaviour can be followed, oldest first. */
export function kubectlVersions() {
  return call(() => wasmKubectlVersions());
}

/** @returns {string} the kubectl version followed when none is given: the newest supported. */
export function defaultKubectlVersion() {
  return call(() => wasmDefaultKubectlVersion());
}

/**
 * kubectl debug's flag table (every version's flags), so that a host taking its own flags out
 * of an argument list knows which kubectl flags consume the next word.
 * @returns {import('./index.js').KubectlFlag[]}
 */
export function kubectlFlags() {
  return call(() => JSON.parse(kubectlFlagsJson()));
}

/** @returns {string} this library's version. */
export function version() {
  return call(() => libraryVersion());
}

/**
 * The debug sessions of a `PodList` (or one Pod), as the core classifies them: every ephemeral
 * container, and every pod copy or node debug pod marked by `--session-label` or kubectl 1.34+.
 * With `now` (a `Date` or epoch milliseconds), each session has `ageSeconds` since `createdAt`
 * (`null` when unknown); without it, `null` (the core has no clock).
 * @param {object | string} podList the list, or its JSON text
 * @param {{ now?: Date | number }} [options]
 * @returns {import('./index.js').DebugSession[]}
 */
export function listSessions(podList, options = {}) {
  const text = typeof podList === 'string' ? podList : encode(podList, 'pod list');
  /** @type {import('./index.js').DebugSession[]} */
  const sessions = call(() => JSON.parse(listSessionsJson(text)));
  const now = options.now === undefined ? null : Number(options.now);
  for (const s of sessions) {
    const created = s.createdAt ? Date.parse(s.createdAt) : NaN;
    s.ageSeconds = now === null || Number.isNaN(created) ? null : Math.floor((now - created) / 1000);
  }
  return sessions;
}
