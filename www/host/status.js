// @ts-check
/**
 * Turning HTTP error responses into {@link ApiError}s the way client-go does
 * (`rest.Result.Error`, `transformUnstructuredResponseError`, `errors.NewGenericServerResponse`).
 * @module
 */
import { ApiError, DebugError } from './errors.js';

/** @typedef {import('./errors.js').KubeStatus} KubeStatus */

/**
 * The resource, group and name a request path addresses (`/api/v1/namespaces/ns/pods/x/log`
 * → `{ group: '', resource: 'pods', name: 'x', subresource: 'log' }`).
 * @param {string} path
 * @returns {{ group: string, resource: string, name: string, subresource: string, namespace: string }}
 */
export function parseResourcePath(path) {
  const parts = path.split('?')[0].split('/').filter(Boolean).map(decodeURIComponent);
  /** @type {string[]} */
  let rest;
  let group = '';
  if (parts[0] === 'api') rest = parts.slice(2);
  else if (parts[0] === 'apis') {
    group = parts[1] ?? '';
    rest = parts.slice(3);
  } else rest = [];
  let namespace = '';
  if (rest[0] === 'namespaces' && rest.length >= 3) {
    namespace = rest[1];
    rest = rest.slice(2);
  }
  return { group, resource: rest[0] ?? '', name: rest[1] ?? '', subresource: rest[2] ?? '', namespace };
}

/** @type {Record<number, [string, string]>} HTTP status → [reason, message] (NewGenericServerResponse) */
const GENERIC = {
  400: ['BadRequest', 'the server rejected our request for an unknown reason'],
  401: ['Unauthorized', 'the server has asked for the client to provide credentials'],
  404: ['NotFound', 'the server could not find the requested resource'],
  405: ['MethodNotAllowed', 'the server does not allow this method on the requested resource'],
  422: ['Invalid', 'the server rejected our request due to an error in our request'],
  429: ['TooManyRequests', 'the server has received too many requests and has asked us to try again later'],
  503: ['ServiceUnavailable', 'the server is currently unable to handle the request'],
  504: ['Timeout', 'the server was unable to return a response in the time allotted, but may still be processing the request'],
};

/**
 * The error for a response without a `Status` body, worded like client-go's
 * `NewGenericServerResponse` (e.g. `the server could not find the requested resource (get pods x)`).
 * @param {number} httpStatus
 * @param {string} method
 * @param {string} path
 * @param {string} serverMessage the body when it was text/plain, else `unknown`
 * @returns {KubeStatus}
 */
export function genericStatus(httpStatus, method, path, serverMessage) {
  let reason = '';
  let message = `the server responded with the status code ${httpStatus} but did not return more information`;
  if (GENERIC[httpStatus]) [reason, message] = GENERIC[httpStatus];
  if (httpStatus === 409) {
    reason = method === 'POST' ? 'AlreadyExists' : 'Conflict';
    message = 'the server reported a conflict';
  } else if (httpStatus === 403 || httpStatus === 415) {
    reason = httpStatus === 403 ? 'Forbidden' : 'UnsupportedMediaType';
    message = serverMessage;
  } else if (httpStatus === 406) {
    reason = 'NotAcceptable';
    message = serverMessage && serverMessage !== 'unknown' ? serverMessage
      : 'the server was unable to respond with a content type that the client supports';
  } else if (!GENERIC[httpStatus] && httpStatus >= 500) {
    reason = 'InternalError';
    message = `an error on the server (${JSON.stringify(serverMessage)}) has prevented the request from succeeding`;
  }
  const { group, resource, name } = parseResourcePath(path);
  if (resource) {
    const qualified = group ? `${resource}.${group}` : resource;
    message += name ? ` (${method.toLowerCase()} ${qualified} ${name})` : ` (${method.toLowerCase()} ${qualified})`;
  }
  return {
    kind: 'Status', apiVersion: 'v1', status: 'Failure', message, reason, code: httpStatus,
    details: { name, group, kind: resource, causes: [{ type: 'UnexpectedServerResponse', message: serverMessage }] },
  };
}

/**
 * The ApiError for a non-2xx response: its `Status` body when it has one, otherwise the generic text.
 * @param {{ status: number, headers: { get(name: string): string | null } }} response
 * @param {string} bodyText
 * @param {string} method
 * @param {string} path
 * @returns {ApiError}
 */
export function apiErrorFromResponse(response, bodyText, method, path) {
  /** @type {any} */
  let body = null;
  try {
    body = JSON.parse(bodyText);
  } catch {
    body = null;
  }
  if (body && typeof body === 'object' && body.kind === 'Status' && body.status !== 'Success') {
    return new ApiError({ ...body, code: body.code || response.status }, { httpStatus: response.status });
  }
  const contentType = response.headers.get('content-type') ?? '';
  const text = contentType.startsWith('text/plain') ? bodyText.slice(0, 1024).trim() : 'unknown';
  return new ApiError(genericStatus(response.status, method, path, text), { httpStatus: response.status });
}

/**
 * kubectl `debugByEphemeralContainer`: a NotFound with an empty `details.name` from the
 * `ephemeralcontainers` subresource means the API is disabled, not that the pod is missing.
 * @param {unknown} err
 * @param {string} path
 * @returns {unknown} the mapped error, or `err` unchanged
 */
export function mapEphemeralError(err, path) {
  if (!(err instanceof ApiError) || err.reason !== 'NotFound') return err;
  if (parseResourcePath(path).subresource !== 'ephemeralcontainers') return err;
  if (err.details?.name) return err;
  return new DebugError(
    `ephemeral containers are disabled for this cluster (error from server: ${JSON.stringify(err.message)})`,
    { code: 'ephemeral/disabled', cause: err },
  );
}
