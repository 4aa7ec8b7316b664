import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { afterAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../support/shared.js';
import { requireBuilt } from './built-packages.js';

/** A fenced block of a docs page marked to run: ```` ```ts runnable ````. */
interface Example {
  readonly page: string;
  readonly line: number;
  readonly code: string;
}

const apiDir = join(repoRoot, 'docs/api');

/** The ```ts runnable blocks of a Markdown text, with the line where each starts. */
export function runnableBlocks(page: string, markdown: string): Example[] {
  const examples: Example[] = [];
  const lines = markdown.split('\n');
  for (let i = 0; i < lines.length; i++) {
    if (!/^```ts\s+runnable\s*$/.test(lines[i]!)) continue;
    const start = i + 1;
    let end = start;
    while (end < lines.length && !/^```\s*$/.test(lines[end]!)) end++;
    if (end === lines.length) throw new Error(`${page}:${i + 1}: runnable block not closed`);
    examples.push({ page, line: i + 1, code: lines.slice(start, end).join('\n') });
    i = end;
  }
  return examples;
}

const pages = readdirSync(apiDir).filter((f) => f.endsWith('.md')).sort();
const examples = pages.flatMap((page) => runnableBlocks(page, readFileSync(join(apiDir, page), 'utf8')));
const scratch = mkdtempSync(join(tmpdir(), 'eqlkit-docs-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** The published entry points, as a user's bundler would resolve them (built `dist/`). */
const entries: Record<string, string> = {
  '@eqlkit/parser': 'packages/parser/dist/index.js',
  '@eqlkit/engine': 'packages/engine/dist/index.js',
  '@eqlkit/engine/raw-lines': 'packages/engine/dist/raw-lines.js',
  '@eqlkit/rules': 'packages/rules/dist/index.js',
  '@eqlkit/rules/node': 'packages/rules/dist/node/index.js',
};

describe('docs/api runnable examples', () => {
  it('the extractor finds marked blocks only, with their line', () => {
    const md = 'a\n```ts runnable\nconst x = 1;\n```\n```ts\nnot run\n```\n```ts runnable\ny();\n```\n';
    expect(runnableBlocks('p.md', md)).toEqual([
      { page: 'p.md', line: 2, code: 'const x = 1;' },
      { page: 'p.md', line: 8, code: 'y();' },
    ]);
  });

  it('every API page (parser, engine, rules) has runnable examples', () => {
    expect(pages).toEqual(expect.arrayContaining(['engine.md', 'parser.md', 'rules.md']));
    for (const page of ['engine.md', 'parser.md', 'rules.md']) expect(examples.filter((e) => e.page === page).length).toBeGreaterThan(0);
  });

  it.each(examples.map((e) => [`${e.page}:${e.line}`, e] as const))('%s runs against the built packages', async (_name, example) => {
    requireBuilt('parser', 'engine', 'rules');
    const bundled = await build({
      stdin: { contents: example.code, loader: 'ts', resolveDir: repoRoot, sourcefile: `${example.page}:${example.line}` },
      alias: Object.fromEntries(Object.entries(entries).map(([name, path]) => [name, join(repoRoot, path)])),
      bundle: true,
      write: false,
      format: 'esm',
      platform: 'node',
      target: 'node20',
      packages: 'bundle',
      // CommonJS dependencies (yaml's Node build) call require() for built-ins.
      banner: { js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);" },
      logLevel: 'silent',
    });
    const file = join(scratch, `${example.page}-${example.line}.mjs`);
    writeFileSync(file, bundled.outputFiles[0]!.text);
    const run = spawnSync(process.execPath, [file], { cwd: repoRoot, encoding: 'utf8', timeout: 30_000 });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
  });
});
