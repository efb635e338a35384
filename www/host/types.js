// @ts-check
/**
 * The shapes that cross between the Wasm core and the JS hosts.
 * The Wasm package's TypeScript declarations (pkg/kubedebug.d.ts) describe the same
 * objects; this file lets the host modules use them from JSDoc without a build step.
 * @module
 */

/**
 * One `name=value` pair of `--env` / `--set-image`, in the order given.
 * @typedef {{ name: string, value: string }} Pair
 */

/**
 * Every `kubectl debug` flag (camelCase), plus positional targets and the `--` command.
 * Omitted fields take kubectl's defaults (shareProcesses/attach unset, keepInitContainers true).
 * @typedef {{
 *   targets?: string[], args?: string[], filename?: string[], argumentsOnly?: boolean,
 *   attach?: boolean | null, container?: string, copyTo?: string, custom?: string,
 *   env?: Pair[], image?: string, imagePullPolicy?: string,
 *   keepAnnotations?: boolean, keepInitContainers?: boolean, keepLabels?: boolean,
 *   keepLiveness?: boolean, keepReadiness?: boolean, keepStartup?: boolean,
 *   profile?: string | null, quiet?: boolean, replace?: boolean, sameNode?: boolean,
 *   setImage?: Pair[], shareProcesses?: boolean | null, stdin?: boolean, target?: string, tty?: boolean,
 * }} DebugOptions
 */

/**
 * The result of parsing a kubectl command line.
 * @typedef {{ options: DebugOptions, namespace: string | null, globals: Pair[] }} ParsedArgs
 */

/**
 * A line kubectl prints that is not the final error: stream and text (no trailing newline).
 * @typedef {{ stream: 'stdout' | 'stderr', text: string }} Message
 */

/**
 * The custom profile file as the host read it: its text, or the OS error of reading it
 * (e.g. `open /x.json: no such file or directory`).
 * @typedef {{ path: string, text?: string, error?: string }} CustomProfileFile
 */

/**
 * The whole input of a debug session, shared by `prepare` and `plan`.
 * Either `args` (a kubectl argument list, as after `kubectl debug`) or `options` is given.
 * @typedef {{
 *   args?: string[], options?: DebugOptions,
 *   namespace?: string, namespaceExplicit?: boolean,
 *   kubectlVersion?: string,
 *   env?: Record<string, string>,
 *   customProfile?: CustomProfileFile | null,
 *   seed?: number, suffixes?: string[],
 * }} Session
 */

/**
 * What the host must read before planning: one entry per target name, with the GET kubectl makes.
 * `-f` objects need no GET (the host reads the files and passes the objects to `plan`).
 * @typedef {{ name: string, resource: 'pods' | 'nodes', objectName: string, get: { method: 'GET', path: string } }} TargetRef
 */

/**
 * @typedef {{ options: DebugOptions, namespace: string, messages: Message[], targets: TargetRef[] }} Prepared
 */

/**
 * One API request kubectl would make, in order.
 * @typedef {{ method: 'PATCH' | 'POST' | 'DELETE', path: string, contentType: string, body: object }} ApiRequest
 */

/**
 * Where kubectl attaches after the requests succeed (null when it would not attach).
 * @typedef {{ namespace: string, pod: string, container: string, ephemeral: boolean, stdin: boolean, tty: boolean }} AttachTarget
 */

/**
 * The plan for one target object.
 * `result` is the object as it will exist: for `ephemeral`, the target pod with the debug
 * container appended to `spec.ephemeralContainers`; for `copy` and `node`, the pod that is created.
 * `container` is the debug container (null for a set-image-only copy).
 * @typedef {{
 *   journey: 'ephemeral' | 'copy' | 'node',
 *   requests: ApiRequest[],
 *   result: any,
 *   container: any | null,
 *   attach: AttachTarget | null,
 *   messages: Message[],
 * }} Plan
 */

/**
 * A request from `planText`: the body is the JSON text to send.
 * @typedef {{ method: 'PATCH' | 'POST' | 'DELETE', path: string, contentType: string, body: string }} TextApiRequest
 */

/**
 * A plan from `planText` (the target given as the API server's JSON text): bodies as JSON
 * text, and no `result` (the API server's answer is the result).
 * @typedef {Omit<Plan, 'requests' | 'result'> & { requests: TextApiRequest[] }} TextPlan
 */

/**
 * A failure from the core. `message` is kubectl's text (what follows `error: `), `code` a stable
 * id such as `validate/invalid`, `flag/unknown`, `custom/invalid`. `usage` is true when kubectl
 * would add `See 'kubectl debug --help' for usage.`; `messages` are lines kubectl printed before failing.
 * @typedef {Error & { code: string, usage?: boolean, messages?: Message[] }} CoreError
 */

export {};
