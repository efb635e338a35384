// @ts-check
/**
 * What the package's `.` entry offers in every runtime: the Wasm API (`plan`, `planText`,
 * `prepare`, `parseArgs`, …) and the runtime-neutral debug journey (`debug`, attach, wait),
 * with their types. `browser.js` and `node.js` add the loading.
 * @module
 */
export {
  init, initSync, prepare, plan, planText, parseArgs, renderArgs, commandLine, splitCommandLine, shellQuote,
  profiles, kubectlVersions, defaultKubectlVersion, kubectlFlags, version, listSessions,
} from '../core/index.js';
export { debug, parseJsonDocuments, recordsBanner } from '../host/run.js';
export { createKubeClient } from '../host/kube.js';
export { attach, attachPath, webSocketUrl } from '../host/attach.js';
export { waitForContainer, getContainerStatusByName } from '../host/wait.js';
export { ApiError, AttachError, formatError, isDebugError } from '../host/errors.js';
export * as channel from '../host/channel.js';

/** @typedef {import('../core/index.js').Session} Session */
/** @typedef {import('../core/index.js').DebugOptions} DebugOptions */
/** @typedef {import('../core/index.js').Pair} Pair */
/** @typedef {import('../core/index.js').ParsedArgs} ParsedArgs */
/** @typedef {import('../core/index.js').CustomProfileFile} CustomProfileFile */
/** @typedef {import('../core/index.js').Prepared} Prepared */
/** @typedef {import('../core/index.js').TargetRef} TargetRef */
/** @typedef {import('../core/index.js').Plan} Plan */
/** @typedef {import('../core/index.js').TextPlan} TextPlan */
/** @typedef {import('../core/index.js').ApiRequest} ApiRequest */
/** @typedef {import('../core/index.js').TextApiRequest} TextApiRequest */
/** @typedef {import('../core/index.js').AttachTarget} AttachTarget */
/** @typedef {import('../core/index.js').Message} Message */
/** @typedef {import('../core/index.js').KubectlVersion} KubectlVersion */
/** @typedef {import('../core/index.js').KubectlFlag} KubectlFlag */
/** @typedef {import('../core/index.js').ProfileName} ProfileName */
/** @typedef {import('../core/index.js').ErrorCode} ErrorCode */
/** @typedef {import('../core/index.js').DebugSession} DebugSession */
/**
 * What the Wasm API throws (an `Error` named `DebugError`: kubectl's message, a stable `code`).
 * The journey's own failures carry the same name and a `code` too: test with `isDebugError`.
 * @typedef {import('../core/index.js').DebugError} DebugError
 */
