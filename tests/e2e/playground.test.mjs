// @ts-check
/**
 * The offline playground in headless Chromium: recorded kubectl runs reproduced by the page,
 * the command line and the form in sync, errors beside their fields, a bad paste survived.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { stringify as toYaml } from 'yaml';
import {
  OUTPUT, canonicalize, firstDifference, fixtureText, golden, goldenWrites, hashFor, offlinePage, openPage, settled,
  shellQuote,
} from './helpers.mjs';

/** [version, case]: ephemeral, copy, node journeys, `-f`, `--custom`, and failures. */
const CASES = [
  ['1.27', 'eph-legacy-nginx'],
  ['1.31', 'eph-general-web'],
  ['1.33', 'eph-restricted-witheph'],
  ['1.32', 'eph-target-app'],
  ['1.32', 'eph-custom-env-resources'],
  ['1.28', 'copy-legacy-nginx'],
  ['1.33', 'copy-general-web'],
  ['1.31', 'copy-keep-labels-general'],
  ['1.30', 'copy-set-image-star'],
  ['1.32', 'copy-from-file'],
  ['1.29', 'node-general-control-plane-1'],
  ['1.31', 'node-netadmin-ip-10-0-1-23.ec2.internal'],
  ['1.33', 'node-sysadmin-node-a'],
  ['1.33', 'eph-unknown-profile'],
  ['1.33', 'eph-tty-without-stdin'],
];

/** Where kubectl's error must show for the failing cases. */
const ERROR_FIELDS = /** @type {Record<string, string>} */ ({
  'eph-unknown-profile': '#err-profile',
  'eph-tty-without-stdin': '#err-tty',
});

const ctx = offlinePage();

/**
 * The page's state for a golden: its command line, its target object (or `-f` file) and
 * `--custom` file as pasted text, fixed name suffixes.
 * @param {string} version
 * @param {any} g
 */
function stateFor(version, g) {
  const argv = /** @type {string[]} */ (g.argv);
  const at = argv.findIndex((a) => a === '-f' || a === '--filename');
  const file = at >= 0 ? argv[at + 1] : argv.find((a) => a.startsWith('--filename='))?.slice('--filename='.length);
  const objectFixture = (g.fixtures ?? []).find((/** @type {string} */ f) => /^(pods|nodes)\//.test(f));
  const custom = argv.find((a) => a.startsWith('--custom='))?.slice('--custom='.length);
  /** @type {Record<string, string>} */
  const params = {
    v: version,
    cmd: argv.map(shellQuote).join(' '),
    obj: file ? fixtureText(file) : objectFixture ? fixtureText(objectFixture) : '',
    sfx: Array(8).fill('XXXXX').join(','),
  };
  if (custom) params.custom = fixtureText(custom);
  return params;
}

/**
 * What the page shows: its write requests and kubectl's streams.
 * @param {import('playwright-core').Page} page
 */
async function shown(page) {
  return page.evaluate(() => ({
    writes: [...document.querySelectorAll('article.request-write')].map((a) => ({
      method: /** @type {HTMLElement} */ (a).dataset.method,
      path: /** @type {HTMLElement} */ (a).dataset.path,
      contentType: /** @type {HTMLElement} */ (a).dataset.contentType,
      body: JSON.parse(a.querySelector('.request-body')?.textContent ?? 'null'),
    })),
    stdout: document.getElementById('stdout')?.textContent ?? '',
    stderr: document.getElementById('stderr')?.textContent ?? '',
  }));
}

describe('playground reproduces recorded kubectl runs', () => {
  for (const [version, name] of CASES) {
    test(`${version} ${name}`, async () => {
      const g = golden(version, name);
      const params = stateFor(version, g);
      const { page, errors } = await openPage(ctx.browser);
      try {
        await page.goto(ctx.server.url + hashFor(params));
        await page.waitForSelector('body[data-ready="true"]');
        const got = await shown(page);
        const want = goldenWrites(g);
        assert.equal(got.writes.length, want.length, `${got.writes.length} writes shown, kubectl made ${want.length}`);
        const source = JSON.parse(params.obj || 'null');
        want.forEach((/** @type {any} */ w, /** @type {number} */ i) => {
          const ours = got.writes[i];
          assert.equal(`${ours.method} ${ours.path}`, `${w.method} ${w.path}`);
          const dropNulls = w.method !== 'PATCH';
          const diff = firstDifference(canonicalize(ours.body, dropNulls), canonicalize(w.body, dropNulls),
            w.method === 'POST' ? source : null);
          assert.equal(diff, null, `write ${i}: ${diff}`);
        });
        assert.equal(got.stdout, g.stdout);
        assert.equal(got.stderr, g.stderr);
        if (ERROR_FIELDS[name]) {
          const text = await page.textContent(ERROR_FIELDS[name]);
          assert.ok(text && g.stderr.includes(text), `error beside the field: ${text}`);
        }
        if (name === 'copy-general-web') {
          assert.match(await page.textContent('#diff-summary') ?? '', /JSON Patch operations, each with its cause/);
          await page.screenshot({ path: new URL('playground.png', OUTPUT).pathname, fullPage: false });
          await page.locator('#diff').scrollIntoViewIfNeeded();
          await page.locator('#diff').evaluate((el) => {
            const row = /** @type {HTMLElement | null} */ (el.querySelector('tbody tr'));
            el.scrollTop = Math.max(0, (row?.offsetTop ?? 0) - 60);
          });
          await page.locator('#diff').screenshot({ path: new URL('playground-diff.png', OUTPUT).pathname });
        }
        assert.deepEqual(errors, []);
      } finally {
        await page.close();
      }
    });
  }
});

describe('playground interaction', () => {
  test('the command line and the form stay in sync, and the URL keeps the state', async () => {
    const { page, errors } = await openPage(ctx.browser);
    try {
      await page.goto(ctx.server.url + hashFor({ ex: 'pods/nginx', cmd: 'kubectl debug nginx-7c5ddbdf54-x8f9p --image=busybox' }));
      await page.waitForSelector('body[data-ready="true"]');
      await page.fill('#line', 'kubectl debug mypod -it --image=busybox --profile=netadmin --copy-to=dbg');
      await settled(page);
      assert.equal(await page.inputValue('#opt-image'), 'busybox');
      assert.equal(await page.inputValue('#opt-profile'), 'netadmin');
      assert.equal(await page.inputValue('#opt-copyTo'), 'dbg');
      assert.equal(await page.inputValue('#opt-targets'), 'mypod');
      assert.ok(await page.isChecked('#opt-stdin'));
      assert.ok(await page.isChecked('#opt-tty'));
      assert.match(await page.textContent('#equivalent') ?? '', /--copy-to=dbg/);

      await page.fill('#opt-image', 'alpine:3.20');
      await settled(page);
      await page.check('#opt-keepLabels');
      await settled(page);
      await page.fill('#opt-env', 'A=1\nB=two words');
      await settled(page);
      const line = await page.inputValue('#line');
      assert.match(line, /--image=alpine:3\.20/);
      assert.match(line, /--keep-labels/);
      assert.match(line, /--env=A=1/);
      assert.ok(line.includes("'--env=B=two words'"), line);
      assert.match(line, /--profile=netadmin/);
      assert.equal(await page.textContent('#equivalent'), line);
      const body = JSON.parse(await page.textContent('article.request-write .request-body') ?? 'null');
      assert.equal(body.metadata.name, 'dbg');
      assert.equal(await page.textContent('#journey-select option:checked'), 'Copy of the pod');

      // The URL holds the state: a fresh page from it shows the same.
      const url = page.url();
      const again = await ctx.browser.newPage();
      await again.goto(url);
      await again.waitForSelector('body[data-ready="true"]');
      assert.equal(await again.inputValue('#line'), line);
      assert.equal(await again.inputValue('#opt-image'), 'alpine:3.20');
      assert.ok(await again.isChecked('#opt-keepLabels'));
      await again.close();
      assert.deepEqual(errors, []);
    } finally {
      await page.close();
    }
  });

  test('the version selector offers the core\'s kubectlVersions() and starts on the newest', async () => {
    const { page, errors } = await openPage(ctx.browser);
    try {
      await page.goto(ctx.server.url + hashFor({ ex: 'pods/nginx', cmd: 'kubectl debug nginx-7c5ddbdf54-x8f9p --image=busybox' }));
      await page.waitForSelector('body[data-ready="true"]');
      const offered = await page.$$eval('#version option', (os) => os.map((o) => /** @type {HTMLOptionElement} */ (o).value));
      const core = await import('../../www/node/load-wasm.js').then((m) => m.loadKubedebugNode());
      assert.deepEqual(offered, core.kubectlVersions());
      assert.equal(await page.inputValue('#version'), core.defaultKubectlVersion());
      assert.deepEqual(errors, []);
    } finally {
      await page.close();
    }
  });

  test('errors show beside their field in kubectl words, and the page keeps working', async () => {
    const { page, errors } = await openPage(ctx.browser);
    try {
      await page.goto(ctx.server.url + hashFor({ ex: 'pods/nginx', cmd: 'kubectl debug nginx-7c5ddbdf54-x8f9p --image=busybox' }));
      await page.waitForSelector('body[data-ready="true"]');
      await page.fill('#opt-env', 'NOEQUALS');
      await settled(page);
      assert.match(await page.textContent('#err-env') ?? '', /invalid argument "NOEQUALS" for "--env" flag: NOEQUALS must be formatted as key=value/);
      assert.equal(await page.locator('article.request-write').count(), 0);
      await page.fill('#opt-env', 'GOOD=1');
      await settled(page);
      assert.equal(await page.textContent('#err-env'), '');
      await page.fill('#line', 'kubectl debug nginx-7c5ddbdf54-x8f9p --image=busybox --image-pull-policy=Sometimes');
      await settled(page);
      assert.match(await page.textContent('#err-imagePullPolicy') ?? '', /invalid image pull policy: Sometimes/);
      await page.fill('#line', 'kubectl debug nginx-7c5ddbdf54-x8f9p --image="busy box"');
      await settled(page);
      assert.match(await page.textContent('#err-image') ?? '', /invalid image name "busy box": invalid reference format/);

      // A malformed paste: the error shows, and a good paste afterwards plans again.
      await page.fill('#line', 'kubectl debug nginx-7c5ddbdf54-x8f9p --image=busybox');
      await settled(page);
      await page.fill('#target-text', 'kind: Pod\nmetadata: {name: [unclosed\n  spec: : :');
      await settled(page);
      assert.match(await page.textContent('#err-object') ?? '', /error parsing/);
      assert.equal(await page.locator('article.request-write').count(), 0);
      await page.fill('#target-text', '{"kind": "Pod", "apiVersion": "v1"');
      await settled(page);
      assert.match(await page.textContent('#err-object') ?? '', /error parsing/);
      await page.fill('#target-text', fixtureText('pods/nginx.json'));
      await settled(page);
      assert.equal(await page.textContent('#err-object'), '');
      assert.equal(await page.locator('article.request-write').count(), 1);
      assert.deepEqual(errors, []);
    } finally {
      await page.close();
    }
  });

  test('a large paste is planned in a worker: the page answers while it is planned', async () => {
    const { page, errors } = await openPage(ctx.browser);
    try {
      await page.goto(ctx.server.url + hashFor({ ex: 'pods/nginx', cmd: 'kubectl debug nginx-7c5ddbdf54-x8f9p --image=busybox' }));
      await page.waitForSelector('body[data-ready="true"]');
      assert.equal(await page.getAttribute('body', 'data-compute'), 'worker');
      const pod = JSON.parse(fixtureText('pods/nginx.json'));
      for (let i = 0; i < 30000; i++) pod.metadata.labels[`label-${i}`] = `value-${i}`;
      // A paste (playwright's fill is slow for 700 KB).
      await page.evaluate((text) => {
        const area = /** @type {HTMLTextAreaElement} */ (document.getElementById('target-text'));
        area.value = text;
        area.dispatchEvent(new Event('input'));
      }, toYaml(pod));
      // Planned on the main thread, the plan would be shown before the page could answer
      // again; in the worker the page answers while the plan is still being computed.
      assert.equal(await page.evaluate(() => document.body.dataset.computing), 'true');
      await settled(page);
      assert.equal(await page.textContent('#err-object'), '');
      assert.equal(await page.locator('article.request-write').count(), 1);
      assert.equal(await page.getAttribute('body', 'data-compute'), 'worker');
      assert.deepEqual(errors, []);
    } finally {
      await page.close();
    }
  });
});
