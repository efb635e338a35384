// @ts-check
/**
 * How `kubedebug list` prints sessions: kubectl's table (uppercase headers, columns padded by
 * three spaces as its tabwriter does, `AGE` as `duration.HumanDuration`), or `-o json|yaml`.
 * @module
 */
import { humanDuration, stateText } from '../host/session-text.js';

export { humanDuration, stateText };

/**
 * Rows as kubectl's tabwriter aligns them (min width 6, padding 3, last column unpadded).
 * @param {string[][]} rows the header first
 */
export function alignColumns(rows) {
  const widths = rows[0].map((_, i) => Math.max(6, ...rows.map((r) => r[i].length + 3)));
  return rows.map((r) => r.map((cell, i) => (i === r.length - 1 ? cell : cell.padEnd(widths[i]))).join('').trimEnd() + '\n').join('');
}

/**
 * The table of `kubedebug list`.
 * @param {import('../core/index.js').DebugSession[]} sessions
 * @param {{ allNamespaces: boolean, wide: boolean }} options
 */
export function sessionsTable(sessions, { allNamespaces, wide }) {
  const head = ['POD', 'CONTAINER', 'KIND', 'IMAGE', 'TARGET', 'STATE', 'AGE'];
  if (wide) head.push('SESSION', 'PROFILE', 'CREATOR', 'MARKED-BY');
  if (allNamespaces) head.unshift('NAMESPACE');
  const rows = sessions.map((s) => {
    const row = [s.pod, s.container, s.kind, s.image || '<none>', s.target || '<none>', stateText(s), humanDuration(s.ageSeconds)];
    if (wide) row.push(s.session || '<none>', s.profile || '<none>', s.creator || '<none>', s.managedBy || '<none>');
    if (allNamespaces) row.unshift(s.namespace);
    return row;
  });
  return alignColumns([head, ...rows]);
}
