// @ts-check
/**
 * `--explain` (issue 14 item 7) through the CLI against the fake API server: the annotated
 * JSON Patch operations on stderr; with --dry-run nothing is sent, otherwise the plan proceeds;
 * without the flag the output is kubectl's.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startFakeApiServer } from '../fake-apiserver/server.mjs';
import { NS, pod } from './helpers.mjs';
import { runCli, workspace } from './cli-helpers.mjs';
import { abbreviate, formatExplain } from '../../www/host/explain-text.js';

const WEB = pod('web', {
  spec: { nodeName: 'node-1', containers: [{ name: 'app', image: 'nginx:1.0' }] },
});

/**
 * @param {import('node:test').TestContext} t
 */
async function cluster(t) {
  const server = await startFakeApiServer({ fixtures: [WEB] });
  const ws = workspace({ server: server.url });
  t.after(async () => { await server.close(); ws.cleanup(); });
  /** @param {string[]} args */
  const run = (args) => runCli(args, { home: ws.home, kubeconfig: ws.kubeconfig });
  return { server, run };
}

test('--explain --dry-run: the causes of a copy on stderr, nothing sent', async (t) => {
  const { server, run } = await cluster(t);
  const r = await run(['web', '--image=busybox', '--copy-to=web-dbg', '--set-image=app=nginx:2',
    '--profile=restricted', '--explain', '--dry-run', '-o', 'json']);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(server.writes.length, 0);
  const lines = r.stderr.split('\n');
  const line = (/** @type {RegExp} */ re) => assert.ok(lines.some((l) => re.test(l)), `${re} in:\n${r.stderr}`);
  line(/^flag:--copy-to +replace +\/metadata\/name +"web-dbg"$/);
  line(/^copy:--same-node +remove +\/spec\/nodeName$/);
  line(/^flag:--set-image +replace +\/spec\/containers\/0\/image +"nginx:2"$/);
  line(/^copy:--keep-labels=false +remove +\/metadata\/labels$/);
  line(/^profile:restricted\/allowPrivilegeEscalation +add +\/spec\/containers\/1\/securityContext\/allowPrivilegeEscalation +false$/);
  assert.equal(JSON.parse(r.stdout).metadata.name, 'web-dbg');
});

test('--explain without --dry-run prints, then sends', async (t) => {
  const { server, run } = await cluster(t);
  const r = await run(['web', '--image=busybox', '--profile=general', '--explain']);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stderr, /^journey:ephemeral-container +add +\/spec\/ephemeralContainers +\[\{"name":"debugger-/m);
  assert.match(r.stderr, /^profile:general\/capabilities\.add +add +/m);
  assert.equal(server.writes.length, 1);
  assert.equal(server.writes[0].path, `/api/v1/namespaces/${NS}/pods/web/ephemeralcontainers`);
});

test('without --explain nothing is added', async (t) => {
  const { run } = await cluster(t);
  const r = await run(['web', '--image=busybox', '--profile=general', '--dry-run', '-o', 'json']);
  assert.equal(r.code, 0, r.stderr);
  assert.doesNotMatch(r.stderr, /journey:|profile:/);
});

test('formatExplain: columns, abbreviated values, removals without a value', () => {
  assert.equal(formatExplain([
    { op: 'remove', path: '/status', cause: 'copy:status' },
    { op: 'add', path: '/a~1b', value: 'x'.repeat(100), cause: 'flag:--label' },
  ]), `copy:status   remove  /status\nflag:--label  add     /a~1b    "${'x'.repeat(58)}…\n`);
  assert.equal(abbreviate(undefined), '');
  assert.equal(abbreviate({ a: 1 }), '{"a":1}');
});
