// @ts-check
/**
 * The flags of `kubedebug list`, `attach` and `cleanup` (kubectl's names and pflag's forms:
 * `--flag=v`, `--flag v`, `-n v`, `-nv`), and the kubeconfig connection they share.
 * @module
 */
import { FlagError, parseDuration } from './flags.js';

/** @typedef {{ name: string, short?: string, value?: boolean, list?: boolean }} FlagDef */

/** kubectl's global flags every subcommand takes. */
const GLOBALS = /** @type {FlagDef[]} */ ([
  { name: 'namespace', short: 'n', value: true }, { name: 'kubeconfig', value: true },
  { name: 'context', value: true }, { name: 'help', short: 'h' },
]);

/**
 * Parse `argv` against `defs` (plus the globals): `{ flags, args }`; a flag given twice keeps the
 * last value. Unknown flags fail as pflag words them.
 * @param {string[]} argv
 * @param {FlagDef[]} defs
 * @param {string} command for the usage hint (`kubedebug list`)
 * @returns {{ flags: Record<string, string | boolean>, args: string[] }}
 */
export function parseSubcommandFlags(argv, defs, command) {
  const all = [...GLOBALS, ...defs];
  /** @type {Record<string, string | boolean>} */
  const flags = {};
  /** @type {string[]} */
  const args = [];
  const fail = (/** @type {string} */ message, code = 'flag/invalid-argument') => {
    return usageError(message, command, code);
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--') { args.push(...argv.slice(i + 1)); break; }
    /** @type {FlagDef | undefined} */ let def;
    /** @type {string | null} */ let inline = null;
    if (arg.startsWith('--') && arg.length > 2) {
      const eq = arg.indexOf('=');
      const name = arg.slice(2, eq < 0 ? undefined : eq);
      inline = eq < 0 ? null : arg.slice(eq + 1);
      def = all.find((d) => d.name === name);
      if (!def) throw fail(`unknown flag: --${name}`, 'flag/unknown');
    } else if (arg.startsWith('-') && arg.length > 1) {
      // A cluster (`-it`, `-qc name`): booleans one letter each, until one that takes a value.
      let at = 1;
      for (;;) {
        def = all.find((d) => d.short === arg[at]);
        if (!def) throw fail(`unknown shorthand flag: '${arg[at]}' in ${arg}`, 'flag/unknown');
        if (def.value || at === arg.length - 1) break;
        flags[def.name] = true;
        at++;
      }
      if (at < arg.length - 1) inline = arg.slice(at + 1).replace(/^=/, '');
    } else {
      args.push(arg);
      continue;
    }
    if (def.value) {
      if (inline === null) {
        if (i + 1 >= argv.length) {
          throw fail(`flag needs an argument: ${def.short && !arg.startsWith('--') ? `'${def.short}' in -${def.short}` : `--${def.name}`}`, 'flag/needs-argument');
        }
        inline = argv[++i];
      }
      flags[def.name] = inline;
    } else {
      if (inline !== null && !['true', 'false', '1', '0', 't', 'f', 'TRUE', 'FALSE', 'True', 'False', 'T', 'F'].includes(inline)) {
        throw fail(`invalid argument "${inline}" for "--${def.name}" flag: strconv.ParseBool: parsing "${inline}": invalid syntax`);
      }
      flags[def.name] = inline === null || /^(true|1|t)$/i.test(inline);
    }
  }
  return { flags, args };
}

/**
 * A Go duration flag (`--older-than=1h`), in milliseconds.
 * @param {string} value
 * @param {string} name
 */
export function durationArg(value, name) {
  const ms = parseDuration(value);
  if (ms === null) throw new FlagError(`invalid argument "${value}" for "--${name}" flag: time: invalid duration "${value}"`);
  return ms;
}

/**
 * The kubeconfig (with `--kubeconfig`/`--context`), its namespace unless `-n` is given, and a
 * connection to its cluster.
 * @param {Record<string, string | boolean>} flags
 */
export async function connectFromFlags(flags) {
  const { configFromFlags, connect, contextNamespace } = await import('./connection.js');
  const globals = ['kubeconfig', 'context'].filter((n) => typeof flags[n] === 'string')
    .map((n) => ({ name: n, value: /** @type {string} */ (flags[n]) }));
  const kc = configFromFlags(globals);
  const namespace = typeof flags.namespace === 'string' ? flags.namespace : contextNamespace(kc);
  return { ...(await connect(kc)), namespace };
}

/**
 * A usage error of a subcommand: its help hint (`See 'kubedebug list --help' for usage.`) follows.
 * @param {string} message
 * @param {string} command
 * @param {string} [code]
 */
export function usageError(message, command, code = 'flag/invalid-argument') {
  const err = /** @type {FlagError & { usageCommand?: string }} */ (new FlagError(message, { code }));
  err.usageCommand = command;
  return err;
}
