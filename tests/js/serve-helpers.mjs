// @ts-check
/** Shared setup of the `serve` security tests (not a test file itself). */
import { request } from 'node:http';
import net from 'node:net';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { serve } from '../../www/node/serve.js';
import { startFakeApiServer } from '../fake-apiserver/server.mjs';

export const KUBECONFIG_TOKEN = 'kubeconfig-secret-t0k';

/**
 * A kubeconfig file for `server` with a bearer token user.
 * @param {string} server
 */
export function kubeconfigFor(server) {
  const dir = mkdtempSync(path.join(tmpdir(), 'kubedebug-serve-sec-'));
  const file = path.join(dir, 'config');
  writeFileSync(file, `apiVersion: v1\nkind: Config\ncurrent-context: c\nclusters:\n- name: k\n  cluster: {server: "${server}"}\n`
    + `users:\n- name: u\n  user: {token: ${KUBECONFIG_TOKEN}}\ncontexts:\n- name: c\n  context: {cluster: k, user: u, namespace: default}\n`);
  return { file, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/**
 * The fake API server with one pod `web` in `default`, and `serve()` proxying it.
 * @param {import('../fake-apiserver/server.mjs').FakeOptions} [fakeOptions]
 */
export async function startServeWithFake(fakeOptions = {}) {
  const fake = await startFakeApiServer({
    fixtures: [{ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web', namespace: 'default' },
      spec: { containers: [{ name: 'app', image: 'nginx' }] }, status: { phase: 'Running' } }],
    ...fakeOptions,
  });
  const kc = kubeconfigFor(fake.url);
  /** @type {string[]} */
  const lines = [];
  const server = await serve({ port: 0, kubeconfig: kc.file, log: (l) => lines.push(l) });
  const origin = new URL(server.url).origin;
  const port = Number(new URL(server.url).port);
  return {
    fake, server, origin, port, lines, token: /** @type {string} */ (server.token ?? ''),
    async close() {
      await server.close();
      await fake.close();
      kc.cleanup();
    },
  };
}

/**
 * @typedef {{ status: number, headers: Record<string, string | string[] | undefined>, body: string }} Answer
 */

/**
 * One HTTP request with the path sent exactly as given (no client normalisation).
 * @param {number} port
 * @param {{ method?: string, path: string, headers?: Record<string, string>, body?: string }} options
 * @returns {Promise<Answer>}
 */
export function httpRequest(port, { method = 'GET', path: rawPath, headers = {}, body }) {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, method, path: rawPath, headers: { Host: `127.0.0.1:${port}`, ...headers } }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c) => { text += c; });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }));
      res.on('error', reject);
    });
    req.on('error', reject);
    if (body !== undefined) req.write(body);
    req.end();
  });
}

/**
 * Bytes written on a raw socket; resolves with everything the server sent until it closed
 * (or `idleMs` without data, for answers that keep the connection).
 * @param {number} port
 * @param {string | Buffer} bytes
 * @param {{ destroyAfterWrite?: boolean, idleMs?: number }} [options] `destroyAfterWrite`: hang up right
 *   away; `idleMs`: give up after that long without an answer (default 10 s)
 * @returns {Promise<string>}
 */
export function rawExchange(port, bytes, options = {}) {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    let out = '';
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      socket.destroy();
      resolve(out);
    };
    // Not a timed assertion: a safety net so a server that keeps a socket open cannot hang the test.
    const timer = setTimeout(finish, options.idleMs ?? 10_000);
    socket.on('connect', () => {
      socket.write(bytes);
      if (options.destroyAfterWrite) finish();
    });
    socket.on('data', (c) => {
      out += c.toString('latin1');
      // A complete answer with Content-Length: stop reading (the server may keep the socket).
      const head = out.indexOf('\r\n\r\n');
      if (head >= 0) {
        if (out.startsWith('HTTP/1.1 101 ')) return finish();
        const m = /\r\ncontent-length: *(\d+)/i.exec(out.slice(0, head));
        if (m && out.length - head - 4 >= Number(m[1])) finish();
      }
    });
    socket.on('end', finish);
    socket.on('close', finish);
    socket.on('error', finish);
  });
}

/** The status code of a raw HTTP answer, 0 when there was none. @param {string} answer */
export function statusOf(answer) {
  const m = /^HTTP\/1\.1 (\d{3})/.exec(answer);
  return m ? Number(m[1]) : 0;
}

/** A WebSocket handshake's request headers (a fixed valid key). */
export const WS_HEADERS = {
  Connection: 'Upgrade', Upgrade: 'websocket', 'Sec-WebSocket-Version': '13', 'Sec-WebSocket-Key': 'dGhlIHNhbXBsZSBub25jZQ==',
};
