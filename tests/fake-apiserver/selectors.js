// @ts-check
/**
 * `labelSelector` of LIST requests, as the API server parses it (`k8s.io/apimachinery/pkg/labels`):
 * `k=v`, `k==v`, `k!=v`, `k`, `!k`, `k in (a,b)`, `k notin (a,b)`, joined by commas.
 * @module
 */

/**
 * @param {string} selector
 * @returns {((labels: Record<string, string>) => boolean) | { error: string }}
 */
export function parseLabelSelector(selector) {
  /** @type {((labels: Record<string, string>) => boolean)[]} */
  const terms = [];
  for (const raw of selector.match(/(?:[^,(]|\([^)]*\))+/g) ?? []) {
    const term = raw.trim();
    let m;
    if ((m = /^([\w./-]+)\s*(==|=|!=)\s*([\w.-]*)$/.exec(term))) {
      const [, key, op, value] = m;
      terms.push(op === '!=' ? (l) => l[key] !== value : (l) => l[key] === value);
    } else if ((m = /^([\w./-]+)\s+(in|notin)\s+\(([^)]*)\)$/.exec(term))) {
      const [, key, op, list] = m;
      const values = list.split(',').map((v) => v.trim());
      terms.push(op === 'in' ? (l) => values.includes(l[key]) : (l) => !values.includes(l[key]));
    } else if ((m = /^(!?)([\w./-]+)$/.exec(term))) {
      const [, not, key] = m;
      terms.push(not ? (l) => !(key in l) : (l) => key in l);
    } else {
      return { error: `unable to parse requirement: found '${term}', expected: identifier` };
    }
  }
  return (labels) => terms.every((t) => t(labels ?? {}));
}
