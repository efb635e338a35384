// @ts-check
/**
 * `kubedebug (POD | TYPE/NAME) [flags] [-- COMMAND [args...]]`: our flags, kubectl's flags
 * (through the core's `parseArgs`), the kubeconfig, then the host's `debug()`; `--dry-run`
 * prints the objects instead of sending them.
 * @module
 */
import { webcrypto } from 'node:crypto';
import { debug, reportError } from '../host/run.js';
import { byteSize, extractOwnFlags, FlagError } from './flags.js';
import { helpText } from './help.js';
import { loadConfig } from './config.js';
import { sessionDefaults } from '../host/config.js';
import { dryRunObject, formatObjects } from './output.js';
import { parseDocuments, parseDocumentsText } from './documents.js';
import { createInputReader, DEFAULT_MAX_INPUT_BYTES } from './read-input.js';

/** @typedef {import('../host/session.js').DebugIo} DebugIo */
/** @typedef {import('../host/wasm.js').Kubedebug} Kubedebug */

/**
 * @typedef {{
 *   core: Kubedebug,
 *   env: Record<string, string | undefined>,
 *   io: DebugIo,
 *   signal?: AbortSignal,
 *   seed?: number,
 *   urlTimeoutMs?: number,
 *   urlRetryDelayMs?: number,
 * }} CommandContext `urlTimeoutMs`/`urlRetryDelayMs`: for `-f URL` (tests shorten them)
 */

/** The environment variable that sets the input size limit (`--max-input-size` wins). */
export const MAX_INPUT_ENV = 'KUBEDEBUG_MAX_INPUT';

/** Environment variables kubectl debug reads. */
const PASSED_ENV = ['KUBECTL_DEBUG_CUSTOM_PROFILE'];

/**
 * @param {string[]} argv the words after `kubedebug`
 * @param {CommandContext & { onSession?: (tty: boolean) => void, onCleanup?: (pending: boolean) => void }} ctx
 *   `onSession` learns, once the flags are parsed, whether the session wants a raw terminal
 *   (`-i -t`); `onCleanup` when a `--rm` deletion is pending
 * @returns {Promise<number>} the exit code
 */
export async function runDebugCommand(argv, ctx) {
  const { core, io } = ctx;
  try {
    const versions = core.kubectlVersions();
    const own = extractOwnFlags(argv, { versions, defaultVersion: core.defaultKubectlVersion(), kubectlFlags: core.kubectlFlags() });
    if (own.help) {
      io.stdout(helpText(own.kubectlVersion, versions, await helpDefaults(ctx.env)));
      return 0;
    }
    const config = await loadConfig(ctx.env);
    /** @type {Record<string, string>} */
    const env = {};
    for (const key of PASSED_ENV) if (ctx.env[key] !== undefined) env[key] = /** @type {string} */ (ctx.env[key]);
    const parsed = core.parseArgs(own.rest, { kubectlVersion: own.kubectlVersion, env });
    if (own.output && !own.dryRun) throw new FlagError('--output requires --dry-run', { code: 'flag/output-without-dry-run' });
    ctx.onSession?.(Boolean(parsed.options.stdin && parsed.options.tty));
    const offline = own.dryRun && parsed.options.filename.length > 0 && parsed.options.targets.length === 0;
    let namespace = 'default';
    let creator = '';
    let connection = null;
    try {
      // client-node is heavy to load: only when a kubeconfig is needed.
      const { configFromFlags, connect, contextNamespace } = await import('./connection.js');
      const kc = configFromFlags(parsed.globals);
      namespace = contextNamespace(kc);
      creator = kc.getCurrentUser()?.name ?? '';
      if (!offline) connection = await connect(kc);
    } catch (err) {
      if (!offline) throw err;
    }
    const envLimit = ctx.env[MAX_INPUT_ENV];
    const reader = createInputReader({
      maxBytes: own.maxInputBytes ?? (envLimit ? byteSize(envLimit, MAX_INPUT_ENV) : DEFAULT_MAX_INPUT_BYTES),
      stdin: io.stdin, urlTimeoutMs: ctx.urlTimeoutMs, urlRetryDelayMs: ctx.urlRetryDelayMs,
    });
    /** @type {import('../host/session.js').DebugIo} */
    const inputIo = {
      ...io,
      readFile: (path) => reader.readFile(path),
      readSources: (filenames) => reader.sources(filenames),
    };
    /** @type {import('../core/index.js').Session} */
    // The arguments were parsed once (above): the session carries the settled options.
    const session = {
      options: parsed.options, namespace: parsed.namespace ?? namespace, namespaceExplicit: parsed.namespace !== null, kubectlVersion: own.kubectlVersion, env,
      seed: ctx.seed ?? webcrypto.getRandomValues(new Uint32Array(1))[0],
      ...sessionDefaults(config, ctx.env),
      // `--session-label`'s annotations the core cannot know: who (the kubeconfig user) and when.
      mark: { creator, createdAt: new Date().toISOString().replace(/\.\d+Z$/, 'Z') },
    };
    const result = await debug({
      session, planner: core, kube: connection?.kube ?? null, attachFactory: connection?.webSocketFactory ?? null,
      io: own.dryRun ? { ...inputIo, stdout: io.stderr } : inputIo,
      signal: ctx.signal, timeoutMs: own.timeoutMs || null, dryRun: own.dryRun, parseDocuments, parseDocumentsText,
      onCleanup: ctx.onCleanup,
    });
    if (own.dryRun && result.exitCode === 0) {
      io.stdout(formatObjects(result.results.map(dryRunObject), own.output ?? 'yaml'));
    }
    return result.exitCode;
  } catch (err) {
    return reportError(io, err);
  }
}

/**
 * What `--help` shows of the configuration: the defaults in effect, or why the file is refused.
 * @param {Record<string, string | undefined>} env
 * @returns {Promise<import('./help.js').HelpDefaults>}
 */
async function helpDefaults(env) {
  try {
    const config = await loadConfig(env);
    return { ...sessionDefaults(config, env), path: config.path, error: null };
  } catch (err) {
    return { defaultImages: {}, defaultImageSource: '', defaultRm: false, defaultSessionLabel: false, path: null, error: err instanceof Error ? err.message : String(err) };
  }
}

