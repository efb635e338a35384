// @ts-check
/**
 * kubedebug's overlay flags in the offline playground (headless Chromium): the form has a
 * control for each (built from the flag table), the command line and the planned request
 * follow them, and a refusal shows beside its field.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { hashFor, offlinePage, openPage, settled } from './helpers.mjs';

const ctx = offlinePage();

/** @param {import('playwright-core').Page} page */
async function body(page) {
  return JSON.parse(await page.textContent('article.request-write .request-body') ?? 'null');
}

test('overlay controls: --as-target-user, --label, --image-pull-secret on a copy; refused for an ephemeral container', async () => {
  const { page, errors } = await openPage(ctx.browser);
  try {
    const cmd = 'kubectl debug web-app-6b9f7d8c4d-2lqzv --image=busybox --copy-to=dbg';
    await page.goto(ctx.server.url + hashFor({ ex: 'pods/web-app', cmd, sfx: 'xxxxx' }));
    await page.waitForSelector('body[data-ready="true"]');
    for (const key of ['asTargetUser', 'mountTargetVolumes', 'volumeMount', 'imagePullSecret', 'label', 'annotation',
      'nodeSelector', 'tolerationsFromNode']) {
      assert.equal(await page.locator(`#opt-${key}`).count(), 1, key);
    }
    await page.check('#opt-asTargetUser');
    await settled(page);
    await page.fill('#opt-label', 'team=sre');
    await settled(page);
    await page.fill('#opt-imagePullSecret', 'regcred');
    await settled(page);
    const line = await page.inputValue('#line');
    assert.match(line, /--as-target-user/);
    assert.match(line, /--label=team=sre/);
    assert.match(line, /--image-pull-secret=regcred/);
    const copy = await body(page);
    assert.deepEqual(copy.metadata.labels, { team: 'sre' });
    assert.deepEqual(copy.spec.imagePullSecrets.at(-1), { name: 'regcred' });
    const dbg = copy.spec.containers.at(-1);
    // The default container (annotated: app) runs as the pod's user 1000:3000.
    assert.equal(dbg.securityContext.runAsUser, 1000);
    assert.equal(dbg.securityContext.runAsGroup, 3000);

    // Without --copy-to: pull secrets come from the pod and its service account, and labels
    // would need a pod patch; each is refused beside its field.
    await page.fill('#opt-copyTo', '');
    await settled(page);
    assert.match(await page.textContent('#err-imagePullSecret') ?? '', /--image-pull-secret cannot be used with an ephemeral container: .*service account/);
    await page.fill('#opt-imagePullSecret', '');
    await settled(page);
    assert.match(await page.textContent('#err-label') ?? '', /--label cannot be used with an ephemeral container/);
    assert.equal(await page.locator('article.request-write').count(), 0);
    assert.deepEqual(errors, []);
  } finally {
    await page.close();
  }
});
