// @ts-check
/**
 * Debug sessions in the page, in headless Chromium (issue 13 item 8): the live page's sessions
 * panel through `serve()`'s proxy to the in-repo fake API server (the list as the core
 * classifies the pods, re-attach in the page's terminal, delete a pod copy, a session started
 * with `--session-label` showing up, `--rm` deleting its copy), and the offline playground's
 * controls for `--session-label` and `--rm` with what they add to kubectl's plan.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { serve } from '../../www/node/serve.js';
import { startFakeApiServer } from '../fake-apiserver/server.mjs';
import { FIXTURES, hashFor, launchBrowser, openPage, waitFor } from './helpers.mjs';

const POD = 'web-app-6b9f7d8c4d-2lqzv';
const STARTED = '2026-01-01T00:00:00Z';

/** A pod debugged twice with ephemeral containers: one still running (stdin, TTY), one ended. */
const DEBUGGED = {
  apiVersion: 'v1', kind: 'Pod', metadata: { name: 'api-7f', namespace: 'default', creationTimestamp: STARTED },
  spec: { restartPolicy: 'Always', containers: [{ name: 'api', image: 'api:1' }],
    ephemeralContainers: [
      { name: 'debugger-abcde', image: 'busybox:1.36', targetContainerName: 'api', stdin: true, tty: true },
      { name: 'debugger-fghij', image: 'alpine' }] },
  status: { phase: 'Running', containerStatuses: [{ name: 'api', ready: true, state: { running: { startedAt: STARTED } } }],
    ephemeralContainerStatuses: [
      { name: 'debugger-abcde', state: { running: { startedAt: STARTED } } },
      { name: 'debugger-fghij', state: { terminated: { exitCode: 137, reason: 'Error', startedAt: STARTED } } }] },
};

/**
 * A pod that some session created.
 * @param {string} name
 * @param {Record<string, string>} labels
 * @param {'Running' | 'Succeeded'} phase
 */
function sessionPod(name, labels, phase) {
  return {
    apiVersion: 'v1', kind: 'Pod',
    metadata: { name, namespace: 'default', creationTimestamp: STARTED, labels,
      annotations: labels['kubedebug.dev/journey'] ? { 'kubedebug.dev/target': 'pod/api-7f', 'kubedebug.dev/container': 'debugger' } : {} },
    spec: { nodeName: 'node-a', containers: [{ name: 'debugger', image: 'busybox:1.36', stdin: true, tty: true }] },
    status: { phase, containerStatuses: [{ name: 'debugger', state: phase === 'Running'
      ? { running: { startedAt: STARTED } } : { terminated: { exitCode: 0, reason: 'Completed' } } }] },
  };
}

const MARKED_COPY = sessionPod('api-debug', { 'kubedebug.dev/journey': 'copy', 'kubedebug.dev/session': 's1' }, 'Running');
const KUBECTL_NODE_POD = sessionPod('node-debugger-node-a-kk222', { 'app.kubernetes.io/managed-by': 'kubectl-debug' }, 'Succeeded');
const UNMARKED = sessionPod('plain-copy', { app: 'api' }, 'Running');

/** @type {Awaited<ReturnType<typeof startFakeApiServer>>} */
let fake;
/** @type {Awaited<ReturnType<typeof serve>>} */
let server;
/** @type {import('playwright-core').Browser} */
let browser;
let dir = '';

before(async () => {
  fake = await startFakeApiServer({
    fixtures: [new URL('pods/web-app.json', FIXTURES).pathname, new URL('nodes/node-a.json', FIXTURES).pathname,
      DEBUGGED, MARKED_COPY, KUBECTL_NODE_POD, UNMARKED],
  });
  dir = mkdtempSync(path.join(tmpdir(), 'kubedebug-e2e-sessions-'));
  const kubeconfig = path.join(dir, 'config');
  writeFileSync(kubeconfig, [
    'apiVersion: v1', 'kind: Config', 'current-context: fake',
    'clusters:', '- name: fake', `  cluster: {server: "${fake.url}"}`,
    'users:', '- name: tester', '  user: {token: t0k3n}',
    'contexts:', '- name: fake', '  context: {cluster: fake, user: tester, namespace: default}', '',
  ].join('\n'));
  server = await serve({ port: 0, kubeconfig, log: null });
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.close();
  await fake?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/**
 * The terminal's text, trailing blanks trimmed.
 * @param {import('playwright-core').Page} page
 */
function terminalText(page) {
  return page.evaluate(() => {
    const term = /** @type {any} */ (window).kubedebugTerminal;
    if (!term) return '';
    const buffer = term.buffer.active;
    const lines = [];
    for (let i = 0; i < buffer.length; i++) lines.push(buffer.getLine(i)?.translateToString(true) ?? '');
    return lines.join('\n');
  });
}

/**
 * The panel's rows: pod, container, kind, state, and which actions it offers.
 * @param {import('playwright-core').Page} page
 */
function rows(page) {
  return page.$$eval('#sessions-body tr', (trs) => trs.map((tr) => {
    const cells = [...tr.querySelectorAll('td')].map((td) => td.textContent ?? '');
    const actions = [...tr.querySelectorAll('button')].map((b) => /** @type {HTMLElement} */ (b).dataset.action).join(',');
    return `${cells[0]} ${cells[1]} ${cells[2]} | ${cells[5]} | ${actions}`;
  }).sort());
}

/**
 * Open the page with `cmd` in the playground, connect through the proxy, and wait for the panel.
 * @param {import('playwright-core').Page} page
 * @param {string} [cmd]
 */
async function connect(page, cmd = `kubectl debug ${POD} --image=busybox:1.36`) {
  await page.goto(`${server.url}&${hashFor({ ex: 'pods/web-app', cmd, sfx: 'XXXXX,SESS1' }).slice(1)}`);
  await page.waitForSelector('body[data-live="ready"]');
  await page.click('#connect');
  await waitFor(async () => /debug session/.test(await page.textContent('#sessions-status') ?? ''), 'the sessions list');
}

/**
 * Pick the example pod, review the playground's command and run it.
 * @param {import('playwright-core').Page} page
 */
async function runCommand(page) {
  await page.waitForSelector(`#pod-list button[data-name="${POD}"]`);
  await page.click(`#pod-list button[data-name="${POD}"]`);
  await page.click('#run-debug');
  await page.waitForSelector('#run-review:not([hidden])');
  await page.click('#run-confirm');
}

describe('the live page\'s sessions panel', () => {
  test('lists ephemeral containers and marked pods as kubedebug list does; unmarked pods are not sessions', async () => {
    const { page, errors } = await openPage(browser);
    try {
      await connect(page);
      assert.deepEqual(await rows(page), [
        'api-7f debugger-abcde ephemeral | Running | attach',
        'api-7f debugger-fghij ephemeral | Terminated: Error (exit code 137) | ',
        'api-debug debugger copy | Running | attach,delete',
        'node-debugger-node-a-kk222 debugger node | Terminated: Completed (exit code 0) | delete',
      ]);
      assert.match(await page.textContent('#sessions-status') ?? '', /^4 debug session\(s\) in default\.$/);
      assert.match(await page.textContent('#sessions-head') ?? '', /PodContainerKindImageTargetStateAge/);
      const ephemeral = page.locator('#sessions-body tr[data-container="debugger-abcde"] td');
      assert.equal(await ephemeral.nth(4).textContent(), 'api', 'the target container');
      assert.equal(await page.locator('#sessions-body tr[data-pod="api-debug"] td').nth(4).textContent(), 'pod/api-7f');
      assert.deepEqual(errors, []);
    } finally {
      await page.close();
    }
  });

  test('re-attaches to a running ephemeral container in the page\'s terminal, with its stdin and TTY', async () => {
    const { page, errors } = await openPage(browser);
    try {
      await connect(page);
      const before = fake.attaches.length;
      await page.click('#sessions-body tr[data-container="debugger-abcde"] button[data-action="attach"]');
      const record = await waitFor(() => fake.attaches[before], 'the attach socket');
      assert.equal(record.path, '/api/v1/namespaces/default/pods/api-7f/attach');
      assert.equal(record.query, 'container=debugger-abcde&stdin=true&stdout=true&tty=true');
      await waitFor(async () => (await terminalText(page)).includes("If you don't see a command prompt"), 'the prompt banner');
      assert.ok(await page.isDisabled('#sessions-body tr[data-pod="api-debug"] button[data-action="attach"]'),
        'one session at a time in the terminal');
      assert.ok(!(await page.isDisabled('#detach')));
      await page.click('#terminal');
      await page.keyboard.type('whoami');
      await waitFor(async () => (await terminalText(page)).includes('whoami'), 'the echo of typed keys');
      assert.equal(record.stdin, 'whoami');
      await page.keyboard.type('\rexit 4\r');
      await waitFor(async () => /exit status 4/.test(await page.textContent('#session-status') ?? ''), 'the exit status');
      assert.equal(record.exitCode, 4);
      await waitFor(async () => (await terminalText(page)).includes("'kubedebug attach api-7f -c debugger-abcde -n default -i -t'"),
        'the re-attach hint');
      await waitFor(async () => !(await page.isDisabled('#sessions-body tr[data-pod="api-debug"] button[data-action="attach"]')),
        'attach offered again');
      assert.deepEqual(errors, []);
    } finally {
      await page.close();
    }
  });

  test('a container that ended since the list was read: kubectl attach\'s refusal in the terminal, nothing attached', async () => {
    const { page, errors } = await openPage(browser);
    try {
      await connect(page);
      assert.ok(fake.setContainerState('default', 'api-debug', 'debugger', { terminated: { exitCode: 2, reason: 'Error' } }));
      const before = fake.attaches.length;
      await page.click('#sessions-body tr[data-pod="api-debug"] button[data-action="attach"]');
      await waitFor(async () => /exit status 1/.test(await page.textContent('#session-status') ?? ''), 'the end of the attempt');
      assert.match(await terminalText(page), /error: cannot attach to container debugger in pod api-debug: it terminated \(Error, exit code 2\)/);
      assert.equal(fake.attaches.length, before);
      // The list was read again: the session now shows as ended.
      await waitFor(async () => (await rows(page)).includes('api-debug debugger copy | Terminated: Error (exit code 2) | delete'),
        'the refreshed row');
      assert.ok(fake.setContainerState('default', 'api-debug', 'debugger', 'running'));
      assert.deepEqual(errors, []);
    } finally {
      await page.close();
    }
  });

  test('deletes a node debug pod after a second click; ephemeral containers offer no delete', async () => {
    const { page, errors } = await openPage(browser);
    try {
      await connect(page);
      const name = KUBECTL_NODE_POD.metadata.name;
      const del = `#sessions-body tr[data-pod="${name}"] button[data-action="delete"]`;
      const writes = fake.writes.length;
      await page.click(del);
      assert.equal(await page.textContent(del), `Really delete pod ${name}?`);
      assert.equal(fake.writes.length, writes, 'the first click deletes nothing');
      await page.click(del);
      const write = await waitFor(() => fake.writes.slice(writes).find((w) => w.method === 'DELETE'), 'the DELETE');
      assert.equal(write.path, `/api/v1/namespaces/default/pods/${name}`);
      assert.equal(write.body.propagationPolicy, 'Background');
      await waitFor(async () => (await page.textContent('#sessions-status') ?? '').startsWith(`Deleted pod ${name}. 3 debug session(s)`),
        'the confirmation');
      assert.equal(fake.store.get('', 'pods', 'default', name), undefined);
      assert.ok(!(await rows(page)).some((r) => r.startsWith(name)));
      assert.equal(await page.locator('#sessions-body tr[data-kind="ephemeral"] button[data-action="delete"]').count(), 0);
      assert.deepEqual(errors, []);
    } finally {
      await page.close();
    }
  });

  test('a session started with --session-label is listed when it ends, with the labels the panel reads', async () => {
    const { page, errors } = await openPage(browser);
    try {
      await connect(page, `kubectl debug ${POD} -it --image=busybox:1.36 --copy-to=web-sess --session-label --profile=general`);
      const writes = fake.writes.length;
      await runCommand(page);
      const post = await waitFor(() => fake.writes.slice(writes).find((w) => w.method === 'POST'), 'the POST');
      assert.deepEqual(Object.entries(post.body.metadata.labels).filter(([k]) => k.startsWith('kubedebug.dev/')),
        [['kubedebug.dev/session', 'SESS1'], ['kubedebug.dev/journey', 'copy']]);
      assert.equal(post.body.metadata.annotations['kubedebug.dev/target'], `pod/${POD}`);
      assert.match(post.body.metadata.annotations['kubedebug.dev/created-at'], /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
      await waitFor(async () => (await terminalText(page)).includes("If you don't see a command prompt"), 'the prompt banner');
      await page.click('#terminal');
      await page.keyboard.type('exit\r');
      await waitFor(async () => (await rows(page)).includes('web-sess debugger-XXXXX copy | Running | attach,delete'), 'the new session');
      await page.click('#sessions-body tr[data-pod="web-sess"] button[data-action="delete"]');
      await page.click('#sessions-body tr[data-pod="web-sess"] button[data-action="delete"]');
      await waitFor(() => fake.store.get('', 'pods', 'default', 'web-sess') === undefined, 'the copy deleted');
      assert.deepEqual(errors, []);
    } finally {
      await page.close();
    }
  });

  test('--rm from the page: the copy is deleted when the session ends, and is no session any more', async () => {
    const { page, errors } = await openPage(browser);
    try {
      await connect(page, `kubectl debug ${POD} -it --image=busybox:1.36 --copy-to=web-rm --session-label --rm --profile=general`);
      await runCommand(page);
      await waitFor(() => fake.store.get('', 'pods', 'default', 'web-rm'), 'the copy');
      await waitFor(async () => (await terminalText(page)).includes("If you don't see a command prompt"), 'the prompt banner');
      await page.click('#terminal');
      await page.keyboard.type('exit\r');
      const del = await waitFor(() => fake.writes.find((w) => w.method === 'DELETE' && w.path.endsWith('/web-rm')), 'the --rm DELETE');
      assert.equal(del.path, '/api/v1/namespaces/default/pods/web-rm');
      await waitFor(() => fake.store.get('', 'pods', 'default', 'web-rm') === undefined, 'the copy gone');
      await waitFor(async () => /exit status 0/.test(await page.textContent('#session-status') ?? ''), 'the exit status');
      await page.click('#sessions-refresh');
      await waitFor(async () => !(await rows(page)).some((r) => r.startsWith('web-rm')), 'no web-rm session');
      assert.deepEqual(errors, []);
    } finally {
      await page.close();
    }
  });
});

describe('the playground shows what --session-label and --rm add', () => {
  /**
   * The additions panel's lines (empty when hidden).
   * @param {import('playwright-core').Page} page
   */
  async function additions(page) {
    await page.waitForFunction(() => document.body.dataset.computing !== 'true');
    if (await page.isHidden('#additions-panel')) return [];
    return page.$$eval('#additions li', (lis) => lis.map((li) => li.textContent ?? ''));
  }

  test('checkboxes for both flags; the labels and annotations of a copy, stdinOnce of an ephemeral container', async () => {
    const { page, errors } = await openPage(browser);
    try {
      const copy = `kubectl debug ${POD} --image=busybox:1.36 --copy-to=web-dbg --profile=general`;
      await page.goto(`${server.url}&${hashFor({ ex: 'pods/web-app', cmd: copy, sfx: 'XXXXX,SESS1' }).slice(1)}`);
      await page.waitForSelector('body[data-ready="true"]');
      assert.deepEqual(await additions(page), [], 'kubectl\'s plan: nothing added');
      await page.check('#opt-sessionLabel');
      await waitFor(async () => (await page.inputValue('#line')).includes('--session-label'), 'the flag on the command line');
      const lines = await additions(page);
      assert.deepEqual(lines.filter((l) => l.startsWith('label ')), ['label kubedebug.dev/session=SESS1', 'label kubedebug.dev/journey=copy']);
      assert.ok(lines.includes(`annotation kubedebug.dev/target=pod/${POD}`), lines.join('\n'));
      assert.ok(lines.includes('annotation kubedebug.dev/container=debugger-XXXXX'), lines.join('\n'));
      assert.match(await page.textContent('#manifest') ?? '', /kubedebug\.dev\/journey: copy/);

      // --rm needs an attached session: -it, then the checkbox.
      await page.fill('#line', `${copy} --session-label -it`);
      await page.check('#opt-rm');
      await waitFor(async () => (await page.inputValue('#line')).includes('--rm'), '--rm on the command line');
      assert.ok((await additions(page)).includes('when the session ends: DELETE /api/v1/namespaces/default/pods/web-dbg (--rm)'));

      await page.fill('#line', `kubectl debug ${POD} -it --image=busybox:1.36 --profile=general --rm`);
      assert.ok(await page.isChecked('#opt-rm'), 'the form follows the command line');
      assert.deepEqual(await additions(page), ['container debugger-XXXXX: stdinOnce: true (--rm: it ends when you detach)']);
      assert.match(await page.textContent('#manifest') ?? '', /stdinOnce: true/);
      await page.uncheck('#opt-rm');
      await waitFor(async () => !(await page.inputValue('#line')).includes('--rm'), '--rm off the command line');
      assert.deepEqual(await additions(page), []);
      assert.doesNotMatch(await page.textContent('#manifest') ?? '', /stdinOnce/);
      assert.deepEqual(errors, []);
    } finally {
      await page.close();
    }
  });
});
