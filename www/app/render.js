// @ts-check
/**
 * Render a pipeline outcome into the playground's output panels: the manifest, the API
 * requests, kubectl's messages, notes, what kubedebug's own flags add, and the side-by-side diff
 * of the pod.
 * @module
 */
import { formatObject } from './documents.js';
import { diffStats, sideBySide } from './diff.js';
import { explainSummary, explainTable } from './explain-view.js';
import { kubedebugAdditions } from './additions.js';

/** @typedef {import('./compute.js').Outcome} Outcome */

/**
 * @typedef {{
 *   manifest: HTMLElement, manifestTitle: HTMLElement, requests: HTMLElement, stdout: HTMLElement,
 *   stderr: HTMLElement, notes: HTMLElement, diff: HTMLElement, diffSummary: HTMLElement, journey: HTMLElement,
 *   additions?: HTMLElement | null,
 * }} OutputElements `additions`: the list of what kubedebug's own flags add (hidden when empty)
 */

/**
 * @param {OutputElements} el
 * @param {Outcome} outcome
 * @param {'yaml' | 'json'} format
 * @returns {string} the manifest text (for copy/download)
 */
export function renderOutcome(el, outcome, format) {
  const plan = outcome.plans[outcome.plans.length - 1] ?? null;
  el.journey.textContent = plan ? journeyText(plan) : (outcome.error ? 'error' : '—');
  el.journey.dataset.journey = plan?.journey ?? '';
  const manifest = plan ? formatObject(plan.result, format) : '';
  el.manifest.textContent = manifest || (outcome.error ? '(no manifest: kubectl fails, see its output)' : '');
  el.manifestTitle.textContent = plan?.journey === 'ephemeral' ? 'Target pod with the ephemeral container'
    : plan ? 'Pod to create' : 'Manifest';
  renderRequests(el.requests, outcome);
  el.stdout.textContent = outcome.stdout;
  el.stderr.textContent = outcome.stderr;
  el.stderr.classList.toggle('failed', Boolean(outcome.error));
  el.notes.replaceChildren(...outcome.notes.map((text) => Object.assign(document.createElement('li'), { textContent: text })));
  renderDiff(el, outcome, plan, format);
  if (el.additions) {
    const added = kubedebugAdditions(plan);
    el.additions.replaceChildren(...added.map(({ kind, text }) => {
      const li = document.createElement('li');
      li.dataset.kind = kind;
      li.textContent = text;
      return li;
    }));
    el.additions.closest('.panel')?.toggleAttribute('hidden', added.length === 0);
  }
  return manifest;
}

/** @param {import('../core/index.js').Plan} plan */
function journeyText(plan) {
  const text = { ephemeral: 'Ephemeral container', copy: 'Pod copy', node: 'Node debug pod' }[plan.journey];
  const attach = plan.attach ? ` · attaches to ${plan.attach.container}${plan.attach.tty ? ' (TTY)' : ''}` : ' · no attach';
  return text + attach;
}

/**
 * @param {HTMLElement} root
 * @param {Outcome} outcome
 */
function renderRequests(root, outcome) {
  const items = [];
  let index = 0;
  for (const ref of outcome.prepared?.targets ?? []) {
    const article = document.createElement('article');
    article.className = 'request request-read';
    article.append(heading('GET', ref.get.path, ''));
    items.push(article);
  }
  for (const plan of outcome.plans) {
    for (const request of plan.requests) {
      const article = document.createElement('article');
      article.className = 'request request-write';
      article.dataset.index = String(index++);
      article.dataset.method = request.method;
      article.dataset.path = request.path;
      article.dataset.contentType = request.contentType;
      const body = document.createElement('pre');
      body.className = 'request-body';
      body.textContent = JSON.stringify(request.body, null, 2);
      article.append(heading(request.method, request.path, request.contentType), body);
      items.push(article);
    }
  }
  if (!items.length) {
    const p = document.createElement('p');
    p.className = 'muted';
    p.textContent = outcome.error ? 'kubectl sends nothing: it fails first.' : 'No requests.';
    items.push(p);
  }
  root.replaceChildren(...items);
}

/**
 * @param {string} method
 * @param {string} path
 * @param {string} contentType
 */
function heading(method, path, contentType) {
  const h = document.createElement('div');
  h.className = 'request-line';
  const m = document.createElement('span');
  m.className = `method method-${method.toLowerCase()}`;
  m.textContent = method;
  const p = document.createElement('code');
  p.className = 'path';
  p.textContent = path;
  h.append(m, ' ', p);
  if (contentType) {
    const c = document.createElement('span');
    c.className = 'content-type';
    c.textContent = contentType;
    h.append(' ', c);
  }
  return h;
}

/**
 * @param {OutputElements} el
 * @param {Outcome} outcome
 * @param {import('../core/index.js').Plan | null} plan
 * @param {'yaml' | 'json'} format
 */
function renderDiff(el, outcome, plan, format) {
  if (plan?.explain) {
    el.diffSummary.textContent = explainSummary(plan);
    el.diff.replaceChildren(explainTable(plan.explain));
    return;
  }
  if (!plan || !outcome.object || plan.journey === 'node') {
    el.diffSummary.textContent = plan?.journey === 'node' ? 'A node debug pod is new: nothing to compare.' : '';
    el.diff.replaceChildren();
    return;
  }
  const rows = sideBySide(formatObject(outcome.object, format), formatObject(plan.result, format));
  const { added, removed } = diffStats(rows);
  const what = plan.journey === 'copy' ? 'the copy' : 'the pod with its ephemeral container';
  el.diffSummary.textContent = `Original (left) against ${what} (right): ${removed} lines removed, ${added} added.`;
  const table = document.createElement('table');
  table.className = 'diff-table';
  const body = document.createElement('tbody');
  for (const row of rows) {
    const tr = document.createElement('tr');
    tr.className = `diff-${row.type}`;
    const left = document.createElement('td');
    left.className = 'diff-left';
    left.textContent = row.left ?? '';
    const right = document.createElement('td');
    right.className = 'diff-right';
    right.textContent = row.right ?? '';
    tr.append(left, right);
    body.append(tr);
  }
  table.append(body);
  el.diff.replaceChildren(table);
}
