// @ts-check
/**
 * Parity of `kubedebug` runs with the goldens recorded from the real kubectl: the sample of
 * cases, the canonical form of write bodies, and the comparison (not a test file).
 * @module
 */
import { readFileSync } from 'node:fs';
import { isDeepStrictEqual } from 'node:util';
import { fileURLToPath } from 'node:url';

const ORACLE = fileURLToPath(new URL('../../conformance/oracle/', import.meta.url));
const GOLDEN = fileURLToPath(new URL('../../conformance/golden/', import.meta.url));

/**
 * @typedef {{ id: string, journey: string, args: string[], expect?: string, env?: Record<string, string> }} Case
 * @typedef {{ case: string, exit_code: number | null, stdout: string, stderr: string, writes: any[], refused?: boolean }} RunDoc
 */

/** @returns {Case[]} */
export function loadCases() {
  return readFileSync(ORACLE + 'cases.jsonl', 'utf8').split('\n').filter((l) => l.trim() && !l.startsWith('#'))
    .map((l) => JSON.parse(l));
}

/** @param {Case} c */
function profileOf(c) {
  const arg = c.args.find((a) => a.startsWith('--profile='));
  return arg ? arg.slice('--profile='.length) : '(default)';
}

/**
 * A deterministic sample: every error case (journey `error` or expected error), the first case
 * of every journey × profile pair and of every id family (`eph-custom-*`, `copy-keep-*`, …).
 * @param {Case[]} cases
 * @returns {Case[]}
 */
export function sample(cases) {
  const sorted = [...cases].sort((a, b) => (a.id < b.id ? -1 : 1));
  const picked = new Set();
  const seen = new Set();
  sorted.forEach((c) => {
    const family = c.id.split('-').slice(0, 2).join('-');
    const keys = [`p:${c.journey}:${profileOf(c)}`, `f:${family}`];
    if (c.journey === 'error' || c.expect === 'error' || keys.some((k) => !seen.has(k))) picked.add(c.id);
    keys.forEach((k) => seen.add(k));
  });
  return sorted.filter((c) => picked.has(c.id));
}

/** @param {string} version @param {string} id */
export function loadGolden(version, id) {
  return JSON.parse(readFileSync(`${GOLDEN}${version}/${id}.json`, 'utf8'));
}

/**
 * Drop Go serialisation artifacts (`creationTimestamp: null`, `resources: {}`, `status: {}`),
 * and nulls unless `keepNulls` (PATCH bodies), like tests/common/mod.rs `canonicalize`.
 * @param {any} v
 * @param {boolean} keepNulls
 * @returns {any}
 */
export function canonicalize(v, keepNulls) {
  if (Array.isArray(v)) return v.map((x) => canonicalize(x, keepNulls));
  if (!v || typeof v !== 'object') return v;
  /** @type {Record<string, any>} */
  const out = {};
  for (const [k, x] of Object.entries(v)) {
    const empty = x && typeof x === 'object' && !Array.isArray(x) && Object.keys(x).length === 0;
    if ((k === 'creationTimestamp' && x === null) || ((k === 'resources' || k === 'status') && empty) || (!keepNulls && x === null)) continue;
    out[k] = canonicalize(x, keepNulls);
  }
  return out;
}

/**
 * The first difference between our run and kubectl's golden, or null.
 * Both were normalised by the recorder's `normalize` (names, paths, ports, --env order).
 * @param {RunDoc} ours
 * @param {any} golden
 * @returns {string | null}
 */
export function difference(ours, golden) {
  if (ours.refused) return 'refused by the attach guard';
  if (ours.exit_code !== golden.exit_code) return `exit code: kubectl ${golden.exit_code}, ours ${ours.exit_code}`;
  if (ours.stdout !== golden.stdout) return `stdout: kubectl ${JSON.stringify(golden.stdout)}, ours ${JSON.stringify(ours.stdout)}`;
  if (ours.stderr !== golden.stderr) return `stderr: kubectl ${JSON.stringify(golden.stderr)}, ours ${JSON.stringify(ours.stderr)}`;
  const theirs = (golden.writes ?? []).map((/** @type {any} */ w) => (w.body_is_result ? { ...w, body: golden.result } : w));
  if (theirs.length !== ours.writes.length) return `${theirs.length} writes by kubectl, ${ours.writes.length} by us`;
  for (let i = 0; i < theirs.length; i++) {
    const [k, o] = [theirs[i], ours.writes[i]];
    if (k.method !== o.method || k.path !== o.path) return `write ${i}: kubectl ${k.method} ${k.path}, ours ${o.method} ${o.path}`;
    if (k.status !== o.status) return `write ${i}: status kubectl ${k.status}, ours ${o.status}`;
    const keepNulls = k.method === 'PATCH';
    const [a, b] = [canonicalize(k.body, keepNulls), canonicalize(o.body, keepNulls)];
    if (!isDeepStrictEqual(a, b)) return `write ${i} (${k.method} ${k.path}): body differs: ${firstDiff(b, a, '')}`;
  }
  return null;
}

/**
 * @param {any} ours
 * @param {any} theirs
 * @param {string} path
 * @returns {string}
 */
function firstDiff(ours, theirs, path) {
  if (ours && theirs && typeof ours === 'object' && typeof theirs === 'object') {
    for (const k of new Set([...Object.keys(ours), ...Object.keys(theirs)])) {
      if (!(k in theirs)) return `${path}/${k}: only in ours`;
      if (!(k in ours)) return `${path}/${k}: only in kubectl's`;
      if (!isDeepStrictEqual(ours[k], theirs[k])) return firstDiff(ours[k], theirs[k], `${path}/${k}`);
    }
  }
  return `${path}: kubectl ${JSON.stringify(theirs)?.slice(0, 200)}, ours ${JSON.stringify(ours)?.slice(0, 200)}`;
}
