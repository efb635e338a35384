#!/usr/bin/env node
// @ts-check
/**
 * `npm start`: builds nothing. Plans a debug session for a bundled example pod with the Wasm
 * API and prints it as YAML (no cluster needed), then serves the page with the offline
 * playground preloaded with that example and prints its URL. Ctrl-C stops the server.
 * Options: `--port N` (default 8080), `--no-serve` (print the plan only).
 * @module
 */
import { readFileSync } from 'node:fs';
import { stringify } from 'yaml';
import { loadKubedebugNode } from '../node/load-wasm.js';
import { serve } from '../node/serve.js';
import { encodeState, defaultState } from '../app/state.js';

const EXAMPLE = 'pods/web-app';
const args = process.argv.slice(2);
const port = args.includes('--port') ? Number(args[args.indexOf('--port') + 1]) : 8080;

const api = loadKubedebugNode();
const pod = JSON.parse(readFileSync(new URL(`../examples/${EXAMPLE}.json`, import.meta.url), 'utf8'));
const line = `kubectl debug ${pod.metadata.name} -it --image=busybox:1.36 --profile=general --copy-to=${pod.metadata.name.split('-')[0]}-debug`;
const session = { args: api.splitCommandLine(line).slice(2), kubectlVersion: '1.36', suffixes: ['demo1'] };
const plan = api.plan(session, pod);

process.stdout.write(`# ${line}\n# (planned by kubedebug ${api.version()} for the bundled example ${EXAMPLE}, kubectl 1.36)\n`);
for (const m of plan.messages) process.stdout.write(`# ${m.stream}: ${m.text}\n`);
for (const r of plan.requests) process.stdout.write(`# ${r.method} ${r.path} (${r.contentType})\n`);
process.stdout.write('---\n' + stringify(plan.result, { lineWidth: 0 }));

if (!args.includes('--no-serve')) {
  const hash = encodeState({ ...defaultState(), line, example: EXAMPLE, suffixes: ['demo1'] });
  const server = await serve({ port, hash });
  const stop = () => { server.close().then(() => process.exit(0)); };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}
