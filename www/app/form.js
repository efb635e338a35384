// @ts-check
/**
 * The options form: one control per `kubectl debug` flag, built from a table, read into
 * `DebugOptions` and filled from them. kubectl's error text shows under the field it names.
 * @module
 */
import { DEBUG_FLAGS } from '../host/debug-flags.js';

/** The version whose help texts the form shows as tooltips (only `--profile`'s depends on it). */
const LATEST_HELP = '1.99';

/** @typedef {import('../core/index.js').DebugOptions} DebugOptions */
/** @typedef {import('../core/index.js').Pair} Pair */
/**
 * @typedef {{ key: string, label: string, kind: 'text' | 'bool' | 'tri' | 'select' | 'pairs' | 'words',
 *   group: string, hint?: string, choices?: string[], placeholder?: string, title?: string,
 *   unsetWhenOff?: boolean }} FieldSpec
 */

/** The fields that are not a debug flag's: the target, the namespace, the command. */
const TARGET = [
  { key: 'targets', label: 'Target (POD or node/NAME)', kind: 'words', group: 'Target', placeholder: 'mypod' },
  { key: 'namespace', label: 'Namespace (-n)', kind: 'text', group: 'Target', placeholder: '(context namespace)' },
];
const COMMAND = { key: 'args', label: 'Command (after --)', kind: 'words', group: 'Container', placeholder: 'sh -c "sleep 1d"' };

/** @type {FieldSpec[]} one per debug flag with a form control (`host/debug-flags.js`), in its order */
export const FIELDS = /** @type {FieldSpec[]} */ ([
  ...TARGET,
  ...DEBUG_FLAGS.flatMap((f) => {
    if (!f.form) return [];
    const field = { key: f.key, ...f.form, title: f.text(LATEST_HELP) };
    return f.key === 'argumentsOnly' ? [COMMAND, field] : [field];
  }),
]);

/**
 * What the form holds: options for `commandLine`, the namespace, and words for entries the
 * options cannot carry (an `--env` line without `=`), so kubectl's own error reports them.
 * @typedef {{ options: DebugOptions, namespace: string, extraArgs: string[] }} FormValue
 */

/**
 * Build the form in `root`; `onChange` runs after every user edit.
 * @param {HTMLElement} root
 * @param {{ onChange: () => void, quote: (word: string) => string, split: (line: string) => string[] }} deps
 */
export function createForm(root, deps) {
  /** @type {Map<string, HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement>} */
  const controls = new Map();
  /** @type {Map<string, HTMLElement>} */
  const errors = new Map();
  /** @type {Map<string, HTMLElement>} */
  const groups = new Map();
  for (const spec of FIELDS) {
    let group = groups.get(spec.group);
    if (!group) {
      const fieldset = document.createElement('fieldset');
      fieldset.dataset.group = spec.group;
      const legend = document.createElement('legend');
      legend.textContent = spec.group;
      fieldset.append(legend);
      root.append(fieldset);
      groups.set(spec.group, fieldset);
      group = fieldset;
    }
    const { wrapper, control } = buildField(spec);
    const error = document.createElement('div');
    error.className = 'field-error';
    error.id = `err-${spec.key}`;
    error.setAttribute('role', 'alert');
    wrapper.append(error);
    group.append(wrapper);
    controls.set(spec.key, control);
    errors.set(spec.key, error);
  }
  const onInput = () => deps.onChange();
  root.addEventListener('input', onInput);
  root.addEventListener('change', onInput);

  return {
    /** @param {string[]} names */
    setProfiles(names) {
      const select = /** @type {HTMLSelectElement} */ (controls.get('profile'));
      const current = select.value;
      select.replaceChildren(...['', ...names].map((n) => new Option(n || '(version default)', n)));
      select.value = names.includes(current) ? current : '';
    },
    /** @returns {FormValue} */
    read() {
      /** @type {Record<string, any>} */
      const options = {};
      /** @type {string[]} */
      const extraArgs = [];
      for (const spec of FIELDS) {
        const control = /** @type {any} */ (controls.get(spec.key));
        if (spec.key === 'namespace') continue;
        if (spec.kind === 'bool') options[spec.key] = control.checked || (spec.unsetWhenOff ? null : false);
        else if (spec.kind === 'tri') options[spec.key] = control.value === '' ? null : control.value === 'true';
        else if (spec.kind === 'words') options[spec.key] = control.value.trim() ? safeSplit(deps.split, control.value) : [];
        else if (spec.kind === 'pairs') {
          const { pairs, bad } = readPairs(control.value);
          options[spec.key] = pairs;
          const flag = DEBUG_FLAGS.find((f) => f.key === spec.key)?.flag ?? `--${spec.key}`;
          for (const line of bad) extraArgs.push(`${flag}=${line}`);
        } else if (spec.key === 'profile') options.profile = control.value || null;
        else options[spec.key] = control.value;
      }
      const namespace = /** @type {HTMLInputElement} */ (controls.get('namespace')).value.trim();
      return { options, namespace, extraArgs };
    },
    /**
     * @param {DebugOptions} options
     * @param {string | null} namespace
     */
    write(options, namespace) {
      /** @type {Record<string, any>} */
      const o = options;
      for (const spec of FIELDS) {
        const control = /** @type {any} */ (controls.get(spec.key));
        if (spec.key === 'namespace') control.value = namespace ?? '';
        else if (spec.kind === 'bool') control.checked = Boolean(o[spec.key]);
        else if (spec.kind === 'tri') control.value = o[spec.key] === null || o[spec.key] === undefined ? '' : String(o[spec.key]);
        else if (spec.kind === 'words') control.value = (o[spec.key] ?? []).map(deps.quote).join(' ');
        else if (spec.kind === 'pairs') control.value = (o[spec.key] ?? []).map((/** @type {Pair} */ p) => `${p.name}=${p.value}`).join('\n');
        else if (spec.kind === 'select') {
          const value = o[spec.key] ?? '';
          const select = /** @type {HTMLSelectElement} */ (control);
          if (![...select.options].some((x) => x.value === value)) select.append(new Option(value, value));
          select.value = value;
        } else control.value = o[spec.key] ?? '';
      }
    },
    /**
     * Show kubectl's message under a field; returns false when the form has no such field.
     * @param {string} field
     * @param {string} text
     */
    showError(field, text) {
      const key = field.startsWith('flag:') ? field.slice(5) : field;
      const el = errors.get(key);
      if (!el) return false;
      el.textContent = text;
      controls.get(key)?.setAttribute('aria-invalid', 'true');
      el.closest('.field')?.classList.add('has-error');
      return true;
    },
    clearErrors() {
      for (const [key, el] of errors) {
        el.textContent = '';
        controls.get(key)?.removeAttribute('aria-invalid');
        el.closest('.field')?.classList.remove('has-error');
      }
    },
    /** @param {string} key */
    control(key) {
      return controls.get(key) ?? null;
    },
    dispose() {
      root.removeEventListener('input', onInput);
      root.removeEventListener('change', onInput);
      root.replaceChildren();
    },
  };
}

/** @typedef {ReturnType<typeof createForm>} Form */

/**
 * @param {FieldSpec} spec
 * @returns {{ wrapper: HTMLElement, control: HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement }}
 */
function buildField(spec) {
  const wrapper = document.createElement('div');
  wrapper.className = `field field-${spec.kind}`;
  if (spec.title) wrapper.title = spec.title;
  const id = `opt-${spec.key}`;
  const label = document.createElement('label');
  label.htmlFor = id;
  label.textContent = spec.label;
  /** @type {HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement} */
  let control;
  if (spec.kind === 'bool') {
    const input = document.createElement('input');
    input.type = 'checkbox';
    control = input;
    wrapper.append(input, label);
  } else {
    if (spec.kind === 'select' || spec.kind === 'tri') {
      const select = document.createElement('select');
      const choices = spec.kind === 'tri' ? [['', '(not given)'], ['true', 'true'], ['false', 'false']]
        : (spec.choices ?? []).map((c) => [c, c || '(default)']);
      for (const [value, text] of choices) select.append(new Option(text, value));
      control = select;
    } else if (spec.kind === 'pairs') {
      const area = document.createElement('textarea');
      area.rows = 2;
      area.spellcheck = false;
      control = area;
    } else {
      const input = document.createElement('input');
      input.type = 'text';
      input.spellcheck = false;
      input.autocomplete = 'off';
      control = input;
    }
    if (spec.placeholder && 'placeholder' in control) control.placeholder = spec.placeholder;
    wrapper.append(label, control);
  }
  control.id = id;
  control.name = spec.key;
  control.setAttribute('aria-describedby', `err-${spec.key}`);
  return { wrapper, control };
}

/**
 * @param {string} text `NAME=value` per line
 * @returns {{ pairs: Pair[], bad: string[] }}
 */
function readPairs(text) {
  /** @type {Pair[]} */
  const pairs = [];
  /** @type {string[]} */
  const bad = [];
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    const at = line.indexOf('=');
    if (at <= 0) bad.push(line.trim());
    else pairs.push({ name: line.slice(0, at).trim(), value: line.slice(at + 1) });
  }
  return { pairs, bad };
}

/**
 * @param {(line: string) => string[]} split
 * @param {string} text
 * @returns {string[]}
 */
function safeSplit(split, text) {
  try {
    return split(text);
  } catch {
    return text.trim().split(/\s+/);
  }
}
