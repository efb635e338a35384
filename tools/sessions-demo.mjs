#!/usr/bin/env node
// @ts-check
/**
 * The README's "Debug sessions" transcript: a debug session from start to cleanup, the real
 * `kubedebug` CLI against the in-repo fake API server (tests/fake-apiserver: the bundled
 * web-app pod and node-a, a kubeconfig whose user is `alice`). The fake container echoes what
 * it reads and exits on `exit`; where a container ends on its own, the script says so and tells
 * the fake server; what the fake server stamps with its fixed time gets the real time of the
 * command (so ages read as they would). Prints the transcript; `tests/js/readme-sessions.test.mjs` holds the README
 * to it (generated names and ages normalized).
 *
 *     node tools/sessions-demo.mjs
 * @module
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startFakeApiServer } from '../tests/fake-apiserver/server.mjs';
import { FIXED_TIMESTAMP } from '../tests/fake-apiserver/store.js';

const CLI = fileURLToPath(new URL('../www/node/cli.mjs', import.meta.url));
const FIXTURES = new URL('../tests/conformance/oracle/fixtures/', import.meta.url);
const POD = 'web-app-6b9f7d8c4d-2lqzv';

/**
 * Run `kubedebug ARGS` with `input` on stdin; its stdout and stderr in the order they came.
 * @param {string[]} args
 * @param {Record<string, string>} env
 * @param {string | null} input
 * @returns {Promise<string>}
 */
function kubedebug(args, env, input) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], { env, stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d) => { out += d; });
    child.stderr.on('data', (d) => { out += d; });
    child.on('error', reject);
    child.on('close', (code) => resolve(out + (code ? `(exit status ${code})\n` : '')));
    child.stdin.end(input ?? '');
  });
}

/** @returns {Promise<string>} the transcript */
export async function transcript() {
  const fake = await startFakeApiServer({
    fixtures: [new URL('pods/web-app.json', FIXTURES).pathname, new URL('nodes/node-a.json', FIXTURES).pathname],
  });
  const dir = mkdtempSync(join(tmpdir(), 'kubedebug-sessions-demo-'));
  const kubeconfig = join(dir, 'config');
  writeFileSync(kubeconfig, JSON.stringify({ apiVersion: 'v1', kind: 'Config', 'current-context': 'demo',
    clusters: [{ name: 'demo', cluster: { server: fake.url } }], users: [{ name: 'alice', user: { token: 'x' } }],
    contexts: [{ name: 'demo', context: { cluster: 'demo', user: 'alice', namespace: 'default' } }] }));
  const env = { PATH: process.env.PATH ?? '', HOME: dir, KUBECONFIG: kubeconfig };
  let text = '';
  /** @param {string} line the command as shown (`printf … | kubedebug …`) @param {string | null} [input] */
  const run = async (line, input = null) => {
    const args = line.replace(/^.*\| /, '').split(' ').slice(1);
    text += `$ ${line}\n${await kubedebug(args, env, input)}`;
    const now = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
    for (const [key, object] of fake.store.objects) {
      fake.store.objects.set(key, JSON.parse(JSON.stringify(object).replaceAll(FIXED_TIMESTAMP, now)));
    }
  };
  /** @param {string} words what happens outside the CLI */
  const say = (words) => { text += `# ${words}\n`; };
  try {
    say('a pod copy to debug in, marked as a session; the shell reads "exit" and ends');
    await run(`printf 'exit\\n' | kubedebug ${POD} -i --image=busybox:1.36 --copy-to=web-app-debug --session-label --profile=general`,
      'exit\n');
    say('an ephemeral container in the pod itself (no attach)');
    await run(`kubedebug ${POD} --image=busybox:1.36 --target=app --profile=general`);
    await run('kubedebug list');
    await run('kubedebug list -o wide');
    const copy = fake.store.get('', 'pods', 'default', 'web-app-debug');
    const container = copy?.metadata?.annotations?.['kubedebug.dev/container'] ?? 'debugger';
    say('back into the copy\'s debug container');
    await run(`printf 'hostname\\nexit\\n' | kubedebug attach web-app-debug -c ${container} -i`, 'hostname\nexit\n');
    say(`the debugging is done: the container's process exits`);
    fake.containerExits('default', 'web-app-debug', container, 0);
    await run('kubedebug list');
    await run('kubedebug cleanup --dry-run');
    await run('kubedebug cleanup');
    say('--rm: a node debug pod that is deleted when the session ends');
    await run('printf \'exit\\n\' | kubedebug node/node-a -i --image=busybox:1.36 --profile=sysadmin --session-label --rm', 'exit\n');
    await run('kubedebug list');
  } finally {
    await fake.close();
    rmSync(dir, { recursive: true, force: true });
  }
  return text;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) process.stdout.write(await transcript());
