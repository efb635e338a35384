// @ts-check
/**
 * Every hostile `-f`/`--custom` input gets one sentence on stderr — kubectl's exact text where
 * kubectl has one (recorded from kubectl 1.33 with the oracle kit, see each row), never a
 * JavaScript internals message, never a terminal escape from the input — and exit status 1.
 * Each row runs the real CLI with `--dry-run` (offline: no cluster, nothing sent).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { runCli, workspace } from './cli-helpers.mjs';

const GO_TYPE_META = 'struct { APIVersion string "json:\\"apiVersion,omitempty\\""; Kind string "json:\\"kind,omitempty\\"" }';
const LIMIT = '8388608 bytes (raise it with --max-input-size or KUBEDEBUG_MAX_INPUT)';
const POD = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: 'default' },
  spec: { securityContext: {}, containers: [{ name: 'app', image: 'nginx' }] } };

let bomb = 'apiVersion: v1\nkind: Pod\na0: &a0 [x, x, x, x, x, x, x, x, x, x]\n';
for (let i = 1; i < 8; i++) bomb += `a${i}: &a${i} [${Array(10).fill(`*a${i - 1}`).join(', ')}]\n`;

/**
 * [what, the file's content (or a setup giving the -f/--custom arguments), the whole stderr].
 * `{file}` in the expected text stands for the file's path, `{dir}` for the workspace. "kubectl:" rows are kubectl 1.33's text.
 * @type {[string, string | ((ws: ReturnType<typeof workspace>) => string[]), string][]}
 */
const TABLE = [
  // kubectl: a scalar, an array, a string
  ['a number', '42\n', `error: unable to decode "{file}": couldn't get version/kind; json parse error: json: cannot unmarshal number into Go value of type ${GO_TYPE_META}\n`],
  ['a JSON array', '[1, 2]\n', `error: unable to decode "{file}": couldn't get version/kind; json parse error: json: cannot unmarshal array into Go value of type ${GO_TYPE_META}\n`],
  ['an array of pods (kubectl does not flatten arrays)', JSON.stringify([POD]), `error: unable to decode "{file}": couldn't get version/kind; json parse error: json: cannot unmarshal array into Go value of type ${GO_TYPE_META}\n`],
  ['a word', 'hello world\n', `error: unable to decode "{file}": couldn't get version/kind; json parse error: json: cannot unmarshal string into Go value of type ${GO_TYPE_META}\n`],
  // kubectl: missing or mistyped kind/apiVersion
  ['an empty object', '{}\n', `error: unable to decode "{file}": Object 'Kind' is missing in '{}'\n`],
  ['no apiVersion', '{"kind":"Pod","metadata":{"name":"x"}}\n', `error: unable to decode "{file}": Object 'apiVersion' is missing in '{"kind":"Pod","metadata":{"name":"x"}}'\n`],
  ['no kind, YAML (quoted as Go marshals it)', 'metadata:\n  name: x\nzzz: 1\napiVersion: v1\n', `error: unable to decode "{file}": Object 'Kind' is missing in '{"apiVersion":"v1","metadata":{"name":"x"},"zzz":1}'\n`],
  ['kind is a number', '{"kind":5,"apiVersion":"v1"}\n', 'error: unable to decode "{file}": couldn\'t get version/kind; json parse error: json: cannot unmarshal number into Go struct field .kind of type string\n'],
  // kubectl: binary bytes and control characters, never echoed
  ['binary bytes with a terminal escape', 'abc\x1b[31mRED\x07\x00\x01\udcff', 'error: error parsing {file}: error converting YAML to JSON: yaml: control characters are not allowed\n'],
  ['JSON with an escape in a string', '{"kind": "Pod\x1b[31m"}', "error: error parsing {file}: json: offset 14: invalid character '\\x1b' in string literal\n"],
  ['truncated JSON', '{"kind": "Pod",\n "apiVersion": "v1",', 'error: error parsing {file}: unexpected EOF\n'],
  // ours (kubectl: `yaml: line 2: did not find expected ',' or ']'`; the yaml package words it differently)
  ['a YAML syntax error: one line, no source excerpt', 'kind: Pod\nmetadata: {name: [unclosed\n  spec: : :', 'error: error parsing {file}: error converting YAML to JSON: yaml: line 2: Implicit keys of flow sequence pairs need to be on a single line\n'],
  // go-yaml's text
  ['an alias bomb', bomb, 'error: error parsing {file}: error converting YAML to JSON: yaml: document contains excessive aliasing\n'],
  ['an alias inside its own anchor', 'apiVersion: v1\nkind: Pod\nspec: &a {x: *a}\n', "error: error parsing {file}: error converting YAML to JSON: yaml: anchor 'a' value contains itself\n"],
  // ours
  ['deep nesting', '['.repeat(100000), 'error: error parsing {file}: the document is nested too deeply\n'],
  ['YAML .inf (Go cannot marshal it)', 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec: {x: .inf}\n', 'error: error parsing {file}: error converting YAML to JSON: yaml: json: unsupported value: +Inf\n'],
  // kubectl: paths
  ['a missing file', (ws) => ['-f', join(ws.dir, 'nope.json')], 'error: the path "{dir}/nope.json" does not exist\n'],
  ['a path with a terminal escape (escaped, not sent to the terminal)', (ws) => ['-f', join(ws.dir, 'x\x1b]0;pwned\x07')], 'error: the path "{dir}/x\\x1b]0;pwned\\x07" does not exist\n'],
  ['a pattern with a terminal escape (quoted like Go\'s %q)', (ws) => ['-f', join(ws.dir, 'x\x1b[31mred')], 'error: pattern "{dir}/x\\x1b[31mred" is not valid: syntax error in pattern\n'],
  ['a directory without .json/.yaml/.yml files', (ws) => {
    mkdirSync(join(ws.dir, 'empty'));
    ws.file('empty/notes.txt', 'x');
    return ['-f', join(ws.dir, 'empty')];
  }, 'error: error reading [{dir}/empty]: recognized file extensions are [.json .yaml .yml]\n'],
  ['a malformed pattern', (ws) => ['-f', join(ws.dir, 'x[')], 'error: pattern "{dir}/x[" is not valid: syntax error in pattern\n'],
  ['--custom naming a directory', (ws) => ['-f', ws.file('pod.json', POD), `--custom=${ws.dir}`], 'error: must pass a container spec json file for custom profile: read {dir}: is a directory\n'],
  // ours (kubectl reads these forever)
  ['-f /dev/zero', () => ['-f', '/dev/zero'], `error: /dev/zero is larger than the input size limit of ${LIMIT}\n`],
  ['--custom=/dev/zero', (ws) => ['-f', ws.file('pod.json', POD), '--custom=/dev/zero'], `error: /dev/zero is larger than the input size limit of ${LIMIT}\n`],
];

for (const [what, input, want] of TABLE) {
  test(`hostile -f input: ${what}`, async (t) => {
    const ws = workspace();
    t.after(() => ws.cleanup());
    const file = typeof input === 'string' ? ws.file('input.yaml', input) : '';
    const args = typeof input === 'string' ? ['-f', file] : input(ws);
    const r = await runCli([...args, '--image=busybox', '--profile=general', '--dry-run'], { home: ws.home });
    assert.equal(r.stderr, want.replaceAll('{file}', file).replaceAll('{dir}', ws.dir));
    assert.equal(r.stdout, '');
    assert.equal(r.code, 1);
  });
}

test('duplicate keys are accepted like kubectl: the last one wins', async (t) => {
  const ws = workspace();
  t.after(() => ws.cleanup());
  const yaml = 'apiVersion: v1\nkind: Pod\nkind: Pod\nmetadata:\n  name: p\n  labels:\n    app: first\n    app: last\n'
    + 'spec:\n  securityContext: {}\n  containers:\n  - name: app\n    image: first\n    image: last\n';
  for (const [name, text] of [['pod.yaml', yaml], ['pod.json', '{"apiVersion":"v1","kind":"Pod","metadata":{"name":"p","labels":{"app":"first","app":"last"}},'
    + '"spec":{"securityContext":{},"containers":[{"name":"app","image":"first","image":"last"}]}}']]) {
    const r = await runCli(['-f', ws.file(name, text), '--image=busybox', '--profile=general', '--copy-to=cp', '--keep-labels', '--dry-run', '-o', 'json'], { home: ws.home });
    assert.equal(r.code, 0, r.stderr);
    const created = JSON.parse(r.stdout);
    assert.equal(created.metadata.labels.app, 'last', name);
    assert.equal(created.spec.containers[0].image, 'last', name);
  }
});

test('an empty file and a null document plan nothing, like kubectl (exit 0)', async (t) => {
  const ws = workspace();
  t.after(() => ws.cleanup());
  for (const text of ['', 'null\n', '---\n---\n']) {
    const r = await runCli(['-f', ws.file('empty.yaml', text), '--image=busybox', '--profile=general', '--dry-run'], { home: ws.home });
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, '');
  }
});
