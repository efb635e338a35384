// @ts-check
/**
 * `kubedebug --help`: kubectl 1.33's `kubectl debug --help` (long description, examples, options
 * gated by the chosen kubectl version), plus kubedebug's own flags and the `serve` command.
 * @module
 */
import { DEBUG_FLAGS, longName, minor } from '../host/debug-flags.js';

const LONG = "Debug cluster resources using interactive debugging containers.\n\n 'debug' provides automation for common debugging tasks for cluster objects identified by resource and name. Pods will be used by default if no resource is specified.\n\n The action taken by 'debug' varies depending on what resource is specified. Supported actions include:\n\n  *  Workload: Create a copy of an existing pod with certain attributes changed, for example changing the image tag to a new version.\n  *  Workload: Add an ephemeral container to an already running pod, for example to add debugging utilities without restarting the pod.\n  *  Node: Create a new pod that runs in the node's host namespaces and can access the node's filesystem.\n\n Note: When a non-root user is configured for the entire target Pod, some capabilities granted by debug profile may not work.";

const EXAMPLES = "  # Create an interactive debugging session in pod mypod and immediately attach to it.\n  kubedebug mypod -it --image=busybox\n  \n  # Create an interactive debugging session for the pod in the file pod.yaml and immediately attach to it.\n  # (requires the EphemeralContainers feature to be enabled in the cluster)\n  kubedebug -f pod.yaml -it --image=busybox\n  \n  # Create a debug container named debugger using a custom automated debugging image.\n  kubedebug --image=myproj/debug-tools -c debugger mypod\n  \n  # Create a copy of mypod adding a debug container and attach to it\n  kubedebug mypod -it --image=busybox --copy-to=my-debugger\n  \n  # Create a copy of mypod changing the command of mycontainer\n  kubedebug mypod -it --copy-to=my-debugger --container=mycontainer -- sh\n  \n  # Create a copy of mypod changing all container images to busybox\n  kubedebug mypod --copy-to=my-debugger --set-image=*=busybox\n  \n  # Create a copy of mypod adding a debug container and changing container images\n  kubedebug mypod -it --copy-to=my-debugger --image=debian --set-image=app=app:debug,sidecar=sidecar:debug\n  \n  # Create an interactive debugging session on a node and immediately attach to it.\n  # The container will run in the host namespaces and the host's filesystem will be mounted at /host\n  kubedebug node/mynode -it --image=busybox";

/**
 * @typedef {{ flag: string, value: (v: string, versions: string[]) => string, text: (v: string, versions: string[]) => string, since?: number }} FlagHelp
 */

/** @type {FlagHelp[]} kubectl's flags of `kubectl debug`, sorted by long name as kubectl prints them */
const KUBECTL_FLAGS = DEBUG_FLAGS.filter((f) => !f.ours).sort((a, b) => (longName(a) < longName(b) ? -1 : 1));

/** @type {FlagHelp[]} */
const OWN_FLAGS = [
  ...DEBUG_FLAGS.filter((f) => f.ours),
  { flag: '--dry-run', value: () => 'false', text: () => 'If true, only print the object that would be sent (the target pod with the debug container appended, or the pod to create); send nothing. With -f, no cluster or kubeconfig is needed.' },
  { flag: '--kubectl-version', value: (_, vs) => `'${vs[vs.length - 1]}'`, text: (_, vs) => `Behave like this kubectl minor version: ${vs[0]} to ${vs[vs.length - 1]}.` },
  { flag: '--max-input-size', value: () => "'8Mi'", text: () => 'Largest input read in all from -f sources and the custom profile file (bytes or k/M/G/Ki/Mi/Gi); also KUBEDEBUG_MAX_INPUT.' },
  { flag: '-o, --output', value: () => "''", text: () => 'Output format of --dry-run: one of json, yaml (default yaml).' },
  { flag: '--timeout', value: () => '0s', text: () => 'How long to wait for the debug container to start (e.g. 30s, 2m); 0 waits forever, like kubectl.' },
];

/**
 * @param {FlagHelp[]} flags
 * @param {string} version
 * @param {string[]} versions
 */
function options(flags, version, versions) {
  return flags.filter((f) => !f.since || minor(version) >= f.since)
    .map((f) => `    ${f.flag}=${f.value(version, versions)}:\n\t${f.text(version, versions)}\n`).join('\n');
}

/**
 * The help text, with the flags that `version` knows.
 * @param {string} version
 * @param {string[]} versions the supported versions, oldest first (the core's `kubectlVersions()`;
 *   the newest is the default)
 * @returns {string}
 */
export function helpText(version, versions) {
  return `${LONG}\n\nExamples:\n${EXAMPLES}\n\nOptions:\n${options(KUBECTL_FLAGS, version, versions)}\n`
    + `kubedebug options:\n${options(OWN_FLAGS, version, versions)}\n`
    + 'Usage:\n  kubedebug (POD | TYPE[[.VERSION].GROUP]/NAME) [ -- COMMAND [args...] ] [options]\n'
    + '  kubedebug serve [--port N] [--address A [--unsafe-address]] [--kubeconfig FILE] [--context NAME]\n\n'
    + 'kubectl\'s global flags -n/--namespace, --kubeconfig and --context apply as in kubectl.\n';
}
