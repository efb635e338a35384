// @ts-check
/**
 * A small line diff (longest common subsequence) for the side-by-side view of a pod
 * against its debug copy. Pure functions only.
 * @module
 */

/**
 * One row of a side-by-side diff: `left`/`right` are null where that side has no line.
 * @typedef {{ type: 'same' | 'del' | 'add' | 'change', left: string | null, right: string | null }} DiffRow
 */

/** Above this many cells the LCS table is skipped and the texts are shown as one change. */
const MAX_CELLS = 4_000_000;

/**
 * Side-by-side rows for two texts; a deletion followed by an addition is paired as a change.
 * @param {string} before
 * @param {string} after
 * @returns {DiffRow[]}
 */
export function sideBySide(before, after) {
  const a = before.split('\n');
  const b = after.split('\n');
  /** @type {DiffRow[]} */
  const rows = [];
  /** @type {string[]} */ let dels = [];
  /** @type {string[]} */ let adds = [];
  const flush = () => {
    const n = Math.max(dels.length, adds.length);
    for (let i = 0; i < n; i++) {
      const left = dels[i] ?? null;
      const right = adds[i] ?? null;
      rows.push({ type: left === null ? 'add' : right === null ? 'del' : 'change', left, right });
    }
    dels = [];
    adds = [];
  };
  for (const op of lineOps(a, b)) {
    if (op.type === 'same') {
      flush();
      rows.push({ type: 'same', left: op.line, right: op.line });
    } else if (op.type === 'del') dels.push(op.line);
    else adds.push(op.line);
  }
  flush();
  return rows;
}

/**
 * Counts of changed lines, for a summary.
 * @param {DiffRow[]} rows
 * @returns {{ added: number, removed: number }}
 */
export function diffStats(rows) {
  let added = 0;
  let removed = 0;
  for (const r of rows) {
    if (r.type !== 'same') {
      if (r.left !== null) removed++;
      if (r.right !== null) added++;
    }
  }
  return { added, removed };
}

/**
 * @param {string[]} a
 * @param {string[]} b
 * @returns {{ type: 'same' | 'del' | 'add', line: string }[]}
 */
function lineOps(a, b) {
  // Trim the common prefix and suffix first: a debug copy changes few lines of a long pod.
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) { endA--; endB--; }
  /** @type {{ type: 'same' | 'del' | 'add', line: string }[]} */
  const ops = a.slice(0, start).map((line) => ({ type: /** @type {const} */ ('same'), line }));
  const midA = a.slice(start, endA);
  const midB = b.slice(start, endB);
  ops.push(...middleOps(midA, midB));
  for (const line of a.slice(endA)) ops.push({ type: 'same', line });
  return ops;
}

/**
 * @param {string[]} a
 * @param {string[]} b
 * @returns {{ type: 'same' | 'del' | 'add', line: string }[]}
 */
function middleOps(a, b) {
  const n = a.length;
  const m = b.length;
  if ((n + 1) * (m + 1) > MAX_CELLS) {
    return [...a.map((line) => ({ type: /** @type {const} */ ('del'), line })),
      ...b.map((line) => ({ type: /** @type {const} */ ('add'), line }))];
  }
  // lcs[i][j] = length of the LCS of a[i:] and b[j:], in one flat array.
  const width = m + 1;
  const lcs = new Uint32Array((n + 1) * width);
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lcs[i * width + j] = a[i] === b[j] ? lcs[(i + 1) * width + j + 1] + 1
        : Math.max(lcs[(i + 1) * width + j], lcs[i * width + j + 1]);
    }
  }
  /** @type {{ type: 'same' | 'del' | 'add', line: string }[]} */
  const ops = [];
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (a[i] === b[j]) {
      ops.push({ type: 'same', line: a[i] });
      i++;
      j++;
    } else if (lcs[(i + 1) * width + j] >= lcs[i * width + j + 1]) ops.push({ type: 'del', line: a[i++] });
    else ops.push({ type: 'add', line: b[j++] });
  }
  while (i < n) ops.push({ type: 'del', line: a[i++] });
  while (j < m) ops.push({ type: 'add', line: b[j++] });
  return ops;
}
