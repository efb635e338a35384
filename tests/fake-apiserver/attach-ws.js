// @ts-check
/**
 * The fake `pods/NAME/attach` WebSocket: speaks v5/v4.channel.k8s.io, echoes stdin on stdout,
 * records resizes, and ends with a channel-3 Status on stdin close, the input `exit [N]`, or
 * when the test says the container exited (`serveAttach`'s answer).
 * @module
 */
import {
  STDIN, STDOUT, STATUS, RESIZE, CLOSE, BEARER_PROTOCOL_PREFIX,
  decodeFrame, decodeResize, encodeFrame, exitStatus,
} from '../../www/host/channel.js';

/**
 * @typedef {{
 *   path: string, query: string, protocol: string, offered: string[], token: string | null,
 *   stdin: string, resizes: { width: number, height: number }[], stdinClosed: boolean,
 *   exitCode: number | null, closed: boolean,
 * }} AttachRecord
 */

/**
 * The subprotocol the server picks: the first one the client offers that the server speaks.
 * @param {string[]} offered
 * @param {string[]} supported
 */
export function chooseProtocol(offered, supported) {
  return offered.find((p) => supported.includes(p)) ?? null;
}

/**
 * Drive one accepted attach socket.
 * @param {import('ws').WebSocket} ws
 * @param {AttachRecord} record
 * @param {{ exitCode: number }} behaviour default exit code when stdin closes
 * @param {() => void} onDone
 * @returns {(code: number) => void} ends the session from the container's side (its process
 *   exited): the channel-3 Status with `code`, then the close
 */
export function serveAttach(ws, record, behaviour, onDone) {
  const decoder = new TextDecoder();
  let line = '';
  let finished = false;
  const finish = (/** @type {number} */ code) => {
    if (finished) return;
    finished = true;
    record.exitCode = code;
    ws.send(encodeFrame(STATUS, JSON.stringify(exitStatus(code))), () => ws.close(1000));
  };
  ws.on('message', (data, isBinary) => {
    if (!isBinary || finished) return;
    const bytes = Array.isArray(data) ? Buffer.concat(data) : Buffer.from(/** @type {any} */ (data));
    const frame = decodeFrame(bytes);
    if (!frame) return;
    if (frame.channel === STDIN) {
      const text = decoder.decode(frame.data, { stream: true });
      record.stdin += text;
      ws.send(encodeFrame(STDOUT, frame.data));
      line += text;
      let nl;
      while ((nl = line.search(/[\r\n]/)) >= 0) {
        const m = /^exit(?:\s+(\d+))?\s*$/.exec(line.slice(0, nl).trim());
        line = line.slice(nl + 1);
        if (m) return finish(m[1] ? Number(m[1]) : behaviour.exitCode);
      }
    } else if (frame.channel === RESIZE) {
      record.resizes.push(decodeResize(frame.data));
    } else if (frame.channel === CLOSE && record.protocol.startsWith('v5.') && frame.data[0] === STDIN) {
      record.stdinClosed = true;
      finish(behaviour.exitCode);
    }
  });
  ws.on('close', () => {
    record.closed = true;
    onDone();
  });
  ws.on('error', () => ws.terminate());
  return finish;
}

/**
 * The bearer token carried in the offered subprotocols, if any.
 * @param {string[]} offered
 * @returns {string | null}
 */
export function tokenFromProtocols(offered) {
  const p = offered.find((x) => x.startsWith(BEARER_PROTOCOL_PREFIX));
  if (!p) return null;
  const b64 = p.slice(BEARER_PROTOCOL_PREFIX.length).replace(/-/g, '+').replace(/_/g, '/');
  return Buffer.from(b64, 'base64').toString('utf8');
}
