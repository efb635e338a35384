// @ts-check
/**
 * The Node process as the host's `DebugIo`: stdout/stderr, stdin as an async iterable (piped or
 * a terminal), raw terminal mode while a TTY session reads stdin (restored on every way out),
 * the terminal size and SIGWINCH resizes, and `-f`/`--custom` file reads.
 * @module
 */
import { readFile } from 'node:fs/promises';

/** @typedef {import('../host/session.js').DebugIo} DebugIo */
/**
 * @typedef {{
 *   stdin: NodeJS.ReadStream, stdout: NodeJS.WriteStream, stderr: NodeJS.WriteStream,
 * }} ProcessStreams
 */

/**
 * @param {ProcessStreams} streams `stdin` may be a getter
 * @param {{ tty: boolean }} options `tty`: the session asked for `-t` (raw mode once stdin is read)
 * @returns {{ io: DebugIo, restore: () => void }} `restore` puts the terminal back; call it on exit
 */
export function createProcessIo(streams, options) {
  // `streams.stdin` is read only when needed: `process.stdin` costs a few ms to make.
  const { stdout, stderr } = streams;
  let raw = false;
  const restore = () => {
    if (raw && typeof streams.stdin.setRawMode === 'function') streams.stdin.setRawMode(false);
    raw = false;
  };
  /** @returns {AsyncGenerator<Uint8Array>} */
  async function* readStdin() {
    const { stdin } = streams;
    if (options.tty && stdin.isTTY && typeof stdin.setRawMode === 'function') {
      stdin.setRawMode(true);
      raw = true;
    }
    try {
      for await (const chunk of stdin) yield typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    } finally {
      restore();
    }
  }
  /** @type {DebugIo} */
  const io = {
    stdout: (data) => { stdout.write(data); },
    stderr: (data) => { stderr.write(data); },
    stdin: { [Symbol.asyncIterator]: () => readStdin() },
    get isTerminal() { return Boolean(streams.stdin.isTTY); },
    terminalSize: () => (stdout.isTTY && stdout.columns ? { width: stdout.columns, height: stdout.rows } : null),
    onResize: (listener) => {
      if (!stdout.isTTY) return () => {};
      const onResize = () => listener({ width: stdout.columns, height: stdout.rows });
      stdout.on('resize', onResize);
      return () => { stdout.off('resize', onResize); };
    },
    readFile: (path) => readFile(path, 'utf8'),
  };
  return { io, restore };
}

/**
 * Write everything and wait until the streams drained (before `process.exit`).
 * @param {NodeJS.WriteStream[]} streams
 * @returns {Promise<void>}
 */
export async function flush(streams) {
  await Promise.all(streams.map((s) => new Promise((resolve) => {
    if (s.writableLength === 0) resolve(undefined);
    else s.write('', () => resolve(undefined));
  })));
}
