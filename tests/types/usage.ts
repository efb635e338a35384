// Type-checks www/core/index.d.ts as a TypeScript user sees it (`tsc -p tests/types`): the
// declarations must give real types, so each `@ts-expect-error` line must be an error.
import init, { initSync, plan, planText, prepare, parseArgs, renderArgs, profiles, kubectlVersions, listSessions } from '../../www/core/index.js';
import type { DebugError, DebugOptions, DebugSession, Plan, Session, TextPlan, ErrorCode, KubectlVersion } from '../../www/core/index.js';

export async function use(bytes: Uint8Array, pod: object, podText: string): Promise<string[]> {
  await init();
  initSync({ module: bytes });
  const session: Session = { args: ['web', '--image=busybox'], kubectlVersion: '1.33', seed: 1 };
  const p: Plan = plan(session, pod);
  const method: 'PATCH' | 'POST' | 'DELETE' = p.requests[0].method;
  const t: TextPlan = planText(session, podText);
  const body: string = t.requests[0].body;
  const prepared = prepare(session);
  const options: DebugOptions = parseArgs(['web', '-it', '--image=busybox']).options;
  const v: KubectlVersion[] = kubectlVersions();
  // kubedebug's own session fields and the sessions of a pod list.
  const labelled: Session = { args: ['web', '--copy-to=c'], defaultSessionLabel: true, defaultRm: false,
    options: { sessionLabel: null, rm: true, retain: false } };
  const sessions: DebugSession[] = listSessions({ kind: 'PodList', items: [] }, { now: Date.now() });
  const kind: 'ephemeral' | 'copy' | 'node' = sessions[0].kind;
  const attachable: boolean = sessions[0].stdin && sessions[0].tty;
  const cleanup: string | null = p.cleanup;
  try {
    plan({ options: { targets: ['web'], copyTo: 'web-debug' } }, pod);
  } catch (e) {
    const code: ErrorCode = (e as DebugError).code;
    return [code];
  }
  // @ts-expect-error: a plan's journey is one of three names
  const journey: 'pod' = p.journey;
  // @ts-expect-error: planText takes the target's JSON text, not an object
  planText(session, pod);
  // @ts-expect-error: text bodies are strings
  const wrong: object = t.requests[0].body;
  // @ts-expect-error: unknown option
  const bad: DebugOptions = { imagee: 'busybox' };
  // @ts-expect-error: a TextPlan has no result
  t.result;
  // @ts-expect-error: a session's kind is one of three names
  const notKind: 'pod' = sessions[0].kind;
  return [method, body, prepared.namespace, ...renderArgs(options), ...profiles(v[0]), journey, String(wrong), String(bad),
    String(labelled.defaultSessionLabel), kind, String(attachable), String(cleanup), notKind];
}
