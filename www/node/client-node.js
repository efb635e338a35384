// @ts-check
/**
 * `@kubernetes/client-node`'s `KubeConfig`, loaded fast: from the bundle that `npm run build`
 * writes (`generated/client-node@<version>.mjs`, see www/tools/bundle-client-node.mjs) when one
 * exists for the installed client-node version, else from the package (~0.6 s to import).
 * `KUBEDEBUG_CLIENT_NODE=package` forces the package.
 * @module
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

/**
 * The URL of the bundle for the installed client-node, or null (not built, not installed, or
 * forced off).
 * @returns {URL | null}
 */
export function bundleUrl() {
  if (process.env.KUBEDEBUG_CLIENT_NODE === 'package') return null;
  let version;
  try {
    const manifest = createRequire(import.meta.url).resolve('@kubernetes/client-node/package.json');
    version = JSON.parse(readFileSync(manifest, 'utf8')).version;
  } catch {
    return null;
  }
  const url = new URL(`./generated/client-node@${version}.mjs`, import.meta.url);
  return existsSync(url) ? url : null;
}

const bundle = bundleUrl();

/** @type {{ KubeConfig: typeof import('@kubernetes/client-node').KubeConfig }} */
const clientNode = bundle ? await import(bundle.href) : await import('@kubernetes/client-node');

/** Where `KubeConfig` came from: `bundle` or `package`. */
export const source = bundle ? 'bundle' : 'package';

export const { KubeConfig } = clientNode;
