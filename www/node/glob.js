// @ts-check
/**
 * Go's `filepath.Glob` for `-f` patterns: kubectl expands a `-f` value that does not exist as a
 * path (`-f 'pods/*.yaml'`). `*` and `?` never match `/`; `[…]` classes with ranges and `^`
 * negation; `\` escapes. Node 20 has no glob of its own (fs.glob arrived in Node 22), so this is
 * a small hand-written one, read from Go's documented `filepath.Match` syntax.
 * @module
 */
import { lstat, readdir, stat } from 'node:fs/promises';
import path from 'node:path';

/** Go's `filepath.ErrBadPattern`. */
export class BadPatternError extends Error {
  constructor() {
    super('syntax error in pattern');
    this.name = 'BadPatternError';
  }
}

/** @param {string} s */
export function hasMeta(s) {
  return /[*?[\\]/.test(s);
}

/**
 * One path element's pattern as a RegExp, or BadPatternError.
 * @param {string} pattern
 * @returns {RegExp}
 */
export function patternRegExp(pattern) {
  let re = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else if (c === '\\') {
      if (++i >= pattern.length) throw new BadPatternError();
      re += escapeRe(pattern[i]);
    } else if (c === '[') {
      let j = i + 1;
      let negate = false;
      if (pattern[j] === '^') { negate = true; j++; }
      let cls = '';
      for (let first = true; ; first = false) {
        if (j >= pattern.length) throw new BadPatternError();
        if (pattern[j] === ']' && !first) break;
        const lo = classChar(pattern, j);
        j = lo.next;
        if (pattern[j] === '-') {
          const hi = classChar(pattern, j + 1);
          if (hi.char < lo.char) throw new BadPatternError();
          cls += `${escapeRe(lo.char)}-${escapeRe(hi.char)}`;
          j = hi.next;
        } else {
          cls += escapeRe(lo.char);
        }
      }
      re += negate ? `[^${cls}]` : `[${cls}]`;
      i = j;
    } else {
      re += escapeRe(c);
    }
  }
  return new RegExp(`^${re}$`, 's');
}

/**
 * One character of a class (Go's `getEsc`): `-` and `]` must be escaped, `\` escapes.
 * @param {string} pattern
 * @param {number} at
 * @returns {{ char: string, next: number }}
 */
function classChar(pattern, at) {
  let j = at;
  if (pattern[j] === undefined || pattern[j] === '-' || pattern[j] === ']') throw new BadPatternError();
  if (pattern[j] === '\\') j++;
  const cp = pattern.codePointAt(j);
  if (cp === undefined) throw new BadPatternError();
  const char = String.fromCodePoint(cp);
  return { char, next: j + char.length };
}

/** @param {string} c */
function escapeRe(c) {
  return c.replace(/[\\^$.*+?()[\]{}|/-]/g, '\\$&');
}

/**
 * `filepath.Glob`: the names matching `pattern`, sorted per directory; [] when none.
 * @param {string} pattern
 * @returns {Promise<string[]>}
 */
export async function glob(pattern) {
  // Go checks the whole pattern first: a bad pattern is an error even when nothing matches.
  for (const part of pattern.split('/')) patternRegExp(part);
  if (!hasMeta(pattern)) return (await exists(pattern)) ? [pattern] : [];
  const dir = path.dirname(pattern);
  const file = path.basename(pattern);
  const dirs = hasMeta(dir) && dir !== pattern ? await glob(dir) : [dir];
  const re = patternRegExp(file);
  /** @type {string[]} */
  const out = [];
  for (const d of dirs) {
    let names;
    try {
      if (!(await stat(d)).isDirectory()) continue;
      names = (await readdir(d)).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    } catch {
      continue;
    }
    for (const name of names) if (re.test(name)) out.push(d === '.' && !pattern.startsWith('./') ? name : path.join(d, name));
  }
  return out;
}

/** @param {string} p */
async function exists(p) {
  try {
    await lstat(p);
    return true;
  } catch {
    return false;
  }
}
