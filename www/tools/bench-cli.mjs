#!/usr/bin/env node
// @ts-check
/**
 * `kubedebug` vs `kubectl.1.33 debug`, side by side, against the same local fake API server
 * (the recorder's fakeapi.py): median wall time of N runs per case and journey, and the number of
 * HTTP requests each made (fakeapi's request log, discovery included). Not a test; prints a table,
 * or one JSON object with `--json`. Usage: `node www/tools/bench-cli.mjs [--runs N] [--json]`.
 * @module
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const RUNNER = fileURLToPath(new URL('../../tests/js/parity/run_cli_cases.py', import.meta.url));
const CASES = { ephemeral: 'eph-general-nginx', copy: 'copy-general-web', node: 'node-general-node-a' };

const argv = process.argv.slice(2);
const json = argv.includes('--json');
const runsAt = argv.indexOf('--runs');
const runs = runsAt >= 0 ? Number(argv[runsAt + 1]) : 7;

/**
 * @param {'kubedebug' | 'kubectl'} tool
 * @returns {any[]}
 */
function measure(tool) {
  const r = spawnSync('python3', [RUNNER, '--tool', tool, '--version', '1.33', '--jobs', '1', '--runs', String(runs),
    '--ids', Object.values(CASES).join(',')], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(`runner failed for ${tool}: ${r.stderr}`);
  return r.stdout.trim().split('\n').map((l) => JSON.parse(l));
}

/** @param {number[]} xs */
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

// Interleave: one warm-up pass each, then the measured passes.
measure('kubedebug');
measure('kubectl');
const docs = [...measure('kubedebug'), ...measure('kubectl')];
/** @type {Record<string, any>} */
const result = { runs, journeys: {} };
for (const [journey, id] of Object.entries(CASES)) {
  /** @type {Record<string, any>} */
  const row = {};
  for (const tool of ['kubedebug', 'kubectl']) {
    const mine = docs.filter((d) => d.case === id && d.tool === tool);
    const failed = mine.filter((d) => d.exit_code !== 0).length;
    row[tool] = { medianMs: Math.round(median(mine.map((d) => d.elapsed_s * 1000))), requests: median(mine.map((d) => d.request_count)), failed };
  }
  row.timeRatio = Number((row.kubedebug.medianMs / row.kubectl.medianMs).toFixed(2));
  row.requestRatio = Number((row.kubedebug.requests / row.kubectl.requests).toFixed(2));
  result.journeys[journey] = { case: id, ...row };
}
if (json) {
  process.stdout.write(JSON.stringify(result) + '\n');
} else {
  process.stdout.write(`kubedebug vs kubectl.1.33 debug, fakeapi.py, median of ${runs} runs\n`);
  process.stdout.write('journey    case                    kubedebug ms  kubectl ms  time ratio  kubedebug req  kubectl req\n');
  for (const [journey, r] of Object.entries(result.journeys)) {
    process.stdout.write(`${journey.padEnd(10)} ${r.case.padEnd(23)} ${String(r.kubedebug.medianMs).padStart(12)}  `
      + `${String(r.kubectl.medianMs).padStart(10)}  ${r.timeRatio.toFixed(2).padStart(10)}  `
      + `${String(r.kubedebug.requests).padStart(13)}  ${String(r.kubectl.requests).padStart(11)}\n`);
  }
}
process.exit(0);
