// @ts-check
/**
 * `--explain`'s text: one line per JSON Patch operation of `plan.explain` (the core computes
 * them and their causes), `cause  op  path  value`, the value abbreviated. Runtime neutral.
 * @module
 */

/** @typedef {import('../core/index.js').PatchOp} PatchOp */

/** The longest value printed whole. */
const MAX_VALUE = 60;

/**
 * @param {unknown} value
 * @returns {string}
 */
export function abbreviate(value) {
  if (value === undefined) return '';
  const text = JSON.stringify(value) ?? '';
  return text.length > MAX_VALUE ? text.slice(0, MAX_VALUE - 1) + '…' : text;
}

/**
 * The lines for the operations, aligned in columns, each ending in a newline.
 * @param {PatchOp[]} ops
 * @returns {string}
 */
export function formatExplain(ops) {
  const rows = ops.map((o) => [o.cause, o.op, o.path, abbreviate(o.value)]);
  const widths = [0, 1, 2].map((i) => Math.max(0, ...rows.map((r) => (r[i] ?? '').length)));
  return rows
    .map((r) => r.map((cell, i) => (i < 2 || (i === 2 && r[3] !== '') ? cell.padEnd(widths[i] ?? 0) : cell)).join('  ').trimEnd() + '\n')
    .join('');
}
