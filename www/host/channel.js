// @ts-check
/**
 * The Kubernetes remote-command WebSocket codec (`v5.channel.k8s.io`, `v4.channel.k8s.io`):
 * every binary message is one channel byte followed by the payload. Pure functions only.
 * @module
 */

/** Channel numbers of the remote-command protocols. */
export const STDIN = 0;
export const STDOUT = 1;
export const STDERR = 2;
/** Error/status channel: a JSON `Status` when the process ends (v4+). */
export const STATUS = 3;
/** Terminal size channel: `{"Width":w,"Height":h}`. */
export const RESIZE = 4;
/** v5 only: `[255, channel]` closes the named channel (half-close of stdin). */
export const CLOSE = 255;

export const PROTOCOL_V5 = 'v5.channel.k8s.io';
export const PROTOCOL_V4 = 'v4.channel.k8s.io';
/** Subprotocols offered, best first. */
export const PROTOCOLS = Object.freeze([PROTOCOL_V5, PROTOCOL_V4]);
/** Prefix of the subprotocol that carries a bearer token (the apiserver's WebSocket authenticator). */
export const BEARER_PROTOCOL_PREFIX = 'base64url.bearer.authorization.k8s.io.';

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/**
 * @typedef {{ channel: number, data: Uint8Array }} Frame
 * @typedef {{ width: number, height: number }} TerminalSize
 */

/**
 * One frame: the channel byte, then the payload.
 * @param {number} channel
 * @param {Uint8Array | string} data
 * @returns {Uint8Array}
 */
export function encodeFrame(channel, data) {
  const payload = typeof data === 'string' ? encoder.encode(data) : data;
  const frame = new Uint8Array(payload.byteLength + 1);
  frame[0] = channel;
  frame.set(payload, 1);
  return frame;
}

/**
 * @param {Uint8Array | string} data
 * @returns {Uint8Array}
 */
export function encodeStdin(data) {
  return encodeFrame(STDIN, data);
}

/**
 * @param {TerminalSize} size
 * @returns {Uint8Array} `4{"Width":w,"Height":h}`
 */
export function encodeResize(size) {
  return encodeFrame(RESIZE, JSON.stringify({ Width: size.width, Height: size.height }));
}

/**
 * The v5 close frame for a channel (only stdin is ever closed by a client).
 * @param {number} [channel]
 * @returns {Uint8Array}
 */
export function encodeClose(channel = STDIN) {
  return Uint8Array.of(CLOSE, channel);
}

/**
 * Split a received binary message into its channel and payload (a view, not a copy).
 * @param {ArrayBuffer | ArrayBufferView} message
 * @returns {Frame | null} null for an empty message
 */
export function decodeFrame(message) {
  const bytes = message instanceof ArrayBuffer ? new Uint8Array(message)
    : new Uint8Array(message.buffer, message.byteOffset, message.byteLength);
  if (bytes.byteLength === 0) return null;
  return { channel: bytes[0], data: bytes.subarray(1) };
}

/**
 * @param {Uint8Array} data
 * @returns {TerminalSize}
 */
export function decodeResize(data) {
  const { Width, Height } = JSON.parse(decoder.decode(data));
  return { width: Width, height: Height };
}

/**
 * The outcome carried by a channel-3 `Status`, as client-go's `errorDecoderV4` reads it:
 * `Success` → exit code 0; `Failure` with reason `NonZeroExitCode` and an `ExitCode` cause →
 * that code; any other failure → `error` with the status message.
 * @param {Uint8Array | string} data
 * @returns {{ exitCode: number, error?: undefined } | { exitCode?: undefined, error: string }}
 */
export function decodeStatus(data) {
  const text = typeof data === 'string' ? data : decoder.decode(data);
  /** @type {any} */
  let status;
  try {
    status = JSON.parse(text);
  } catch {
    return { error: `error stream protocol error: ${text}` };
  }
  if (status?.status === 'Success') return { exitCode: 0 };
  if (status?.status !== 'Failure') return { error: `error stream protocol error: unknown error ${JSON.stringify(text)}` };
  if (status.reason === 'NonZeroExitCode') {
    const cause = (status.details?.causes ?? []).find((/** @type {any} */ c) => c?.reason === 'ExitCode' || c?.type === 'ExitCode');
    const code = cause ? Number.parseInt(cause.message, 10) : NaN;
    if (Number.isInteger(code) && code >= 0 && code <= 255) return { exitCode: code };
    return { error: `error stream protocol error: invalid exit code value ${JSON.stringify(cause?.message ?? '')}` };
  }
  return { error: status.message || 'unknown error' };
}

/**
 * A Status the server writes on channel 3 (used by the fake API server and tests).
 * @param {number} exitCode
 * @returns {object}
 */
export function exitStatus(exitCode) {
  if (exitCode === 0) return { metadata: {}, status: 'Success' };
  return {
    metadata: {}, status: 'Failure', reason: 'NonZeroExitCode',
    message: `command terminated with non-zero exit code: exit status ${exitCode}`,
    details: { causes: [{ reason: 'ExitCode', message: String(exitCode) }] },
  };
}

/**
 * The base64url (unpadded) bearer-token subprotocol for browsers, which cannot set headers.
 * @param {string} token
 * @returns {string}
 */
export function bearerProtocol(token) {
  const bytes = encoder.encode(token);
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return BEARER_PROTOCOL_PREFIX + btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}
