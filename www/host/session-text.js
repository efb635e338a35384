// @ts-check
/**
 * How a debug session's age and state read (`kubedebug list`'s columns, the page's sessions
 * panel): kubectl's `duration.HumanDuration`, and the container's state with reason and exit
 * code. Runtime neutral, no imports.
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
