// Type-checked by the consumer tests against the installed package (`module: node16`, strict):
// the Node entry, `kubedebug/node` and `kubedebug/serve` have declarations, and they are real
// types (each `@ts-expect-error` line must be an error).
import { init, plan, prepare, kubectlVersions, version, debug } from 'kubedebug';
import type { KubectlVersion, Plan, Prepared } from 'kubedebug';
import { loadKubeConfig, createKubeClient } from 'kubedebug/node';
import { serve } from 'kubedebug/serve';

export async function use(pod: object): Promise<string[]> {
  await init();
  const p: Plan = plan({ args: ['web', '--image=busybox', '--copy-to=web-debug'] }, pod);
  const prepared: Prepared = prepare({ args: ['web', '--image=busybox'] });
  const versions: KubectlVersion[] = kubectlVersions();
  const server = await serve({ port: 0, kubeconfig: false, log: null });
  await server.close();
  // @ts-expect-error: serve's port is a number
  await serve({ port: '8080' });
  // @ts-expect-error: debug needs its options
  await debug();
  return [p.journey, prepared.namespace, ...versions, version(), server.url, typeof loadKubeConfig, typeof createKubeClient];
}
