/**
 * kubedebug: what `kubectl debug` would send, computed by a Wasm core.
 * Every object is plain JSON (labels and annotations are plain objects).
 */

/**
 * Load the Wasm module (browsers: fetches `kubedebug_bg.wasm` next to this file, or the given
 * URL, `Response`, bytes or module). Idempotent; a no-op where the module loads on import (Node).
 * Calling any other function first throws a {@link DebugError} with code `wasm/not-initialised`.
 */
export default function init(input?: { module_or_path?: RequestInfo | URL | Response | BufferSource | WebAssembly.Module }): Promise<unknown>;
export { init };
/** Initialise synchronously (Node): `initSync({ module: fs.readFileSync(wasmPath) })`. */
export function initSync(input: { module: BufferSource | WebAssembly.Module }): unknown;

/** kubectl minor versions whose behaviour can be followed. */
/** Supported kubectl minors: must equal `kubectlVersions()` (checked by `tests/js/versions.test.mjs`). */
export type KubectlVersion = '1.27' | '1.28' | '1.29' | '1.30' | '1.31' | '1.32' | '1.33' | '1.34' | '1.35' | '1.36' | '1.37';
/** Built-in debugging profiles (`sysadmin` from 1.30). */
export type ProfileName = 'legacy' | 'general' | 'baseline' | 'restricted' | 'netadmin' | 'sysadmin';

/** One `name=value` pair of `--env` / `--set-image`, in the order given. */
export interface Pair { name: string; value: string }

/** Every `kubectl debug` flag, plus positional targets and the `--` command. Omitted = kubectl's default. */
export interface DebugOptions {
  /** Positional targets: `POD`, `TYPE/NAME`. */
  targets?: string[];
  /** The command after `--`. */
  args?: string[];
  /** `-f/--filename`. */
  filename?: string[];
  argumentsOnly?: boolean;
  /** `--attach`; null/absent = not given (defaults to `stdin`). */
  attach?: boolean | null;
  /** `-c/--container`. */
  container?: string;
  copyTo?: string;
  /** `--custom`: path of the custom profile (its text goes in `Session.customProfile`). */
  custom?: string;
  env?: Pair[];
  image?: string;
  imagePullPolicy?: '' | 'Always' | 'IfNotPresent' | 'Never' | string;
  keepAnnotations?: boolean;
  /** Default true. */
  keepInitContainers?: boolean;
  keepLabels?: boolean;
  keepLiveness?: boolean;
  keepReadiness?: boolean;
  keepStartup?: boolean;
  /** null/absent = the version's default (`legacy` until 1.35, `general` from 1.36); `auto` (kubedebug's): by the namespace's PodSecurity enforce label. */
  profile?: ProfileName | 'auto' | string | null;
  quiet?: boolean;
  /** `--rm` (kubedebug's, needs `-i`/`--attach`): delete the copy or node pod at the end (`Plan.cleanup`); ephemeral: `stdinOnce`. */
  rm?: boolean;
  /** `--retain` (kubedebug's): keep what the session created, whatever `Session.defaultRm` says. */
  retain?: boolean;
  /** `--preflight` (kubedebug's): `warn`, `enforce`, `off`; empty = not given (`warn` with `auto`, else off). */
  preflight?: '' | 'warn' | 'enforce' | 'off' | string;
  replace?: boolean;
  sameNode?: boolean;
  /**
   * `--session-label` (kubedebug's, not kubectl's): label and annotate a pod copy or node debug
   * pod as a kubedebug session (`kubedebug.dev/session`, `kubedebug.dev/journey`, …).
   */
  /** null/absent = not given: `Session.defaultSessionLabel` applies (false without configuration). */
  sessionLabel?: boolean | null;
  setImage?: Pair[];
  /** null/absent = not given. */
  shareProcesses?: boolean | null;
  stdin?: boolean;
  target?: string;
  tty?: boolean;
  /** kubedebug's `--as-target-user`: run as the target container's runAsUser/runAsGroup/runAsNonRoot. */
  asTargetUser?: boolean;
  /** kubedebug's `--mount-target-volumes`: the target container's volumeMounts (no subPath in ephemeral containers). */
  mountTargetVolumes?: boolean;
  /** kubedebug's `--volume-mount`: `NAME:/path[:ro]`, each a volume of the pod. */
  volumeMount?: string[];
  /** kubedebug's `--image-pull-secret` (copy and node pods). */
  imagePullSecret?: string[];
  /** kubedebug's `--label` (copy and node pods). */
  label?: Pair[];
  /** kubedebug's `--annotation` (copy and node pods). */
  annotation?: Pair[];
  /** kubedebug's `--node-selector` (copy and node pods; a node must match it). */
  nodeSelector?: Pair[];
  /** kubedebug's `--tolerations-from-node` (node pods): tolerate the node's taints instead of everything. */
  tolerationsFromNode?: boolean;
  /** `--explain` (kubedebug's): `Plan.explain` lists the changes as JSON Patch operations with their causes. */
  explain?: boolean;
}

/** A parsed kubectl command line. */
export interface ParsedArgs {
  options: Required<DebugOptions>;
  /** `-n/--namespace`, when given. */
  namespace: string | null;
  /** Other kubectl global flags given (`kubeconfig`, `context`, …), names without dashes. */
  globals: Pair[];
}

/** The `--custom` file as the host read it: its text, or the error of reading it. */
export interface CustomProfileFile { path: string; text?: string | null; error?: string | null }

/** A debug session's input. Give `args` (what follows `kubectl debug`) or `options`. */
export interface Session {
  args?: string[];
  options?: DebugOptions;
  /** The command's namespace (kubeconfig context's); `-n` in `args` wins. Default `default`. */
  namespace?: string;
  /** Whether the namespace was explicit (matters for `-f` objects). */
  namespaceExplicit?: boolean;
  /** Default: the newest supported, `defaultKubectlVersion()` (`1.37`). */
  kubectlVersion?: KubectlVersion | string;
  /** Environment kubectl would see; only `KUBECTL_DEBUG_CUSTOM_PROFILE` matters (1.30–1.31). */
  env?: Record<string, string>;
  customProfile?: CustomProfileFile | null;
  /** Seed for generated name suffixes (use a random one for real sessions). */
  seed?: number;
  /** Explicit name suffixes, used before seeded ones (reproducible docs and tests). */
  suffixes?: string[];
  /** Configured default images (kubedebug's), by profile, `*` for every profile: used only where kubectl would fail for lack of `--image`. */
  defaultImages?: Record<string, string>;
  /** Where they were configured (`KUBEDEBUG_IMAGE`, a config file's path), for the message. */
  defaultImageSource?: string;
  /** The configured `rm` default: `--rm` when attaching, unless `--retain`. */
  defaultRm?: boolean;
  /** The configured `sessionLabel` default: `--session-label` unless the flag is given (`--session-label=false` wins). */
  defaultSessionLabel?: boolean;
  /** What `--session-label` annotates that only the host knows. */
  mark?: SessionMark;
  /** The answers to `Needs.reads` (kubedebug's). */
  reads?: ReadResult[];
}

/** The host's part of `--session-label`'s annotations (empty values are left out). */
export interface SessionMark {
  /** Who started the session (`kubedebug.dev/creator`). */
  creator?: string;
  /** When, RFC 3339 (`kubedebug.dev/created-at`): the core has no clock. */
  createdAt?: string;
}

/** An API object the core needs before planning (kubedebug's): GET `path`, answer with a {@link ReadResult}. */
export interface Read {
  /** What it is for (`namespace`). */
  name: string;
  path: string;
}

/** The host's answer to a {@link Read}: the object, or the API server's `Status` (or `{ message }` when it could not ask). */
export interface ReadResult {
  name: string;
  path: string;
  object?: Record<string, any> | null;
  error?: ReadError | null;
}

/** Why a {@link Read} failed: the API server's `Status` (or only `message`). */
export type ReadError = { code?: number, reason?: string, message?: string, [key: string]: unknown };

/** The namespace's PodSecurity enforce policy, for `--profile=auto` and `--preflight` (kubedebug's). */
export interface PodSecurity {
  namespace: string;
  level: 'privileged' | 'baseline' | 'restricted';
  /** `latest` or `v1.N`. */
  version: string;
  /** Whether `--profile=auto` chose the profile. */
  auto: boolean;
  preflight: 'off' | 'warn' | 'enforce';
}

/** A line kubectl prints, besides the final error. */
export interface Message { stream: 'stdout' | 'stderr'; text: string }

/** A GET request. */
export interface GetRequest { method: 'GET'; path: string }

/** The GET kubectl makes for one positional target. */
export interface TargetRef {
  name: string;
  resource: string;
  objectName: string;
  get: GetRequest;
}

/** What the host must read before planning. */
export interface Needs {
  /**
   * The `--custom` path the session did not bring: read it, then `prepare` again with
   * `customProfile` (and this answer's `options`, `namespace`, `namespaceExplicit`); null when
   * nothing is missing.
   */
  customProfile: string | null;
  /** The `-f` sources whose objects are the targets, in order. */
  files: string[];
  /**
   * API objects to GET and give back as `Session.reads`, then `prepare` again with every answer
   * so far (the namespace, for `--profile=auto`/`--preflight`; a workload target, then its pods).
   */
  reads: Read[];
}

/**
 * A session after kubectl's `Complete` and `Validate`: everything planning needs. Keep it and
 * pass it to {@link plan} / {@link planText} for each target (nothing is parsed again).
 * {@link prepare} answers it frozen; derive a changed one with a spread (`{ ...prepared, seed: 2 }`).
 */
export interface Prepared {
  options: Required<DebugOptions>;
  namespace: string;
  namespaceExplicit: boolean;
  kubectlVersion: KubectlVersion;
  /** The profile in effect. */
  profile: ProfileName;
  /** The `--custom` container as kubectl decoded it. */
  custom: Record<string, unknown> | null;
  seed: number;
  suffixes: string[];
  mark: Required<SessionMark>;
  messages: Message[];
  /** The objects to read, one per positional target (none with `-f`). */
  targets: TargetRef[];
  needs: Needs;
  /** With `--profile=auto` or `--preflight`: the namespace's policy, checked when planning. */
  podSecurity: PodSecurity | null;
}

/** One API request, in kubectl's order. */
export interface ApiRequest {
  method: 'PATCH' | 'POST' | 'DELETE';
  path: string;
  contentType: 'application/strategic-merge-patch+json' | 'application/json';
  body: Record<string, unknown>;
}

/** Where kubectl attaches after the requests succeed. */
export interface AttachTarget {
  namespace: string;
  pod: string;
  container: string;
  ephemeral: boolean;
  stdin: boolean;
  tty: boolean;
  /** Whether kubectl prints the session-recording banner before attaching (1.34+). */
  recordingBanner: boolean;
}

/** What kubectl does for one target. */
export interface Plan {
  journey: 'ephemeral' | 'copy' | 'node';
  requests: ApiRequest[];
  /** The target pod with the ephemeral container appended, or the pod that is created. */
  result: Record<string, any>;
  /** The debug container; null for a set-image-only copy. */
  container: Record<string, any> | null;
  attach: AttachTarget | null;
  messages: Message[];
  /**
   * With `--rm`: the path of the pod the session created (the copy or the node debug pod, never
   * the source), to DELETE when the attached session ends; null otherwise.
   */
  cleanup: string | null;
  /** With `--explain`: the change from the source (the target pod, or an empty pod for a node pod) to the result. */
  explain: PatchOp[] | null;
}

/** An RFC 6902 JSON Patch operation (the json-patch crate's shape) and why the plan makes it. */
export interface PatchOp {
  op: 'add' | 'remove' | 'replace';
  /** A JSON Pointer (`~0` is `~`, `~1` is `/`). */
  path: string;
  /** For `add` and `replace`. */
  value?: unknown;
  /** `flag:--env`, `profile:restricted/allowPrivilegeEscalation`, `custom:securityContext.runAsUser`, `copy:--keep-labels=false`, `journey:node-pod`, … */
  cause: string;
}

/** An {@link ApiRequest} whose body is the JSON text to send. */
export interface TextApiRequest extends Omit<ApiRequest, 'body'> {
  body: string;
}

/** A {@link Plan} from {@link planText}: bodies as JSON text, no `result`. */
export interface TextPlan extends Omit<Plan, 'requests' | 'result'> {
  requests: TextApiRequest[];
}

/** Stable error codes. */
export type ErrorCode =
  | 'flag/unknown' | 'flag/invalid-argument' | 'flag/needs-argument'
  | 'validate/invalid' | 'profile/unknown'
  | 'custom/read' | 'custom/invalid' | 'custom/forbidden' | 'custom/merge'
  | 'target/unsupported-kind' | 'target/invalid' | 'target/unknown-resource-type'
  | 'target/namespace-mismatch' | 'target/names-with-filename'
  /** kubedebug's overlay flags (`--as-target-user`, `--volume-mount`, `--label`, …): a malformed value, a
   *  flag this journey cannot honour, no such container, no user to copy while the profile needs root, a
   *  user the profile forbids, no such volume, two mounts at one path, a node that does not match `--node-selector`. */
  | 'overlay/invalid-value' | 'overlay/wrong-journey' | 'overlay/no-target-container' | 'overlay/no-target-user'
  | 'overlay/user-conflict' | 'overlay/no-such-volume' | 'overlay/mount-path-conflict' | 'overlay/node-selector-mismatch'
  | 'input/unsupported-version' | 'input/invalid'
  /** A name or namespace that cannot be an API path segment, or a generated name the API server would refuse. */
  | 'target/invalid-name'
  /** A request body over the 3 MiB limit of the API server: nothing is sent. */
  | 'plan/request-too-large'
  /** `--profile=auto`/`--preflight` could not read the namespace's labels. */
  | 'namespace/unreadable'
  /** `--profile=auto` on a node in a namespace that enforces baseline or restricted. */
  | 'profile/auto-node'
  /** `--preflight=enforce`: the pod would violate the namespace's PodSecurity; nothing is sent. */
  | 'preflight/violation'
  /** A workload target (`deploy/NAME`, …) could not be read, or its reads were not given back to `prepare`. */
  | 'workload/unreadable'
  /** A workload target has no selector of its own (an empty one; a CronJob without `--copy-to`). */
  | 'workload/no-selector'
  /** No pod matches a workload target's selector (scaled to zero, suspended, none yet). */
  | 'workload/no-pods'
  /** A workload target's pods exist but none is running. */
  | 'workload/not-running'
  /** An option that cannot apply to a workload target (`--replace`). */
  | 'workload/invalid-option'
  /** A number in an object given to {@link plan} that JSON cannot carry (NaN, ±Infinity). */
  | 'input/not-finite-number'
  /** A number in {@link plan}'s result that a JavaScript number cannot hold exactly: use {@link planText}. */
  | 'output/unrepresentable-number'
  /** A function was called before {@link init} loaded the module. */
  | 'wasm/not-initialised'
  /** The module ran out of memory (a huge input); the next call uses a fresh instance. */
  | 'wasm/out-of-memory'
  /** The module trapped; the next call uses a fresh instance. */
  | 'wasm/trap';

/** What every function throws: kubectl's message, plus a stable code. */
export interface DebugError extends Error {
  name: 'DebugError';
  code: ErrorCode;
  /** kubectl would add `See 'kubectl debug --help' for usage.` */
  usage: boolean;
  /** Lines kubectl printed before failing. */
  messages: Message[];
}

/** Per-plan settings of {@link plan} and {@link planText}. */
export interface PlanOptions {
  /**
   * The seed of generated name suffixes for this plan, instead of the prepared one (a whole
   * number from 0 to 2^53 - 1): many plans from one {@link Prepared}, each with its own names.
   */
  seed?: number;
}

/** kubectl `Complete` + `Validate`: what to read ({@link Needs}), and what planning needs (frozen). */
export function prepare(session: Session): Prepared;
/** What kubectl sends for one target object, from a {@link Prepared} (or a session, prepared first). */
export function plan(prepared: Prepared | Session, target: object, options?: PlanOptions): Plan;
/** {@link plan} on the wire: the target's JSON text in, each body's JSON text out (fastest). */
export function planText(prepared: Prepared | Session, targetText: string, options?: PlanOptions): TextPlan;
export function parseArgs(args: string[] | string, context?: { kubectlVersion?: KubectlVersion | string; env?: Record<string, string> }): ParsedArgs;
export function renderArgs(options: DebugOptions, namespace?: string): string[];
export function commandLine(options: DebugOptions, namespace?: string): string;
export function splitCommandLine(line: string): string[];
export function shellQuote(word: string): string;
export function profiles(kubectlVersion?: KubectlVersion | string): ProfileName[];
export function kubectlVersions(): KubectlVersion[];
/** The version followed when a session gives none: the newest supported (`1.37`). */
export function defaultKubectlVersion(): KubectlVersion;
/** One flag of kubectl debug's flag table. */
export interface KubectlFlag {
  /** The long name, without dashes. */
  name: string;
  /** The one-letter shorthand, if any. */
  shorthand: string | null;
  /** Whether the flag takes a value (pflag consumes the next word when none is inline). */
  takesValue: boolean;
  /** Whether it is a `kubectl debug` flag (a {@link DebugOptions} field), not a kubectl global flag. */
  debug: boolean;
}
/** kubectl debug's flag table: every flag of every supported version (local and global). */
export function kubectlFlags(): KubectlFlag[];
export function version(): string;
/** The debug sessions of a `PodList` (or one Pod); see {@link DebugSession}. */
export function listSessions(podList: object | string, options?: { now?: Date | number }): DebugSession[];

/**
 * One debug session found in a pod list: an ephemeral container (`kind: 'ephemeral'`), or a pod
 * copy / node debug pod marked by `--session-label` (`managedBy: 'kubedebug'`) or kubectl 1.34+
 * (`managedBy: 'kubectl'`, node pods only).
 */
export interface DebugSession {
  kind: 'ephemeral' | 'copy' | 'node';
  managedBy: '' | 'kubedebug' | 'kubectl';
  namespace: string;
  pod: string;
  /** The debug container. */
  container: string;
  image: string;
  /** The debug container's `stdin` and `tty` (what a re-attach can use). */
  stdin: boolean;
  tty: boolean;
  /** Ephemeral: the target container (`''` without `--target`); copy: `pod/NAME`; node: `node/NAME`. */
  target: string;
  /** The debug container's state, `''` before the kubelet reports one. */
  state: '' | 'waiting' | 'running' | 'terminated';
  reason: string;
  exitCode: number | null;
  /** The pod's phase. */
  phase: string;
  /** The pod is being deleted. */
  deleting: boolean;
  /** The container terminated, or the pod is Succeeded, Failed or being deleted. */
  finished: boolean;
  /** The pod's creation time; an ephemeral container's start time; `''` when unknown. */
  createdAt: string;
  /** `--session-label`'s session id, profile and creator (`''` when absent). */
  session: string;
  profile: string;
  creator: string;
  /** Seconds since `createdAt` at `now`; null without `now` or a time. */
  ageSeconds?: number | null;
}
