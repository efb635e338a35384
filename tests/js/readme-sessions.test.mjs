// @ts-check
/**
 * The README's "Debug sessions" transcript is what the CLI prints against the fake API server
 * (`tools/sessions-demo.mjs`), generated names, session ids and ages aside.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { transcript } from '../../tools/sessions-demo.mjs';
import { normalizeNames } from './cli-helpers.mjs';

/**
 * Generated names (`debugger-XXXXX`), session ids (the SESSION column) and ages (`Ns`, the
 * column's width kept) normalized; trailing blanks dropped.
 * @param {string} text
 */
function normalize(text) {
  return normalizeNames(text)
    .replace(/(?<= )[bcdfghjklmnpqrstvwxz2456789]{5}(?= +general )/g, 'XXXXX')
    .replace(/(?<= )\d+s(?= |$)( *)/gm, (m) => 'Ns'.padEnd(m.length))
    .split('\n').map((l) => l.trimEnd()).join('\n');
}

test('the README shows a debug session from start to cleanup as the CLI prints it', async () => {
  const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
  const section = readme.slice(readme.indexOf('\n## Debug sessions\n'));
  const block = /```console\n([\s\S]*?)\n```/.exec(section)?.[1];
  assert.ok(block, 'README.md: "Debug sessions" has a console block');
  const got = await transcript();
  assert.equal(normalize(block + '\n'), normalize(got));
  // The transcript really goes from start to cleanup.
  for (const step of ['--session-label', 'kubedebug list', 'kubedebug attach', 'kubedebug cleanup', '--rm',
    'pod "web-app-debug" deleted', 'deleted (--rm)']) assert.ok(got.includes(step), step);
});
