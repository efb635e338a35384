// @ts-check
/**
 * What kubedebug's own flags add to kubectl's plan, as the playground points it out: the
 * `kubedebug.dev/` labels and annotations of `--session-label` on the pod a copy or node
 * session creates, the `stdinOnce: true` that `--rm` gives an ephemeral container (its process
 * ends when the client detaches), and the deletion `--rm` plans for the end of the session.
 * Without those flags the list is empty: the plan is kubectl's.
 * @module
 */

/** The prefix of every label and annotation key kubedebug adds (`src/sessions.rs` `PREFIX`). */
const PREFIX = 'kubedebug.dev/';

/**
 * @param {import('../core/index.js').Plan | null | undefined} plan
 * @returns {{ kind: 'label' | 'annotation' | 'stdinOnce' | 'cleanup', text: string }[]}
 */
export function kubedebugAdditions(plan) {
  if (!plan) return [];
  /** @type {{ kind: 'label' | 'annotation' | 'stdinOnce' | 'cleanup', text: string }[]} */
  const out = [];
  if (plan.journey !== 'ephemeral') {
    const meta = plan.result?.metadata ?? {};
    for (const [map, kind] of /** @type {const} */ ([['labels', 'label'], ['annotations', 'annotation']])) {
      for (const [key, value] of Object.entries(meta[map] ?? {})) {
        if (key.startsWith(PREFIX)) out.push({ kind, text: `${kind} ${key}=${value}` });
      }
    }
  }
  if (plan.journey === 'ephemeral' && plan.container?.stdinOnce === true) {
    out.push({ kind: 'stdinOnce', text: `container ${plan.container.name}: stdinOnce: true (--rm: it ends when you detach)` });
  }
  if (plan.cleanup) out.push({ kind: 'cleanup', text: `when the session ends: DELETE ${plan.cleanup} (--rm)` });
  return out;
}
