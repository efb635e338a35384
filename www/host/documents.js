// @ts-check
/**
 * `-f` documents as kubectl's resource builder reads them, for the Node CLI and the page alike
 * (the `yaml` package is passed in: Node loads it lazily, the page through its import map, the
 * worker by URL). Text whose first non-blank character is `{` is JSON (kubectl's
 * `YAMLOrJSONDecoder` sniff: one object or a stream of them); anything else is a YAML stream.
 * A `kind: List` (or any `*List`) is one object, not flattened: `kubectl debug`'s builder does
 * not flatten, and the core refuses it (`"/v1, Kind=List" not supported by debug`, recorded on
 * kubectl 1.27–1.37, `file-list-*`). Empty and `null` documents are skipped; everything else
 * must be an object with `kind` and `apiVersion`, with kubectl's error texts.
 *
 * Two outputs: objects (the page; numbers become JS numbers) or each object's JSON text with
 * every number as written (the CLI: a JSON file's text is passed on unchanged, a YAML file's
 * numbers keep their source text). Duplicate mapping keys are accepted, the last one winning,
 * as kubectl does (checked with kubectl 1.27, 1.30 and 1.33); the `yaml` package's own duplicate check
 * is switched off because it is quadratic. Everything here is linear in the input, and alias
 * expansion is bounded.
 * @module
 */

import { RawNumber, stringifyExact } from './exact-json.js';

export { RawNumber, stringifyExact };

/** @typedef {typeof import('yaml')} YamlModule */

/** A malformed document; `code` is `file/parse` (or the caller's, e.g. `page/parse`). */
export class DocumentError extends Error {
  /**
   * @param {string} message kubectl's text where kubectl has one
   * @param {{ code?: string, cause?: unknown }} [options]
   */
  constructor(message, options = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'DebugError';
    /** @type {string} */
    this.code = options.code ?? 'file/parse';
  }
}

/**
 * @typedef {{ code?: string }} ParseOptions `code` of the errors thrown (default `file/parse`)
 * @typedef {{ text: string, kind: string, name: string }} DocumentText one object of a `-f` source
 */

const JSON_NUMBER = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?$/;
/** go-yaml's reader: printable characters only (YAML 1.1 §5.1; U+FFFD stands for invalid UTF-8). */
const NOT_PRINTABLE = /[^\t\n\r\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]/u;
/** The Go struct kubectl decodes a document's type into first (`couldn't get version/kind`). */
const GO_TYPE_META = 'struct { APIVersion string "json:\\"apiVersion,omitempty\\""; Kind string "json:\\"kind,omitempty\\"" }';

/**
 * Each object of a `-f` source as JSON text, numbers as written.
 * @param {YamlModule} yaml
 * @param {string} text
 * @param {string} source the path or URL, as kubectl names it in errors
 * @param {ParseOptions} [options]
 * @returns {DocumentText[]}
 */
export function parseDocumentTexts(yaml, text, source, options = {}) {
  const code = options.code;
  const json = jsonDocument(text, source, code);
  if (json?.error === undefined && json) {
    checkTypeMeta(json.value, () => text.trim(), source, code);
    return [{ text, kind: json.value.kind, name: nameOf(json.value) }];
  }
  const stream = json?.error ? jsonStream(text) : null;
  if (stream) {
    return stream.map((part) => {
      const value = JSON.parse(part);
      checkTypeMeta(value, () => part.trim(), source, code);
      return { text: part, kind: value.kind, name: nameOf(value) };
    });
  }
  return objectsOf(yaml, text, source, code, true, json?.error).map((o) => {
    try {
      return { text: stringifyExact(o), kind: o.kind, name: nameOf(o) };
    } catch (err) {
      throw tooDeep(err, source, code);
    }
  });
}

/**
 * The objects of pasted or uploaded text (numbers as JS numbers).
 * @param {YamlModule} yaml
 * @param {string} text
 * @param {string} source shown in errors
 * @param {ParseOptions} [options]
 * @returns {any[]}
 */
export function parseDocumentObjects(yaml, text, source, options = {}) {
  const json = jsonDocument(text, source, options.code);
  if (json?.error === undefined && json) {
    checkTypeMeta(json.value, () => text.trim(), source, options.code);
    return [json.value];
  }
  const stream = json?.error ? jsonStream(text) : null;
  if (stream) {
    return stream.map((part) => {
      const value = JSON.parse(part);
      checkTypeMeta(value, () => part.trim(), source, options.code);
      return value;
    });
  }
  return objectsOf(yaml, text, source, options.code, false, json?.error);
}

/**
 * JSON only (a host without the `yaml` package): one object or a stream of them, checked like
 * kubectl (a `*List` stays one object).
 * @param {string} text
 * @param {string} source
 * @param {ParseOptions} [options]
 * @returns {any[]}
 */
export function parseJsonObjects(text, source, options = {}) {
  const { code } = options;
  if (!text.trim()) return [];
  let value;
  try {
    value = JSON.parse(text);
  } catch (err) {
    const stream = jsonStream(text);
    if (!stream) throw new DocumentError(`error parsing ${source}: ${jsonErrorText(err, text)}`, { code, cause: err });
    return stream.map((part) => {
      const item = JSON.parse(part);
      checkTypeMeta(item, () => part.trim(), source, code);
      return item;
    });
  }
  if (value === null) return [];
  checkTypeMeta(value, () => text.trim(), source, code);
  return [value];
}

/**
 * A stream of JSON objects (`{…}\n{…}`, as kubectl's `YAMLOrJSONDecoder` reads one after the
 * other), split into each object's text; `null` unless every part is an object that parses.
 * @param {string} text
 * @returns {string[] | null}
 */
function jsonStream(text) {
  /** @type {string[]} */
  const parts = [];
  let depth = 0;
  let start = -1;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
      continue;
    }
    if (c === '"') inString = true;
    else if (c === '{' || c === '[') {
      if (depth === 0) {
        if (c !== '{') return null;
        start = i;
      }
      depth++;
    } else if (c === '}' || c === ']') {
      depth--;
      if (depth < 0) return null;
      if (depth === 0) parts.push(text.slice(start, i + 1));
    } else if (depth === 0 && !/\s/.test(c)) return null;
  }
  if (depth !== 0 || parts.length < 2) return null;
  for (const part of parts) {
    try {
      JSON.parse(part);
    } catch {
      return null;
    }
  }
  return parts;
}

/**
 * JSON text (or YAML) as a tree whose numbers are {@link RawNumber}s: for printing a body
 * exactly as it would be sent.
 * @param {YamlModule} yaml
 * @param {string} text
 * @returns {any}
 */
export function parseExact(yaml, text) {
  const docs = parseStream(yaml, text, 'the plan', undefined);
  return docs.length ? convert(yaml, docs[0], 'the plan', undefined, true) : null;
}

/**
 * The document as JSON when kubectl would read it as JSON (first non-blank byte `{`). When
 * JSON.parse refuses it, `error` is kept: kubectl then reads it as YAML (which takes, e.g., a
 * raw line break in a string) and reports the JSON error only if that fails too.
 * @param {string} text
 * @param {string} source
 * @param {string | undefined} code
 * @returns {{ value: any, error?: undefined } | { value?: undefined, error: DocumentError } | null}
 */
function jsonDocument(text, source, code) {
  if (!/^\s*\{/.test(text)) return null;
  try {
    return { value: JSON.parse(text) };
  } catch (err) {
    return { error: new DocumentError(`error parsing ${source}: ${jsonErrorText(err, text)}`, { code, cause: err }) };
  }
}

/**
 * JSON.parse's complaint in Go's words where they are known: `unexpected EOF` for a truncated
 * document, `json: offset N: invalid character '\x1b' in string literal` for a control character.
 * @param {unknown} err
 * @param {string} [text]
 */
function jsonErrorText(err, text = '') {
  const message = err instanceof Error ? err.message : String(err);
  const at = /at position (\d+)/.exec(message);
  if (/Unexpected end of JSON input/.test(message) || (at && Number(at[1]) >= text.trimEnd().length)) return 'unexpected EOF';
  const bad = /Bad control character in string literal in JSON at position (\d+)/.exec(message);
  if (bad) {
    const at = Number(bad[1]);
    const offset = new TextEncoder().encode(text.slice(0, at)).length + 1;
    return `json: offset ${offset}: invalid character '${goQuoteChar(text.charCodeAt(at))}' in string literal`;
  }
  return message;
}

/** @param {number} c a control character, as Go's `quoteChar` writes it */
function goQuoteChar(c) {
  const named = /** @type {Record<number, string>} */ ({ 7: '\\a', 8: '\\b', 9: '\\t', 10: '\\n', 11: '\\v', 12: '\\f', 13: '\\r' });
  return named[c] ?? `\\x${c.toString(16).padStart(2, '0')}`;
}

/**
 * The YAML stream's objects, Lists flattened and checked.
 * @param {YamlModule} yaml
 * @param {string} text
 * @param {string} source
 * @param {string | undefined} code
 * @param {boolean} exact numbers as {@link RawNumber}
 * @param {DocumentError} [jsonError] thrown instead of a YAML syntax error (JSON-looking text)
 * @returns {any[]}
 */
function objectsOf(yaml, text, source, code, exact, jsonError) {
  /** @type {any[]} */
  const values = [];
  try {
    const bad = NOT_PRINTABLE.exec(text);
    if (bad) throw new DocumentError(`error parsing ${source}: error converting YAML to JSON: yaml: control characters are not allowed`, { code });
    for (const doc of parseStream(yaml, text, source, code)) values.push(convert(yaml, doc, source, code, exact));
  } catch (err) {
    throw jsonError ?? err;
  }
  /** @type {any[]} */
  const out = [];
  for (const value of values) {
    if (value === null || value === undefined) continue;
    checkTypeMeta(value, () => goJson(value), source, code);
    out.push(value);
  }
  return out;
}

/**
 * @param {YamlModule} yaml
 * @param {string} text
 * @param {string} source
 * @param {string | undefined} code
 * @returns {import('yaml').Document.Parsed[]}
 */
function parseStream(yaml, text, source, code) {
  let docs;
  try {
    // uniqueKeys: false — kubectl accepts duplicate keys (the last wins), and the package's
    // check compares every pair of keys (a pod with 100,000 labels took a minute).
    // version 1.1 — kubectl reads YAML with go-yaml v2 (YAML 1.1: `yes`/`on`/`y` are true,
    // `0755` is octal), narrowed to what go-yaml resolves (GO_YAML_TAGS).
    docs = yaml.parseAllDocuments(text, { uniqueKeys: false, intAsBigInt: true, version: '1.1', customTags: GO_YAML_TAGS });
  } catch (err) {
    throw tooDeep(err, source, code);
  }
  const list = Array.isArray(docs) ? docs : [];
  for (const doc of list) {
    const e = doc.errors[0];
    if (e) {
      if (/Maximum call stack/.test(e.message)) throw tooDeep(new RangeError(e.message), source, code);
      // DIVERGENCE(kubectl): go-yaml's syntax messages are not reproduced; the yaml package's
      // message is given in go-yaml's frame (`yaml: line N: …`), without its source excerpt.
      const line = e.linePos?.[0]?.line;
      const message = e.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
      throw new DocumentError(`error parsing ${source}: error converting YAML to JSON: yaml: ${line ? `line ${line}: ` : ''}${message}`,
        { code, cause: e });
    }
  }
  return list;
}

/**
 * The `yaml` package's YAML 1.1 tags as go-yaml v2 resolves plain scalars: no sexagesimal
 * numbers (`1:30` stays a string) and no timestamps (go-yaml v2 keeps a date-like scalar a
 * string when the target is an interface, as for `-f`), and Go's `0o755` octal
 * (`strconv.ParseInt(s, 0, 64)`). Pinned by the recorded `file-yaml11-*` cases.
 * @param {import('yaml').Tags} tags
 * @returns {import('yaml').Tags}
 */
function GO_YAML_TAGS(tags) {
  const kept = tags.filter((t) => typeof t !== 'object' || (t.format !== 'TIME' && t.tag !== 'tag:yaml.org,2002:timestamp'));
  /** @type {import('yaml').ScalarTag} */
  const octal0o = {
    identify: (v) => typeof v === 'bigint' || Number.isInteger(v),
    default: true,
    tag: 'tag:yaml.org,2002:int',
    format: 'OCT',
    test: /^[-+]?0o[0-7]+$/,
    resolve: (str, _onError, opt) => {
      const n = BigInt(str.replace(/^[-+]/, '')) * (str.startsWith('-') ? -1n : 1n);
      return opt.intAsBigInt ? n : Number(n);
    },
  };
  return [...kept, octal0o];
}

/**
 * One document's contents as plain values: linear, aliases shared (not copied), expansion bounded.
 * @param {YamlModule} yaml
 * @param {import('yaml').Document.Parsed} doc
 * @param {string} source
 * @param {string | undefined} code
 * @param {boolean} exact
 * @returns {any}
 */
function convert(yaml, doc, source, code, exact) {
  /** @type {Map<string, unknown>} */
  const anchors = new Map();
  /** @type {Map<unknown, { value: any, size: number } | null>} node → converted (null while in progress) */
  const done = new Map();
  let nodes = 0;
  /** @param {string} message */
  const fail = (message) => new DocumentError(`error parsing ${source}: error converting YAML to JSON: yaml: ${message}`, { code });
  /**
   * @param {unknown} node
   * @returns {{ value: any, size: number }} `size`: nodes once aliases are expanded
   */
  const walk = (node) => {
    if (node == null) return { value: null, size: 1 };
    if (yaml.isAlias(node)) {
      const target = anchors.get(node.source);
      if (target === undefined) throw fail(`unknown anchor '${node.source}' referenced`);
      const seen = done.get(target);
      if (seen === null) throw fail(`anchor '${node.source}' value contains itself`);
      return seen ?? walk(target);
    }
    const anchor = /** @type {{ anchor?: string }} */ (node).anchor;
    if (anchor) anchors.set(anchor, node);
    nodes++;
    done.set(node, null);
    /** @type {{ value: any, size: number }} */
    let result;
    if (yaml.isMap(node)) {
      /** @type {Record<string, any>} */
      const value = {};
      let size = 1;
      for (const pair of node.items) {
        const key = keyText(pair.key);
        const r = walk(pair.value);
        size += r.size;
        // A `__proto__` key is data, not the prototype.
        if (key === '__proto__') Object.defineProperty(value, key, { value: r.value, enumerable: true, writable: true, configurable: true });
        else value[key] = r.value;
      }
      result = { value, size };
    } else if (yaml.isSeq(node)) {
      let size = 1;
      const value = node.items.map((item) => {
        const r = walk(item);
        size += r.size;
        return r.value;
      });
      result = { value, size };
    } else if (yaml.isScalar(node)) {
      result = { value: scalar(/** @type {import('yaml').Scalar.Parsed} */ (node)), size: 1 };
    } else {
      result = { value: null, size: 1 };
    }
    done.set(node, result);
    return result;
  };
  /** @param {unknown} key @returns {string} a mapping key as kubectl's JSON key */
  const keyText = (key) => {
    if (key == null) return 'null';
    if (yaml.isScalar(key)) {
      const v = key.value;
      return typeof v === 'string' ? v : v === null ? 'null' : String(v);
    }
    const v = walk(key).value;
    return typeof v === 'string' ? v : stringifyExact(v);
  };
  // DIVERGENCE(kubectl): go-yaml turns numbers into int64/float64 (`1e2` → 100); numbers keep
  // their source text here (the README's "Nothing lost"), normalised only where YAML is not JSON.
  /** @param {import('yaml').Scalar.Parsed} node */
  const scalar = (node) => {
    const v = node.value;
    if (typeof v === 'bigint') return exact ? new RawNumber(JSON_NUMBER.test(node.source) ? node.source : String(v)) : Number(v);
    if (typeof v === 'number') {
      if (!exact) return v;
      if (JSON_NUMBER.test(node.source)) return new RawNumber(node.source);
      if (!Number.isFinite(v)) throw fail(`json: unsupported value: ${v > 0 ? '+Inf' : v < 0 ? '-Inf' : 'NaN'}`);
      return new RawNumber(jsonNumberText(node.source, v));
    }
    if (v === undefined) return null;
    if (v !== null && typeof v === 'object') return String(node.source);
    return v;
  };
  let top;
  try {
    top = doc.contents == null ? { value: null, size: 0 } : walk(doc.contents);
  } catch (err) {
    throw tooDeep(err, source, code);
  }
  // Aliases are shared while converting; expanded (by JSON or the Wasm) they could be
  // exponential. go-yaml refuses such documents with this text.
  if (top.size > 10 * nodes + 100000) throw fail('document contains excessive aliasing');
  return top.value;
}

/**
 * A YAML number that is not JSON (`+1`, `.5`, `1.`, `007`, `0x1f`) as JSON text, digits kept.
 * @param {string} source
 * @param {number} value
 */
function jsonNumberText(source, value) {
  const m = /^([-+]?)(\d*)(?:\.(\d*))?(?:[eE]([-+]?\d+))?$/.exec(source.replace(/_/g, ''));
  if (!m) return String(value);
  const int = m[2].replace(/^0+(?=\d)/, '') || '0';
  const frac = m[3] ? `.${m[3]}` : '';
  const exp = m[4] !== undefined ? `e${m[4]}` : '';
  return `${m[1] === '-' ? '-' : ''}${int}${frac}${exp}`;
}

/** @param {any} v */
function nameOf(v) {
  const name = v?.metadata?.name;
  return typeof name === 'string' ? name : '';
}

/**
 * kubectl's checks of a document's type (`unable to decode "SOURCE": …`).
 * @param {any} v
 * @param {() => string} jsonText the document as kubectl quotes it
 * @param {string} source
 * @param {string | undefined} code
 */
function checkTypeMeta(v, jsonText, source, code) {
  const fail = (/** @type {string} */ message) => new DocumentError(`unable to decode "${source}": ${message}`, { code });
  if (v === null || typeof v !== 'object' || Array.isArray(v) || v instanceof RawNumber) {
    throw fail(`couldn't get version/kind; json parse error: json: cannot unmarshal ${goKind(v)} into Go value of type ${GO_TYPE_META}`);
  }
  for (const field of ['apiVersion', 'kind']) {
    const f = v[field];
    if (f != null && typeof f !== 'string') {
      throw fail(`couldn't get version/kind; json parse error: json: cannot unmarshal ${goKind(f)} into Go struct field .${field} of type string`);
    }
  }
  if (!v.kind) throw fail(`Object 'Kind' is missing in '${jsonText()}'`);
  if (!v.apiVersion) throw fail(`Object 'apiVersion' is missing in '${jsonText()}'`);
}

/** @param {unknown} v Go's name of a JSON value's type in unmarshal errors */
function goKind(v) {
  if (Array.isArray(v)) return 'array';
  if (v instanceof RawNumber || typeof v === 'number' || typeof v === 'bigint') return 'number';
  if (typeof v === 'boolean') return 'bool';
  if (typeof v === 'string') return 'string';
  return 'object';
}

/**
 * A converted YAML document as Go's `json.Marshal` writes it (sorted keys, `<>&` escaped).
 * @param {any} v
 */
function goJson(v) {
  /** @param {any} x @returns {any} */
  const sorted = (x) => {
    if (Array.isArray(x)) return x.map(sorted);
    if (x === null || typeof x !== 'object' || x instanceof RawNumber) return x;
    /** @type {Record<string, any>} */
    const o = {};
    for (const k of Object.keys(x).sort()) o[k] = sorted(x[k]);
    return o;
  };
  return stringifyExact(sorted(v)).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/**
 * A stack overflow on deep nesting becomes a sentence.
 * @param {unknown} err
 * @param {string} source
 * @param {string | undefined} code
 */
function tooDeep(err, source, code) {
  if (err instanceof RangeError) return new DocumentError(`error parsing ${source}: the document is nested too deeply`, { code, cause: err });
  return err;
}
