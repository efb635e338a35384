// @ts-check
/**
 * The README's **Install** examples, as the consumer tests run them: each fenced block of the
 * section, a `js`/`html` block under the file name on its first line (`// plan.mjs`,
 * `<!-- docs/index.html -->`), an `sh` block as its command lines.
 * @module
 */
import { readFileSync } from 'node:fs';

const README = new URL('../../README.md', import.meta.url);

/**
 * @returns {{ files: Map<string, string>, commands: string[] }}
 */
export function installExamples() {
  const text = readFileSync(README, 'utf8');
  const start = text.indexOf('\n## Install\n');
  if (start < 0) throw new Error('README.md has no "## Install" section');
  const end = text.indexOf('\n## ', start + 1);
  const section = text.slice(start, end < 0 ? undefined : end);
  /** @type {Map<string, string>} */
  const files = new Map();
  /** @type {string[]} */
  const commands = [];
  for (const [, lang, body] of section.matchAll(/^```(\w+)\n([\s\S]*?)^```$/gm)) {
    if (lang === 'sh') {
      commands.push(...body.split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('#')));
      continue;
    }
    const first = body.split('\n', 1)[0];
    const name = /^\/\/ (\S+)$/.exec(first)?.[1] ?? /^<!-- (\S+) -->$/.exec(first)?.[1];
    if (!name) throw new Error(`README Install: a ${lang} block without a file name on its first line: ${first}`);
    files.set(name, body);
  }
  return { files, commands };
}
