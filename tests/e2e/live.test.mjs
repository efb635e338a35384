// @ts-check
/**
 * The live debug page in headless Chromium, through `serve()`'s proxy (a generated kubeconfig)
 * to the in-repo fake API server: the plan's request arrives, typed keys echo in the terminal,
 * a resize reaches channel 4, the exit status shows, and the debug pod copy is deleted.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { serve } from '../../www/node/serve.js';
import { startFakeApiServer } from '../fake-apiserver/server.mjs';
import { FIXTURES, OUTPUT, hashFor, launchBrowser, openPage, waitFor } from './helpers.mjs';

const POD = 'web-app-6b9f7d8c4d-2lqzv';
const TOKEN = 'kubeconfig-secret-token';

/** @type {Awaited<ReturnType<typeof startFakeApiServer>>} */
let fake;
/** @type {Awaited<ReturnType<typeof serve>>} */
let server;
/** @type {import('playwright-core').Browser} */
let browser;
let dir = '';

before(async () => {
  fake = await startFakeApiServer({
    fixtures: [new URL('pods/web-app.json', FIXTURES).pathname, new URL('nodes/node-a.json', FIXTURES).pathname],
  });
  dir = mkdtempSync(path.join(tmpdir(), 'kubedebug-e2e-'));
  const kubeconfig = path.join(dir, 'config');
  writeFileSync(kubeconfig, [
    'apiVersion: v1', 'kind: Config', 'current-context: fake',
    'clusters:', `- name: fake`, `  cluster: {server: "${fake.url}"}`,
    'users:', '- name: tester', `  user: {token: ${TOKEN}}`,
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
 * Connect through the proxy and run the command line.
 * @param {import('playwright-core').Page} page
 * @param {string} line
 */
async function connectAndRun(page, line) {
  const writesBefore = fake.writes.length;
  await page.goto(`${server.url}&${hashFor({ ex: 'pods/web-app', cmd: line, sfx: 'XXXXX' }).slice(1)}`);
  await page.waitForSelector('body[data-live="ready"]');
  assert.equal(await page.inputValue('#live-mode'), 'proxy');
  await page.click('#connect');
  await page.waitForSelector(`#pod-list button[data-name="${POD}"]`);
  await page.click(`#pod-list button[data-name="${POD}"]`);
  await page.click('#run-debug');
  // Nothing runs before the user has seen the whole command and said so.
  await page.waitForSelector('#run-review:not([hidden])');
  assert.equal(await page.textContent('#review-command'), line);
  assert.equal(fake.writes.length, writesBefore, 'the review sends nothing');
  assert.doesNotMatch(page.url(), /token=/, 'the token left the URL');
  await page.click('#run-confirm');
}

describe('serve()\'s page guards', () => {
  test('without the token the proxy is not offered; a URL-filled --replace command waits for the review', async () => {
    const { page, errors } = await openPage(browser);
    try {
      const bare = new URL(server.url);
      bare.hash = '';
      await page.goto(bare.href + hashFor({ ex: 'pods/web-app' }));
      await page.waitForSelector('body[data-live="ready"]');
      assert.equal(await page.inputValue('#live-mode'), 'direct');
      assert.match(await page.textContent('#proxy-note') ?? '', /lacks its access token/);
      assert.ok(await page.isDisabled('#live-mode option[value="proxy"]'));

      const before = fake.writes.length;
      const line = `kubectl debug ${POD} --image=busybox:1.36 --copy-to=${POD} --replace --profile=general`;
      await page.goto(`${server.url}&${hashFor({ ex: 'pods/web-app', cmd: line }).slice(1)}`);
      await page.reload();
      await page.waitForSelector('body[data-live="ready"]');
      assert.equal(await page.inputValue('#live-mode'), 'proxy', 'the tab kept the token over a reload');
      await page.click('#connect');
      await page.waitForSelector(`#pod-list button[data-name="${POD}"]`);
      await page.click('#run-debug');
      await page.waitForSelector('#run-review:not([hidden])');
      assert.equal(await page.textContent('#review-command'), line);
      assert.match(await page.textContent('#review-requests') ?? '', /DELETE \/api\/v1\/namespaces\/default\/pods\//);
      await page.click('#run-cancel');
      assert.ok(await page.isHidden('#run-review'));
      assert.equal(fake.writes.length, before, 'nothing was sent');
      assert.ok(fake.store.get('', 'pods', 'default', POD), 'the pod is still there');
      assert.deepEqual(errors, []);
    } finally {
      await page.close();
    }
  });
});

describe('live debugging through serve()', () => {
  test('ephemeral container: PATCH sent, echo in the terminal, resize on channel 4, exit status', async () => {
    const { page, errors } = await openPage(browser);
    try {
      const before = fake.writes.length;
      await connectAndRun(page, `kubectl debug ${POD} -it --image=busybox:1.36 --profile=general`);
      const write = await waitFor(() => fake.writes[before], 'the PATCH');
      assert.equal(write.method, 'PATCH');
      assert.equal(write.path, `/api/v1/namespaces/default/pods/${POD}/ephemeralcontainers`);
      assert.equal(write.content_type, 'application/strategic-merge-patch+json');
      const shown = JSON.parse(await page.textContent('article.request-write .request-body') ?? 'null');
      assert.deepEqual(write.body, shown, 'the page sent the request it shows');
      assert.equal(write.body.spec.ephemeralContainers.at(-1).name, 'debugger-XXXXX');
      const auth = fake.requests.find((r) => r.method === 'PATCH')?.authorization;
      assert.equal(auth, `Bearer ${TOKEN}`, 'the proxy adds the kubeconfig credentials');

      const record = await waitFor(() => fake.attaches.at(-1), 'the attach socket');
      assert.match(record.query, /container=debugger-XXXXX/);
      assert.match(record.query, /tty=true/);
      await waitFor(async () => (await terminalText(page)).includes("If you don't see a command prompt"), 'the prompt banner');
      await page.click('#terminal');
      await page.keyboard.type('hello-kubedebug');
      await waitFor(async () => (await terminalText(page)).includes('hello-kubedebug'), 'the echo of typed keys');
      assert.equal(record.stdin, 'hello-kubedebug');
      assert.equal(record.protocol, 'v5.channel.k8s.io');
      assert.match(await page.textContent('#session-status') ?? '', /Attached \(v5\.channel\.k8s\.io\)/);
      const first = await waitFor(() => record.resizes.at(-1), 'the first terminal size');

      await page.setViewportSize({ width: 1000, height: 900 });
      await waitFor(() => record.resizes.at(-1)?.width !== first.width, 'a resize on channel 4');
      const last = /** @type {{ width: number, height: number }} */ (record.resizes.at(-1));
      const cols = await page.evaluate(() => /** @type {any} */ (window).kubedebugTerminal.cols);
      assert.equal(last.width, cols);
      await page.keyboard.type('\rls /');
      await waitFor(async () => (await terminalText(page)).includes('ls /'), 'the second echo');
      await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
      await page.locator('#live').screenshot({ path: new URL('terminal.png', OUTPUT).pathname });

      await page.keyboard.type('\rexit 3\r');
      await waitFor(async () => /exit status 3/.test(await page.textContent('#session-status') ?? ''), 'the exit status');
      assert.equal(record.exitCode, 3);
      await waitFor(() => record.closed, 'the socket closed');
      assert.ok(await page.isDisabled('#cleanup'), 'an ephemeral container cannot be deleted');
      assert.deepEqual(errors, []);
    } finally {
      await page.close();
    }
  });

  test('pod copy: POST sent, session ends, the copy is deleted from the page', async () => {
    const { page, errors } = await openPage(browser);
    try {
      const before = fake.writes.length;
      await connectAndRun(page, `kubectl debug ${POD} -it --image=busybox:1.36 --copy-to=web-debug --profile=general`);
      const write = await waitFor(() => fake.writes[before], 'the POST');
      assert.equal(`${write.method} ${write.path}`, 'POST /api/v1/namespaces/default/pods');
      assert.equal(write.body.metadata.name, 'web-debug');
      const record = await waitFor(() => fake.attaches.find((a) => a.path.includes('/web-debug/')), 'the attach socket');
      await waitFor(async () => (await terminalText(page)).includes("If you don't see a command prompt"), 'the prompt banner');
      await page.click('#terminal');
      await page.keyboard.type('exit\r');
      await waitFor(async () => /exit status 0/.test(await page.textContent('#session-status') ?? ''), 'the exit status');
      assert.equal(record.exitCode, 0);
      await waitFor(async () => !(await page.isDisabled('#cleanup')), 'the delete button');
      assert.match(await page.textContent('#cleanup') ?? '', /web-debug/);
      await page.click('#cleanup');
      const del = await waitFor(() => fake.writes.find((w) => w.method === 'DELETE'), 'the DELETE');
      assert.equal(del.path, '/api/v1/namespaces/default/pods/web-debug');
      await waitFor(async () => /Deleted pod web-debug/.test(await page.textContent('#session-status') ?? ''), 'the confirmation');
      assert.equal(fake.store.get('', 'pods', 'default', 'web-debug'), undefined);
      assert.deepEqual(errors, []);
    } finally {
      await page.close();
    }
  });
});
