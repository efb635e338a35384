// @ts-check
/**
 * Library entry of kubedebug for Node: the runtime-neutral host plus the Node wiring.
 * @module
 */

export { debug, parseJsonDocuments, recordsBanner } from '../host/run.js';
export { createKubeClient } from '../host/kube.js';
export { attach, attachPath, webSocketUrl } from '../host/attach.js';
export { waitForContainer, getContainerStatusByName } from '../host/wait.js';
export { DebugError, ApiError, AttachError, formatError, isDebugError } from '../host/errors.js';
export * as channel from '../host/channel.js';
export { loadKubeConfig, contextNamespace, createTransport } from './kubeconfig.js';
export { parseDocuments } from './documents.js';
