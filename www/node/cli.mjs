#!/usr/bin/env node
// @ts-check
/**
 * `kubedebug`: `kubectl debug` for Node, flag for flag, against the kubeconfig's cluster.
 * `kubedebug serve …` starts the web page server; `list`, `attach` and `cleanup` handle debug sessions. Wiring only: the work is in the modules.
 * @module
 */
import { loadKubedebugNodeAsync } from './load-wasm.js';
import { createProcessIo, flush } from './terminal.js';

const SIGNAL_EXIT = { SIGINT: 130, SIGTERM: 143, SIGHUP: 129 };
/** The debug-session subcommands (`www/node/<name>-command.js`). */
const SUBCOMMANDS = ['list', 'attach', 'cleanup'];

/** @returns {Promise<number>} */
async function main() {
  const argv = process.argv.slice(2);
  // process.stdin is made on first use (a few ms): only attaching reads it.
  const streams = { get stdin() { return process.stdin; }, stdout: process.stdout, stderr: process.stderr };
  let wantsTty = false;
  const { io, restore } = createProcessIo(streams, { get tty() { return wantsTty; } });
  process.on('exit', restore);
  if (argv.length === 1 && argv[0] === '--version') {
    const { readFileSync } = await import('node:fs');
    const { version } = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8'));
    io.stdout(`kubedebug ${version}\n`);
    return 0;
  }
  if (argv[0] === 'serve') {
    const [{ parseServeFlags, runServe, SERVE_USAGE }, { report }] = await Promise.all([
      import('./serve-command.js'), import('./debug-command.js')]);
    try {
      const flags = parseServeFlags(argv.slice(1));
      if (flags.help) {
        io.stdout(SERVE_USAGE);
        return 0;
      }
      return await runServe(flags);
    } catch (err) {
      return report(io, err);
    }
  }
  if (SUBCOMMANDS.includes(argv[0])) {
    const [core, modules] = await Promise.all([loadKubedebugNodeAsync(), import(`./${argv[0]}-command.js`)]);
    const controller = new AbortController();
    for (const [name, code] of Object.entries(SIGNAL_EXIT)) {
      process.once(/** @type {NodeJS.Signals} */ (name), () => { restore(); controller.abort(); process.exit(code); });
    }
    const run = { list: modules.runListCommand, attach: modules.runAttachCommand, cleanup: modules.runCleanupCommand }[argv[0]];
    return run(argv.slice(1), { core, env: process.env, io, signal: controller.signal,
      onSession: (/** @type {boolean} */ tty) => { wantsTty = tty; } });
  }
  // The Wasm core compiles in the background while the command's modules load.
  const core = loadKubedebugNodeAsync();
  core.catch(() => {});
  const { runDebugCommand } = await import('./debug-command.js');
  const controller = new AbortController();
  for (const [name, code] of Object.entries(SIGNAL_EXIT)) {
    process.once(/** @type {NodeJS.Signals} */ (name), () => {
      restore();
      controller.abort();
      process.exit(code);
    });
  }
  return runDebugCommand(argv, {
    core: await core, env: process.env, io, signal: controller.signal,
    onSession: (tty) => { wantsTty = tty; },
  });
}

main().then(async (code) => {
  await flush([process.stdout, process.stderr]);
  process.exit(code);
}, async (err) => {
  process.stderr.write(`error: ${err instanceof Error ? err.message : String(err)}\n`);
  await flush([process.stdout, process.stderr]);
  process.exit(1);
});
