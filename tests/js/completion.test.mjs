// @ts-check
/**
 * `kubedebug completion bash|zsh|fish` in real shells against the fake API server: the script is
 * sourced, the completion function is called with the words set as the shell sets them, and the
 * candidates are what `COMPREPLY` (bash) or the completion command (zsh: `_kubedebug` with
 * `compadd` recorded; fish: `complete -C`) give back. zsh and fish are skipped when missing.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile, execFileSync, spawnSync } from 'node:child_process';
import { promisify } from 'node:util';
import { chmodSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startFakeApiServer } from '../fake-apiserver/server.mjs';
import { NODE, pod } from './helpers.mjs';
import { CLI, workspace } from './cli-helpers.mjs';

/** The shells run asynchronously: the fake API server answers from this process. */
const run = promisify(execFile);

/** @param {string} shell */
const missing = (shell) => spawnSync('sh', ['-c', `command -v ${shell}`]).status !== 0;

/**
 * A fake cluster (two pods in ns1, one in ns2, a node), a kubeconfig with two contexts, and a
 * `kubedebug` on PATH.
 * @param {import('node:test').TestContext} t
 */
async function setup(t) {
  const web = pod('web', { spec: { containers: [{ name: 'app', image: 'nginx' }, { name: 'sidecar', image: 'envoy' }] } });
  const other = { ...pod('other'), metadata: { ...pod('other').metadata, namespace: 'ns2' } };
  const server = await startFakeApiServer({ fixtures: [web, pod('mypod'), other, NODE] });
  const ws = workspace({ server: server.url });
  t.after(async () => { await server.close(); ws.cleanup(); });
  const config = JSON.parse(execFileSync('cat', [ws.kubeconfig], { encoding: 'utf8' }));
  config.contexts.push({ name: 'second', context: { cluster: 'fake', user: 'fake' } });
  writeFileSync(ws.kubeconfig, JSON.stringify(config));
  const bin = join(ws.dir, 'bin');
  execFileSync('mkdir', [bin]);
  writeFileSync(join(bin, 'kubedebug'), `#!/bin/sh\nexec "${process.execPath}" "${CLI}" "$@"\n`);
  chmodSync(join(bin, 'kubedebug'), 0o755);
  const env = { PATH: `${bin}:${process.env.PATH}`, HOME: ws.home, KUBECONFIG: ws.kubeconfig, LANG: 'C.UTF-8' };
  return { server, env };
}

/**
 * Candidates from bash for the command line `line` (the cursor at its end).
 * @param {Record<string, string>} env
 * @param {string[]} words the words after `kubedebug`, the last being completed
 */
async function bash(env, words) {
  const quoted = words.map((w) => `'${w.replace(/'/g, "'\\''")}'`).join(' ');
  const script = `source <(kubedebug completion bash)
COMP_WORDS=(kubedebug ${quoted}); COMP_CWORD=${words.length}
_kubedebug; printf '%s\\n' "\${COMPREPLY[@]}"`;
  const { stdout: out } = await run('bash', ['--norc', '--noprofile', '-c', script], { env, encoding: 'utf8' });
  return out.split('\n').filter(Boolean);
}

test('bash: flags, profiles by version, pods and node/NAME, containers of the pod on the line, namespaces, contexts', async (t) => {
  const { env } = await setup(t);
  assert.deepEqual(await bash(env, ['--pro']), ['--profile']);
  assert.ok((await bash(env, ['--'])).includes('--keep-labels'));
  assert.ok(!(await bash(env, ['--kubectl-version=1.30', '--keep'])).includes('--keep-labels'), '--keep-* from 1.31');
  assert.deepEqual(await bash(env, ['web', '--profile', '']), ['legacy', 'general', 'baseline', 'restricted', 'netadmin', 'sysadmin']);
  assert.deepEqual(await bash(env, ['--kubectl-version', '1.29', 'web', '--profile', '']), ['legacy', 'general', 'baseline', 'restricted', 'netadmin']);
  assert.deepEqual(await bash(env, ['--profile=net']), ['--profile=netadmin']);
  assert.deepEqual((await bash(env, [''])).sort(), ['attach', 'cleanup', 'completion', 'list', 'mypod', 'node/', 'serve', 'web']);
  assert.ok((await bash(env, ['--'])).includes('--session-label'));
  assert.deepEqual(await bash(env, ['w']), ['web']);
  assert.deepEqual(await bash(env, ['node/']), ['node/node-1']);
  assert.deepEqual(await bash(env, ['web', '--target', '']), ['app', 'sidecar']);
  assert.deepEqual(await bash(env, ['web', '-c', 's']), ['sidecar']);
  assert.deepEqual(await bash(env, ['-n', 'ns2', '']), ['other', 'node/']);
  assert.deepEqual(await bash(env, ['--context', '']), ['fake', 'second']);
  assert.deepEqual(await bash(env, ['-o', '']), ['json', 'yaml']);
});

test('bash: list, attach and cleanup complete their own flags; attach its pods and containers', async (t) => {
  const { env } = await setup(t);
  assert.deepEqual(await bash(env, ['list', '--']), ['--all-namespaces', '--context', '--help', '--kubeconfig', '--namespace', '--output', '--selector']);
  assert.deepEqual(await bash(env, ['list', '-o', '']), ['wide', 'json', 'yaml']);
  assert.deepEqual(await bash(env, ['list', '--output=w']), ['--output=wide']);
  assert.deepEqual(await bash(env, ['list', '']), [], 'list takes no arguments');
  assert.deepEqual(await bash(env, ['cleanup', '--older']), ['--older-than']);
  assert.deepEqual(await bash(env, ['cleanup', '--d']), ['--dry-run']);
  assert.deepEqual(await bash(env, ['attach', 'w']), ['web']);
  assert.deepEqual(await bash(env, ['attach', 'web', '-c', '']), ['app', 'sidecar']);
  assert.deepEqual(await bash(env, ['attach', '-n', 'ns2', '']), ['other']);
  assert.deepEqual(await bash(env, ['attach', '--s']), ['--stdin']);
});

test('bash: an unreachable cluster gives no candidates, never an error', async (t) => {
  const { env } = await setup(t);
  assert.deepEqual(await bash({ ...env, KUBECONFIG: '/nonexistent' }, ['w']), []);
  assert.deepEqual(await bash({ ...env, KUBECONFIG: '/nonexistent' }, ['--image-pull-policy', 'N']), ['Never']);
});

test('zsh: the script loads and completes through compadd', { skip: missing('zsh') }, async (t) => {
  const { env } = await setup(t);
  const script = `compdef() { :; }
source <(kubedebug completion zsh)
compadd() { while [[ $1 == -* ]]; do if [[ $1 == -- ]]; then shift; break; fi; shift; done; printf '%s\\n' "$@"; }
words=(kubedebug web --target ''); CURRENT=4
_kubedebug`;
  const { stdout: out } = await run('zsh', ['-f', '-c', script], { env, encoding: 'utf8' });
  assert.deepEqual(out.split('\n').filter(Boolean), ['app', 'sidecar']);
});

test('fish: complete -C gives the candidates', { skip: missing('fish') }, async (t) => {
  const { env } = await setup(t);
  const { stdout: out } = await run('fish', ['--no-config', '-c', "kubedebug completion fish | source; complete -C 'kubedebug web --profile net'"],
    { env, encoding: 'utf8' });
  assert.deepEqual(out.split('\n').filter(Boolean), ['netadmin']);
});

test('completion: unknown shell refused, help lists the install lines', () => {
  const r = spawnSync(process.execPath, [CLI, 'completion', 'tcsh'], { encoding: 'utf8' });
  assert.equal(r.status, 1);
  assert.match(r.stderr, /^error: unsupported shell "tcsh": one of bash, zsh, fish\n/);
  const h = spawnSync(process.execPath, [CLI, 'completion', '--help'], { encoding: 'utf8' });
  assert.match(h.stdout, /source <\(kubedebug completion bash\)/);
});
