// @ts-check
/**
 * Shell completion (issue 13, item 7): `kubedebug completion bash|zsh|fish` prints a script;
 * the script calls the hidden `kubedebug __complete WORD...` (the words after `kubedebug`, the
 * last one being completed, possibly empty), which prints one candidate per line: flags with
 * kubectl's names (the core's flag table, gated by `--kubectl-version`), profiles and versions
 * from the core, and from the cluster pod names, `node/NAME`, the containers of the pod on the
 * line (`--target`, `-c`), namespaces; contexts from the kubeconfig. The session subcommands
 * (`list`, `attach`, `cleanup`) complete their own flags, and `attach` pods and containers.
 * Cluster failures give no candidates, never an error.
 * @module
 */
import { DEBUG_FLAGS, longName, minor } from '../host/debug-flags.js';

/** @typedef {import('../host/wasm.js').Kubedebug} Kubedebug */

/** kubedebug's own flags (`flags.js`) and whether they take a value. */
const OWN_FLAGS = [['kubectl-version', true], ['dry-run', false], ['output', true], ['timeout', true],
  ['max-input-size', true], ['help', false]];
/** The kubectl global flags worth offering (the rest still complete when typed). */
const GLOBALS = ['namespace', 'kubeconfig', 'context'];
const SHORT = /** @type {Record<string, string>} */ ({ n: 'namespace', c: 'container', o: 'output', f: 'filename' });
/** The subcommands: their flags (as `session-flags.js` parses them) and whether each takes a value. */
const SUBCOMMANDS = /** @type {Record<string, [string, boolean][]>} */ ({
  list: [['all-namespaces', false], ['selector', true], ['output', true]],
  attach: [['container', true], ['stdin', false], ['tty', false], ['quiet', false]],
  cleanup: [['all-namespaces', false], ['selector', true], ['all', false], ['older-than', true], ['dry-run', false]],
});

/**
 * The words typed so far: `-n`/`--context`/`--kubeconfig`/`--kubectl-version` values and the
 * first positional target.
 * @param {string[]} words every word but the one being completed
 * @param {Set<string>} valueFlags long names that take a value
 */
function scan(words, valueFlags) {
  /** @type {Record<string, string>} */
  const flags = {};
  /** @type {string[]} */
  const targets = [];
  for (let i = 0; i < words.length; i++) {
    const w = words[i];
    if (w === '--') break;
    const m = /^--([^=]+)(?:=(.*))?$/.exec(w) ?? /^-([a-zA-Z])(.+)?$/.exec(w);
    if (!m) {
      targets.push(w);
      continue;
    }
    const name = SHORT[m[1]] ?? m[1];
    if (!valueFlags.has(name)) continue;
    flags[name] = m[2] ?? words[++i] ?? '';
  }
  return { flags, target: targets[0] ?? null };
}

/**
 * The candidates for the last word.
 * @param {string[]} words the words after `kubedebug`; the last is being completed
 * @param {{ core: Kubedebug, cluster: (flags: Record<string, string>) => Promise<ClusterLookup | null> }} deps
 * @returns {Promise<string[]>}
 */
export async function complete(words, deps) {
  if (words.length > 1 && SUBCOMMANDS[words[0]]) return completeSubcommand(words[0], words.slice(1), deps);
  const { core } = deps;
  const current = words.at(-1) ?? '';
  const before = words.slice(0, -1);
  const table = core.kubectlFlags();
  const valueFlags = new Set([...table.filter((f) => f.takesValue).map((f) => f.name),
    ...OWN_FLAGS.filter(([, v]) => v).map(([n]) => String(n))]);
  const { flags, target } = scan(before, valueFlags);
  const version = flags['kubectl-version']?.replace(/^v/, '').split('.').slice(0, 2).join('.') || core.defaultKubectlVersion();
  const prev = before.at(-1) ?? '';
  const prevFlag = /^--?([^=]+)$/.exec(prev)?.[1];
  const prevName = prevFlag ? SHORT[prevFlag] ?? prevFlag : null;
  const inline = /^(--[^=]+)=(.*)$/.exec(current);
  if (inline) {
    const values = await valuesFor(inline[1].slice(2), deps, flags, target, version);
    return prefixed(values.map((v) => `${inline[1]}=${v}`), current);
  }
  if (prevName && valueFlags.has(prevName) && !/^-[a-zA-Z]{2,}$/.test(prev)) {
    return prefixed(await valuesFor(prevName, deps, flags, target, version), current);
  }
  if (current.startsWith('-')) return prefixed(flagNames(table, version), current);
  const out = before.length === 0 ? ['serve', 'completion', ...Object.keys(SUBCOMMANDS)] : [];
  const lookup = await safe(() => deps.cluster(flags));
  if (current.startsWith('node/')) return prefixed((await safe(() => lookup?.nodes() ?? [])).map((/** @type {string} */ n) => `node/${n}`), current);
  if (!target) out.push(...await safe(() => lookup?.pods() ?? []), 'node/');
  return prefixed(out, current);
}

/**
 * The candidates of `kubedebug list|attach|cleanup …`: their flags and the globals, values of
 * `-n`, `--context`, `-o` and (attach) `-c` for the pod on the line; attach's pod names.
 * @param {string} command
 * @param {string[]} words the words after the subcommand; the last is being completed
 * @param {Parameters<typeof complete>[1]} deps
 * @returns {Promise<string[]>}
 */
async function completeSubcommand(command, words, deps) {
  const own = SUBCOMMANDS[command];
  const current = words.at(-1) ?? '';
  const before = words.slice(0, -1);
  const valueFlags = new Set([...own.filter(([, v]) => v).map(([n]) => n), ...GLOBALS]);
  const { flags, target } = scan(before, valueFlags);
  const prevFlag = /^--?([^=]+)$/.exec(before.at(-1) ?? '')?.[1];
  const short = /** @type {Record<string, string>} */ ({ ...SHORT, A: 'all-namespaces', l: 'selector' });
  const prevName = prevFlag ? short[prevFlag] ?? prevFlag : null;
  const inline = /^(--[^=]+)=(.*)$/.exec(current);
  /** @param {string} flag */
  const values = (flag) => (flag === 'output' ? Promise.resolve(['wide', 'json', 'yaml'])
    : ['namespace', 'context', 'container'].includes(flag) ? valuesFor(flag, deps, flags, target, '') : Promise.resolve([]));
  if (inline) return prefixed((await values(inline[1].slice(2))).map((v) => `${inline[1]}=${v}`), current);
  if (prevName && valueFlags.has(prevName)) return prefixed(await values(prevName), current);
  if (current.startsWith('-')) return prefixed([...own.map(([n]) => n), ...GLOBALS, 'help'].map((n) => `--${n}`).sort(), current);
  if (command !== 'attach' || target) return [];
  const lookup = await safe(() => deps.cluster(flags));
  return prefixed(await safe(() => lookup?.pods() ?? []), current);
}

/**
 * The cluster side of completion (one namespace).
 * @typedef {{
 *   pods(): Promise<string[]>, nodes(): Promise<string[]>, namespaces(): Promise<string[]>,
 *   containers(pod: string): Promise<string[]>, contexts(): string[],
 * }} ClusterLookup
 */

/**
 * @param {string} flag long name
 * @param {Parameters<typeof complete>[1]} deps
 * @param {Record<string, string>} flags
 * @param {string | null} target
 * @param {string} version
 * @returns {Promise<string[]>}
 */
async function valuesFor(flag, deps, flags, target, version) {
  const { core } = deps;
  switch (flag) {
    case 'profile': return safe(() => core.profiles(version));
    case 'kubectl-version': return core.kubectlVersions();
    case 'output': return ['json', 'yaml'];
    case 'image-pull-policy': return ['Always', 'IfNotPresent', 'Never'];
    case 'dry-run': return ['true', 'false', 'client'];
    case 'context': {
      const lookup = await safe(() => deps.cluster({ ...flags, context: '' }));
      return safe(() => lookup?.contexts() ?? []);
    }
    case 'namespace': {
      const lookup = await safe(() => deps.cluster(flags));
      return safe(() => lookup?.namespaces() ?? []);
    }
    case 'target': case 'container': {
      if (!target || target.includes('/') && !target.startsWith('pod/') && !target.startsWith('pods/')) return [];
      const lookup = await safe(() => deps.cluster(flags));
      return safe(() => lookup?.containers(target.replace(/^pods?\//, '')) ?? []);
    }
    default: return [];
  }
}

/**
 * `--name` of every flag `version` registers: kubectl debug's, the useful globals, ours.
 * @param {import('../core/index.js').KubectlFlag[]} table
 * @param {string} version
 */
function flagNames(table, version) {
  const since = new Map(DEBUG_FLAGS.map((f) => [longName(f), f.since ?? 0]));
  const debug = table.filter((f) => f.debug && minor(version) >= (since.get(f.name) ?? 0)).map((f) => f.name);
  return [...debug, ...GLOBALS, ...OWN_FLAGS.map(([n]) => String(n))].map((n) => `--${n}`).sort();
}

/** @param {string[]} values @param {string} current */
function prefixed(values, current) {
  return [...new Set(values)].filter((v) => v.startsWith(current));
}

/**
 * @template T
 * @param {() => T | Promise<T>} fn
 * @returns {Promise<any>} the value, or `[]`/null when it failed
 */
async function safe(fn) {
  try {
    return await fn();
  } catch {
    return [];
  }
}

/**
 * The cluster lookup of the Node CLI: the kubeconfig (with `--kubeconfig`, `--context`, `-n`),
 * then GETs through the host's client.
 * @param {Record<string, string>} flags
 * @returns {Promise<ClusterLookup | null>}
 */
export async function nodeClusterLookup(flags) {
  const { configFromFlags, connect } = await import('./connection.js');
  /** @type {{ name: string, value: string }[]} */
  const globals = [];
  for (const name of ['kubeconfig', 'context']) if (flags[name]) globals.push({ name, value: flags[name] });
  const kc = configFromFlags(globals);
  const contexts = () => kc.getContexts().map((/** @type {any} */ c) => String(c.name));
  /** @type {Promise<Awaited<ReturnType<typeof connect>>> | null} */
  let connection = null;
  const kube = async () => (await (connection ??= connect(kc))).kube;
  const namespace = async () => flags.namespace || (await (connection ??= connect(kc))).namespace;
  /** @param {string} path */
  const names = async (path) => ((await (await kube()).get(path))?.items ?? [])
    .map((/** @type {any} */ o) => String(o?.metadata?.name ?? '')).filter(Boolean);
  const ns = async () => encodeURIComponent(await namespace());
  return {
    contexts,
    pods: async () => names(`/api/v1/namespaces/${await ns()}/pods`),
    nodes: () => names('/api/v1/nodes'),
    namespaces: () => names('/api/v1/namespaces'),
    containers: async (pod) => {
      const p = await (await kube()).get(`/api/v1/namespaces/${await ns()}/pods/${encodeURIComponent(pod)}`);
      const spec = p?.spec ?? {};
      return [...(spec.containers ?? []), ...(spec.initContainers ?? []), ...(spec.ephemeralContainers ?? [])]
        .map((/** @type {any} */ c) => String(c?.name ?? '')).filter(Boolean);
    },
  };
}

/** The shells `kubedebug completion` writes a script for. */
export const SHELLS = ['bash', 'zsh', 'fish'];

/**
 * The completion script for `shell`.
 * @param {string} shell
 * @returns {string | null} null for an unknown shell
 */
export function completionScript(shell) {
  if (shell === 'bash') {
    return `# kubedebug completion for bash: source <(kubedebug completion bash)
_kubedebug() {
  local cur="\${COMP_WORDS[COMP_CWORD]}"
  local IFS=$'\\n'
  COMPREPLY=($(kubedebug __complete "\${COMP_WORDS[@]:1:COMP_CWORD}" 2>/dev/null))
  if [[ \${#COMPREPLY[@]} -eq 1 && ( "\${COMPREPLY[0]}" == *= || "\${COMPREPLY[0]}" == */ ) ]]; then compopt -o nospace 2>/dev/null; fi
}
complete -o default -F _kubedebug kubedebug
`;
  }
  if (shell === 'zsh') {
    return `#compdef kubedebug
# kubedebug completion for zsh: source <(kubedebug completion zsh)
_kubedebug() {
  local -a candidates
  candidates=("\${(@f)$(kubedebug __complete "\${(@)words[2,CURRENT]}" 2>/dev/null)}")
  compadd -Q -- "\${candidates[@]}"
}
if (( $+functions[compdef] )); then compdef _kubedebug kubedebug; fi
`;
  }
  if (shell === 'fish') {
    return `# kubedebug completion for fish: kubedebug completion fish | source
function __kubedebug_complete
    set -l words (commandline -opc) (commandline -ct)
    kubedebug __complete $words[2..-1] 2>/dev/null
end
complete -c kubedebug -f -a '(__kubedebug_complete)'
`;
  }
  return null;
}
