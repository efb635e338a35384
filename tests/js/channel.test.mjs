// @ts-check
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as ch from '../../www/host/channel.js';

const bytes = (/** @type {Uint8Array} */ u) => [...u];

test('channel numbers and protocols are kubernetes\'', () => {
  assert.deepEqual([ch.STDIN, ch.STDOUT, ch.STDERR, ch.STATUS, ch.RESIZE, ch.CLOSE], [0, 1, 2, 3, 4, 255]);
  assert.deepEqual([...ch.PROTOCOLS], ['v5.channel.k8s.io', 'v4.channel.k8s.io']);
});

test('stdin frame is channel byte 0 then the bytes', () => {
  assert.deepEqual(bytes(ch.encodeStdin('ls\n')), [0, 0x6c, 0x73, 0x0a]);
  assert.deepEqual(bytes(ch.encodeStdin(Uint8Array.of(1, 2))), [0, 1, 2]);
  assert.deepEqual(bytes(ch.encodeStdin('')), [0]);
});

test('resize frame is channel 4 with Width/Height JSON', () => {
  const frame = ch.encodeResize({ width: 120, height: 40 });
  assert.equal(frame[0], 4);
  assert.equal(new TextDecoder().decode(frame.subarray(1)), '{"Width":120,"Height":40}');
  assert.deepEqual(ch.decodeResize(frame.subarray(1)), { width: 120, height: 40 });
});

test('v5 close frame for stdin is [255, 0]', () => {
  assert.deepEqual(bytes(ch.encodeClose()), [255, 0]);
  assert.deepEqual(bytes(ch.encodeClose(ch.STDIN)), [255, 0]);
});

test('decodeFrame round-trips and handles ArrayBuffer, views and empty messages', () => {
  const frame = ch.encodeFrame(ch.STDERR, 'oops');
  const decoded = ch.decodeFrame(/** @type {ArrayBuffer} */ (frame.buffer));
  assert.equal(decoded?.channel, 2);
  assert.equal(new TextDecoder().decode(decoded?.data), 'oops');
  const padded = new Uint8Array([9, 9, 1, 104, 105]).subarray(2);
  assert.deepEqual(bytes(/** @type {any} */ (ch.decodeFrame(padded)).data), [104, 105]);
  assert.equal(ch.decodeFrame(new ArrayBuffer(0)), null);
  assert.deepEqual(bytes(/** @type {any} */ (ch.decodeFrame(Uint8Array.of(1))).data), []);
});

test('status: Success is exit 0', () => {
  assert.deepEqual(ch.decodeStatus('{"metadata":{},"status":"Success"}'), { exitCode: 0 });
});

test('status: NonZeroExitCode carries the ExitCode cause', () => {
  const status = JSON.stringify(ch.exitStatus(42));
  assert.deepEqual(ch.decodeStatus(new TextEncoder().encode(status)), { exitCode: 42 });
  assert.equal(JSON.parse(status).details.causes[0].reason, 'ExitCode');
  assert.equal(JSON.parse(status).details.causes[0].message, '42');
});

test('status: other failures are errors with the server message', () => {
  assert.deepEqual(ch.decodeStatus('{"status":"Failure","message":"container not found (\\"x\\")"}'),
    { error: 'container not found ("x")' });
  assert.deepEqual(ch.decodeStatus('{"status":"Failure","reason":"NonZeroExitCode","details":{"causes":[{"reason":"ExitCode","message":"x"}]}}'),
    { error: 'error stream protocol error: invalid exit code value "x"' });
  assert.match(/** @type {string} */ (ch.decodeStatus('not json').error), /^error stream protocol error: not json$/);
});

test('bearer subprotocol is unpadded base64url of the token', () => {
  assert.equal(ch.bearerProtocol('abc?>'), 'base64url.bearer.authorization.k8s.io.YWJjPz4');
  assert.equal(ch.bearerProtocol('a'), 'base64url.bearer.authorization.k8s.io.YQ');
});
