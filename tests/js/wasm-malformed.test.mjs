// @ts-check
/**
 * Never traps: a seeded, deterministic generator of malformed inputs for every function of
 * `www/core/index.js` and every raw JSON export of `pkg/kubedebug.js`. Every call returns or
 * throws an `Error` named `DebugError` with a string `code` — never a
 * `WebAssembly.RuntimeError` nor another escaping error — and after every 100 calls a
 * known-good plan still gives its expected result.
 *
 * `KUBEDEBUG_FUZZ_SEED` and `KUBEDEBUG_FUZZ_CALLS` change the seed and the number of calls.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { inspect } from 'node:util';
import { loadKubedebugNode } from '../../www/node/load-wasm.js';
import * as raw from '../../pkg/kubedebug.js';

const SEED = Number(process.env.KUBEDEBUG_FUZZ_SEED ?? 0x6b756265) >>> 0;
const CALLS = Number(process.env.KUBEDEBUG_FUZZ_CALLS ?? 6000);
const FIXTURES = new URL('../conformance/oracle/fixtures/', import.meta.url);

const kd = loadKubedebugNode();

// ---------------------------------------------------------------------------------------
// Deterministic randomness (mulberry32).

/** A seeded pseudo-random generator with the helpers the junk makers need. */
class Rng {
  /** @param {number} seed */
  constructor(seed) {
    this.state = seed >>> 0;
  }

  /** @returns {number} in [0, 1) */
  next() {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** @param {number} n @returns {number} in [0, n) */
  int(n) {
    return Math.floor(this.next() * n);
  }

  /** @param {number} p */
  chance(p) {
    return this.next() < p;
  }

  /**
   * @template T
   * @param {readonly T[]} list
   * @returns {T}
   */
  pick(list) {
    return /** @type {T} */ (list[this.int(list.length)]);
  }
}

// ---------------------------------------------------------------------------------------
// Inputs.

/** @param {string} dir @returns {Record<string, any>[]} */
function fixtures(dir) {
  const url = new URL(`${dir}/`, FIXTURES);
  return readdirSync(url).filter((f) => f.endsWith('.json')).sort()
    .map((f) => JSON.parse(readFileSync(new URL(f, url), 'utf8')));
}

const PODS = fixtures('pods');
const NODES = fixtures('nodes');
const CUSTOM_TEXTS = readdirSync(new URL('custom/', FIXTURES)).sort()
  .map((f) => readFileSync(new URL(`custom/${f}`, FIXTURES), 'utf8'));
const VERSIONS = kd.kubectlVersions();

const MB = 1 << 20;
/** Huge strings (about 1 MB), built once. */
const HUGE = [
  'x'.repeat(MB),
  '['.repeat(MB),
  '{"a":'.repeat(MB / 5),
  `"${'é'.repeat(MB / 2)}"`,
  '\ud800'.repeat(MB / 2),
  ' '.repeat(MB),
  `--image=${'b'.repeat(MB)}`,
  `web ${'"'.repeat(MB)}`,
  '\\'.repeat(MB),
  // Many distinct `--env` keys (parsing is quadratic in them: 65,536 take about 15 s).
  JSON.stringify({ args: ['web', '--image=b', ...Array.from({ length: 4096 }, (_, i) => `--env=K${i}=v`)] }),
  `--env=${Array.from({ length: 4096 }, (_, i) => `K${i}=v`).join(',')}`,
];

/** @param {number} levels @param {boolean} array */
function deep(levels, array) {
  /** @type {any} */
  let v = array ? [] : {};
  for (let i = 0; i < levels; i += 1) v = array ? [v] : { spec: v };
  return v;
}
/** Ten thousand levels of nesting, as objects and as JSON text. */
const DEEP = [deep(10_000, false), deep(10_000, true)];
const DEEP_TEXT = ['{"a":'.repeat(10_000) + '1' + '}'.repeat(10_000), '['.repeat(10_000) + ']'.repeat(10_000)];

const FIELD_NAMES = ['args', 'options', 'namespace', 'namespaceExplicit', 'kubectlVersion', 'env', 'customProfile',
  'seed', 'suffixes', 'targets', 'image', 'container', 'copyTo', 'profile', 'attach', 'stdin', 'tty',
  'setImage', 'filename', 'metadata', 'spec', 'containers', 'name', 'kind', 'apiVersion', 'nodeName',
  'ephemeralContainers', 'initContainers', 'securityContext', 'path', 'text', 'error', '__proto__',
  'constructor', 'toJSON', '', '\ud800', 'x'.repeat(300)];

const FLAGS = ['--image', '--image=', '--image=busybox', '-it', '-i', '-t', '--', '-n', '--namespace=', '-c', '--container=x',
  '--copy-to', '--copy-to=dbg', '--profile=', '--profile=sysadmin', '--profile=nope', '--custom', '--custom=/p.json',
  '--env', '--env=A', '--env==', '--env=A=1,B', '--set-image', '--set-image=*=x', '--set-image==', '--target=', '--replace',
  '--same-node', '--share-processes=maybe', '--attach=2', '--keep-labels=true', '-f', '-f=', '--filename=/x',
  '--image-pull-policy=Sometimes', '--arguments-only', '--quiet', 'node/', 'node/node-a', 'pod/', 'pods/web',
  'deployment/web', 'svc/x', 'a/b/c', '/', 'web', '--kubeconfig=/k', '--context', '-v=9', '--unknown', '---', '-', '-xyz'];

const JSONISH = ['', ' ', 'undefined', 'null', 'NaN', 'Infinity', '-0', '1e999', 'true', '5', '"x"', '[]', '{}', '[1,2]',
  '{', '[', '}', ']', '{"args":5}', '{"options":{"env":"x"}}', '{"kubectlVersion":1.3}', '{"kubectlVersion":"1.3"}',
  '{"seed":-1}', '{"seed":1e30}', '{"suffixes":[1]}', '{"bogus":true}', '{"args":["web"],"args":["x"]}',
  '{"kind":"Pod"}', '{"kind":"Node","metadata":null}', '{"kind":"Pod","metadata":{"name":5}}', '"\\ud800"',
  '{"a":"\\udfff"}', '[true,false,null]', '\u0000', '{"a":1}garbage', '\ufeff{}', '1.27', '9.99', 'v1.30', '1.30.2'];

const ODD = ['\ud800', '\udfff', 'a\ud83db', '\ud83d\ude00', '\u0000', '\u2028', 'é', '\u202e', 'ﾟ', '"', "'", '\\', '$(x)',
  '`', '\n', '\t', '#', '=', ',', '*', '/', '.', '..', ' '];

/** @param {Rng} r */
function junkString(r) {
  switch (r.int(9)) {
    case 0: return r.pick(FLAGS);
    case 1: return r.pick(JSONISH);
    case 2: return r.pick(ODD);
    case 3: return r.pick(VERSIONS);
    case 4: {
      let s = '';
      const n = r.int(12);
      for (let i = 0; i < n; i += 1) s += String.fromCharCode(r.chance(0.8) ? 32 + r.int(95) : r.int(0x10000));
      return s;
    }
    case 5: return `${r.pick(FLAGS)}${r.pick(ODD)}${r.pick(FLAGS)}`;
    case 6: return r.chance(0.15) ? r.pick(HUGE) : 'y'.repeat(r.int(2000));
    case 7: return r.chance(0.2) ? r.pick(DEEP_TEXT) : r.pick(JSONISH) + r.pick(JSONISH);
    default: return ['web', 'web-app-6b9f7d8c4d-2lqzv', 'node-a', 'default', 'busybox', 'dbg'][r.int(6)];
  }
}

/** @param {Rng} r */
function junkScalar(r) {
  return r.pick([undefined, null, 0, -1, 1.5, NaN, Infinity, -Infinity, -0, 2 ** 53 + 1, 1e308, 2 ** 64, true, false,
    '', junkString(r), junkString(r)]);
}

/** A throwing `toJSON`, a throwing getter, a throwing Proxy: JSON.stringify fails. @param {Rng} r */
function hostile(r) {
  switch (r.int(8)) {
    case 0: return { toJSON() { throw new RangeError('toJSON failed'); } };
    case 1: return { get args() { throw new TypeError('getter failed'); } };
    case 2: return new Proxy({}, { ownKeys() { throw new Error('ownKeys failed'); } });
    case 3: return 1n;
    case 4: return () => 1;
    case 5: return Symbol('s');
    case 6: return r.pick([new Date(NaN), new Map([[1, 2]]), new Uint8Array(3), /re/, new Error('e'), Object.create(null)]);
    default: return { toJSON: () => undefined };
  }
}

/** @param {Rng} r @param {number} [depth] @returns {any} */
function junkValue(r, depth = 0) {
  const k = r.int(depth > 3 ? 2 : 6);
  if (k === 0) return junkScalar(r);
  if (k === 1) return junkString(r);
  if (k === 2) return Array.from({ length: r.int(5) }, () => junkValue(r, depth + 1));
  if (k === 3 && r.chance(0.3)) return hostile(r);
  if (k === 4 && r.chance(0.05)) return r.pick(DEEP);
  /** @type {Record<string, any>} */
  const o = {};
  const n = r.int(5);
  for (let i = 0; i < n; i += 1) o[r.chance(0.7) ? r.pick(FIELD_NAMES) : junkString(r).slice(0, 50)] = junkValue(r, depth + 1);
  return o;
}

/** An object that contains itself. @param {Rng} r */
function cyclic(r) {
  /** @type {any} */
  const o = r.chance(0.5) ? { args: ['web'], options: {} } : structuredClone(r.pick(PODS));
  if (r.chance(0.5)) o.self = o;
  else (o.spec ?? o.options).loop = [o];
  return o;
}

/** Sessions with a field of the wrong type. */
const WRONG_TYPES = [
  { args: 5 }, { options: { env: 'x' } }, { kubectlVersion: 1.3 }, { args: 'web --image=x' }, { args: [5] }, { args: [null] },
  { args: [['web']] }, { options: 5 }, { options: [] }, { options: { targets: 'web' } }, { options: { attach: 'yes' } },
  { options: { profile: 5 } }, { options: { env: [{ name: 1 }] } }, { options: { setImage: { a: 'b' } } },
  { options: { stdin: 'true' } }, { options: { unknown: 1 } }, { namespace: 5 }, { namespace: [] },
  { namespaceExplicit: 'true' }, { env: [] }, { env: { KUBECTL_DEBUG_CUSTOM_PROFILE: 5 } }, { env: 'x' },
  { customProfile: 'x' }, { customProfile: { path: 5 } }, { customProfile: { path: 'p', text: 5 } },
  { customProfile: { text: '{}' } }, { seed: -1 }, { seed: 1.5 }, { seed: 2 ** 70 }, { seed: '1' }, { seed: NaN },
  { suffixes: 'x' }, { suffixes: [1] }, { suffixes: [''] }, { bogus: true }, { kubectlVersion: '1.26' },
  { kubectlVersion: '9.99' }, { kubectlVersion: '' }, { kubectlVersion: null }, { kubectlVersion: ['1.30'] },
  { args: [], options: { image: 'x' } }, { options: null, args: null }, [], 'session', 0, false,
];

/** Realistic argument lists to mutate. @param {Rng} r */
function realArgs(r) {
  const pod = /** @type {string} */ (r.pick(PODS).metadata?.name ?? 'web');
  const node = /** @type {string} */ (r.pick(NODES).metadata?.name ?? 'node-a');
  return r.pick([
    [pod, '--image=busybox', '--profile=general'],
    [pod, '-it', '--image=busybox', '--target=app'],
    [pod, '--image=busybox', '--copy-to=dbg', '--set-image=*=alpine', '--share-processes'],
    [pod, '--copy-to=dbg', '--set-image=app=nginx:2', '--replace', '--same-node'],
    [`node/${node}`, '--image=busybox', '--profile=sysadmin'],
    [pod, '--image=busybox', '--custom=/custom.json', '--profile=netadmin'],
    ['-f', '$FIXTURES/files/minimal-pod.json', '--image=busybox'],
    [pod, '--image=busybox', '--env=A=1', '--', 'sh', '-c', 'echo'],
  ]).slice();
}

/** @param {Rng} r @returns {any} */
function junkSession(r) {
  switch (r.int(10)) {
    case 0: return junkValue(r);
    case 1: return r.pick(WRONG_TYPES);
    case 2: return r.chance(0.5) ? cyclic(r) : r.pick(DEEP);
    default: {
      /** @type {Record<string, any>} */
      const s = { args: realArgs(r), suffixes: ['abcde'], kubectlVersion: r.pick(VERSIONS) };
      const n = r.int(4);
      for (let i = 0; i < n; i += 1) {
        const args = /** @type {string[]} */ (s.args ?? []);
        switch (r.int(7)) {
          case 0: args.splice(r.int(args.length + 1), 0, junkString(r)); break;
          case 1: args[r.int(args.length)] = junkString(r); break;
          case 2: s.customProfile = { path: '/custom.json', text: r.chance(0.7) ? mutateText(r, r.pick(CUSTOM_TEXTS)) : junkString(r) }; break;
          case 3: s[r.pick(['namespace', 'kubectlVersion', 'seed', 'env', 'namespaceExplicit', 'suffixes'])] = junkValue(r); break;
          case 4: s.env = { KUBECTL_DEBUG_CUSTOM_PROFILE: r.pick(['true', 'false', '', '1', junkString(r)]) }; break;
          case 5: delete s.args; s.options = junkOptions(r); break;
          default: s.seed = r.pick([0, 1, 2 ** 53, 4294967295, 42]);
        }
      }
      return s;
    }
  }
}

/** @param {Rng} r @param {string} text */
function mutateText(r, text) {
  if (text.length === 0) return junkString(r);
  const at = r.int(text.length);
  switch (r.int(3)) {
    case 0: return text.slice(0, at) + text.slice(at + 1 + r.int(10));
    case 1: return text.slice(0, at) + junkString(r).slice(0, 40) + text.slice(at);
    default: return text.slice(0, at);
  }
}

/** @param {Rng} r @returns {any} */
function junkOptions(r) {
  if (r.chance(0.25)) return junkValue(r);
  /** @type {Record<string, any>} */
  const o = { targets: [junkString(r)], image: 'busybox' };
  const n = 1 + r.int(4);
  const fields = ['targets', 'args', 'filename', 'attach', 'container', 'copyTo', 'custom', 'env', 'image', 'imagePullPolicy',
    'keepAnnotations', 'keepInitContainers', 'profile', 'quiet', 'replace', 'sameNode', 'setImage', 'shareProcesses',
    'stdin', 'target', 'tty', 'argumentsOnly'];
  for (let i = 0; i < n; i += 1) {
    const f = r.pick(fields);
    o[f] = r.pick([junkValue(r), [junkString(r)], junkString(r), [{ name: junkString(r), value: junkString(r) }], true, null]);
  }
  return o;
}

/** Every path of a JSON value (objects and arrays), at most `limit`. @param {any} v */
function paths(v, prefix = /** @type {(string | number)[]} */ ([]), out = /** @type {(string | number)[][]} */ ([]), limit = 400) {
  if (out.length >= limit || v === null || typeof v !== 'object') return out;
  for (const k of Array.isArray(v) ? v.keys() : Object.keys(v)) {
    const p = [...prefix, k];
    out.push(p);
    paths(v[k], p, out, limit);
  }
  return out;
}

/** A different JSON type for a value. @param {Rng} r @param {unknown} v */
function swapType(r, v) {
  if (typeof v === 'string') return r.pick([5, true, [v], { v }, null]);
  if (typeof v === 'number' || typeof v === 'boolean') return r.pick([String(v), [v], {}, null]);
  if (Array.isArray(v)) return r.pick([{ ...v }, v.length, 'list', v[0] ?? null, null]);
  if (v && typeof v === 'object') return r.pick([Object.values(v), 'object', 0, null, []]);
  return junkScalar(r);
}

/** A real pod or node, mutated: deletions, type swaps, nulls. @param {Rng} r */
function mutatedFixture(r) {
  const obj = structuredClone(r.chance(0.8) ? r.pick(PODS) : r.pick(NODES));
  const all = paths(obj);
  const n = 1 + r.int(5);
  for (let i = 0; i < n && all.length > 0; i += 1) {
    const p = r.pick(all);
    /** @type {any} */
    let parent = obj;
    for (const k of p.slice(0, -1)) parent = parent?.[k];
    if (parent === null || typeof parent !== 'object') continue;
    const key = /** @type {string | number} */ (p[p.length - 1]);
    switch (r.int(4)) {
      case 0: if (Array.isArray(parent)) parent.splice(Number(key), 1); else delete parent[key]; break;
      case 1: parent[key] = swapType(r, parent[key]); break;
      case 2: parent[key] = null; break;
      default: parent[key] = junkValue(r);
    }
  }
  if (obj.spec && typeof obj.spec === 'object' && r.chance(0.15)) {
    obj.spec[r.pick(['containers', 'initContainers', 'ephemeralContainers', 'securityContext'])] =
      r.pick([null, {}, 'x', [null], [{ name: 5 }], [{}], 0]);
  }
  if (r.chance(0.05)) obj.kind = r.pick(['Node', 'Pod', 'Deployment', '', 5, null]);
  return obj;
}

/** @param {Rng} r @returns {any} */
function junkTarget(r) {
  switch (r.int(8)) {
    case 0: return junkValue(r);
    case 1: return r.chance(0.5) ? cyclic(r) : r.pick(DEEP);
    case 2: return structuredClone(r.pick([...PODS, ...NODES]));
    default: return mutatedFixture(r);
  }
}

/** A session that plans, for targets that should be the point of failure. @param {Rng} r */
function plausibleSession(r) {
  const target = r.pick(PODS);
  return r.pick([
    { args: [String(target.metadata?.name), '--image=busybox', '--profile=general'], suffixes: ['abcde'] },
    { args: [String(target.metadata?.name), '--image=busybox', '--copy-to=dbg', '--set-image=*=x'], suffixes: ['abcde'] },
    { args: ['node/node-a', '--image=busybox'], kubectlVersion: r.pick(VERSIONS), suffixes: ['abcde'] },
    { options: { filename: ['/x.json'], image: 'busybox', copyTo: 'dbg' }, namespace: 'ns', namespaceExplicit: true },
  ]);
}

/** A kubectl version string, mostly valid. @param {Rng} r */
function versionString(r) {
  return r.chance(0.7) ? r.pick(VERSIONS) : r.pick(['', '1.26', '1.37', 'latest', 'v1.30', '1.3', junkString(r)]);
}

/** @param {Rng} r @returns {[string, unknown[], (...a: any[]) => unknown]} */
function junkCall(r) {
  switch (r.int(17)) {
    case 0: case 1: return ['prepare', [junkSession(r)], kd.prepare];
    case 2: return ['plan', [plausibleSession(r), junkTarget(r)], kd.plan];
    case 3: return ['planText', [plausibleSession(r), r.chance(0.7) ? jsonText(junkTarget(r)) : jsonText(mutatedFixture(r))], kd.planText];
    case 4: return ['plan', [junkSession(r), r.chance(0.5) ? mutatedFixture(r) : junkTarget(r)], kd.plan];
    case 5: {
      const list = r.chance(0.7) ? [...realArgs(r), junkString(r)] : junkValue(r);
      const ctx = r.chance(0.3) ? undefined : {
        kubectlVersion: r.chance(0.8) ? versionString(r) : undefined,
        env: r.pick([undefined, {}, { KUBECTL_DEBUG_CUSTOM_PROFILE: r.pick(['true', 'false', junkString(r)]) }, 'x', 5, null]),
      };
      return ['parseArgs(array)', [list, ctx], kd.parseArgs];
    }
    case 6: return ['parseArgs(string)', [r.chance(0.5) ? `kubectl debug ${realArgs(r).join(' ')} ${junkString(r)}` : junkString(r),
      { kubectlVersion: versionString(r) }], kd.parseArgs];
    case 7: return ['renderArgs', [r.chance(0.1) ? cyclic(r) : junkOptions(r), r.chance(0.5) ? undefined : junkString(r)], kd.renderArgs];
    case 8: return ['commandLine', [junkOptions(r), r.chance(0.5) ? undefined : junkString(r)], kd.commandLine];
    case 9: return ['splitCommandLine', [junkString(r)], kd.splitCommandLine];
    case 10: return ['profiles', [r.chance(0.2) ? undefined : versionString(r)], kd.profiles];
    case 11: return r.chance(0.5) ? ['kubectlVersions', [junkValue(r)], kd.kubectlVersions] : ['version', [junkValue(r)], kd.version];
    case 12: return ['prepareJson', [rawText(r)], raw.prepareJson];
    case 13: {
      const text = r.chance(0.5) ? jsonText(mutatedFixture(r)) : rawText(r);
      const target = r.chance(0.3) ? new TextEncoder().encode(text) : text;
      return ['planText(raw)', [rawText(r), target, r.pick([true, false, undefined, 'x'])], raw.planText];
    }
    case 14: return ['parseArgsJson', [r.chance(0.5) ? jsonText([...realArgs(r), junkString(r)]) : rawText(r),
      versionString(r), r.chance(0.5) ? undefined : junkString(r)], raw.parseArgsJson];
    case 15: return ['renderArgsJson', [rawText(r), r.chance(0.5) ? undefined : junkString(r)], raw.renderArgsJson];
    default: return ['splitCommandLineJson', [junkString(r)], raw.splitCommandLineJson];
  }
}

/** JSON text of any value; what JSON cannot carry (cycles, BigInt, throwing getters) as text too. @param {unknown} v */
function jsonText(v) {
  try {
    return JSON.stringify(v) ?? 'undefined';
  } catch (e) {
    return String(/** @type {Error} */ (e).message);
  }
}

/** Junk JSON text for the raw exports (always a string). @param {Rng} r */
function rawText(r) {
  switch (r.int(4)) {
    case 0: return junkString(r);
    case 1: return r.pick(JSONISH);
    default: return jsonText(r.chance(0.5) ? junkSession(r) : junkValue(r));
  }
}

// ---------------------------------------------------------------------------------------
// Checking.

/** A short, safe description of an argument (cycles, Proxies, huge strings). @param {unknown} v */
function describe(v) {
  if (typeof v === 'string' && v.length > 80) return `${JSON.stringify(v.slice(0, 40))}… (${v.length} chars)`;
  return inspect(v, { depth: 2, maxArrayLength: 4, maxStringLength: 40, breakLength: Infinity, showProxy: true })
    .slice(0, 200);
}

/** The known-good plan and its expected result, computed before any junk. */
function knownGood() {
  const pod = PODS.find((p) => p.metadata?.name === 'web-app-6b9f7d8c4d-2lqzv') ?? PODS[0];
  const session = { args: [pod.metadata.name, '--image=busybox', '--copy-to=dbg', '--profile=general'],
    kubectlVersion: '1.33', suffixes: ['abcde'] };
  const expected = kd.plan(session, pod);
  assert.equal(expected.journey, 'copy');
  assert.equal(expected.requests[0].method, 'POST');
  assert.equal(expected.result.metadata.name, 'dbg');
  return () => assert.deepStrictEqual(kd.plan(session, pod), expected, 'the known-good plan changed: the module broke');
}

/** How calls ended: `returned`, or the error code or class thrown. @type {Record<string, number>} */
const outcomes = {};

/**
 * Call `fn` with `args`; a description of what went wrong, or null.
 * @param {string} name
 * @param {unknown[]} args
 * @param {(...a: any[]) => unknown} fn
 * @param {{ cyclic?: boolean }} [expect]
 */
function callOnce(name, args, fn, expect = {}) {
  const shown = () => `${name}(${args.map(describe).join(', ')})`;
  /** @param {string} how */
  const tally = (how) => { outcomes[how] = (outcomes[how] ?? 0) + 1; };
  try {
    fn(...args);
    tally('returned');
    if (expect.cyclic) return `${shown()} returned for a cyclic input`;
    return null;
  } catch (e) {
    tally(e instanceof Error ? String(/** @type {Error & { code?: unknown }} */ (e).code ?? e.constructor.name) : typeof e);
    if (e instanceof WebAssembly.RuntimeError) return `${shown()} TRAPPED: RuntimeError: ${e.message}`;
    if (!(e instanceof Error)) return `${shown()} threw a non-Error: ${describe(e)}`;
    const err = /** @type {Error & { code?: unknown }} */ (e);
    if (err.name !== 'DebugError' || typeof err.code !== 'string') {
      return `${shown()} threw ${err.constructor.name} (name ${err.name}, code ${describe(err.code)}): ${err.message.slice(0, 200)}`;
    }
    if (expect.cyclic && err.code !== 'input/invalid') return `${shown()} gave ${err.code} for a cyclic input: ${err.message}`;
    return null;
  }
}

/**
 * Make `count` calls from `make`, checking the known-good plan every 100 calls.
 * @param {number} count
 * @param {(r: Rng) => [string, unknown[], (...a: any[]) => unknown, ({ cyclic?: boolean })?]} make
 * @param {number} seed
 */
function run(count, make, seed) {
  const r = new Rng(seed);
  const check = knownGood();
  /** @type {string[]} */
  const problems = [];
  /** @type {Record<string, number>} */
  const perFunction = {};
  for (let i = 1; i <= count; i += 1) {
    const [name, args, fn, expect] = make(r);
    perFunction[name] = (perFunction[name] ?? 0) + 1;
    const problem = callOnce(name, args, fn, expect);
    if (problem) problems.push(`#${i}: ${problem}`);
    if (i % 100 === 0) check();
  }
  check();
  return { problems, perFunction };
}

/** @param {string[]} problems */
function report(problems) {
  return `${problems.length} problems (seed ${SEED}):\n${problems.slice(0, 25).join('\n')}`;
}

test(`${CALLS} malformed inputs to every export: DebugErrors only, and the module keeps working`, () => {
  const started = performance.now();
  const { problems, perFunction } = run(CALLS, junkCall, SEED);
  const ms = Math.round(performance.now() - started);
  console.log(`malformed inputs: ${CALLS} calls (seed ${SEED}) in ${ms} ms: ${JSON.stringify(perFunction)}; `
    + `outcomes ${JSON.stringify(outcomes)}`);
  assert.ok(Object.keys(perFunction).length >= 14, `every export called: ${Object.keys(perFunction).join(', ')}`);
  assert.ok(problems.length === 0, report(problems));
});

test('cyclic inputs to the object API are DebugErrors with code input/invalid', () => {
  const r = new Rng(SEED ^ 0x5a5a5a5a);
  /** @type {string[]} */
  const problems = [];
  for (let i = 0; i < 50; i += 1) {
    const o = cyclic(r);
    for (const [name, args, fn] of /** @type {[string, unknown[], (...a: any[]) => unknown][]} */ ([
      ['prepare', [o], kd.prepare],
      ['plan(session)', [o, PODS[0]], kd.plan],
      ['plan(target)', [{ args: ['x', '--image=b'] }, o], kd.plan],
      ['parseArgs', [['web', o]], kd.parseArgs],
      ['renderArgs', [o], kd.renderArgs],
      ['commandLine', [o], kd.commandLine],
    ])) {
      const problem = callOnce(name, args, fn, { cyclic: true });
      if (problem) problems.push(problem);
    }
  }
  assert.ok(problems.length === 0, report(problems));
});

/**
 * Values of the wrong JS type where a function takes a string: the string parameters of
 * `www/core/index.js` that are passed straight to the Wasm glue, and the raw exports.
 * @param {Rng} r
 * @returns {[string, unknown[], (...a: any[]) => unknown]}
 */
function wrongTypeCall(r) {
  const notString = r.pick([null, 5, 1.3, NaN, true, [], ['1.30'], {}, { length: 3e9 }, { length: 1e6 }, 1n, Symbol('v')]);
  const orUndefined = r.chance(0.2) ? undefined : notString;
  switch (r.int(11)) {
    case 0: return ['profiles', [notString], kd.profiles];
    case 1: return ['parseArgs', [['web'], { kubectlVersion: notString }], kd.parseArgs];
    case 2: return ['parseArgs', [['web'], { env: { KUBECTL_DEBUG_CUSTOM_PROFILE: notString } }], kd.parseArgs];
    case 3: return ['parseArgs', [['web'], null], kd.parseArgs];
    case 4: return ['renderArgs', [{ targets: ['web'] }, notString], kd.renderArgs];
    case 5: return ['commandLine', [{ targets: ['web'] }, notString], kd.commandLine];
    case 6: return ['prepareJson', [orUndefined], raw.prepareJson];
    case 7: return r.chance(0.5)
      ? ['planText(raw)', r.chance(0.5) ? ['{}', orUndefined, true] : [orUndefined, '{}'], raw.planText]
      : ['planText', [{}, r.chance(0.5) ? orUndefined : new Uint8Array([0xff, 0xfe])], kd.planText];
    case 8: return ['parseArgsJson', r.chance(0.5) ? ['["web"]', notString] : [orUndefined, '1.30'], raw.parseArgsJson];
    case 9: return ['renderArgsJson', r.chance(0.5) ? ['{}', notString] : [orUndefined], raw.renderArgsJson];
    default: return ['splitCommandLineJson', [orUndefined], raw.splitCommandLineJson];
  }
}

test('non-string values where a string is expected: DebugErrors only, and the module keeps working', () => {
  const { problems, perFunction } = run(1100, wrongTypeCall, SEED ^ 0x13579bdf);
  console.log(`wrong-type string parameters: 1100 calls: ${JSON.stringify(perFunction)}; ${problems.length} problems`);
  assert.ok(problems.length === 0, report(problems));
});
