#!/usr/bin/env node
// @ts-check
/**
 * `kubedebug`: `kubectl debug` for Node, flag for flag, against the kubeconfig's cluster.
 * `kubedebug serve …` starts the web page server; `list`, `attach` and `cleanup` handle debug sessions. Wiring only: the work is in the modules.
 * @module
 */
import { loadKubedebugNodeAsync } from './load-wasm.js';
import { createProcessIo, flush } from './terminal.js';
import { DebugError, INTERRUPTED } from '../host/errors.js';

const SIGNAL_EXIT = { SIGINT: 130, SIGTERM: 143, SIGHUP: 129 };
/** After a signal, the longest wait for a pending --rm deletion (its own timeout is 15 s, host/attached.js). */
const FORCED_EXIT_MS = 16000;
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
  if (argv[0] === 'completion' || argv[0] === '__complete') {
    const { runCompletion } = await import('./completion-command.js');
    return runCompletion(argv, io, loadKubedebugNodeAsync);
  }
  if (argv[0] === 'serve') {
    const [{ parseServeFlags, runServe, SERVE_USAGE }, { reportError: report }] = await Promise.all([
      import('./serve-command.js'), import('../host/run.js')]);
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
  // With a --rm deletion pending, the first signal unwinds the session (the deletion runs, then
  // the process exits with the signal's code); otherwise, and on a second signal, exit now.
  let cleanupPending = false;
  for (const [name, code] of Object.entries(SIGNAL_EXIT)) {
    process.on(/** @type {NodeJS.Signals} */ (name), () => {
      restore();
      if (!cleanupPending || controller.signal.aborted) process.exit(code);
      interrupted = code;
      controller.abort(new DebugError('interrupted', { code: INTERRUPTED }));
      setTimeout(() => process.exit(code), FORCED_EXIT_MS).unref();
    });
  }
  return runDebugCommand(argv, {
    core: await core, env: process.env, io: { ...io, restoreTerminal: restore }, signal: controller.signal,
    onSession: (tty) => { wantsTty = tty; },
    onCleanup: (pending) => { cleanupPending = pending; },
  });
}

/** The exit code of the signal that interrupted a session with a pending --rm, if any. */
let interrupted = /** @type {number | null} */ (null);

main().then(async (code) => {
  await flush([process.stdout, process.stderr]);
  process.exit(interrupted ?? code);
}, async (err) => {
  process.stderr.write(`error: ${err instanceof Error ? err.message : String(err)}\n`);
  await flush([process.stdout, process.stderr]);
  process.exit(1);
});
