// @ts-check
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { extractOwnFlags, parseDuration } from '../../www/node/flags.js';
import { parseServeFlags } from '../../www/node/serve-command.js';
import { formatObjects } from '../../www/node/output.js';
import { loadKubedebugNode } from '../../www/node/load-wasm.js';
import { DEBUG_FLAGS, longName } from '../../www/host/debug-flags.js';
import { FIELDS } from '../../www/app/form.js';

const versions = ['1.27', '1.33', '1.36', '1.37'];
const kubectlFlags = loadKubedebugNode().kubectlFlags();

test('our flags come out with pflag conventions; kubectl flags and their values stay in order', () => {
  const own = extractOwnFlags(['mypod', '--kubectl-version', '1.33', '-c', '--dry-run', '--dry-run', '-oyaml', '--image=x',
    '--timeout=1m30s', '-itc', 'dbg', '-n', 'ns', '--', '-o', '--help'], { versions, kubectlFlags });
  assert.equal(own.kubectlVersion, '1.33');
  assert.equal(own.dryRun, true);
  assert.equal(own.output, 'yaml');
  assert.equal(own.timeoutMs, 90000);
  assert.equal(own.help, false);
  assert.deepEqual(own.rest, ['mypod', '-c', '--dry-run', '--image=x', '-itc', 'dbg', '-n', 'ns', '--', '-o', '--help']);
});

test("kubectl's value flags come from the core's flag table", () => {
  const byName = new Map(kubectlFlags.map((f) => [f.name, f]));
  for (const name of ['container', 'filename', 'namespace', 'kubeconfig', 'context', 'v', 'vmodule', 'log-flush-frequency']) {
    assert.equal(byName.get(name)?.takesValue, true, name);
  }
  for (const name of ['stdin', 'tty', 'quiet', 'help', 'insecure-skip-tls-verify']) assert.equal(byName.get(name)?.takesValue, false, name);
  assert.deepEqual(kubectlFlags.filter((f) => f.takesValue && f.shorthand).map((f) => f.shorthand).sort(), ['c', 'f', 'n', 's', 'v']);
  assert.deepEqual(extractOwnFlags(['--context', '--dry-run', '--kubeconfig', '-o'], { kubectlFlags }).rest,
    ['--context', '--dry-run', '--kubeconfig', '-o']);
});

test('-h inside a cluster, --output json, defaults', () => {
  assert.equal(extractOwnFlags(['-ih']).help, true);
  assert.deepEqual(extractOwnFlags(['-ih']).rest, ['-i']);
  assert.equal(extractOwnFlags(['--output', 'json', '--dry-run=false']).output, 'json');
  assert.equal(extractOwnFlags(['--dry-run=false']).dryRun, false);
  assert.equal(extractOwnFlags([]).kubectlVersion, '1.37');
  assert.equal(extractOwnFlags([], { versions, defaultVersion: '1.33' }).kubectlVersion, '1.33');
  assert.equal(extractOwnFlags(['--kubectl-version=v1.27.3'], { versions }).kubectlVersion, '1.27');
});

test('flag errors carry a code and ask for the usage hint', () => {
  const cases = [
    [['--kubectl-version=1.2'], /must be one of 1\.27, 1\.33, 1\.36/],
    [['-o', 'wide'], /invalid argument "wide" for "-o, --output" flag/],
    [['--timeout'], /flag needs an argument: --timeout/],
    [['--dry-run=maybe'], /strconv\.ParseBool/],
  ];
  for (const [argv, re] of cases) {
    assert.throws(() => extractOwnFlags(/** @type {string[]} */ (argv), { versions }),
      (/** @type {any} */ err) => err.name === 'FlagError' && typeof err.code === 'string' && err.usage === true
        && /** @type {RegExp} */ (re).test(err.message));
  }
});

test('Go durations', () => {
  assert.equal(parseDuration('30s'), 30000);
  assert.equal(parseDuration('2m'), 120000);
  assert.equal(parseDuration('1h2m3s'), 3723000);
  assert.equal(parseDuration('1.5s'), 1500);
  assert.equal(parseDuration('250ms'), 250);
  assert.equal(parseDuration('0'), 0);
  for (const bad of ['', '5', 's', '1x', '-1s', '1s ']) assert.equal(parseDuration(bad), null, bad);
});

test('serve flags', () => {
  assert.deepEqual(parseServeFlags(['--port', '8080', '--address=0.0.0.0', '--context', 'c']),
    { help: false, port: 8080, address: '0.0.0.0', context: 'c' });
  assert.throws(() => parseServeFlags(['--port=x']), /invalid argument "x" for "--port" flag/);
  assert.throws(() => parseServeFlags(['--nope']), /unknown flag: --nope/);
});

test('-o output: one object as itself, several as a List; YAML like kubectl (sequences not indented)', () => {
  assert.equal(formatObjects([{ a: [1] }], 'json'), '{\n    "a": [\n        1\n    ]\n}\n');
  assert.equal(formatObjects([{ a: [1] }], 'yaml'), 'a:\n- 1\n');
  assert.equal(JSON.parse(formatObjects([{ a: 1 }, { b: 2 }], 'json')).kind, 'List');
  assert.equal(formatObjects([], 'yaml'), '');
});

test("every kubectl debug flag of the core's table has its help line and form control, and no other", () => {
  const core = loadKubedebugNode();
  const debugFlags = core.kubectlFlags().filter((f) => f.debug).map((f) => f.name).sort();
  assert.deepEqual(DEBUG_FLAGS.map(longName).sort(), debugFlags);
  // Each entry names a DebugOptions field (the keys the core writes for default options).
  const fields = Object.keys(core.parseArgs([]).options);
  for (const f of DEBUG_FLAGS) assert.ok(fields.includes(f.key), `${f.flag}: ${f.key} is not a DebugOptions field`);
  // The shorthand in the help line is the core's.
  for (const f of core.kubectlFlags().filter((x) => x.debug)) {
    const entry = DEBUG_FLAGS.find((d) => longName(d) === f.name);
    assert.equal(entry?.flag, f.shorthand ? `-${f.shorthand}, --${f.name}` : `--${f.name}`);
  }
  // Help and form read the same table: the form has a control for each flag but -f.
  assert.deepEqual(FIELDS.map((f) => f.key).filter((k) => DEBUG_FLAGS.some((d) => d.key === k)).sort(),
    DEBUG_FLAGS.filter((d) => d.form).map((d) => d.key).sort());
});
