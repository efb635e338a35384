// @ts-check
/**
 * kubedebug's configuration through the CLI (issue 13, item 1): the default image from
 * `KUBEDEBUG_IMAGE` and from the config file (per profile), only where kubectl would fail for
 * lack of `--image`; kubectl's error without configuration; bad files refused with a code
 * naming the file and the key; `--help` showing what is in effect.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startFakeApiServer } from '../fake-apiserver/server.mjs';
import { NODE, NS, pod } from './helpers.mjs';
import { normalizeNames, runCli, workspace } from './cli-helpers.mjs';
import { checkConfig, sessionDefaults } from '../../www/host/config.js';

/**
 * A fake cluster and a kubeconfig; `config` is written to `$HOME/.config/kubedebug/config.yaml`.
 * @param {import('node:test').TestContext} t
 * @param {string | null} [config]
 */
async function cluster(t, config = null) {
  const server = await startFakeApiServer({ fixtures: [pod('mypod'), NODE] });
  const ws = workspace({ server: server.url });
  t.after(async () => { await server.close(); ws.cleanup(); });
  const configFile = join(ws.home, '.config', 'kubedebug', 'config.yaml');
  if (config !== null) {
    mkdirSync(join(ws.home, '.config', 'kubedebug'), { recursive: true });
    writeFileSync(configFile, config);
  }
  /** @param {string[]} args @param {Record<string, string>} [env] */
  const run = (args, env = {}) => runCli(args, { home: ws.home, kubeconfig: ws.kubeconfig, env });
  return { server, ws, run, configFile };
}

const NO_IMAGE = 'error: you must specify --image when not using --copy-to.\n';

test("without configuration kubectl's error stays, exactly", async (t) => {
  const { server, run } = await cluster(t);
  const r = await run(['mypod']);
  assert.deepEqual([r.code, r.stdout, r.stderr], [1, '', NO_IMAGE]);
  assert.equal(server.writes.length, 0);
});

test('KUBEDEBUG_IMAGE: the default image where --image is missing, said on stdout', async (t) => {
  const { server, run } = await cluster(t);
  const r = await run(['mypod', '--profile=general'], { KUBEDEBUG_IMAGE: 'busybox:1.36' });
  assert.equal(r.code, 0, r.stderr);
  assert.equal(normalizeNames(r.stdout),
    'Using the default image busybox:1.36 from KUBEDEBUG_IMAGE.\nDefaulting debug container name to debugger-XXXXX.\n');
  assert.equal(server.writes[0].body.spec.ephemeralContainers[0].image, 'busybox:1.36');
  // An explicit --image wins, and nothing is said.
  const e = await run(['mypod', '--image=alpine', '--profile=general', '-q'], { KUBEDEBUG_IMAGE: 'busybox:1.36' });
  assert.equal(e.stdout, '');
  assert.match(JSON.stringify(server.writes[1].body), /"image":"alpine"/);
  // kubectl fails for another reason: that error stays.
  const f = await run(['mypod', '--replace'], { KUBEDEBUG_IMAGE: 'busybox' });
  assert.deepEqual([f.code, f.stderr], [1, 'error: --replace may only be used with --copy-to.\n']);
});

test('the config file: image, per-profile images; the environment wins over the file', async (t) => {
  const { server, run, configFile } = await cluster(t, 'image: busybox\nprofiles:\n  netadmin:\n    image: nicolaka/netshoot\n');
  const a = await run(['mypod', '--profile=netadmin', '--dry-run', '-o', 'json']);
  assert.equal(a.code, 0, a.stderr);
  assert.match(a.stderr, new RegExp(`^Using the default image nicolaka/netshoot from ${configFile.replace(/[.]/g, '\\.')}\\.\n`));
  assert.equal(JSON.parse(a.stdout).spec.ephemeralContainers[0].image, 'nicolaka/netshoot');
  const b = await run(['mypod', '--profile=general', '--copy-to=mypod-dbg', '--dry-run', '-o', 'json']);
  assert.equal(JSON.parse(b.stdout).spec.containers.at(-1).image, 'busybox');
  const c = await run(['mypod', '--profile=netadmin', '--dry-run', '-o', 'json'], { KUBEDEBUG_IMAGE: 'alpine' });
  assert.equal(JSON.parse(c.stdout).spec.ephemeralContainers[0].image, 'alpine');
  assert.equal(server.writes.length, 0);
});

test('KUBEDEBUG_CONFIG and XDG_CONFIG_HOME say where the file is', async (t) => {
  const { ws, run } = await cluster(t);
  const file = ws.file('elsewhere.yaml', 'image: from-env-path\n');
  const a = await run(['mypod', '--dry-run', '-o', 'json'], { KUBEDEBUG_CONFIG: file });
  assert.equal(JSON.parse(a.stdout).spec.ephemeralContainers[0].image, 'from-env-path');
  mkdirSync(join(ws.dir, 'xdg', 'kubedebug'), { recursive: true });
  writeFileSync(join(ws.dir, 'xdg', 'kubedebug', 'config.yaml'), 'image: from-xdg\n');
  const b = await run(['mypod', '--dry-run', '-o', 'json'], { XDG_CONFIG_HOME: join(ws.dir, 'xdg') });
  assert.equal(JSON.parse(b.stdout).spec.ephemeralContainers[0].image, 'from-xdg');
  const c = await run(['mypod'], { KUBEDEBUG_CONFIG: join(ws.dir, 'missing.yaml') });
  assert.equal(c.code, 1);
  assert.match(c.stderr, /^error: cannot read config file .*missing\.yaml: ENOENT/);
});

test('a bad config file: one error naming the file and the key', async (t) => {
  for (const [text, want] of [
    ['image: [a]\n', /invalid config file \S+config\.yaml: image: want an image name/],
    ['imag: busybox\n', /invalid config file \S+config\.yaml: imag: unknown key \(known: image, profiles, rm, sessionLabel\)/],
    ['profiles:\n  netadmn: {image: x}\n', /profiles\.netadmn: unknown profile/],
    ['profiles:\n  netadmin: {img: x}\n', /profiles\.netadmin\.img: unknown key \(known: image\)/],
    ['rm: yes please\n', /rm: want true or false/],
    ['image: [\n', /invalid config file \S+config\.yaml: /],
    ['- a\n', /\(top level\): want a mapping/],
  ]) {
    const { run } = await cluster(t, /** @type {string} */ (text));
    const r = await run(['mypod', '--image=busybox']);
    assert.equal(r.code, 1, String(text));
    assert.match(r.stderr, /** @type {RegExp} */ (want));
    assert.equal(r.stderr.split('\n').length, 2, r.stderr);
  }
});

test('config errors carry stable codes; sessionLabel is read and checked', () => {
  /** @type {[unknown, string][]} */
  const codes = [[{ nope: 1 }, 'config/unknown-key'], [{ image: 3 }, 'config/invalid-value'], [[1], 'config/invalid'],
    [{ sessionLabel: 'yes' }, 'config/invalid-value']];
  for (const [value, code] of codes) {
    assert.throws(() => checkConfig(value, '/c.yaml'),
      (/** @type {any} */ e) => e.code === code && e.message.startsWith('invalid config file /c.yaml: '));
  }
  const config = checkConfig({ image: 'b', rm: true, sessionLabel: true, profiles: { sysadmin: { image: 's' } } }, '/c.yaml');
  assert.equal(config.sessionLabel, true);
  assert.deepEqual(sessionDefaults(config, {}),
    { defaultImages: { sysadmin: 's', '*': 'b' }, defaultImageSource: '/c.yaml', defaultRm: true, defaultSessionLabel: true });
  assert.deepEqual(sessionDefaults(checkConfig(null, '/c.yaml'), {}),
    { defaultImages: {}, defaultImageSource: '/c.yaml', defaultRm: false, defaultSessionLabel: false });
});

test('--help shows the defaults in effect and where they come from', async (t) => {
  const { run, configFile } = await cluster(t, 'image: busybox\nprofiles:\n  netadmin: {image: nicolaka/netshoot}\nrm: true\n');
  const r = await run(['--help']);
  assert.equal(r.code, 0);
  assert.ok(r.stdout.includes(`    config file: ${configFile}\n`), r.stdout);
  assert.ok(r.stdout.includes(`from ${configFile}):\n      --profile=netadmin: nicolaka/netshoot\n      every profile: busybox\n`), r.stdout);
  assert.ok(r.stdout.includes('    rm: true '));
  assert.ok(r.stdout.includes('    sessionLabel: false '));
  assert.ok(r.stdout.includes('    --rm=false:\n'));
  const e = await run(['--help'], { KUBEDEBUG_IMAGE: 'alpine' });
  assert.ok(e.stdout.includes('(from KUBEDEBUG_IMAGE):\n      every profile: alpine\n'), e.stdout);
  const { run: bare } = await cluster(t);
  assert.ok((await bare(['--help'])).stdout.includes("default image: none (kubectl's error"));
  const bad = await cluster(t, 'rm: 3\n');
  assert.match((await bad.run(['--help'])).stdout, /    error: invalid config file .*: rm: want true or false\n/);
});

test(`the namespace stays the kubeconfig's (${NS}) with a default image`, async (t) => {
  const { server, run } = await cluster(t);
  const r = await run(['mypod', '-q'], { KUBEDEBUG_IMAGE: 'busybox' });
  assert.equal(r.code, 0, r.stderr);
  assert.equal(server.writes[0].path, `/api/v1/namespaces/${NS}/pods/mypod/ephemeralcontainers`);
});

test('sessionLabel: true in the config file is --session-label by default; the flag wins', async (t) => {
  const { server, run } = await cluster(t, 'sessionLabel: true\n');
  const labels = () => server.writes[server.writes.length - 1].body.metadata.labels ?? {};
  const copy = await run(['mypod', '--image=busybox', '--copy-to=mypod-dbg', '-q']);
  assert.equal(copy.code, 0, copy.stderr);
  assert.equal(labels()['kubedebug.dev/journey'], 'copy');
  assert.match(labels()['kubedebug.dev/session'], /^[a-z0-9]{5}$/);
  const off = await run(['mypod', '--image=busybox', '--copy-to=mypod-dbg2', '-q', '--session-label=false']);
  assert.equal(off.code, 0, off.stderr);
  assert.deepEqual(Object.keys(labels()).filter((k) => k.includes('kubedebug')), []);
  const node = await run(['node/' + NODE.metadata.name, '--image=busybox', '-q']);
  assert.equal(node.code, 0, node.stderr);
  assert.equal(labels()['kubedebug.dev/journey'], 'node');
  assert.ok((await run(['--help'])).stdout.includes('    sessionLabel: true '));
  // Without the file, no label (kubectl's pod copy).
  const { server: bare, run: runBare } = await cluster(t);
  assert.equal((await runBare(['mypod', '--image=busybox', '--copy-to=mypod-dbg', '-q'])).code, 0);
  assert.deepEqual(Object.keys(bare.writes[0].body.metadata.labels ?? {}).filter((k) => k.includes('kubedebug')), []);
});
