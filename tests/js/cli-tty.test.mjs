// @ts-check
/**
 * `kubedebug … -it` on a real terminal (a pseudo-terminal from tests/js/helpers/pty_run.py):
 * raw mode while attached, the window size at the start and after SIGWINCH on channel 4, keys
 * echoed back by the fake container, the exit code from channel 3, the `Session ended, …` line,
 * and the terminal's modes restored on exit and on SIGINT.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startFakeApiServer } from '../fake-apiserver/server.mjs';
import { NODE, pod } from './helpers.mjs';
import { CLI, workspace } from './cli-helpers.mjs';
import { ptyUnavailable, startPty } from './helpers/pty-driver.mjs';

const skip = ptyUnavailable() ?? false;
const ARGS = ['mypod', '--image=busybox', '-it', '--profile=general'];

/**
 * A fake cluster, a kubeconfig, and the CLI started on a 80×24 pty; all cleaned up after the test.
 * @param {import('node:test').TestContext} t
 * @param {import('../fake-apiserver/server.mjs').FakeOptions} [options]
 * @param {string[]} [args]
 */
async function ttySession(t, options = {}, args = ARGS) {
  const server = await startFakeApiServer({ fixtures: [pod('mypod'), NODE], ...options });
  const ws = workspace({ server: server.url });
  const pty = startPty({ timeoutSeconds: 60 });
  t.after(async () => { await pty.close(); await server.close(); ws.cleanup(); });
  const env = { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: ws.home, LANG: 'C.UTF-8', TERM: 'xterm', KUBECONFIG: ws.kubeconfig };
  const { termios: before } = await pty.spawn({ argv: [process.execPath, CLI, ...args], env, cwd: ws.dir, rows: 24, cols: 80 });
  assert.ok(before.icanon && before.echo, 'the pty starts in cooked mode');
  return { server, pty, before };
}

/**
 * Poll until `check()` is true.
 * @param {() => boolean} check
 * @param {string} what
 * @param {number} [timeoutMs]
 */
async function until(check, what, timeoutMs = 10000) {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

test('-it on a terminal: raw mode, sizes on channel 4, echo, exit code, Session ended, terminal restored', { skip, timeout: 60000 }, async (t) => {
  const { server, pty, before } = await ttySession(t, { attach: { exitCode: 0 } });
  await pty.expect("If you don't see a command prompt, try pressing enter.");
  const { termios: raw } = await pty.waitTermios(false);
  assert.equal(raw.echo, false, 'raw mode: no local echo');
  assert.equal(raw.isig, false, 'raw mode: Ctrl-C is a key, not a signal');

  await pty.write('hello\r');
  await pty.expect('hello');
  await until(() => server.attaches[0]?.stdin.includes('hello\r'), 'the typed keys at the container');
  const attach = server.attaches[0];
  assert.match(attach.query, /(^|&)tty=true(&|$)/);
  assert.match(attach.query, /(^|&)stdin=true(&|$)/);
  // kubectl's order: the size plus one, then the size, so that a re-attached screen redraws.
  assert.deepEqual(attach.resizes.slice(0, 2), [{ width: 81, height: 25 }, { width: 80, height: 24 }]);

  await pty.resize(30, 100);
  await until(() => attach.resizes.some((s) => s.width === 100 && s.height === 30), 'the resize on channel 4');
  assert.deepEqual(attach.resizes.at(-1), { width: 100, height: 30 });

  await pty.write('\x03\r');
  await until(() => attach.stdin.includes('\x03\r'), 'Ctrl-C sent as a key');
  assert.equal((await pty.termios()).termios.icanon, false, 'still attached after Ctrl-C');

  await pty.write('exit 5\r');
  const end = await pty.wait();
  assert.equal(end.exit_code, 5, `exit code from channel 3\n${end.output}`);
  assert.equal(attach.exitCode, 5);
  assert.match(end.output, /Session ended, the ephemeral container will not be restarted but may be reattached using 'kubectl attach mypod -c debugger-[a-z0-9]{5} -n ns1 -i -t' if it is still running/);
  assert.deepEqual(end.termios, before, 'terminal modes restored');
});

test('-it on a terminal: SIGINT restores the terminal and exits 130', { skip, timeout: 60000 }, async (t) => {
  const { server, pty, before } = await ttySession(t);
  await pty.expect("If you don't see a command prompt, try pressing enter.");
  await pty.waitTermios(false);
  await until(() => (server.attaches[0]?.resizes.length ?? 0) >= 2, 'the initial size');
  await pty.kill('SIGINT');
  const end = await pty.wait();
  assert.equal(end.exit_code, 130, end.output);
  assert.deepEqual(end.termios, before, 'terminal modes restored');
  assert.doesNotMatch(end.output, /Session ended/);
});

test('-i without -t on a terminal: cooked mode throughout, no sizes sent', { skip, timeout: 60000 }, async (t) => {
  const { server, pty, before } = await ttySession(t, {}, ['mypod', '--image=busybox', '-i', '--profile=general']);
  await pty.expect("If you don't see a command prompt, try pressing enter.");
  await until(() => server.attaches.length === 1, 'the attach');
  await pty.write('exit 3\r');
  const end = await pty.wait();
  assert.equal(end.exit_code, 3, end.output);
  assert.doesNotMatch(server.attaches[0].query, /tty=/);
  assert.deepEqual(server.attaches[0].resizes, []);
  assert.equal(server.attaches[0].stdin, 'exit 3\n', 'the terminal turned Enter into a newline (cooked mode)');
  assert.doesNotMatch(end.output, /Session ended/);
  assert.deepEqual(end.termios, before);
});
