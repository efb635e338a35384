// @ts-check
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { NS, withServer, wsFactory } from './helpers.mjs';
import { attach, attachPath, webSocketUrl } from '../../www/host/attach.js';
import { AttachError } from '../../www/host/errors.js';

const target = { namespace: NS, pod: 'mypod', container: 'app' };

/** @param {string[]} list */
async function* input(list) {
  for (const s of list) {
    await new Promise((r) => setImmediate(r));
    yield s;
  }
}

function sink() {
  const out = { stdout: '', stderr: '' };
  const d = new TextDecoder();
  return { out, output: { stdout: (/** @type {Uint8Array} */ b) => { out.stdout += d.decode(b); }, stderr: (/** @type {Uint8Array} */ b) => { out.stderr += d.decode(b); } } };
}

test('attach path is kubectl\'s: sorted keys, false omitted, no stderr with a TTY', () => {
  assert.equal(attachPath(target, { stdin: true, tty: true }), `/api/v1/namespaces/${NS}/pods/mypod/attach?container=app&stdin=true&stdout=true&tty=true`);
  assert.equal(attachPath(target, { stdin: false, tty: false }), `/api/v1/namespaces/${NS}/pods/mypod/attach?container=app&stderr=true&stdout=true`);
  assert.equal(webSocketUrl('https://h:6443/', '/x'), 'wss://h:6443/x');
});

test('v5: stdin echoed, sizes sent, close frame ends with the exit code', async (t) => {
  const { server } = await withServer({ attach: { exitCode: 7 } });
  t.after(() => server.close());
  const { out, output } = sink();
  const result = await attach({ url: webSocketUrl(server.url, attachPath(target, { stdin: true, tty: true })),
    webSocketFactory: wsFactory, output, stdin: input(['hello ', 'world']), tty: true,
    terminalSize: () => ({ width: 100, height: 30 }), token: 'tok-1' });
  assert.deepEqual(result, { exitCode: 7, protocol: 'v5.channel.k8s.io' });
  assert.equal(out.stdout, 'hello world');
  const rec = server.attaches[0];
  assert.equal(rec.stdin, 'hello world');
  assert.equal(rec.stdinClosed, true);
  assert.deepEqual(rec.resizes, [{ width: 101, height: 31 }, { width: 100, height: 30 }]);
  assert.equal(rec.token, 'tok-1');
  assert.deepEqual(rec.offered.slice(0, 2), ['v5.channel.k8s.io', 'v4.channel.k8s.io']);
});

test('v4 fallback: no close frame, `exit 3` ends the session', async (t) => {
  const { server } = await withServer({ attach: { protocols: ['v4.channel.k8s.io'] } });
  t.after(() => server.close());
  const { out, output } = sink();
  const result = await attach({ url: webSocketUrl(server.url, attachPath(target, { stdin: true, tty: false })),
    webSocketFactory: wsFactory, output, stdin: input(['ls\n', 'exit 3\n']) });
  assert.deepEqual(result, { exitCode: 3, protocol: 'v4.channel.k8s.io' });
  assert.equal(out.stdout, 'ls\nexit 3\n');
  assert.equal(server.attaches[0].stdinClosed, false);
  assert.deepEqual(server.attaches[0].resizes, []);
});

test('a refused upgrade rejects with AttachError', async (t) => {
  const { server } = await withServer({ attach: { fail: { status: 403, message: 'forbidden' } } });
  t.after(() => server.close());
  const { output } = sink();
  await assert.rejects(attach({ url: webSocketUrl(server.url, attachPath(target, { stdin: false, tty: false })),
    webSocketFactory: wsFactory, output }), (err) => err instanceof AttachError && err.code === 'attach/connect'
    && /^unable to upgrade connection: .*403/.test(err.message));
});
