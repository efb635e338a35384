// @ts-check
/**
 * The playground's namespace PodSecurity labels in headless Chromium: `--profile=auto` chooses by
 * them, `--preflight` checks against them, and the URL keeps them.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { hashFor, offlinePage, openPage, settled } from './helpers.mjs';

const POD = 'nginx-7c5ddbdf54-x8f9p';

const ctx = offlinePage();

/** @param {import('playwright-core').Page} page */
async function addedContainer(page) {
  const body = JSON.parse(await page.textContent('article.request-write .request-body') ?? 'null');
  return body?.spec?.ephemeralContainers?.at(-1) ?? null;
}

test('--profile=auto follows the enforce label set on the page; --preflight=enforce stops the plan', async () => {
  const { page, errors } = await openPage(ctx.browser);
  try {
    await page.goto(ctx.server.url + hashFor({ ex: 'pods/nginx', cmd: `kubectl debug ${POD} --image=busybox --profile=auto` }));
    await page.waitForSelector('body[data-ready="true"]');
    assert.ok((await page.$$eval('#opt-profile option', (os) => os.map((o) => /** @type {HTMLOptionElement} */ (o).value))).includes('auto'));
    assert.equal(await page.inputValue('#opt-profile'), 'auto');
    assert.match(await page.textContent('#stderr') ?? '', /--profile=auto: namespace "default" has no pod-security\.kubernetes\.io\/enforce label \(privileged\): using --profile=general/);
    assert.deepEqual((await addedContainer(page))?.securityContext, { capabilities: { add: ['SYS_PTRACE'] } });

    await page.click('#pss-box summary');
    await page.selectOption('#pss-enforce', 'restricted');
    await settled(page);
    const stderr = await page.textContent('#stderr') ?? '';
    assert.match(stderr, /enforces PodSecurity "restricted:latest": using --profile=restricted/);
    assert.match(stderr, /Warning: would violate PodSecurity "restricted:latest": /);
    assert.equal((await addedContainer(page))?.securityContext?.runAsNonRoot, true);
    assert.match(page.url(), /pse=restricted/);

    await page.fill('#pss-version', 'v1.30');
    await settled(page);
    assert.match(await page.textContent('#stderr') ?? '', /"restricted:v1\.30"/);

    await page.fill('#line', `kubectl debug ${POD} --image=busybox --profile=general --preflight=enforce`);
    await settled(page);
    assert.match(await page.textContent('#stderr') ?? '',
      /error: pods "nginx-7c5ddbdf54-x8f9p" is forbidden: violates PodSecurity "restricted:v1\.30": .*\(--preflight=enforce: nothing was sent\)/);
    assert.equal(await page.locator('article.request-write').count(), 0);
    assert.match(await page.textContent('#err-preflight') ?? '', /violates PodSecurity "restricted:v1\.30"/);
    assert.equal(await page.inputValue('#opt-preflight'), 'enforce');

    // A fresh page from the URL keeps the labels.
    const again = await ctx.browser.newPage();
    await again.goto(page.url());
    await again.waitForSelector('body[data-ready="true"]');
    assert.equal(await again.inputValue('#pss-enforce'), 'restricted');
    assert.equal(await again.inputValue('#pss-version'), 'v1.30');
    await again.close();
    assert.deepEqual(errors, []);
  } finally {
    await page.close();
  }
});
