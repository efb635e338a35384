// @ts-check
/**
 * The playground's whole state, kept in the URL hash so a link reproduces a session:
 * `#v=1.33&cmd=kubectl%20debug%20web%20--image=busybox&ex=pods/web-app`.
 * Pure functions only (no DOM): the page reads `location.hash` and writes it back.
 * @module
 */

/**
 * @typedef {{
 *   version: string,
 *   line: string,
 *   namespace: string,
 *   example: string,
 *   target: string,
 *   custom: string,
 *   format: 'yaml' | 'json',
 *   suffixes: string[],
 *   seed: number | null,
 *   enforce: string,
 *   enforceVersion: string,
 * }} PlaygroundState
 * `line` is the `kubectl debug …` command line (the source of truth for the options);
 * `target` is pasted Pod/Node text (wins over `example`, a bundled example id);
 * `custom` is the `--custom` file's text; `suffixes` fix generated names (docs, tests);
 * `enforce`/`enforceVersion` are the namespace's `pod-security.kubernetes.io/enforce` and
 * `-version` labels (empty: no label), for `--profile=auto` and `--preflight`.
 */

/** Hash keys, short to keep links short. */
const KEYS = /** @type {const} */ ({
  version: 'v', line: 'cmd', namespace: 'ns', example: 'ex', target: 'obj',
  custom: 'custom', format: 'fmt', suffixes: 'sfx', seed: 'seed', enforce: 'pse', enforceVersion: 'psv',
});

export const DEFAULT_EXAMPLE = 'pods/web-app';

/** @returns {PlaygroundState} */
export function defaultState() {
  return {
    version: '1.37',
    line: 'kubectl debug web-app-6b9f7d8c4d-2lqzv -it --image=busybox:1.36 --profile=general',
    namespace: 'default',
    example: DEFAULT_EXAMPLE,
    target: '',
    custom: '',
    format: 'yaml',
    suffixes: [],
    seed: null,
    enforce: '',
    enforceVersion: '',
  };
}

/**
 * Read the state from a location hash (with or without `#`); missing keys keep their defaults.
 * @param {string} hash
 * @returns {PlaygroundState}
 */
export function decodeState(hash) {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  const state = defaultState();
  const get = (/** @type {keyof typeof KEYS} */ key) => params.get(KEYS[key]);
  state.version = get('version') ?? state.version;
  state.line = get('line') ?? state.line;
  state.namespace = get('namespace') ?? state.namespace;
  state.target = get('target') ?? '';
  state.example = get('example') ?? (state.target ? '' : state.example);
  state.custom = get('custom') ?? '';
  state.format = get('format') === 'json' ? 'json' : 'yaml';
  const sfx = get('suffixes');
  state.suffixes = sfx ? sfx.split(',').filter(Boolean) : [];
  const seed = Number(get('seed'));
  state.seed = get('seed') !== null && Number.isSafeInteger(seed) ? seed : null;
  state.enforce = get('enforce') ?? '';
  state.enforceVersion = get('enforceVersion') ?? '';
  return state;
}

/**
 * The hash for a state (without `#`), leaving out what equals the default.
 * @param {PlaygroundState} state
 * @returns {string}
 */
export function encodeState(state) {
  const base = defaultState();
  const params = new URLSearchParams();
  if (state.version !== base.version) params.set(KEYS.version, state.version);
  params.set(KEYS.line, state.line);
  if (state.namespace !== base.namespace) params.set(KEYS.namespace, state.namespace);
  if (state.target) params.set(KEYS.target, state.target);
  else if (state.example) params.set(KEYS.example, state.example);
  if (state.custom) params.set(KEYS.custom, state.custom);
  if (state.format !== 'yaml') params.set(KEYS.format, state.format);
  if (state.suffixes.length) params.set(KEYS.suffixes, state.suffixes.join(','));
  if (state.seed !== null) params.set(KEYS.seed, String(state.seed));
  if (state.enforce) params.set(KEYS.enforce, state.enforce);
  if (state.enforceVersion) params.set(KEYS.enforceVersion, state.enforceVersion);
  return params.toString().replace(/\+/g, '%20');
}
