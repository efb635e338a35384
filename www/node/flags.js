// @ts-check
/**
 * kubedebug's own flags (`--kubectl-version`, `--dry-run`, `-o/--output`, `--timeout`,
 * `--max-input-size`, `-h/--help`), taken out of the argument list with pflag's conventions before the rest goes
 * to the core's `parseArgs`. Which kubectl flags take a value comes from the core's flag table
 * (`kubectlFlags()`), so that their values are never mistaken for one of ours (pflag takes the
 * next word as the value, dash or not).
 * @module
 */

/** A command-line error of our own flags; kubectl adds the usage hint for these. */
export class FlagError extends Error {
  /**
   * @param {string} message
   * @param {{ code?: string }} [options]
   */
  constructor(message, options = {}) {
    super(message);
    this.name = 'FlagError';
    /** @type {string} */
    this.code = options.code ?? 'flag/invalid-argument';
    /** kubectl prints `See 'kubectl debug --help' for usage.` after these. */
    this.usage = true;
  }
}

/**
 * The default when the core is not asked (`extractOwnFlags` without `defaultVersion`); the CLI
 * passes the core's `defaultKubectlVersion()`, and `tests/js/versions.test.mjs` holds this to it.
 */
export const DEFAULT_KUBECTL_VERSION = '1.37';

/**
 * The long names and shorthands of the kubectl flags that take a value.
 * @param {import('../core/index.js').KubectlFlag[]} flags the core's `kubectlFlags()`
 * @returns {{ long: Set<string>, short: Set<string> }}
 */
function valueFlags(flags) {
  const taking = flags.filter((f) => f.takesValue);
  return {
    long: new Set(taking.map((f) => f.name)),
    short: new Set(taking.flatMap((f) => (f.shorthand ? [f.shorthand] : []))),
  };
}

/**
 * @typedef {{
 *   kubectlVersion: string, dryRun: boolean, output: 'yaml' | 'json' | null,
 *   timeoutMs: number | null, help: boolean, rest: string[], maxInputBytes: number | null,
 * }} OwnFlags
 */

/**
 * Take our flags out of `argv` (everything before `--`), leaving kubectl's in order.
 * @param {string[]} argv
 * @param {{ versions?: string[], defaultVersion?: string, kubectlFlags?: import('../core/index.js').KubectlFlag[] }} [options]
 *   the versions `--kubectl-version` accepts and the one used without it (both from the core);
 *   the core's flag table (`kubectlFlags()`)
 * @returns {OwnFlags}
 */
export function extractOwnFlags(argv, options = {}) {
  /** @type {OwnFlags} */
  const own = {
    kubectlVersion: options.defaultVersion ?? DEFAULT_KUBECTL_VERSION, dryRun: false, output: null, timeoutMs: null, help: false, rest: [], maxInputBytes: null,
  };
  const versions = options.versions ?? [];
  const kubectl = valueFlags(options.kubectlFlags ?? []);
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--') {
      own.rest.push(...argv.slice(i));
      break;
    }
    if (arg.startsWith('--') && arg.length > 2) {
      const eq = arg.indexOf('=');
      const name = arg.slice(2, eq < 0 ? undefined : eq);
      const inline = eq < 0 ? null : arg.slice(eq + 1);
      /** @returns {string} */
      const value = () => {
        if (inline !== null) return inline;
        if (i + 1 >= argv.length) throw new FlagError(`flag needs an argument: --${name}`, { code: 'flag/needs-argument' });
        return argv[++i];
      };
      if (name === 'kubectl-version') own.kubectlVersion = checkVersion(value(), versions);
      else if (name === 'output') own.output = checkOutput(value(), `--${name}`);
      else if (name === 'timeout') own.timeoutMs = durationFlag(value());
      else if (name === 'max-input-size') own.maxInputBytes = byteSize(value(), '--max-input-size');
      else if (name === 'dry-run') own.dryRun = dryRunValue(inline);
      else if (name === 'help') own.help = boolValue(inline, 'help');
      else {
        own.rest.push(arg);
        if (inline === null && kubectl.long.has(name.replace(/_/g, '-')) && i + 1 < argv.length) own.rest.push(argv[++i]);
      }
      continue;
    }
    if (arg.startsWith('-') && arg.length > 1) {
      i = shortCluster(argv, i, own, kubectl.short);
      continue;
    }
    own.rest.push(arg);
  }
  return own;
}

/**
 * A cluster of short flags (`-it`, `-oyaml`, `-o json`, `-h`, `-c name`): ours are removed.
 * @param {string[]} argv
 * @param {number} i index of the cluster
 * @param {OwnFlags} own
 * @param {Set<string>} valueShorthands kubectl's shorthands that take a value
 * @returns {number} the index of the last word consumed
 */
function shortCluster(argv, i, own, valueShorthands) {
  const letters = argv[i].slice(1);
  let kept = '';
  for (let j = 0; j < letters.length; j++) {
    const c = letters[j];
    if (c === 'h') {
      own.help = true;
    } else if (c === 'o') {
      let v = letters.slice(j + 1).replace(/^=/, '');
      if (!v) {
        if (i + 1 >= argv.length) throw new FlagError("flag needs an argument: 'o' in -o", { code: 'flag/needs-argument' });
        v = argv[++i];
      }
      own.output = checkOutput(v, '-o, --output');
      break;
    } else if (valueShorthands.has(c)) {
      kept += letters.slice(j);
      if (j + 1 === letters.length && i + 1 < argv.length) {
        own.rest.push('-' + kept, argv[++i]);
        return i;
      }
      break;
    } else {
      kept += c;
    }
  }
  if (kept) own.rest.push('-' + kept);
  return i;
}

/**
 * @param {string} value
 * @param {string[]} versions
 * @returns {string}
 */
function checkVersion(value, versions) {
  const v = value.replace(/^v/, '').split('.').slice(0, 2).join('.');
  if (versions.length && !versions.includes(v)) {
    throw new FlagError(`invalid argument "${value}" for "--kubectl-version" flag: must be one of ${versions.join(', ')}`);
  }
  return v;
}

/**
 * @param {string} value
 * @param {string} flag
 * @returns {'yaml' | 'json'}
 */
function checkOutput(value, flag) {
  if (value === 'yaml' || value === 'json') return value;
  throw new FlagError(`invalid argument "${value}" for "${flag}" flag: allowed formats are json, yaml`);
}

/**
 * `--dry-run`, `--dry-run=true|false|client`.
 * @param {string | null} inline
 * @returns {boolean}
 */
function dryRunValue(inline) {
  if (inline === 'client') return true;
  return boolValue(inline, 'dry-run');
}

/**
 * A pflag bool: no value means true.
 * @param {string | null} inline
 * @param {string} name
 * @returns {boolean}
 */
function boolValue(inline, name) {
  if (inline === null) return true;
  if (['1', 't', 'T', 'true', 'TRUE', 'True'].includes(inline)) return true;
  if (['0', 'f', 'F', 'false', 'FALSE', 'False'].includes(inline)) return false;
  throw new FlagError(`invalid argument "${inline}" for "--${name}" flag: strconv.ParseBool: parsing "${inline}": invalid syntax`);
}

const SIZE_UNITS = /** @type {Record<string, number>} */ ({
  '': 1, k: 1e3, K: 1e3, M: 1e6, G: 1e9, Ki: 1024, Mi: 1024 ** 2, Gi: 1024 ** 3,
});

/**
 * A byte count: `8388608`, `8Mi`, `512Ki`, `10M` (Kubernetes quantity suffixes).
 * @param {string} value
 * @param {string} source `--max-input-size` or the environment variable's name, for the error
 * @returns {number}
 */
export function byteSize(value, source) {
  const m = /^(\d+)(k|K|M|G|Ki|Mi|Gi)?$/.exec(value.trim());
  const n = m ? Number(m[1]) * SIZE_UNITS[m[2] ?? ''] : NaN;
  if (!Number.isSafeInteger(n) || n <= 0) {
    const where = source.startsWith('--') ? `for "${source}" flag` : `in ${source}`;
    const err = new FlagError(`invalid argument "${value}" ${where}: want a positive size in bytes, e.g. 8388608 or 8Mi`,
      { code: 'flag/invalid-size' });
    err.usage = source.startsWith('--');
    throw err;
  }
  return n;
}

/**
 * @param {string} value
 * @returns {number}
 */
function durationFlag(value) {
  const ms = parseDuration(value);
  if (ms === null) throw new FlagError(`invalid argument "${value}" for "--timeout" flag: time: invalid duration "${value}"`);
  return ms;
}

const UNITS_MS = /** @type {Record<string, number>} */ ({ ns: 1e-6, us: 1e-3, 'µs': 1e-3, 'μs': 1e-3, ms: 1, s: 1000, m: 60000, h: 3600000 });

/**
 * Go's `time.ParseDuration` (`300ms`, `1m30s`, `2h`), in milliseconds; `0` alone is allowed.
 * Negative durations are refused (a wait cannot be negative).
 * @param {string} text
 * @returns {number | null} null when invalid
 */
export function parseDuration(text) {
  if (text === '0') return 0;
  const re = /(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|μs|ms|s|m|h)/y;
  let total = 0;
  let at = 0;
  if (!text) return null;
  while (at < text.length) {
    re.lastIndex = at;
    const m = re.exec(text);
    if (!m) return null;
    total += Number(m[1]) * UNITS_MS[m[2]];
    at = re.lastIndex;
  }
  return total;
}
