// @ts-check
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ApiError, AttachError, DebugError, formatError, isDebugError } from '../../www/host/errors.js';
import { apiErrorFromResponse, genericStatus, mapEphemeralError, parseResourcePath } from '../../www/host/status.js';

const response = (/** @type {number} */ status, type = 'application/json') => ({ status, headers: { get: () => type } });

test('Status bodies become ApiErrors printed like kubectl', () => {
  const err = apiErrorFromResponse(response(404), JSON.stringify({ kind: 'Status', apiVersion: 'v1', status: 'Failure',
    message: 'pods "x" not found', reason: 'NotFound', details: { name: 'x', kind: 'pods' }, code: 404 }), 'GET', '/api/v1/namespaces/d/pods/x');
  assert.ok(err instanceof ApiError);
  assert.equal(err.name, 'ApiError');
  assert.equal(err.code, 'api/NotFound');
  assert.equal(err.reason, 'NotFound');
  assert.equal(err.details?.name, 'x');
  assert.equal(formatError(err), 'Error from server (NotFound): pods "x" not found');
});

test('409 on create prints AlreadyExists', () => {
  const err = apiErrorFromResponse(response(409), JSON.stringify({ kind: 'Status', status: 'Failure', reason: 'AlreadyExists',
    message: 'pods "cp" already exists', code: 409 }), 'POST', '/api/v1/namespaces/d/pods');
  assert.equal(formatError(err), 'Error from server (AlreadyExists): pods "cp" already exists');
  assert.equal(err.code, 'api/AlreadyExists');
});

test('Unauthorized prints the login hint', () => {
  const err = new ApiError({ status: 'Failure', reason: 'Unauthorized', message: 'Unauthorized', code: 401 });
  assert.equal(formatError(err), 'error: You must be logged in to the server (Unauthorized)');
});

test('non-Status bodies get client-go\'s generic texts', () => {
  assert.equal(formatError(apiErrorFromResponse(response(404), '<html>', 'GET', '/api/v1/namespaces/d/pods/x')),
    'Error from server (NotFound): the server could not find the requested resource (get pods x)');
  assert.equal(formatError(apiErrorFromResponse(response(500, 'text/plain'), 'boom\n', 'POST', '/api/v1/namespaces/d/pods')),
    'Error from server (InternalError): an error on the server ("boom") has prevented the request from succeeding (post pods)');
  assert.equal(formatError(apiErrorFromResponse(response(500), '{}', 'GET', '/apis/apps/v1/namespaces/d/deployments/w')),
    'Error from server (InternalError): an error on the server ("unknown") has prevented the request from succeeding (get deployments.apps w)');
  assert.equal(genericStatus(418, 'GET', '/version', 'unknown').message,
    'the server responded with the status code 418 but did not return more information');
  assert.equal(formatError(new ApiError(genericStatus(418, 'GET', '/version', 'unknown'))),
    'Error from server: the server responded with the status code 418 but did not return more information');
  assert.equal(genericStatus(409, 'POST', '/api/v1/namespaces/d/pods', 'unknown').reason, 'AlreadyExists');
  assert.equal(genericStatus(409, 'PATCH', '/api/v1/namespaces/d/pods/p', 'unknown').reason, 'Conflict');
});

test('ephemeralcontainers 404 with no details.name means the API is disabled', () => {
  const path = '/api/v1/namespaces/d/pods/p/ephemeralcontainers';
  const disabled = new ApiError({ status: 'Failure', reason: 'NotFound', code: 404, details: {},
    message: 'the server could not find the requested resource' });
  const mapped = /** @type {DebugError} */ (mapEphemeralError(disabled, path));
  assert.equal(mapped.message, 'ephemeral containers are disabled for this cluster (error from server: "the server could not find the requested resource")');
  assert.equal(mapped.code, 'ephemeral/disabled');
  assert.equal(mapped.cause, disabled);
  assert.equal(formatError(mapped), 'error: ephemeral containers are disabled for this cluster (error from server: "the server could not find the requested resource")');
  const missingPod = new ApiError({ status: 'Failure', reason: 'NotFound', code: 404, details: { name: 'p', kind: 'pods' }, message: 'pods "p" not found' });
  assert.equal(mapEphemeralError(missingPod, path), missingPod);
  assert.equal(mapEphemeralError(disabled, '/api/v1/namespaces/d/pods'), disabled);
});

test('error classes carry name, code and cause', () => {
  const cause = new Error('low');
  const d = new DebugError('x', { code: 'wait/timeout', cause });
  const a = new AttachError('y', { cause });
  assert.deepEqual([d.name, d.code, d.cause], ['DebugError', 'wait/timeout', cause]);
  assert.deepEqual([a.name, a.code, a.cause], ['AttachError', 'attach/failed', cause]);
  assert.ok(isDebugError(d) && isDebugError(a) && !isDebugError(new Error('z')));
  assert.equal(formatError(d), 'error: x');
});

test('resource paths are parsed like client-go requests', () => {
  assert.deepEqual(parseResourcePath('/api/v1/namespaces/ns/pods/p/ephemeralcontainers?x=1'),
    { group: '', resource: 'pods', name: 'p', subresource: 'ephemeralcontainers', namespace: 'ns' });
  assert.deepEqual(parseResourcePath('/api/v1/nodes/n1'), { group: '', resource: 'nodes', name: 'n1', subresource: '', namespace: '' });
});

test('every error code of the core is in the ErrorCode union of index.d.ts', async () => {
  const { readFile } = await import('node:fs/promises');
  const root = new URL('../../', import.meta.url);
  const rust = await readFile(new URL('src/error.rs', root), 'utf8');
  const dts = await readFile(new URL('www/core/index.d.ts', root), 'utf8');
  const withoutComments = dts.replace(/\/\*[\s\S]*?\*\//g, '');
  const union = /export type ErrorCode =([^;]*);/.exec(withoutComments)?.[1] ?? '';
  const declared = new Set([...union.matchAll(/'([^']+)'/g)].map((m) => m[1]));
  const codes = [...rust.matchAll(/Code::\w+ => "([^"]+)"/g)].map((m) => m[1]);
  assert.ok(codes.length >= 18, `codes read from src/error.rs: ${codes.length}`);
  assert.deepEqual(codes.filter((c) => !declared.has(c)), []);
});
