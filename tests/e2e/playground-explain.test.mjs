// @ts-check
/**
 * The playground's annotated diff (issue 14 item 7, headless Chromium): the diff pane lists the
 * plan's JSON Patch operations with their causes, for a copy, an ephemeral container and a
 * node debug pod.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { serve } from '../../www/node/serve.js';
import { hashFor, launchBrowser, openPage } from './helpers.mjs';

/** @type {Awaited<ReturnType<typeof serve>>} */
let server;
/** @type {import('playwright-core').Browser} */
let browser;

before(async () => {
  server = await serve({ port: 0, kubeconfig: false, log: null });
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

/**
 * The rows of the annotated diff as [cause, op, path].
 * @param {import('playwright-core').Page} page
 * @returns {Promise<string[][]>}
 */
async function rows(page) {
  return page.$$eval('#diff table.explain-table tbody tr', (trs) => trs.map((tr) =>
    [...tr.querySelectorAll('td')].slice(0, 3).map((td) => td.textContent ?? '')));
}

/**
 * @param {string[][]} got
 * @param {string} cause
 * @param {string} op
 * @param {RegExp} path
 */
function has(got, cause, op, path) {
  assert.ok(got.some(([c, o, p]) => c === cause && o === op && path.test(p ?? '')),
    `${cause} ${op} ${path} in\n${got.map((r) => r.join(' ')).join('\n')}`);
}

test('a copy: the causes of each change', async () => {
  const { page, errors } = await openPage(browser);
  try {
    const cmd = 'kubectl debug web-app-6b9f7d8c4d-2lqzv --image=busybox --copy-to=dbg --set-image=*=nginx:2 --profile=restricted';
    await page.goto(server.url + hashFor({ ex: 'pods/web-app', cmd, sfx: 'xxxxx' }));
    await page.waitForSelector('body[data-ready="true"]');
    await page.waitForSelector('#diff table.explain-table');
    assert.match(await page.textContent('#diff-summary') ?? '', /Original against the copy: \d+ JSON Patch operations, each with its cause/);
    const got = await rows(page);
    has(got, 'flag:--copy-to', 'replace', /^\/metadata\/name$/);
    has(got, 'flag:--set-image', 'replace', /^\/spec\/containers\/0\/image$/);
    has(got, 'journey:debug-container', 'add', /^\/spec\/containers\/\d+$/);
    has(got, 'profile:restricted/allowPrivilegeEscalation', 'add', /\/securityContext\/allowPrivilegeEscalation$/);
    assert.equal(await page.locator('#diff tr.explain-remove').count() > 0, true);
    assert.deepEqual(errors, []);
  } finally {
    await page.close();
  }
});

test('an ephemeral container and a node debug pod', async () => {
  const { page, errors } = await openPage(browser);
  try {
    await page.goto(server.url + hashFor({ ex: 'pods/web-app', cmd: 'kubectl debug web-app-6b9f7d8c4d-2lqzv --image=busybox --profile=general', sfx: 'xxxxx' }));
    await page.waitForSelector('body[data-ready="true"]');
    await page.waitForSelector('#diff table.explain-table');
    const got = await rows(page);
    has(got, 'journey:ephemeral-container', 'add', /^\/spec\/ephemeralContainers/);
    has(got, 'profile:general/capabilities.add', 'add', /\/securityContext\/capabilities\/add$/);
    await page.goto(server.url + hashFor({ ex: 'nodes/node-a', cmd: 'kubectl debug node/node-a --image=busybox --profile=sysadmin', sfx: 'xxxxx' }));
    await page.reload();
    await page.waitForSelector('body[data-ready="true"]');
    await page.waitForFunction(() => /node debug pod/.test(document.querySelector('#diff-summary')?.textContent ?? ''));
    const node = await rows(page);
    has(node, 'journey:node-pod', 'add', /^\/spec$/);
    has(node, 'profile:sysadmin/privileged', 'add', /\/securityContext\/privileged$/);
    assert.deepEqual(errors, []);
  } finally {
    await page.close();
  }
});
