// @ts-check
/**
 * `kubedebug completion bash|zsh|fish` and the hidden `kubedebug __complete WORD...` it calls.
 * @module
 */
import { SHELLS, complete, completionScript, nodeClusterLookup } from './completion.js';

const USAGE = `Print a shell completion script for kubedebug.

Usage:
  kubedebug completion bash|zsh|fish

Install:
  bash: echo 'source <(kubedebug completion bash)' >> ~/.bashrc
  zsh:  echo 'source <(kubedebug completion zsh)' >> ~/.zshrc   (after compinit)
  fish: kubedebug completion fish > ~/.config/fish/completions/kubedebug.fish
`;

/**
 * @param {string[]} argv `completion SHELL` or `__complete WORD...`
 * @param {import('../host/session.js').DebugIo} io
 * @param {() => Promise<import('../host/wasm.js').Kubedebug>} loadCore
 * @returns {Promise<number>}
 */
export async function runCompletion(argv, io, loadCore) {
  if (argv[0] === '__complete') {
    const words = argv.length > 1 ? argv.slice(1) : [''];
    const candidates = await complete(words, { core: await loadCore(), cluster: nodeClusterLookup });
    io.stdout(candidates.map((c) => c + '\n').join(''));
    return 0;
  }
  const shell = argv[1];
  if (shell === '-h' || shell === '--help') {
    io.stdout(USAGE);
    return 0;
  }
  const script = shell === undefined ? null : completionScript(shell);
  if (script === null) {
    io.stderr(`error: ${shell === undefined ? 'a shell is required' : `unsupported shell "${shell}"`}: one of ${SHELLS.join(', ')}\n`
      + "See 'kubedebug completion --help' for usage.\n");
    return 1;
  }
  io.stdout(script);
  return 0;
}
