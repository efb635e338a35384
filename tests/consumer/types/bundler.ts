// Type-checked by the consumer tests against the installed package (`moduleResolution: bundler`,
// strict): the browser entry, the embed and the Wasm file have declarations, and they are real
// types (each `@ts-expect-error` line must be an error).
import { init, plan, planText, parseArgs, isDebugError } from 'kubedebug';
import type { DebugError, ErrorCode, Plan, Session, TextPlan } from 'kubedebug';
import { KubedebugPlayground } from 'kubedebug/embed';
import wasm from 'kubedebug/wasm';

export async function use(pod: object, podText: string): Promise<string[]> {
  await init();
  await init({ module_or_path: new URL(wasm, 'https://example.test/') });
  const session: Session = { args: ['web', '--image=busybox'], kubectlVersion: '1.33', seed: 1 };
  const p: Plan = plan(session, pod);
  const method: 'PATCH' | 'POST' | 'DELETE' = p.requests[0].method;
  const t: TextPlan = planText(session, podText);
  const element: HTMLElement = new KubedebugPlayground();
  try {
    parseArgs(['--bogus']);
  } catch (e) {
    if (isDebugError(e)) {
      const code: ErrorCode = (e as DebugError).code;
      return [code];
    }
  }
  // @ts-expect-error: planText takes the target's JSON text
  planText(session, pod);
  // @ts-expect-error: a plan's journey is one of three names
  const journey: 'pod' = p.journey;
  return [method, t.requests[0].body, element.tagName, journey];
}
