// @ts-check
/** Running the `kubedebug` CLI as a child process against a fake API server (not a test file). */
import { spawn } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const CLI = fileURLToPath(new URL('../../www/node/cli.mjs', import.meta.url));
export const SUFFIX_RE = /(?<![A-Za-z0-9-])((?:node-debugger-[a-z0-9.-]+?-)|debugger-)[bcdfghjklmnpqrstvwxz2456789]{5}(?![a-z0-9-])/g;

/** @param {string} text */
export const normalizeNames = (text) => text.replace(SUFFIX_RE, '$1XXXXX');

/**
 * A temporary folder with an empty HOME and, when `server` is given, a kubeconfig for it.
 * @param {{ server?: string, namespace?: string }} [options]
 */
export function workspace(options = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'kubedebug-cli-'));
  const home = join(dir, 'home');
  mkdirSync(home);
  const kubeconfig = join(dir, 'kubeconfig');
  if (options.server) {
    writeFileSync(kubeconfig, JSON.stringify({ apiVersion: 'v1', kind: 'Config', 'current-context': 'fake',
      clusters: [{ name: 'fake', cluster: { server: options.server } }], users: [{ name: 'fake', user: {} }],
      contexts: [{ name: 'fake', context: { cluster: 'fake', user: 'fake', namespace: options.namespace ?? 'ns1' } }] }));
  }
  /** @param {string} name @param {unknown} value */
  const file = (name, value) => {
    const path = join(dir, name);
    writeFileSync(path, typeof value === 'string' ? value : JSON.stringify(value));
    return path;
  };
  return { dir, home, kubeconfig, file, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/**
 * Run the CLI; resolves when it exits.
 * @param {string[]} args
 * @param {{ env?: Record<string, string>, input?: string | null, home: string, kubeconfig?: string }} options
 *   `input`: piped stdin (null: /dev/null)
 * @returns {Promise<{ code: number | null, stdout: string, stderr: string }>}
 */
export function runCli(args, options) {
  const env = { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: options.home, LANG: 'C.UTF-8',
    KUBECONFIG: options.kubeconfig ?? '/nonexistent', ...options.env };
  const child = spawn(process.execPath, [CLI, ...args], { env, stdio: [options.input == null ? 'ignore' : 'pipe', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout?.setEncoding('utf8').on('data', (d) => { stdout += d; });
  child.stderr?.setEncoding('utf8').on('data', (d) => { stderr += d; });
  if (options.input != null && child.stdin) child.stdin.end(options.input);
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}
