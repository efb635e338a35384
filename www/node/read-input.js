// @ts-check
/**
 * `-f` and `--custom` input for the Node CLI, read like kubectl's resource builder reads it —
 * files, directories (their `.json`/`.yaml`/`.yml` files, not recursing: `kubectl debug` has
 * no `-R`), `http(s)://` URLs and `-` for standard input — and bounded: every read stops at the
 * input size limit (devices and FIFOs included), and a URL has a timeout. A value that is not
 * an existing path but a pattern (`pods/*.yaml`) is expanded, as kubectl does.
 * @module
 */
import { open, readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { DebugError } from '../host/errors.js';
import { BadPatternError, glob, hasMeta } from './glob.js';

// DIVERGENCE(kubectl): kubectl reads `-f`/`--custom` without a limit (`-f /dev/zero` forever);
// we stop at a configurable budget with `input/too-large`.
/** The default input size limit: 8 MiB (the API server refuses bodies over 3 MiB anyway). */
export const DEFAULT_MAX_INPUT_BYTES = 8 * 1024 * 1024;
/** How long one attempt to read a `-f` URL may take. */
export const DEFAULT_URL_TIMEOUT_MS = 30000;
/** kubectl's `FileExtensions`. */
const FILE_EXTENSIONS = ['.json', '.yaml', '.yml'];
const CHUNK = 64 * 1024;

/**
 * @typedef {{ name: string, read: () => Promise<string> }} InputSource one file, URL or stdin
 * @typedef {{
 *   maxBytes?: number,
 *   urlTimeoutMs?: number,
 *   urlRetryDelayMs?: number,
 *   stdin?: AsyncIterable<Uint8Array | string> | null,
 *   fetch?: typeof fetch,
 * }} ReaderOptions
 */

/**
 * A reader for one run: the byte budget is shared by everything the run reads.
 * @param {ReaderOptions} [options]
 */
export function createInputReader(options = {}) {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_INPUT_BYTES;
  let remaining = maxBytes;
  let stdinUsed = false;
  /** @param {string} name */
  const tooLarge = (name) => new DebugError(`${name} is larger than the input size limit of ${maxBytes} bytes`
    + ' (raise it with --max-input-size or KUBEDEBUG_MAX_INPUT)', { code: 'input/too-large' });
  /**
   * Collect chunks until the end or the budget runs out.
   * @param {string} name
   * @param {AsyncIterable<Uint8Array | string>} chunks
   */
  const collect = async (name, chunks) => {
    /** @type {Buffer[]} */
    const parts = [];
    for await (const chunk of chunks) {
      const buf = typeof chunk === 'string' ? Buffer.from(chunk) : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
      remaining -= buf.length;
      if (remaining < 0) throw tooLarge(name);
      parts.push(buf);
    }
    return Buffer.concat(parts).toString('utf8');
  };

  /**
   * A file (any kind: regular, device, FIFO), read up to the budget. Errors are Node's (`code`).
   * @param {string} file
   * @returns {Promise<string>}
   */
  const readFile = async (file) => {
    const handle = await open(file, 'r');
    try {
      return await collect(file, (async function* chunks() {
        for (;;) {
          // One byte more than the budget proves it is exceeded without reading further.
          const size = Math.min(CHUNK, Math.max(remaining + 1, 1));
          const { bytesRead, buffer } = await handle.read(Buffer.allocUnsafe(size), 0, size, null);
          if (!bytesRead) return;
          yield buffer.subarray(0, bytesRead);
        }
      })());
    } finally {
      await handle.close();
    }
  };

  /**
   * A URL, like kubectl's `readHttpWithRetries`: up to 3 attempts 1 s apart on network errors
   * and 5xx; any status but 200 is an error.
   * @param {string} url
   * @returns {Promise<string>}
   */
  const readUrl = async (url) => {
    const fetchFn = options.fetch ?? fetch;
    // DIVERGENCE(kubectl): kubectl's http.Get has no timeout; each attempt here has one.
    const timeoutMs = options.urlTimeoutMs ?? DEFAULT_URL_TIMEOUT_MS;
    /** @type {unknown} */
    let error;
    for (let attempt = 0; attempt < 3; attempt++) {
      if (attempt) await new Promise((r) => setTimeout(r, options.urlRetryDelayMs ?? 1000));
      const signal = AbortSignal.timeout(timeoutMs);
      let res;
      try {
        res = await fetchFn(url, { signal, redirect: 'follow' });
      } catch (err) {
        error = urlError(url, err, timeoutMs);
        continue;
      }
      if (res.status === 200 && res.body) {
        try {
          return await collect(url, /** @type {AsyncIterable<Uint8Array>} */ (/** @type {unknown} */ (res.body)));
        } catch (err) {
          if (err instanceof DebugError) throw err;
          throw urlError(url, err, timeoutMs);
        }
      }
      await res.body?.cancel().catch(() => {});
      error = new DebugError(`unable to read URL "${url}", server reported ${res.status} ${res.statusText}, status code=${res.status}`,
        { code: 'file/url' });
      if (res.status < 500 || res.status >= 600) break;
    }
    throw error;
  };

  /**
   * kubectl's `FilenameParam`: each `-f` value as the sources it names, checked up front
   * (missing paths, a directory without recognised files) before anything is read.
   * @param {string[]} filenames
   * @returns {Promise<InputSource[]>}
   */
  const sources = async (filenames) => {
    /** @type {InputSource[]} */
    const out = [];
    for (const name of filenames) {
      if (name === '-') {
        if (stdinUsed) throw new DebugError('standard input cannot be used for multiple arguments', { code: 'file/stdin-twice' });
        stdinUsed = true;
        out.push({ name: 'STDIN', read: () => collect('standard input', options.stdin ?? emptyStream()) });
      } else if (/^https?:\/\//.test(name)) {
        out.push({ name, read: () => readUrl(name) });
      } else {
        const paths = await expandPattern(name);
        for (const p of paths) out.push(...await pathSources(p));
        if (!out.length) {
          throw new DebugError(`error reading [${paths.join(' ')}]: recognized file extensions are [${FILE_EXTENSIONS.join(' ')}]`,
            { code: 'file/no-files' });
        }
      }
    }
    return out;
  };

  /**
   * kubectl's `expandIfFilePattern`: a value that does not exist is a `filepath.Glob` pattern.
   * @param {string} name
   * @returns {Promise<string[]>}
   */
  const expandPattern = async (name) => {
    if (!hasMeta(name) || await stat(name).then(() => true, (err) => err?.code !== 'ENOENT')) return [name];
    let matches;
    try {
      matches = await glob(name);
    } catch (err) {
      if (err instanceof BadPatternError) {
        throw new DebugError(`pattern ${goQuote(name)} is not valid: ${err.message}`, { code: 'file/pattern', cause: err });
      }
      throw err;
    }
    if (!matches.length) throw new DebugError(`the path "${name}" does not exist`, { code: 'file/missing' });
    return matches;
  };

  /**
   * @param {string} name
   * @returns {Promise<InputSource[]>}
   */
  const pathSources = async (name) => {
    let info;
    try {
      info = await stat(name);
    } catch (err) {
      if (/** @type {any} */ (err)?.code === 'ENOENT' || /** @type {any} */ (err)?.code === 'ENOTDIR') {
        throw new DebugError(`the path "${name}" does not exist`, { code: 'file/missing', cause: err });
      }
      throw new DebugError(`the path "${name}" cannot be accessed: ${osError(err)}`, { code: 'file/access', cause: err });
    }
    if (!info.isDirectory()) return [{ name, read: () => readFile(name).catch((err) => { throw readError(name, err); }) }];
    // Go's filepath.Walk: lexical order; subdirectories skipped without -R.
    const entries = (await readdir(name, { withFileTypes: true })).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    return entries
      .filter((e) => !e.isDirectory() && FILE_EXTENSIONS.includes(path.extname(e.name)))
      .map((e) => {
        const file = path.join(name, e.name);
        return { name: file, read: () => readFile(file).catch((err) => { throw readError(file, err); }) };
      });
  };

  return { sources, readFile, readUrl, get maxBytes() { return maxBytes; } };
}

/** @returns {AsyncIterable<Uint8Array>} */
async function* emptyStream() {}

/**
 * Go's `%q` of a string (`strconv.Quote`): control characters as escapes.
 * @param {string} s
 */
function goQuote(s) {
  const named = /** @type {Record<string, string>} */ ({
    '\x07': '\\a', '\b': '\\b', '\f': '\\f', '\n': '\\n', '\r': '\\r', '\t': '\\t', '\v': '\\v', '"': '\\"', '\\': '\\\\',
  });
  // eslint-disable-next-line no-control-regex
  return `"${s.replace(/[\x00-\x1f\x7f-\x9f"\\]/g, (c) => named[c]
    ?? (c.charCodeAt(0) < 0x80 ? `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}` : `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`))}"`;
}

/**
 * @param {string} name
 * @param {unknown} err
 */
function readError(name, err) {
  if (err instanceof DebugError) return err;
  const code = /** @type {any} */ (err)?.code;
  return new DebugError(`${code === 'EISDIR' ? 'read' : 'open'} ${name}: ${osError(err)}`, { code: 'file/read', cause: err });
}

/** Go's texts for the errno codes of a failed open or read. */
const ERRNO_TEXT = /** @type {Record<string, string>} */ ({
  ENOENT: 'no such file or directory', EACCES: 'permission denied', EISDIR: 'is a directory', ENOTDIR: 'not a directory',
  ELOOP: 'too many levels of symbolic links', ENAMETOOLONG: 'file name too long', ENXIO: 'no such device or address',
});

/** @param {unknown} err */
function osError(err) {
  const code = /** @type {any} */ (err)?.code;
  return ERRNO_TEXT[code] ?? (err instanceof Error ? err.message : String(err));
}

/**
 * A failed URL read in kubectl's words where it has them.
 * @param {string} url
 * @param {unknown} err
 * @param {number} timeoutMs
 */
function urlError(url, err, timeoutMs) {
  const e = /** @type {any} */ (err);
  const cause = e?.cause ?? e;
  if (e?.name === 'TimeoutError' || cause?.name === 'TimeoutError') {
    return new DebugError(`unable to read URL "${url}": no answer within ${timeoutMs / 1000}s`, { code: 'file/url-timeout', cause: err });
  }
  if (cause?.code === 'ECONNREFUSED') {
    const { host } = new URL(url);
    return new DebugError(`The connection to the server ${host} was refused - did you specify the right host or port?`,
      { code: 'file/url', cause: err });
  }
  return new DebugError(`unable to read URL "${url}": ${cause?.message ?? String(err)}`, { code: 'file/url', cause: err });
}
