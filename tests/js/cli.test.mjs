// @ts-check
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parse as parseYaml } from 'yaml';
import { startFakeApiServer } from '../fake-apiserver/server.mjs';
import { NODE, NS, pod } from './helpers.mjs';
import { normalizeNames, runCli, workspace } from './cli-helpers.mjs';

const USAGE = "See 'kubectl debug --help' for usage.\n";
const PROMPT = "If you don't see a command prompt, try pressing enter.\n";
const RECORDING = 'All commands and output from this session will be recorded in container logs, including credentials '
  + 'and sensitive information passed through the command prompt.\n';

/**
 * A fake API server and a kubeconfig pointing at it, both removed after the test.
 * @param {import('node:test').TestContext} t
 * @param {import('../fake-apiserver/server.mjs').FakeOptions} [options]
 */
async function cluster(t, options = {}) {
  const server = await startFakeApiServer({ fixtures: [pod('mypod'), pod('taken'), NODE], ...options });
  const ws = workspace({ server: server.url });
  t.after(async () => { await server.close(); ws.cleanup(); });
  /** @param {string[]} args @param {{ input?: string | null, env?: Record<string, string> }} [o] */
  const run = (args, o = {}) => runCli(args, { home: ws.home, kubeconfig: ws.kubeconfig, ...o });
  return { server, ws, run };
}

test('ephemeral -i with piped stdin: echo on stdout, exit code from channel 3', async (t) => {
  const { server, run } = await cluster(t, { attach: { exitCode: 7 } });
  const r = await run(['mypod', '--image=busybox', '-i', '--profile=general'], { input: 'echo hi\n' });
  assert.equal(r.code, 7);
  assert.equal(normalizeNames(r.stdout), 'Defaulting debug container name to debugger-XXXXX.\necho hi\n');
  assert.equal(r.stderr, RECORDING + PROMPT);
  assert.deepEqual(server.writes.map((w) => `${w.method} ${w.path} ${w.status}`),
    [`PATCH /api/v1/namespaces/${NS}/pods/mypod/ephemeralcontainers 200`]);
  const container = server.writes[0].body.spec.ephemeralContainers[0];
  assert.equal(container.stdin, true);
  assert.equal(server.attaches.length, 1);
  assert.match(server.attaches[0].query, /^container=debugger-[a-z0-9]{5}&stderr=true&stdin=true&stdout=true$/);
  assert.equal(server.attaches[0].stdin, 'echo hi\n');
});

test('--kubectl-version=1.33 prints no recording banner; -q prints no banner at all', async (t) => {
  const { run } = await cluster(t);
  const a = await run(['mypod', '--image=busybox', '-i', '--profile=general', '--kubectl-version=1.33'], { input: 'x\n' });
  assert.equal(a.code, 0);
  assert.equal(a.stderr, PROMPT);
  const b = await run(['mypod', '--image=busybox', '-qi', '--profile=general'], { input: 'x\n' });
  assert.equal(b.code, 0);
  assert.equal(b.stderr, '');
  assert.equal(b.stdout, 'x\n');
});

test('copy with --replace: POST, then DELETE of the original', async (t) => {
  const { server, run } = await cluster(t);
  const r = await run(['mypod', '--image=busybox', '--copy-to=mypod-debug', '--replace', '--profile=general', '-n', NS]);
  assert.equal(r.stderr, '');
  assert.equal(r.code, 0);
  assert.deepEqual(server.writes.map((w) => `${w.method} ${w.path} ${w.status}`),
    [`POST /api/v1/namespaces/${NS}/pods 201`, `DELETE /api/v1/namespaces/${NS}/pods/mypod 200`]);
  assert.equal(server.writes[0].body.metadata.name, 'mypod-debug');
  assert.equal(server.writes[1].body.gracePeriodSeconds, 0);
});

test('node: the debug pod is created in the namespace, on the node', async (t) => {
  const { server, run } = await cluster(t);
  const r = await run(['node/node-1', '--image=busybox', '--profile=sysadmin']);
  assert.equal(r.code, 0);
  assert.equal(normalizeNames(r.stdout), 'Creating debugging pod node-debugger-node-1-XXXXX with container debugger on node node-1.\n');
  assert.deepEqual(server.writes.map((w) => `${w.method} ${w.path} ${w.status}`), [`POST /api/v1/namespaces/${NS}/pods 201`]);
  assert.equal(server.writes[0].body.spec.nodeName, 'node-1');
  assert.equal(server.writes[0].body.spec.hostPID, true);
});

test('--dry-run -o json/yaml with -f: no kubeconfig, no cluster, nothing sent', async (t) => {
  const ws = workspace();
  t.after(() => ws.cleanup());
  const file = ws.file('pod.json', pod('mypod'));
  const base = ['-f', file, '--image=busybox', '--profile=general', '--dry-run'];
  const json = await runCli([...base, '-o', 'json'], { home: ws.home, kubeconfig: '/nonexistent' });
  assert.equal(json.code, 0, json.stderr);
  assert.equal(normalizeNames(json.stderr), 'Defaulting debug container name to debugger-XXXXX.\n');
  const obj = JSON.parse(json.stdout);
  assert.equal(obj.metadata.name, 'mypod');
  assert.deepEqual(obj.spec.containers, pod('mypod').spec.containers);
  assert.equal(obj.spec.ephemeralContainers.length, 1);
  assert.equal(obj.spec.ephemeralContainers[0].image, 'busybox');
  const yaml = await runCli([...base, '--output=yaml'], { home: ws.home, kubeconfig: '/nonexistent' });
  assert.equal(yaml.code, 0, yaml.stderr);
  assert.deepEqual(normalizeNames(JSON.stringify(parseYaml(yaml.stdout))), normalizeNames(JSON.stringify(obj)));
  const copy = await runCli(['-f', file, '--image=busybox', '--copy-to=c1', '--dry-run', '-ojson'], { home: ws.home });
  assert.equal(copy.code, 0, copy.stderr);
  const created = JSON.parse(copy.stdout);
  assert.equal(created.metadata.name, 'c1');
  assert.equal(created.spec.containers.length, 2);
});

test('--dry-run against a cluster reads the target and writes nothing', async (t) => {
  const { server, run } = await cluster(t);
  const r = await run(['node/node-1', '--image=busybox', '--dry-run', '-o', 'yaml']);
  assert.equal(r.code, 0, r.stderr);
  const created = parseYaml(r.stdout);
  assert.equal(created.kind, 'Pod');
  assert.equal(created.spec.nodeName, 'node-1');
  assert.deepEqual(server.writes, []);
});

test('usage errors: unknown flag, bad --timeout, -o without --dry-run', async (t) => {
  const ws = workspace();
  t.after(() => ws.cleanup());
  const a = await runCli(['mypod', '--image=busybox', '--nope'], { home: ws.home });
  assert.deepEqual([a.code, a.stdout, a.stderr], [1, '', 'error: unknown flag: --nope\n' + USAGE]);
  const b = await runCli(['mypod', '--timeout=soon'], { home: ws.home });
  assert.deepEqual([b.code, b.stderr], [1, 'error: invalid argument "soon" for "--timeout" flag: time: invalid duration "soon"\n' + USAGE]);
  const c = await runCli(['mypod', '--image=busybox', '-o', 'json'], { home: ws.home });
  assert.deepEqual([c.code, c.stderr], [1, 'error: --output requires --dry-run\n' + USAGE]);
  const d = await runCli(['mypod', '--kubectl-version=1.20'], { home: ws.home });
  assert.equal(d.code, 1);
  assert.match(d.stderr, /^error: invalid argument "1\.20" for "--kubectl-version" flag: must be one of 1\.27, .*1\.37\n/);
  const e = await runCli(['mypod', '--image=busybox', '--keep-labels', '--kubectl-version=1.30'], { home: ws.home });
  assert.deepEqual([e.code, e.stderr], [1, 'error: unknown flag: --keep-labels\n' + USAGE]);
});

test('validation error: exact text, exit 1, nothing sent', async (t) => {
  const { server, run } = await cluster(t);
  const r = await run(['mypod', '--image=busybox', '--replace', '--profile=general']);
  assert.deepEqual([r.code, r.stdout, r.stderr], [1, '', 'error: --replace may only be used with --copy-to.\n']);
  const s = await run(['mypod', '--image=busybox', '-t', '--profile=general']);
  assert.deepEqual([s.code, s.stderr], [1, 'error: -i/--stdin is required for containers with -t/--tty=true\n']);
  assert.deepEqual(server.writes, []);
});

test('API errors: NotFound, AlreadyExists, ephemeral containers disabled', async (t) => {
  const { run } = await cluster(t);
  const a = await run(['nope', '--image=busybox', '--profile=general']);
  assert.deepEqual([a.code, a.stdout, a.stderr], [1, '', 'Error from server (NotFound): pods "nope" not found\n']);
  const b = await run(['mypod', '--image=busybox', '--copy-to=taken', '--profile=general']);
  assert.deepEqual([b.code, b.stderr], [1, 'Error from server (AlreadyExists): pods "taken" already exists\n']);
  const disabled = await cluster(t, { ephemeralContainers: false });
  const c = await disabled.run(['mypod', '--image=busybox', '--profile=general']);
  assert.equal(c.code, 1);
  assert.equal(normalizeNames(c.stdout), 'Defaulting debug container name to debugger-XXXXX.\n');
  assert.equal(c.stderr, 'error: ephemeral containers are disabled for this cluster (error from server: "the server could not find the requested resource")\n');
});

test('kubeconfig problems: missing --kubeconfig file, unknown --context', async (t) => {
  const ws = workspace();
  t.after(() => ws.cleanup());
  const a = await runCli(['mypod', '--image=busybox', '--kubeconfig', '/nonexistent/config'], { home: ws.home });
  assert.deepEqual([a.code, a.stderr], [1, 'error: stat /nonexistent/config: no such file or directory\n']);
  const { run } = await cluster(t);
  const b = await run(['mypod', '--image=busybox', '--context=zzz']);
  assert.deepEqual([b.code, b.stderr], [1, 'error: context was not found for specified context: zzz\n']);
});

test('--timeout ends the wait for a container that never starts', async (t) => {
  const { server, run } = await cluster(t, { containerState: 'waiting' });
  const r = await run(['mypod', '--image=busybox', '-i', '--profile=general', '--timeout=50ms'], { input: '' });
  assert.equal(r.code, 1);
  assert.equal(normalizeNames(r.stderr), `error: timed out after 50ms waiting for container debugger-XXXXX of pod ${NS}/mypod to start\n`);
  assert.equal(server.attaches.length, 0);
});

test('--help reads like kubectl debug --help, with our flags, gated by version', async (t) => {
  const ws = workspace();
  t.after(() => ws.cleanup());
  const r = await runCli(['--help'], { home: ws.home });
  assert.equal(r.code, 0);
  assert.equal(r.stderr, '');
  assert.ok(r.stdout.startsWith('Debug cluster resources using interactive debugging containers.\n'));
  for (const part of ['\nExamples:\n', '  kubedebug mypod -it --image=busybox\n', '\nOptions:\n', '    --keep-labels=false:\n',
    "    --profile='general':\n", '    --dry-run=false:\n', '    --kubectl-version=', '    -o, --output=', '    --timeout=',
    '\nUsage:\n  kubedebug (POD | TYPE[[.VERSION].GROUP]/NAME) [ -- COMMAND [args...] ] [options]\n']) {
    assert.ok(r.stdout.includes(part), part);
  }
  const old = await runCli(['mypod', '-h', '--kubectl-version=1.29'], { home: ws.home });
  assert.equal(old.code, 0);
  assert.ok(!old.stdout.includes('--keep-labels'));
  assert.ok(!old.stdout.includes('--custom'));
  assert.ok(old.stdout.includes("    --profile='legacy':\n"));
});
