// @ts-check
/**
 * Legacy discovery documents, shaped like a real API server's (kubectl reads them first).
 * @module
 */

const POD_VERBS = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'];
export const SERVER_VERSION = 'v1.33.1';

/**
 * @param {string} name
 * @param {string} kind
 * @param {boolean} namespaced
 * @param {string[]} verbs
 * @param {object} [extra]
 */
const resource = (name, kind, namespaced, verbs, extra = {}) => ({
  name, singularName: name.includes('/') ? '' : name.replace(/s$/, ''), namespaced, kind, verbs, ...extra,
});

/** @param {string} serverAddress host:port @returns {Record<string, object>} path → document */
export function discoveryDocuments(serverAddress) {
  const appsGroup = {
    name: 'apps',
    versions: [{ groupVersion: 'apps/v1', version: 'v1' }],
    preferredVersion: { groupVersion: 'apps/v1', version: 'v1' },
  };
  const batchGroup = {
    name: 'batch',
    versions: [{ groupVersion: 'batch/v1', version: 'v1' }],
    preferredVersion: { groupVersion: 'batch/v1', version: 'v1' },
  };
  return {
    '/api': { kind: 'APIVersions', versions: ['v1'],
      serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress }] },
    '/apis': { kind: 'APIGroupList', apiVersion: 'v1', groups: [appsGroup, batchGroup] },
    '/apis/apps': { kind: 'APIGroup', apiVersion: 'v1', ...appsGroup },
    '/apis/batch': { kind: 'APIGroup', apiVersion: 'v1', ...batchGroup },
    '/api/v1': { kind: 'APIResourceList', groupVersion: 'v1', resources: [
      resource('namespaces', 'Namespace', false, ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch'], { shortNames: ['ns'] }),
      resource('nodes', 'Node', false, POD_VERBS, { shortNames: ['no'] }),
      resource('pods', 'Pod', true, POD_VERBS, { shortNames: ['po'], categories: ['all'] }),
      resource('pods/attach', 'PodAttachOptions', true, ['create', 'get']),
      resource('pods/ephemeralcontainers', 'Pod', true, ['get', 'patch', 'update']),
      resource('pods/exec', 'PodExecOptions', true, ['create', 'get']),
      resource('pods/log', 'Pod', true, ['get']),
      resource('pods/status', 'Pod', true, ['get', 'patch', 'update']),
      resource('replicationcontrollers', 'ReplicationController', true, POD_VERBS, { shortNames: ['rc'], categories: ['all'] }),
    ] },
    '/apis/apps/v1': { kind: 'APIResourceList', apiVersion: 'v1', groupVersion: 'apps/v1', resources: [
      resource('deployments', 'Deployment', true, POD_VERBS, { shortNames: ['deploy'], categories: ['all'] }),
      resource('replicasets', 'ReplicaSet', true, POD_VERBS, { shortNames: ['rs'], categories: ['all'] }),
      resource('statefulsets', 'StatefulSet', true, POD_VERBS, { shortNames: ['sts'], categories: ['all'] }),
      resource('daemonsets', 'DaemonSet', true, POD_VERBS, { shortNames: ['ds'], categories: ['all'] }),
    ] },
    '/apis/batch/v1': { kind: 'APIResourceList', apiVersion: 'v1', groupVersion: 'batch/v1', resources: [
      resource('jobs', 'Job', true, POD_VERBS, { categories: ['all'] }),
      resource('cronjobs', 'CronJob', true, POD_VERBS, { shortNames: ['cj'], categories: ['all'] }),
    ] },
    '/version': { major: '1', minor: SERVER_VERSION.split('.')[1], gitVersion: SERVER_VERSION, gitCommit: 'fake',
      gitTreeState: 'clean', buildDate: '2024-01-01T00:00:00Z', goVersion: 'go1.24', compiler: 'gc',
      platform: 'linux/amd64' },
  };
}
