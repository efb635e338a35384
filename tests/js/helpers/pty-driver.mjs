// @ts-check
/**
 * Drive a command under a pseudo-terminal through tests/js/helpers/pty_run.py (Python's `pty`
 * module: no native Node modules). Not a test file.
 * @module
 */
import { spawn, spawnSync } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const HELPER = fileURLToPath(new URL('./pty_run.py', import.meta.url));

/**
 * @typedef {{ flags: number[], icanon: boolean, echo: boolean, isig: boolean, icrnl: boolean }} TerminalModes
 * @typedef {{ exit_code: number | null, signal: number | null, output: string, termios: TerminalModes }} PtyExit
 */

/** Why a pty cannot be used here, or null. */
export function ptyUnavailable() {
  if (process.platform === 'win32') return 'no pseudo-terminals on Windows';
  const r = spawnSync('python3', ['-c', 'import pty, termios'], { stdio: 'ignore' });
  return r.status === 0 ? null : 'python3 with the pty module is not available';
}

/**
 * Start the helper; every method sends one request and resolves with its answer (rejects when
 * the helper reports a failure). `close()` ends the helper, which kills the command if alive.
 * @param {{ timeoutSeconds?: number }} [options] the helper kills everything after this long
 */
export function startPty(options = {}) {
  const child = spawn('python3', [HELPER, '--timeout', String(options.timeoutSeconds ?? 60)], { stdio: ['pipe', 'pipe', 'inherit'] });
  /** @type {((line: string) => void)[]} */
  const waiting = [];
  const lines = createInterface({ input: /** @type {import('node:stream').Readable} */ (child.stdout) });
  lines.on('line', (line) => waiting.shift()?.(line));
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.once('exit', () => { for (const w of waiting.splice(0)) w(JSON.stringify({ ok: false, error: 'pty helper exited' })); });

  /**
   * @param {Record<string, unknown>} req
   * @returns {Promise<any>}
   */
  const request = (req) => new Promise((resolve, reject) => {
    waiting.push((line) => {
      const res = JSON.parse(line);
      if (res.ok) resolve(res);
      else reject(new Error(`pty ${req.op}: ${res.error}${res.output !== undefined ? `\n--- output ---\n${res.output}` : ''}`));
    });
    /** @type {import('node:stream').Writable} */ (child.stdin).write(JSON.stringify(req) + '\n');
  });

  return {
    /** @param {{ argv: string[], env: Record<string, string>, cwd?: string, rows: number, cols: number }} o
     *  @returns {Promise<{ pid: number, termios: TerminalModes }>} */
    spawn: (o) => request({ op: 'spawn', ...o }),
    /** @param {string} text @param {number} [timeout] seconds */
    expect: (text, timeout = 10) => request({ op: 'expect', text, timeout }),
    /** @returns {Promise<{ termios: TerminalModes }>} */
    termios: () => request({ op: 'termios' }),
    /** @param {boolean} icanon @param {number} [timeout] @returns {Promise<{ termios: TerminalModes }>} */
    waitTermios: (icanon, timeout = 10) => request({ op: 'wait_termios', icanon, timeout }),
    /** @param {string} data */
    write: (data) => request({ op: 'write', data }),
    /** @param {number} rows @param {number} cols */
    resize: (rows, cols) => request({ op: 'resize', rows, cols }),
    /** @param {NodeJS.Signals} signal */
    kill: (signal) => request({ op: 'kill', signal }),
    /** @param {number} [timeout] @returns {Promise<PtyExit>} */
    wait: (timeout = 15) => request({ op: 'wait', timeout }),
    /** End the helper (and the command, if still running). */
    async close() {
      if (child.exitCode === null && child.signalCode === null) {
        /** @type {import('node:stream').Writable} */ (child.stdin).end();
        const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
        await exited;
        clearTimeout(timer);
      }
    },
  };
}
