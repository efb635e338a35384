// @ts-check
/**
 * kubectl debug's own flags as people meet them: the help line `kubedebug --help` prints
 * (kubectl's text and default, by version) and the page's form control. One entry per flag;
 * which words a flag consumes and which versions register it are the core's
 * (`kubectlFlags()`), what a flag does is the core's too. Runtime neutral, no imports.
 * @module
 */

/** @param {string} version e.g. `1.33` @returns {number} */
export function minor(version) {
  return Number(version.split('.')[1] ?? 0);
}

/** @param {string} version */
function profileText(version) {
  const names = ['"legacy"', '"general"', '"baseline"', '"netadmin"', '"restricted"'];
  if (minor(version) >= 30) names.push('"sysadmin"');
  return `Options are ${names.slice(0, -1).join(', ')} or ${names[names.length - 1]}.`;
}

/**
 * @typedef {{ label: string, kind: 'text' | 'bool' | 'tri' | 'select' | 'pairs' | 'words',
 *   group: string, hint?: string, choices?: string[], placeholder?: string, unsetWhenOff?: boolean }} FormControl
 *   `unsetWhenOff`: an unchecked `bool` is "not given" (null), for a flag whose default is configured
 * @typedef {{
 *   flag: string, key: string, value: (v: string) => string, text: (v: string) => string, since?: number,
 *   form: FormControl | null, ours?: boolean,
 * }} DebugFlag `flag` as the help shows it (`-c, --container`), `key` its `DebugOptions` field,
 *   `value`/`text` kubectl's help default and text for a version, `since` the first minor that has it,
 *   `ours` a kubedebug flag kubectl lacks
 */

/** kubectl debug's flags, in the page form's order (the help sorts them by name). */
/** @type {DebugFlag[]} */
export const DEBUG_FLAGS = [
  { flag: '--image', key: 'image', value: () => '\'\'', text: () => 'Container image to use for debug container.',
    form: { label: 'Image (--image)', kind: 'text', group: 'Container', placeholder: 'busybox' } },
  { flag: '-c, --container', key: 'container', value: () => '\'\'', text: () => 'Container name to use for debug container.',
    form: { label: 'Container name (-c)', kind: 'text', group: 'Container', placeholder: 'debugger-xxxxx' } },
  { flag: '--profile', key: 'profile', value: (v) => (minor(v) >= 36 ? "'general'" : "'legacy'"), text: (v) => profileText(v),
    form: { label: 'Profile (--profile)', kind: 'select', group: 'Container', choices: [''] } },
  { flag: '--preflight', key: 'preflight', value: () => '\'\'',
    text: () => 'kubedebug: check the planned pod against the namespace\'s PodSecurity enforce labels before sending anything: "enforce" (the default of a bare --preflight) fails with each violation as the admission words it, "warn" prints them and goes on, "off" skips the check. On by default (warn) with --profile=auto, which picks restricted, baseline or general by the same labels.',
    form: { label: 'PodSecurity pre-flight (--preflight, kubedebug)', kind: 'select', group: 'Container', choices: ['', 'warn', 'enforce', 'off'] } },
  { flag: '--image-pull-policy', key: 'imagePullPolicy', value: () => '\'\'',
    text: () => 'The image pull policy for the container. If left empty, this value will not be specified by the client and defaulted by the server.',
    form: { label: 'Image pull policy', kind: 'select', group: 'Container', choices: ['', 'Always', 'IfNotPresent', 'Never'] } },
  { flag: '--env', key: 'env', value: () => '[]', text: () => 'Environment variables to set in the container.',
    form: { label: 'Environment (--env, NAME=value per line)', kind: 'pairs', group: 'Container' } },
  { flag: '--custom', key: 'custom', value: () => '\'\'', since: 30,
    text: () => 'Path to a JSON or YAML file containing a partial container spec to customize built-in debug profiles.',
    form: { label: 'Custom profile path (--custom)', kind: 'text', group: 'Container', placeholder: 'custom.yaml' } },
  { flag: '--arguments-only', key: 'argumentsOnly', value: () => 'false',
    text: () => 'If specified, everything after -- will be passed to the new container as Args instead of Command.',
    form: { label: '--arguments-only', kind: 'bool', group: 'Container' } },
  { flag: '-i, --stdin', key: 'stdin', value: () => 'false', text: () => 'Keep stdin open on the container(s) in the pod, even if nothing is attached.',
    form: { label: '-i / --stdin', kind: 'bool', group: 'Session' } },
  { flag: '-t, --tty', key: 'tty', value: () => 'false', text: () => 'Allocate a TTY for the debugging container.',
    form: { label: '-t / --tty', kind: 'bool', group: 'Session' } },
  { flag: '--attach', key: 'attach', value: () => 'false',
    text: () => 'If true, wait for the container to start running, and then attach as if \'kubectl attach ...\' were called.  Default false, unless \'-i/--stdin\' is set, in which case the default is true.',
    form: { label: '--attach', kind: 'tri', group: 'Session' } },
  { flag: '--rm', key: 'rm', value: () => 'false', ours: true,
    text: () => 'kubedebug: when the attached session ends (exit, Ctrl-C, lost connection), delete the pod copy or node debug pod it created; an ephemeral container, which cannot be deleted, is started with stdinOnce so that it ends when you detach. Needs -i or --attach. Also rm: true in the config file.',
    form: { label: '--rm (kubedebug)', kind: 'bool', group: 'Session' } },
  { flag: '--retain', key: 'retain', value: () => 'false', ours: true,
    text: () => 'kubedebug: keep what the session created, even with rm: true in the config file.',
    form: { label: '--retain (kubedebug)', kind: 'bool', group: 'Session' } },
  { flag: '--explain', key: 'explain', value: () => 'false', ours: true,
    text: () => 'kubedebug: print what the plan changes from the source object (JSON Patch operations, each with its cause) on stderr; with --dry-run nothing is sent.',
    form: { label: '--explain (kubedebug)', kind: 'bool', group: 'Session' } },
  { flag: '-q, --quiet', key: 'quiet', value: () => 'false', text: () => 'If true, suppress informational messages.',
    form: { label: '-q / --quiet', kind: 'bool', group: 'Session' } },
  { flag: '--target', key: 'target', value: () => '\'\'', text: () => 'When using an ephemeral container, target processes in this container name.',
    form: { label: 'Target container (--target)', kind: 'text', group: 'Ephemeral', placeholder: 'app' } },
  { flag: '--copy-to', key: 'copyTo', value: () => '\'\'', text: () => 'Create a copy of the target Pod with this name.',
    form: { label: 'Copy to (--copy-to)', kind: 'text', group: 'Pod copy', placeholder: 'mypod-debug' } },
  { flag: '--set-image', key: 'setImage', value: () => '[]',
    text: () => 'When used with \'--copy-to\', a list of name=image pairs for changing container images, similar to how \'kubectl set image\' works.',
    form: { label: 'Set image (--set-image, name=image per line)', kind: 'pairs', group: 'Pod copy' } },
  { flag: '--replace', key: 'replace', value: () => 'false', text: () => 'When used with \'--copy-to\', delete the original Pod.',
    form: { label: '--replace', kind: 'bool', group: 'Pod copy' } },
  { flag: '--same-node', key: 'sameNode', value: () => 'false', text: () => 'When used with \'--copy-to\', schedule the copy of target Pod on the same node.',
    form: { label: '--same-node', kind: 'bool', group: 'Pod copy' } },
  { flag: '--share-processes', key: 'shareProcesses', value: () => 'true', text: () => 'When used with \'--copy-to\', enable process namespace sharing in the copy.',
    form: { label: '--share-processes', kind: 'tri', group: 'Pod copy' } },
  // kubedebug's own (src/overlay.rs): the debug container, then the pod a copy or node session creates.
  { flag: '--as-target-user', key: 'asTargetUser', value: () => 'false', ours: true,
    text: () => 'kubedebug: run the debug container as the target container\'s runAsUser/runAsGroup/runAsNonRoot (its own, else the pod\'s). The target: --target, or with --copy-to the container -c names; else the pod\'s default container. Applied after the profile, before a custom profile.',
    form: { label: '--as-target-user', kind: 'bool', group: 'kubedebug' } },
  { flag: '--mount-target-volumes', key: 'mountTargetVolumes', value: () => 'false', ours: true,
    text: () => 'kubedebug: give the debug container the target container\'s volumeMounts (an ephemeral container skips those with subPath, which the API server refuses).',
    form: { label: '--mount-target-volumes', kind: 'bool', group: 'kubedebug' } },
  { flag: '--volume-mount', key: 'volumeMount', value: () => '[]', ours: true,
    text: () => 'kubedebug: mount a volume of the pod in the debug container, NAME:/path or NAME:/path:ro (repeatable).',
    form: { label: 'Volume mounts (--volume-mount NAME:/path[:ro])', kind: 'words', group: 'kubedebug', placeholder: 'data:/data:ro' } },
  { flag: '--image-pull-secret', key: 'imagePullSecret', value: () => '[]', ours: true,
    text: () => 'kubedebug: add this secret to the imagePullSecrets of the pod copy or node debug pod (repeatable). An ephemeral container uses the pod\'s and its service account\'s.',
    form: { label: 'Image pull secrets (--image-pull-secret)', kind: 'words', group: 'kubedebug', placeholder: 'regcred' } },
  { flag: '--label', key: 'label', value: () => '[]', ours: true,
    text: () => 'kubedebug: set a label (key=value) on the pod copy or node debug pod (repeatable).',
    form: { label: 'Labels (--label, key=value per line)', kind: 'pairs', group: 'kubedebug' } },
  { flag: '--annotation', key: 'annotation', value: () => '[]', ours: true,
    text: () => 'kubedebug: set an annotation (key=value) on the pod copy or node debug pod (repeatable).',
    form: { label: 'Annotations (--annotation, key=value per line)', kind: 'pairs', group: 'kubedebug' } },
  { flag: '--node-selector', key: 'nodeSelector', value: () => '[]', ours: true,
    text: () => 'kubedebug: set spec.nodeSelector (key=value) on the pod copy or node debug pod (repeatable); a node must have these labels.',
    form: { label: 'Node selector (--node-selector, key=value per line)', kind: 'pairs', group: 'kubedebug' } },
  { flag: '--tolerations-from-node', key: 'tolerationsFromNode', value: () => 'false', ours: true,
    text: () => 'kubedebug: a node debug pod tolerates exactly the node\'s taints instead of every taint (operator: Exists).',
    form: { label: '--tolerations-from-node', kind: 'bool', group: 'kubedebug' } },
  { flag: '--keep-labels', key: 'keepLabels', value: () => 'false', since: 31,
    text: () => 'If true, keep the original pod labels.(This flag only works when used with \'--copy-to\')',
    form: { label: '--keep-labels', kind: 'bool', group: 'Pod copy' } },
  { flag: '--keep-annotations', key: 'keepAnnotations', value: () => 'false', since: 31,
    text: () => 'If true, keep the original pod annotations.(This flag only works when used with \'--copy-to\')',
    form: { label: '--keep-annotations', kind: 'bool', group: 'Pod copy' } },
  { flag: '--keep-liveness', key: 'keepLiveness', value: () => 'false', since: 31,
    text: () => 'If true, keep the original pod liveness probes.(This flag only works when used with \'--copy-to\')',
    form: { label: '--keep-liveness', kind: 'bool', group: 'Pod copy' } },
  { flag: '--keep-readiness', key: 'keepReadiness', value: () => 'false', since: 31,
    text: () => 'If true, keep the original pod readiness probes.(This flag only works when used with \'--copy-to\')',
    form: { label: '--keep-readiness', kind: 'bool', group: 'Pod copy' } },
  { flag: '--keep-startup', key: 'keepStartup', value: () => 'false', since: 31,
    text: () => 'If true, keep the original startup probes.(This flag only works when used with \'--copy-to\')',
    form: { label: '--keep-startup', kind: 'bool', group: 'Pod copy' } },
  { flag: '--keep-init-containers', key: 'keepInitContainers', value: () => 'true', since: 31,
    text: () => 'Run the init containers for the pod. Defaults to true.(This flag only works when used with \'--copy-to\')',
    form: { label: '--keep-init-containers', kind: 'bool', group: 'Pod copy' } },
  { flag: '--session-label', key: 'sessionLabel', value: () => 'false', ours: true,
    text: () => 'kubedebug: label and annotate the pod copy or node debug pod as a kubedebug session (kubedebug.dev/session, kubedebug.dev/journey; see kubedebug list and cleanup). Also sessionLabel: true in the config file; --session-label=false turns that off.',
    form: { label: '--session-label (kubedebug)', kind: 'bool', group: 'Session', unsetWhenOff: true } },
  { flag: '-f, --filename', key: 'filename', value: () => '[]', text: () => 'identifying the resource to debug', form: null },
];

/**
 * The long name of a help entry's flag (`-c, --container` → `container`).
 * @param {DebugFlag} f
 */
export function longName(f) {
  return f.flag.replace(/^.*--/, '');
}
