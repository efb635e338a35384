// @ts-check
/**
 * Which form field an error belongs to, from its stable `code` and kubectl's message, so the
 * page can show kubectl's words next to the field that caused them. Pure.
 * @module
 */

/**
 * Form field keys (DebugOptions names), plus `line` (the command line as a whole),
 * `object` (the pasted Pod/Node), `version`, and `flag:<camelName>` for an unknown flag (the form
 * marks that field when it has one, else the command line).
 * @typedef {string} FieldKey
 */

/** Ordered: the first matching rule wins. */
const MESSAGE_RULES = /** @type {[RegExp, FieldKey][]} */ ([
  [/^invalid image name ".*" for container/, 'setImage'],
  [/^invalid image name/, 'image'],
  [/image pull policy/, 'imagePullPolicy'],
  [/"--env" flag|--env\b/, 'env'],
  [/"--set-image" flag|--set-image may only/, 'setImage'],
  [/--target is incompatible/, 'target'],
  [/-i\/--stdin is required/, 'tty'],
  [/--same-node may only/, 'sameNode'],
  [/--replace may only/, 'replace'],
  [/"--copy-to" flag|--copy-to\b.*invalid|invalid.*copy/, 'copyTo'],
  [/custom profile|does not contain a valid container spec/, 'custom'],
  [/unknown profile|"--profile" flag/, 'profile'],
  [/specify --container|existing container|container .* not found/, 'container'],
  [/you must specify (--)?image/, 'image'],
  [/NAME or filename is required|not supported by debug|the target (pod|node|object)/, 'object'],
  [/"--image-pull-policy" flag/, 'imagePullPolicy'],
  [/^--profile=auto/, 'profile'],
  [/--preflight\b/, 'preflight'],
  [/"--(stdin|tty|attach|quiet|keep-[a-z-]+|share-processes|same-node|replace)" flag/, 'line'],
]);

/** By code, when the message says nothing more specific. */
const CODE_FIELDS = /** @type {Record<string, FieldKey>} */ ({
  'profile/unknown': 'profile',
  'custom/read': 'custom',
  'custom/invalid': 'custom',
  'custom/forbidden': 'custom',
  'custom/merge': 'custom',
  'target/unsupported-kind': 'object',
  'target/invalid': 'object',
  'target/unknown-resource-type': 'line',
  'target/namespace-mismatch': 'namespace',
  'target/names-with-filename': 'line',
  'input/unsupported-version': 'version',
  'input/invalid': 'object',
  'flag/unknown': 'line',
  'flag/needs-argument': 'line',
  'file/parse': 'object',
  'page/parse': 'object',
  'page/split': 'line',
  'profile/auto-node': 'profile',
  'preflight/violation': 'preflight',
  'workload/unreadable': 'object',
  'workload/no-selector': 'object',
  'workload/no-pods': 'object',
  'workload/not-running': 'object',
  'workload/invalid-option': 'line',
});

/**
 * @param {{ code?: string, message?: string } | null | undefined} err
 * @returns {FieldKey}
 */
export function fieldForError(err) {
  const message = err?.message ?? '';
  const code = err?.code ?? '';
  if (code.startsWith('custom/')) return 'custom';
  const overlay = code.startsWith('overlay/') && /^--([a-z-]+)/.exec(message);
  if (overlay) return overlay[1].replace(/-([a-z])/g, (_, c) => c.toUpperCase());
  const unknown = /^unknown flag: --([a-z-]+)/.exec(message);
  if (unknown) return 'flag:' + unknown[1].replace(/-([a-z])/g, (_, c) => c.toUpperCase());
  for (const [re, field] of MESSAGE_RULES) if (re.test(message)) return field;
  return CODE_FIELDS[code] ?? 'line';
}
