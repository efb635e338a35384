// @ts-check
/**
 * `kubedebug serve [--port N] [--address A [--unsafe-address]] [--kubeconfig F] [--context C]`:
 * parse the flags (pflag style) and hand them to `serve.js`.
 * @module
 */
import { FlagError } from './flags.js';

export const SERVE_USAGE = 'Usage:\n  kubedebug serve [--port N] [--address A [--unsafe-address]] [--kubeconfig FILE] [--context NAME]\n\n'
  + 'Serve the kubedebug web page and its API proxy for the current kubeconfig context.\n\n'
  + 'The printed URL carries a per-run access token (after #): open it as printed. Only the requests the page\n'
  + 'makes are forwarded. --address must be a loopback address (default 127.0.0.1) unless --unsafe-address\n'
  + 'is given: then anyone who can reach the address and learns the token can act on pods as you.\n';

/**
 * @typedef {{
 *   port?: number, address?: string, unsafeAddress?: boolean, kubeconfig?: string, context?: string, help: boolean,
 * }} ServeFlags
 */

/**
 * @param {string[]} argv the words after `serve`
 * @returns {ServeFlags}
 */
export function parseServeFlags(argv) {
  /** @type {ServeFlags} */
  const out = { help: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '-h' || arg === '--help') {
      out.help = true;
      continue;
    }
    const unsafe = /^--unsafe-address(?:=(.*))?$/s.exec(arg);
    if (unsafe) {
      const v = unsafe[1] ?? 'true';
      if (!['true', 'false', '1', '0', 't', 'f', 'TRUE', 'FALSE', 'True', 'False', 'T', 'F'].includes(v)) {
        throw new FlagError(`invalid argument "${v}" for "--unsafe-address" flag: strconv.ParseBool: parsing "${v}": invalid syntax`);
      }
      out.unsafeAddress = ['true', '1', 't', 'TRUE', 'True', 'T'].includes(v);
      continue;
    }
    const m = /^--(port|address|kubeconfig|context)(?:=(.*))?$/s.exec(arg);
    if (!m) {
      if (arg.startsWith('-')) throw new FlagError(`unknown flag: ${arg.split('=')[0]}`, { code: 'flag/unknown' });
      throw new FlagError(`unknown command "${arg}" for "kubedebug serve"`, { code: 'flag/unknown' });
    }
    let value = m[2];
    if (value === undefined) {
      if (i + 1 >= argv.length) throw new FlagError(`flag needs an argument: --${m[1]}`, { code: 'flag/needs-argument' });
      value = argv[++i];
    }
    if (m[1] === 'port') {
      const port = Number(value);
      if (!/^\d+$/.test(value) || port > 65535) {
        throw new FlagError(`invalid argument "${value}" for "--port" flag: strconv.ParseInt: parsing "${value}": invalid syntax`);
      }
      out.port = port;
    } else out[/** @type {'address' | 'kubeconfig' | 'context'} */ (m[1])] = value;
  }
  return out;
}

/**
 * Start the server (another module) and wait until SIGINT/SIGTERM, then close it.
 * @param {ServeFlags} flags
 * @returns {Promise<number>} exit code
 */
export async function runServe(flags) {
  const { serve } = await import('./serve.js');
  const { help: _help, ...options } = flags;
  const handle = /** @type {any} */ (await serve(options));
  await new Promise((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  if (handle && typeof handle.close === 'function') await handle.close();
  return 0;
}
