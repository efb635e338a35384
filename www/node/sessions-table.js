// @ts-check
/**
 * How `kubedebug list` prints sessions: kubectl's table (uppercase headers, columns padded by
 * three spaces as its tabwriter does, `AGE` as `duration.HumanDuration`), or `-o json|yaml`.
 * @module
 */

/**
 * kubectl's `duration.HumanDuration` (`5m`, `2d3h`, `3y`), as the `AGE` column shows it.
 * @param {number | null | undefined} seconds
 * @returns {string}
 */
export function humanDuration(seconds) {
  if (seconds === null || seconds === undefined) return '<unknown>';
  if (seconds < -1) return '<invalid>';
  if (seconds < 0) return '0s';
  if (seconds < 120) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 10) return seconds % 60 === 0 ? `${minutes}m` : `${minutes}m${seconds % 60}s`;
  if (minutes < 180) return `${minutes}m`;
  const hours = Math.floor(seconds / 3600);
  if (hours < 8) return minutes % 60 === 0 ? `${hours}h` : `${hours}h${minutes % 60}m`;
  if (hours < 48) return `${hours}h`;
  if (hours < 24 * 8) return hours % 24 === 0 ? `${Math.floor(hours / 24)}d` : `${Math.floor(hours / 24)}d${hours % 24}h`;
  if (hours < 24 * 365 * 2) return `${Math.floor(hours / 24)}d`;
  if (hours < 24 * 365 * 8) {
    const days = Math.floor(hours / 24) % 365;
    const years = Math.floor(hours / 24 / 365);
    return days === 0 ? `${years}y` : `${years}y${days}d`;
  }
  return `${Math.floor(hours / 24 / 365)}y`;
}

/**
 * The `STATE` cell: `Running`, `Waiting: ImagePullBackOff`, `Terminated: Error (exit code 1)`,
 * `Terminating` for a pod being deleted, else the pod's phase.
 * @param {import('../core/index.js').DebugSession} s
 */
export function stateText(s) {
  if (s.deleting) return 'Terminating';
  if (!s.state) return s.phase || 'Unknown';
  const word = s.state[0].toUpperCase() + s.state.slice(1);
  const reason = s.reason ? `: ${s.reason}` : '';
  return s.exitCode === null ? word + reason : `${word}${reason} (exit code ${s.exitCode})`;
}

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
