// @ts-check
/**
 * Error classes of the JS host. Every failure the host reports is one of these, with a stable
 * `code`, kubectl's text as `message`, and the underlying error as `cause`.
 * @module
 */

/** The code of the abort reason a host gives when the user interrupts the session (Ctrl-C). */
export const INTERRUPTED = 'host/interrupted';

/**
 * A failure of the debug session that is not an API status (waiting, timeouts, bad input).
 * The CLI prints it as `error: <message>` and exits 1, like kubectl's `cmdutil.CheckErr`.
 */
export class DebugError extends Error {
  /**
   * @param {string} message kubectl's text (what follows `error: `)
   * @param {{ code?: string, cause?: unknown }} [options]
   */
  constructor(message, options = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'DebugError';
    /** @type {string} */
    this.code = options.code ?? 'debug/error';
  }
}

/**
 * A Kubernetes `Status` failure (or a non-Status error response turned into one, as client-go
 * does). `toString()`-style text for the CLI comes from {@link formatError}.
 */
export class ApiError extends Error {
  /**
   * @param {KubeStatus} status the Status object (as sent by the server, or synthesised)
   * @param {{ cause?: unknown, httpStatus?: number }} [options]
   */
  constructor(status, options = {}) {
    super(status.message ?? '', options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'ApiError';
    /** @type {KubeStatus} */
    this.status = status;
    /** @type {string} `StatusReason`, e.g. `NotFound`; empty when unknown */
    this.reason = status.reason ?? '';
    /** @type {number} */
    this.httpStatus = options.httpStatus ?? status.code ?? 0;
    /** @type {string} */
    this.code = 'api/' + (this.reason || 'Unknown');
    /** @type {KubeStatus['details'] | undefined} */
    this.details = status.details;
  }
}

/** A failure to open or keep the attach WebSocket, or a remote-command failure status. */
export class AttachError extends Error {
  /**
   * @param {string} message
   * @param {{ code?: string, cause?: unknown }} [options]
   */
  constructor(message, options = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'AttachError';
    /** @type {string} */
    this.code = options.code ?? 'attach/failed';
  }
}

/**
 * @typedef {{
 *   kind?: string, apiVersion?: string, status?: string, message?: string, reason?: string,
 *   code?: number, metadata?: object,
 *   details?: { name?: string, group?: string, kind?: string, uid?: string,
 *     causes?: { type?: string, reason?: string, message?: string, field?: string }[] },
 * }} KubeStatus
 */

/**
 * True for errors created by the host or by the Wasm core (which sets `name = 'DebugError'`).
 * @param {unknown} err
 * @returns {err is Error & { code: string }}
 */
export function isDebugError(err) {
  return err instanceof Error && typeof (/** @type {any} */ (err).code) === 'string'
    && ['DebugError', 'ApiError', 'AttachError'].includes(err.name);
}

/**
 * The line kubectl prints for a failure (`cmdutil.StandardErrorMessage`), without newline:
 * `Error from server (<Reason>): <message>` for API statuses, `error: You must be logged in to the
 * server (<message>)` for Unauthorized, `error: <message>` otherwise.
 * @param {unknown} err
 * @returns {string}
 */
export function formatError(err) {
  if (err instanceof ApiError) {
    if (err.reason === 'Unauthorized') return `error: You must be logged in to the server (${err.message})`;
    if (err.reason) return `Error from server (${err.reason}): ${err.message}`;
    return `Error from server: ${err.message}`;
  }
  if (err instanceof Error) return `error: ${err.message}`;
  return `error: ${String(err)}`;
}
