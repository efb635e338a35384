// @ts-check
/**
 * Attach to a container over the remote-command WebSocket (kubectl `attach.DefaultAttachFunc`
 * + client-go's websocket executor), with the socket made by an injected factory.
 * @module
 */
import {
  PROTOCOLS, PROTOCOL_V5, PROTOCOL_V4, STDOUT, STDERR, STATUS,
  bearerProtocol, decodeFrame, decodeStatus, encodeClose, encodeResize, encodeStdin,
} from './channel.js';
import { AttachError } from './errors.js';
import { segment } from './api-path.js';

/** @typedef {import('./channel.js').TerminalSize} TerminalSize */
/** @typedef {import('../core/index.js').AttachTarget} AttachTarget */

/**
 * The browser `WebSocket` surface the host uses (the `ws` package offers the same).
 * @typedef {{
 *   binaryType: string, protocol: string, readyState: number,
 *   send(data: Uint8Array): void, close(code?: number, reason?: string): void,
 *   addEventListener(type: string, listener: (event: any) => void): void,
 *   removeEventListener(type: string, listener: (event: any) => void): void,
 * }} WebSocketLike
 * @typedef {(url: string, protocols: string[]) => WebSocketLike} WebSocketFactory
 */

/**
 * @typedef {{
 *   stdout(data: Uint8Array): void,
 *   stderr(data: Uint8Array): void,
 * }} AttachOutput
 */

const OPEN = 1;

/**
 * The attach path kubectl requests: query keys sorted and `false` values omitted, as
 * client-go's parameter codec does; stderr is not requested in a raw TTY session.
 * @param {{ namespace: string, pod: string, container: string }} target
 * @param {{ stdin: boolean, tty: boolean }} mode
 * @returns {string}
 */
export function attachPath(target, mode) {
  const params = [['container', target.container], ['stderr', !mode.tty], ['stdin', mode.stdin],
    ['stdout', true], ['tty', mode.tty]];
  const query = params.filter(([, v]) => v !== false)
    .map(([k, v]) => `${k}=${encodeURIComponent(String(v))}`).join('&');
  return `/api/v1/namespaces/${segment(target.namespace)}/pods/`
    + `${segment(target.pod)}/attach?${query}`;
}

/**
 * `http(s)://host` + path → `ws(s)://host` + path.
 * @param {string} server
 * @param {string} path
 * @returns {string}
 */
export function webSocketUrl(server, path) {
  return server.replace(/\/+$/, '').replace(/^http/, 'ws') + path;
}

/**
 * Run one attach session: resolves with the remote exit code when the server closes the stream.
 * Rejects with {@link AttachError} when the socket cannot be opened or fails, or the channel-3
 * status is a failure other than a non-zero exit; with `signal.reason` on abort.
 * @param {{
 *   url: string,
 *   webSocketFactory: WebSocketFactory,
 *   output: AttachOutput,
 *   stdin?: AsyncIterable<Uint8Array | string> | null,
 *   token?: string,
 *   tty?: boolean,
 *   terminalSize?: (() => TerminalSize | null | undefined) | null,
 *   onResize?: ((listener: (size: TerminalSize) => void) => (() => void)) | null,
 *   signal?: AbortSignal,
 * }} options `token` adds the bearer subprotocol (browsers); sizes are sent only with `tty`
 * @returns {Promise<{ exitCode: number, protocol: string }>}
 */
export function attach(options) {
  const { url, webSocketFactory, output, stdin, token, tty = false, terminalSize, onResize, signal } = options;
  const protocols = token ? [...PROTOCOLS, bearerProtocol(token)] : [...PROTOCOLS];
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    /** @type {WebSocketLike} */
    let ws;
    try {
      ws = webSocketFactory(url, protocols);
    } catch (err) {
      return reject(new AttachError(errorText(err), { code: 'attach/connect', cause: err }));
    }
    ws.binaryType = 'arraybuffer';
    /** @type {(() => void)[]} */
    const disposables = [];
    /** @type {{ exitCode: number } | { error: string } | null} */
    let outcome = null;
    let opened = false;
    let settled = false;
    let protocol = '';
    /** @type {AsyncIterator<Uint8Array | string> | null} */
    let input = null;

    /** @param {string} type @param {(event: any) => void} fn */
    const listen = (type, fn) => {
      ws.addEventListener(type, fn);
      disposables.push(() => ws.removeEventListener(type, fn));
    };
    const dispose = () => {
      while (disposables.length) /** @type {() => void} */ (disposables.pop())();
      if (input?.return) Promise.resolve(input.return()).catch(() => {});
      input = null;
      if (ws.readyState <= OPEN) ws.close(1000);
    };
    /** @param {() => void} settle */
    const finish = (settle) => {
      if (settled) return;
      settled = true;
      dispose();
      settle();
    };
    /** @param {unknown} err */
    const fail = (err) => finish(() => reject(err));
    /** @param {Uint8Array} frame */
    const send = (frame) => {
      if (ws.readyState === OPEN) ws.send(frame);
    };

    listen('open', () => {
      opened = true;
      protocol = ws.protocol;
      if (protocol !== PROTOCOL_V5 && protocol !== PROTOCOL_V4) {
        return fail(new AttachError(`unsupported remote command protocol ${JSON.stringify(protocol)}`,
          { code: 'attach/protocol' }));
      }
      if (tty) startResize();
      if (stdin) pumpStdin(stdin).catch((err) => fail(new AttachError(errorText(err), { code: 'attach/stdin', cause: err })));
    });
    listen('message', (event) => {
      if (typeof event.data === 'string') return;
      const frame = decodeFrame(event.data);
      if (!frame) return;
      if (frame.channel === STDOUT) output.stdout(frame.data);
      else if (frame.channel === STDERR) output.stderr(frame.data);
      else if (frame.channel === STATUS && frame.data.byteLength) outcome = decodeStatus(frame.data);
    });
    listen('error', (event) => {
      const cause = event?.error ?? event;
      const text = event?.error ? errorText(event.error) : (event?.message || 'websocket error');
      fail(new AttachError(opened ? text : `unable to upgrade connection: ${text}`,
        { code: opened ? 'attach/socket' : 'attach/connect', cause }));
    });
    listen('close', (event) => {
      if (!opened) {
        return fail(new AttachError(`unable to upgrade connection: websocket closed (${event?.code ?? ''})`,
          { code: 'attach/connect' }));
      }
      const result = outcome ?? { exitCode: 0 };
      if ('error' in result) return fail(new AttachError(result.error, { code: 'attach/status' }));
      finish(() => resolve({ exitCode: result.exitCode, protocol }));
    });
    if (signal) {
      const onAbort = () => fail(signal.reason);
      signal.addEventListener('abort', onAbort, { once: true });
      disposables.push(() => signal.removeEventListener('abort', onAbort));
    }

    function startResize() {
      const size = terminalSize?.();
      if (size) {
        // kubectl first sends size+1, then the size, so a re-attached screen is redrawn.
        send(encodeResize({ width: size.width + 1, height: size.height + 1 }));
        send(encodeResize(size));
      }
      if (onResize) disposables.push(onResize((next) => send(encodeResize(next))));
    }

    /** @param {AsyncIterable<Uint8Array | string>} source */
    async function pumpStdin(source) {
      input = source[Symbol.asyncIterator]();
      for (;;) {
        const current = input;
        if (!current) return;
        const { done, value } = await current.next();
        if (settled) return;
        if (done) break;
        send(encodeStdin(value));
      }
      // v5 half-closes stdin; v4 has no way to say so and just keeps the socket open.
      if (protocol === PROTOCOL_V5) send(encodeClose());
    }
  });
}

/** @param {unknown} err */
function errorText(err) {
  return err instanceof Error ? err.message : String(err);
}
