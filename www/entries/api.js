// @ts-check
/**
 * What the package's `.` entry offers in every runtime: the Wasm API (`plan`, `planText`,
 * `prepare`, `parseArgs`, …) and the runtime-neutral debug journey (`debug`, attach, wait),
 * with their types. `browser.js` and `node.js` add the loading.
 * @module
 */
export {
  init, initSync, prepare, plan, planText, parseArgs, renderArgs, commandLine, splitCommandLine, shellQuote,
  profiles, kubectlVersions, defaultKubectlVersion, kubectlFlags, version,
} from '../../pkg/index.js';
export { debug, parseJsonDocuments, recordsBanner } from '../host/run.js';
export { createKubeClient } from '../host/kube.js';
export { attach, attachPath, webSocketUrl } from '../host/attach.js';
export { waitForContainer, getContainerStatusByName } from '../host/wait.js';
export { ApiError, AttachError, formatError, isDebugError } from '../host/errors.js';
export * as channel from '../host/channel.js';

/** @typedef {import('../../pkg/index.js').Session} Session */
/** @typedef {import('../../pkg/index.js').DebugOptions} DebugOptions */
/** @typedef {import('../../pkg/index.js').Pair} Pair */
/** @typedef {import('../../pkg/index.js').ParsedArgs} ParsedArgs */
/** @typedef {import('../../pkg/index.js').CustomProfileFile} CustomProfileFile */
/** @typedef {import('../../pkg/index.js').Prepared} Prepared */
/** @typedef {import('../../pkg/index.js').TargetRef} TargetRef */
/** @typedef {import('../../pkg/index.js').Plan} Plan */
/** @typedef {import('../../pkg/index.js').TextPlan} TextPlan */
/** @typedef {import('../../pkg/index.js').ApiRequest} ApiRequest */
/** @typedef {import('../../pkg/index.js').TextApiRequest} TextApiRequest */
/** @typedef {import('../../pkg/index.js').AttachTarget} AttachTarget */
/** @typedef {import('../../pkg/index.js').Message} Message */
/** @typedef {import('../../pkg/index.js').KubectlVersion} KubectlVersion */
/** @typedef {import('../../pkg/index.js').KubectlFlag} KubectlFlag */
/** @typedef {import('../../pkg/index.js').ProfileName} ProfileName */
/** @typedef {import('../../pkg/index.js').ErrorCode} ErrorCode */
/**
 * What the Wasm API throws (an `Error` named `DebugError`: kubectl's message, a stable `code`).
 * The journey's own failures carry the same name and a `code` too: test with `isDebugError`.
 * @typedef {import('../../pkg/index.js').DebugError} DebugError
 */
