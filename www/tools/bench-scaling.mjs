// @ts-check
// Scaling bench (issue 15 item 5): every input shape at 1×, 10× and 100× its base size through
// the built Wasm, printing the time per size and the 100×/1× ratio. Linear work shows ~100×,
// quadratic ~10,000×. Target on the project's 2-core machine: ≤ 1 s at 100× and a ratio ≤ 150×.
//   node www/tools/bench.mjs --scaling [--json] [--only=SHAPE,…] [--budget=SECONDS]
// A size slower than the budget (default 60 s) skips the larger sizes of its shape.
import { readFileSync } from 'node:fs';

/** @typedef {{ planText: Function, plan: Function, parseArgs: Function }} Api */
/** @typedef {{ name: string, base: number, unit: string, run: (n: number) => () => unknown }} Shape */

const root = new URL('../../', import.meta.url);
/** @type {any} */
const benchPod = JSON.parse(readFileSync(new URL('www/tools/bench-pod.json', root), 'utf8'));
const podName = benchPod.metadata.name;
const base = { kubectlVersion: '1.36', seed: 1 };

/** A copy of the bench pod with `edit` applied. @param {(p: any) => void} edit */
function podWith(edit) {
  const p = structuredClone(benchPod);
  edit(p);
  return p;
}

/** `n` decimal digits, not all zero, no leading zero. @param {number} n */
function digits(n) {
  const block = '1234567890';
  return block.repeat(Math.ceil(n / block.length)).slice(0, n);
}

/** The pod's JSON text with `"status": {"longNumber": <number>, …}` spliced in. @param {string} num */
function podTextWithNumber(num) {
  const text = JSON.stringify(benchPod);
  return text.replace('"status":{', `"status":{"longNumber":${num},`);
}

/**
 * `count` label keys whose FNV-1a hashes (the pre-fix key index) agree on their low 20 bits:
 * the low k bits of FNV-1a's state depend only on the low k bits before, so 3-letter blocks
 * colliding on them (a birthday search per block) chain into 2^blocks keys that all land in one
 * probe sequence of any table up to 2^20 slots.
 * @param {number} count
 */
export function collidingKeys(count) {
  const mask = (1 << 20) - 1;
  const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';
  /** @param {number} h @param {string} s */
  const step = (h, s) => {
    for (let i = 0; i < s.length; i++) h = Math.imul((h ^ s.charCodeAt(i)) >>> 0, 0x1b3) >>> 0;
    return h;
  };
  /** @type {[string, string][]} */
  const pairs = [];
  let h = 0x84222325; // low 32 bits of FNV-1a's offset basis
  /** The i-th block: 3 letters (keys stay within a label name's 63), 4 if ever needed. @param {number} i */
  const block = (i) => (i < alphabet.length ** 3 ? [0, 1, 2] : [0, 1, 2, 3]).map((d) => alphabet[Math.floor(i / alphabet.length ** d) % alphabet.length]).join('');
  while (2 ** pairs.length < count) {
    /** @type {Map<number, string>} */
    const seen = new Map();
    for (let i = 0; ; i++) {
      const s = block(i);
      const low = step(h, s) & mask;
      const other = seen.get(low);
      if (other !== undefined) {
        pairs.push([other, s]);
        h = step(h, s);
        break;
      }
      seen.set(low, s);
    }
  }
  const keys = [];
  // A common suffix keeps the collision (the low bits depend only on the low bits before) and
  // gives every size keys of one length, so that 100x the labels is 100x the bytes.
  for (let i = 0; i < count; i++) keys.push(pairs.map(([a, b], bit) => ((i >> bit) & 1 ? b : a)).join('').padEnd(60, 'z'));
  return keys;
}

/** A JSON object nested `depth` levels deep. @param {number} depth */
function nested(depth) {
  /** @type {any} */
  let v = 1;
  for (let i = 0; i < depth; i++) v = { a: v };
  return v;
}

/**
 * The shapes. Each `run(n)` builds its input once and returns the timed call.
 * @param {Api} kd
 * @returns {Shape[]}
 */
function shapes(kd) {
  const eph = (/** @type {string[]} */ more = []) => ({ ...base, args: [podName, '--image=busybox', ...more] });
  const copy = (/** @type {string[]} */ more = []) => eph(['--copy-to=web-debug', ...more]);
  const custom = (/** @type {string} */ text, path = 'p.json') => ({ path, text });
  return [
    { name: 'long number, planText (skim)', base: 10_000, unit: 'digits', run: (n) => {
      const text = podTextWithNumber(`1.${digits(n)}e5`);
      return () => kd.planText(eph(), text);
    } },
    { name: 'long number, planText (whole parse)', base: 10_000, unit: 'digits', run: (n) => {
      // A custom profile makes the core parse the whole target, as `plan` does.
      const text = podTextWithNumber(`1.${digits(n)}e5`);
      return () => kd.planText({ ...eph(['--custom=p.json']), customProfile: custom('{}') }, text);
    } },
    { name: 'long integer, planText (skim)', base: 10_000, unit: 'digits', run: (n) => {
      const text = podTextWithNumber(digits(n));
      return () => kd.planText(eph(), text);
    } },
    { name: 'long number in --custom JSON', base: 10_000, unit: 'digits', run: (n) => {
      const c = custom(`{"stdin": true, "x": 1.${digits(n)}}`);
      const text = JSON.stringify(benchPod);
      return () => kd.planText({ ...eph(['--custom=p.json']), customProfile: c }, text);
    } },
    { name: 'long number in --custom YAML', base: 10_000, unit: 'digits', run: (n) => {
      const c = custom(`stdin: true\nx: 1.${digits(n)}\n`, 'p.yaml');
      const text = JSON.stringify(benchPod);
      return () => kd.planText({ ...eph(['--custom=p.yaml']), customProfile: c }, text);
    } },
    { name: 'long quantity in --custom', base: 10_000, unit: 'digits', run: (n) => {
      const c = custom(`{"resources": {"limits": {"cpu": "1${'0'.repeat(n)}"}}}`);
      const text = JSON.stringify(benchPod);
      return () => kd.planText({ ...eph(['--custom=p.json']), customProfile: c }, text);
    } },
    { name: 'many --env', base: 500, unit: 'flags', run: (n) => {
      const flags = Array.from({ length: n }, (_, i) => `--env=K${i}=v${i}`);
      const text = JSON.stringify(benchPod);
      return () => kd.planText(eph(flags), text);
    } },
    { name: 'many --env, one key repeated', base: 500, unit: 'flags', run: (n) => {
      const flags = Array.from({ length: n }, (_, i) => `--env=K${i % 2}=v${i}`);
      const text = JSON.stringify(benchPod);
      return () => kd.planText(eph(flags), text);
    } },
    { name: 'many --set-image', base: 500, unit: 'flags', run: (n) => {
      const flags = Array.from({ length: n }, (_, i) => `--set-image=c${i}=busybox:${i}`);
      const text = JSON.stringify(benchPod);
      return () => kd.planText(copy(flags), text);
    } },
    { name: '--set-image × containers', base: 100, unit: 'flags and containers', run: (n) => {
      const pod = podWith((p) => {
        const c = p.spec.containers[0];
        p.spec.containers = Array.from({ length: n }, (_, i) => ({ name: `c${i}`, image: c.image }));
      });
      const flags = Array.from({ length: n }, (_, i) => `--set-image=c${n - 1 - i}=busybox:${i}`);
      const text = JSON.stringify(pod);
      return () => kd.planText(copy(flags), text);
    } },
    { name: 'many labels, copy --keep-labels', base: 1000, unit: 'labels', run: (n) => {
      const pod = podWith((p) => {
        for (let i = 0; i < n; i++) p.metadata.labels[`k${i}`] = `v${i}`;
      });
      const text = JSON.stringify(pod);
      return () => kd.planText(copy(['--keep-labels']), text);
    } },
    { name: 'FNV-colliding labels, copy --keep-labels', base: 1000, unit: 'labels', run: (n) => {
      const keys = collidingKeys(n);
      const pod = podWith((p) => {
        for (const k of keys) p.metadata.labels[k] = 'v';
      });
      const text = JSON.stringify(pod);
      return () => kd.planText(copy(['--keep-labels']), text);
    } },
    { name: 'FNV-colliding labels, plan (objects)', base: 1000, unit: 'labels', run: (n) => {
      const keys = collidingKeys(n);
      const pod = podWith((p) => {
        for (const k of keys) p.metadata.labels[k] = 'v';
      });
      return () => kd.plan(eph(), pod);
    } },
    { name: 'many containers, ephemeral', base: 100, unit: 'containers', run: (n) => {
      const pod = podWith((p) => {
        const c = p.spec.containers[0];
        p.spec.containers = Array.from({ length: n }, (_, i) => ({ name: `c${i}`, image: c.image }));
      });
      const text = JSON.stringify(pod);
      return () => kd.planText(eph(), text);
    } },
    { name: 'many containers, copy', base: 100, unit: 'containers', run: (n) => {
      const pod = podWith((p) => {
        const c = p.spec.containers[0];
        p.spec.containers = Array.from({ length: n }, (_, i) => ({ name: `c${i}`, image: c.image }));
      });
      const text = JSON.stringify(pod);
      return () => kd.planText(copy(), text);
    } },
    { name: 'many ephemeral containers (SMP diff)', base: 100, unit: 'containers', run: (n) => {
      const pod = podWith((p) => {
        p.spec.ephemeralContainers = Array.from({ length: n }, (_, i) => ({ name: `debugger-${i}`, image: 'busybox' }));
      });
      return () => kd.plan(eph(), pod);
    } },
    { name: 'custom env × --env (SMP merge)', base: 100, unit: 'env each', run: (n) => {
      const env = Array.from({ length: n }, (_, i) => ({ name: `C${i}`, value: 'x' }));
      const c = custom(JSON.stringify({ env }));
      const flags = Array.from({ length: n }, (_, i) => `--env=K${i}=v`);
      const text = JSON.stringify(benchPod);
      return () => kd.planText({ ...eph(['--custom=p.json', ...flags]) , customProfile: c }, text);
    } },
    { name: 'deep-but-allowed nesting', base: 100, unit: 'subtrees of depth 60', run: (n) => {
      const pod = podWith((p) => {
        p.status.deep = Array.from({ length: n }, () => nested(60));
      });
      const text = JSON.stringify(pod);
      return () => kd.planText(eph(), text);
    } },
    { name: 'many arguments after --', base: 1000, unit: 'args', run: (n) => {
      const args = Array.from({ length: n }, (_, i) => `arg${i}`);
      return () => kd.parseArgs([podName, '--image=busybox', '--', ...args]);
    } },
  ];
}

/** Seconds of one call (the best of `reps`); the call's error code, if it threw. @param {() => unknown} fn */
function time(fn, reps = 1) {
  let best = Infinity;
  /** @type {string | null} */
  let error = null;
  for (let r = 0; r < reps; r++) {
    const t0 = performance.now();
    try {
      fn();
    } catch (e) {
      error = /** @type {any} */ (e).code ?? String(e);
    }
    best = Math.min(best, (performance.now() - t0) / 1000);
  }
  return { s: best, error };
}

/**
 * Run every shape at 1×, 10×, 100× and print (or return) the table.
 * @param {Api} kd
 * @param {string[]} argv
 */
export function runScaling(kd, argv) {
  const only = argv.find((a) => a.startsWith('--only='))?.slice(7).split(',');
  const budget = Number(argv.find((a) => a.startsWith('--budget='))?.slice(9) ?? 60);
  const rows = [];
  for (const shape of shapes(kd)) {
    if (only && !only.some((o) => shape.name.includes(o))) continue;
    /** @type {(number | null)[]} */
    const secs = [];
    /** @type {string | null} */
    let error = null;
    for (const factor of [1, 10, 100]) {
      if (secs.some((s) => s === null || s > budget)) {
        secs.push(null);
        continue;
      }
      const fn = shape.run(shape.base * factor);
      const r = time(fn, factor === 100 ? 1 : 3);
      secs.push(r.s);
      error = error ?? r.error;
    }
    const [a, , c] = secs;
    const ratio = a !== null && c !== null ? c / Math.max(a, 1e-4) : null;
    rows.push({ shape: shape.name, sizes: [1, 10, 100].map((f) => `${shape.base * f} ${shape.unit}`), secs, ratio, error });
    if (argv.includes('--progress')) console.error(JSON.stringify(rows[rows.length - 1]));
  }
  if (argv.includes('--json')) {
    console.log(JSON.stringify(rows));
    return;
  }
  const fmt = (/** @type {number | null} */ s) => (s === null ? 'skipped' : `${(s * 1000).toFixed(1)} ms`);
  const table = [['shape', '1×', '10×', '100× (size)', '100×/1×', 'ok'], ...rows.map((r) => [
    r.shape, fmt(r.secs[0]), fmt(r.secs[1]), `${fmt(r.secs[2])} (${r.sizes[2]})`,
    r.ratio === null ? '-' : `${r.ratio.toFixed(0)}×`,
    (r.secs[2] !== null && r.secs[2] <= 1 && (r.ratio ?? 0) <= 150 ? 'yes' : 'NO') + (r.error ? ` (answer: ${r.error})` : ''),
  ])];
  const widths = table[0].map((_, i) => Math.max(...table.map((row) => row[i].length)));
  for (const row of table) console.log(row.map((cell, i) => cell.padEnd(widths[i])).join('  '));
}
