// @ts-check
/**
 * The playground's annotated diff: the plan's JSON Patch operations (`plan.explain`, computed
 * with their causes by the core) as a table of cause, operation, path and value.
 * @module
 */
import { abbreviate } from '../host/explain-text.js';

/**
 * A table of the operations; one row each, classed `explain-add`/`-remove`/`-replace`.
 * @param {import('../core/index.js').PatchOp[]} ops
 * @returns {HTMLTableElement}
 */
export function explainTable(ops) {
  const table = document.createElement('table');
  table.className = 'diff-table explain-table';
  const head = document.createElement('thead');
  const hr = document.createElement('tr');
  for (const title of ['cause', 'op', 'path', 'value']) {
    const th = document.createElement('th');
    th.textContent = title;
    hr.append(th);
  }
  head.append(hr);
  const body = document.createElement('tbody');
  for (const o of ops) {
    const tr = document.createElement('tr');
    tr.className = `explain-${o.op}`;
    for (const [cls, text] of [['explain-cause', o.cause], ['explain-op', o.op], ['explain-path', o.path],
      ['explain-value', abbreviate(o.value)]]) {
      const td = document.createElement('td');
      td.className = cls;
      td.textContent = text;
      td.title = text;
      tr.append(td);
    }
    body.append(tr);
  }
  table.append(head, body);
  return table;
}

/**
 * The summary line above the table.
 * @param {import('../core/index.js').Plan} plan
 * @returns {string}
 */
export function explainSummary(plan) {
  const what = { copy: 'the copy', node: 'the node debug pod (from an empty pod)', ephemeral: 'the pod with its ephemeral container' }[plan.journey];
  const n = plan.explain?.length ?? 0;
  return `Original against ${what}: ${n} JSON Patch operation${n === 1 ? '' : 's'}, each with its cause.`;
}
