// @ts-check
/**
 * Workload targets in the playground (issue 14 item 1, headless Chromium): the bundled
 * Deployment example, copied from its pod template with `--copy-to`, and without it the pod
 * kubectl exec would pick among the pasted pods gets the ephemeral container.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { hashFor, offlinePage, openPage, settled } from './helpers.mjs';

const ctx = offlinePage();

test('deployment/web: a copy of its template, then the picked pod', async () => {
  const { page, errors } = await openPage(ctx.browser);
  try {
    await page.goto(ctx.server.url + hashFor({ ex: 'workloads/web', cmd: 'kubectl debug deployment/web --image=busybox --copy-to=web-debug --keep-labels=true --profile=general' }));
    await page.waitForSelector('body[data-ready="true"]');
    await settled(page);
    assert.equal(await page.locator('article.request-write').count(), 1);
    assert.match(await page.textContent('article.request-write .request-line') ?? '', /POST \/api\/v1\/namespaces\/default\/pods/);
    const body = JSON.parse(await page.textContent('article.request-write .request-body') ?? 'null');
    assert.equal(body.metadata.name, 'web-debug');
    assert.deepEqual(body.metadata.labels, { app: 'web', tier: 'frontend' });
    assert.equal(body.metadata.ownerReferences, undefined);
    assert.deepEqual(body.spec.containers.map((/** @type {any} */ c) => c.image), ['nginx:1.25.3', 'busybox']);

    await page.fill('#line', 'kubectl debug deployment/web --image=busybox --profile=general');
    await settled(page);
    assert.match(await page.textContent('#stderr') ?? '',
      /Found 3 pods of deployment\/web \(2 running\), using pod\/web-7c5ddbdf54-p4x7z \(running, ready\)/);
    assert.match(await page.textContent('article.request-write .request-line') ?? '',
      /PATCH \/api\/v1\/namespaces\/default\/pods\/web-7c5ddbdf54-p4x7z\/ephemeralcontainers/);

    await page.fill('#line', 'kubectl debug deployment/other --image=busybox --profile=general');
    await settled(page);
    assert.match(await page.textContent('#stderr') ?? '', /error: deployment\/other: deployments\.apps "other" not found/);
    assert.deepEqual(errors, []);
  } finally {
    await page.close();
  }
});
