// @ts-check
/**
 * The browser terminal: xterm.js with the fit add-on, turned into the host's `DebugIo`
 * (kubectl's messages and the container's output in, keystrokes and sizes out). Shaped like an
 * xterm add-on: everything registered is collected and unwound by `dispose()`.
 * @module
 */
import { Terminal } from '@xterm/xterm';
import { FitAddon } from '@xterm/addon-fit';

/** @typedef {import('../host/session.js').DebugIo} DebugIo */
/** @typedef {import('../host/channel.js').TerminalSize} TerminalSize */

/**
 * Keystrokes as an async iterable that ends when the session ends (`close()` or `return()`).
 */
export class InputQueue {
  constructor() {
    /** @type {string[]} */
    this.buffered = [];
    /** @type {((result: IteratorResult<string>) => void) | null} */
    this.waiting = null;
    this.closed = false;
  }

  /** @param {string} data */
  push(data) {
    if (this.closed) return;
    if (this.waiting) {
      const resolve = this.waiting;
      this.waiting = null;
      resolve({ value: data, done: false });
    } else this.buffered.push(data);
  }

  close() {
    this.closed = true;
    if (this.waiting) {
      const resolve = this.waiting;
      this.waiting = null;
      resolve({ value: undefined, done: true });
    }
  }

  /** @returns {AsyncIterator<string>} */
  [Symbol.asyncIterator]() {
    return {
      next: () => {
        if (this.buffered.length) return Promise.resolve({ value: /** @type {string} */ (this.buffered.shift()), done: false });
        if (this.closed) return Promise.resolve({ value: undefined, done: true });
        return new Promise((resolve) => { this.waiting = resolve; });
      },
      return: () => {
        this.close();
        return Promise.resolve({ value: undefined, done: true });
      },
    };
  }
}

/**
 * Open a terminal in `container`.
 * @param {HTMLElement} container
 */
export function createTerminal(container) {
  const term = new Terminal({
    convertEol: true, cursorBlink: true, fontSize: 13, scrollback: 5000,
    fontFamily: 'ui-monospace, "DejaVu Sans Mono", Menlo, monospace',
    theme: { background: '#0f172a', foreground: '#e2e8f0', cursor: '#38bdf8' },
  });
  const fit = new FitAddon();
  term.loadAddon(fit);
  term.open(container);
  const refit = () => {
    try {
      fit.fit();
    } catch {
      // Not laid out yet (hidden panel): the next resize fits.
    }
  };
  refit();
  const observer = new ResizeObserver(refit);
  observer.observe(container);
  /** @type {InputQueue | null} */
  let input = null;
  const dataListener = term.onData((data) => input?.push(data));

  return {
    term,
    fit: refit,
    /**
     * The I/O of one debug session; keystrokes go to it until `endSession()`.
     * @param {{ readFile?: (path: string) => Promise<string> }} [extra]
     * @returns {DebugIo}
     */
    session(extra = {}) {
      input?.close();
      input = new InputQueue();
      return {
        stdout: (data) => term.write(data),
        stderr: (data) => term.write(data),
        stdin: input,
        isTerminal: true,
        terminalSize: () => ({ width: term.cols, height: term.rows }),
        onResize: (listener) => {
          const d = term.onResize(({ cols, rows }) => listener({ width: cols, height: rows }));
          return () => d.dispose();
        },
        readFile: extra.readFile,
      };
    },
    endSession() {
      input?.close();
      input = null;
    },
    /** @param {string} text a line of the page's own (not kubectl's) */
    note(text) {
      term.write(`\x1b[2m${text}\x1b[0m\r\n`);
    },
    dispose() {
      input?.close();
      dataListener.dispose();
      observer.disconnect();
      term.dispose();
    },
  };
}

/** @typedef {ReturnType<typeof createTerminal>} BrowserTerminal */
