// Bench of the built Wasm package in Node: size, cold init, plan latency per journey,
// the plain-JS JSON floor, batch throughput. Builds nothing: run the README's build first.
//   node www/tools/bench.mjs          human table
//   node www/tools/bench.mjs --json   one JSON object
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { execFileSync } from 'node:child_process';
import { loadKubedebugSync } from '../host/wasm.js';

const root = new URL('../../', import.meta.url);
const wasmBytes = readFileSync(new URL('pkg/kubedebug_bg.wasm', root));
const fixture = (p) => JSON.parse(readFileSync(new URL(`tests/conformance/oracle/fixtures/${p}`, root), 'utf8'));

/** Median of numbers. */
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
};

/** Cold instantiate in fresh processes (compile + instantiate + first tiny call), median ms. */
function coldInitMs(runs = 9) {
  const script = `
    const { readFileSync } = await import('node:fs');
    const bytes = readFileSync(${JSON.stringify(new URL('pkg/kubedebug_bg.wasm', root).pathname)});
    const m = await import(${JSON.stringify(new URL('pkg/index.js', root).href)});
    const t0 = performance.now();
    m.initSync({ module: bytes });
    m.kubectlVersions();
    process.stdout.write(String(performance.now() - t0));`;
  const times = [];
  for (let i = 0; i < runs; i++) {
    times.push(Number(execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' })));
  }
  return median(times);
}

/** Median µs per call of fn over `n` timed calls after warm-up. */
function timeUs(fn, n = 1000, warm = 200) {
  for (let i = 0; i < warm; i++) fn();
  const samples = [];
  for (let i = 0; i < n; i++) {
    const t0 = process.hrtime.bigint();
    fn();
    samples.push(Number(process.hrtime.bigint() - t0) / 1000);
  }
  return median(samples);
}

/**
 * Time several functions in interleaved rounds and keep each one's best median: a busy
 * machine slows single runs by up to half, and the ratios compare functions timed together.
 * @param {Record<string, () => unknown>} fns
 */
function timeAll(fns, rounds = 7) {
  /** @type {Record<string, number>} */
  const best = {};
  for (let r = 0; r < rounds; r++) {
    for (const [k, fn] of Object.entries(fns)) best[k] = Math.min(best[k] ?? Infinity, timeUs(fn));
  }
  return best;
}

const kd = loadKubedebugSync(wasmBytes);
const pod = fixture('pods/web-app.json');
const node = fixture('nodes/node-a.json');
const podText = JSON.stringify(pod);
const nodeText = JSON.stringify(node);
const base = { kubectlVersion: '1.36', seed: 1 };
const sessions = {
  ephemeral: { ...base, options: { targets: [pod.metadata.name], image: 'busybox', profile: 'general' } },
  copy: { ...base, options: { targets: [pod.metadata.name], image: 'busybox', profile: 'general', copyTo: 'web-debug' } },
  node: { ...base, options: { targets: ['node/node-a'], image: 'busybox', profile: 'sysadmin' } },
};
const journeys = /** @type {(keyof typeof sessions)[]} */ (Object.keys(sessions));

// plan_us: what a host on the wire runs, `planText` (the API server's JSON text in, the
// bodies' JSON text out). plan_object_us: `plan` with objects (adds JSON.stringify of the
// target and JSON.parse of the plan in JS).
/** @type {Record<string, () => unknown>} */
const fns = { json_roundtrip: () => JSON.stringify(JSON.parse(podText)) };
for (const j of journeys) {
  const [target, text] = j === 'node' ? [node, nodeText] : [pod, podText];
  fns[`text_${j}`] = () => kd.planText(sessions[j], text);
  fns[`object_${j}`] = () => kd.plan(sessions[j], target);
}
const best = timeAll(fns);
const jsonRoundtripUs = best.json_roundtrip;
const perJourney = (/** @type {string} */ prefix) =>
  Object.fromEntries(journeys.map((j) => [j, Number(best[`${prefix}_${j}`].toFixed(1))]));
const ratios = (/** @type {string} */ prefix) =>
  Object.fromEntries(journeys.map((j) => [j, Number((best[`${prefix}_${j}`] / jsonRoundtripUs).toFixed(2))]));

const batch = 10000;
const t0 = performance.now();
for (let i = 0; i < batch; i++) kd.planText({ ...sessions.copy, seed: i }, podText);
const batchPlansPerS = Math.round(batch / ((performance.now() - t0) / 1000));

const result = {
  wasm_bytes: wasmBytes.length,
  wasm_gzip_bytes: gzipSync(wasmBytes, { level: 9 }).length,
  init_ms: Number(coldInitMs().toFixed(2)),
  pod_bytes: podText.length,
  plan_us: perJourney('text'),
  json_roundtrip_us: Number(jsonRoundtripUs.toFixed(1)),
  plan_vs_json_roundtrip: ratios('text'),
  plan_object_us: perJourney('object'),
  plan_object_vs_json_roundtrip: ratios('object'),
  batch_plans_per_s: batchPlansPerS,
  node: process.version,
};

if (process.argv.includes('--json')) {
  console.log(JSON.stringify(result));
} else {
  const rows = [
    ['wasm size', `${result.wasm_bytes} B (gzip -9: ${result.wasm_gzip_bytes} B)`],
    ['cold init (median of 9 processes)', `${result.init_ms} ms`],
    ['JSON.parse + JSON.stringify of the pod', `${result.json_roundtrip_us} µs (${result.pod_bytes} B)`],
    ...journeys.map((j) => [`planText, ${j}`,
      `${result.plan_us[j]} µs (${result.plan_vs_json_roundtrip[j]} × JSON round trip)`]),
    ...journeys.map((j) => [`plan (objects), ${j}`,
      `${result.plan_object_us[j]} µs (${result.plan_object_vs_json_roundtrip[j]} ×)`]),
    [`batch: ${batch} pod copies (planText)`, `${result.batch_plans_per_s} plans/s`],
  ];
  const w = Math.max(...rows.map((r) => r[0].length));
  for (const [k, v] of rows) console.log(`${k.padEnd(w)}  ${v}`);
}
