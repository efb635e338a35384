// @ts-check
/**
 * JSON with numbers as written: a {@link RawNumber} holds a number's source text
 * (`9007199254740993`, `1e2`, `-0`) and {@link stringifyExact} writes it back unchanged, so that
 * nothing of a `-f` object passes through JS doubles. Pure functions, no imports.
 * @module
 */

/** A number as written in the source (`1e309`, `9007199254740993`, `-0`). */
export class RawNumber {
  /** @param {string} text valid JSON number text */
  constructor(text) {
    this.text = text;
  }
}

/**
 * JSON text of a tree with {@link RawNumber}s (or of plain values); `indent` like JSON.stringify.
 * A stack overflow on a deeply nested tree is a `RangeError` for the caller to report.
 * @param {unknown} value
 * @param {number} [indent]
 * @returns {string}
 */
export function stringifyExact(value, indent = 0) {
  /** @type {string[]} */
  const out = [];
  const pad = indent > 0 ? ' '.repeat(indent) : '';
  /** @param {unknown} v @param {string} at */
  const write = (v, at) => {
    if (v instanceof RawNumber) out.push(v.text);
    else if (v === null || typeof v !== 'object') out.push(v === undefined ? 'null' : JSON.stringify(v) ?? 'null');
    else if (Array.isArray(v)) {
      if (!v.length) { out.push('[]'); return; }
      const inner = at + pad;
      out.push('[');
      v.forEach((x, i) => {
        if (i) out.push(',');
        if (pad) out.push('\n', inner);
        write(x, inner);
      });
      if (pad) out.push('\n', at);
      out.push(']');
    } else {
      const keys = Object.keys(v);
      if (!keys.length) { out.push('{}'); return; }
      const inner = at + pad;
      out.push('{');
      keys.forEach((k, i) => {
        if (i) out.push(',');
        if (pad) out.push('\n', inner);
        out.push(JSON.stringify(k), pad ? ': ' : ':');
        write(/** @type {any} */ (v)[k], inner);
      });
      if (pad) out.push('\n', at);
      out.push('}');
    }
  };
  write(value, '');
  return out.join('');
}
