import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../support/shared.js';
import { requireBuilt } from './built-packages.js';

interface ExportTarget {
  readonly types?: string;
  readonly default?: string;
}

const packages = ['parser', 'engine', 'rules'] as const;
const page = (name: string) => readFileSync(join(repoRoot, 'docs/api', `${name}.md`), 'utf8');
const manifest = (name: string) =>
  JSON.parse(readFileSync(join(repoRoot, 'packages', name, 'package.json'), 'utf8')) as { exports: Record<string, ExportTarget | string> };

/** Runtime exports of a built entry point. */
async function exportsOf(file: string): Promise<string[]> {
  return Object.keys((await import(pathToFileURL(join(repoRoot, file)).href)) as object).sort();
}

describe('the public API of the core packages', () => {
  it('each package has one entry (engine: plus ./raw-lines; rules: plus ./node and the schema), each with types that exist once built', () => {
    requireBuilt(...packages);
    const entries = Object.fromEntries(packages.map((name) => [name, Object.keys(manifest(name).exports)]));
    expect(entries).toEqual({ parser: ['.'], engine: ['.', './raw-lines'], rules: ['.', './node', './rule-schema.json'] });
    for (const name of packages) {
      for (const target of Object.values(manifest(name).exports)) {
        const files = typeof target === 'string' ? [target] : [target.types, target.default];
        for (const file of files) expect(existsSync(join(repoRoot, 'packages', name, file ?? 'missing')), `${name}: ${file}`).toBe(true);
      }
    }
  });

  it.each(packages)('every runtime export of @eqlkit/%s is documented in docs/api (export it on purpose or not at all)', async (name) => {
    requireBuilt(...packages);
    const undocumented = (await exportsOf(`packages/${name}/dist/index.js`)).filter((e) => !page(name).includes(`\`${e}`));
    expect(undocumented, `document these in docs/api/${name}.md, or stop exporting them`).toEqual([]);
  });

  it('every runtime export of @eqlkit/rules/node is documented in docs/api/rules.md', async () => {
    requireBuilt(...packages);
    const undocumented = (await exportsOf('packages/rules/dist/node/index.js')).filter((e) => !page('rules').includes(`\`${e}`));
    expect(undocumented).toEqual([]);
  });

  it('every runtime export of @eqlkit/engine/raw-lines is documented in docs/api/engine.md, and is the main entry\'s own', async () => {
    requireBuilt(...packages);
    const raw = await exportsOf('packages/engine/dist/raw-lines.js');
    expect(raw.length).toBeGreaterThan(0);
    expect(raw.filter((e) => !page('engine').includes(`\`${e}`))).toEqual([]);
    const main = (await import(pathToFileURL(join(repoRoot, 'packages/engine/dist/index.js')).href)) as Record<string, unknown>;
    const sub = (await import(pathToFileURL(join(repoRoot, 'packages/engine/dist/raw-lines.js')).href)) as Record<string, unknown>;
    for (const e of raw) expect(sub[e], e).toBe(main[e]);
  });

  it('the core entry points export nothing Node-only: the file-system loaders stay in @eqlkit/rules/node', async () => {
    requireBuilt(...packages);
    const core = await exportsOf('packages/rules/dist/index.js');
    for (const nodeOnly of ['loadPackDir', 'loadRuleFile', 'readTextFile', 'readPackFiles', 'createAlertTransform']) expect(core).not.toContain(nodeOnly);
  });

  it('a user resolves the entry points and nothing deeper (the exports map keeps modules internal)', () => {
    requireBuilt(...packages);
    // Resolved as a dependent package would, from examples/node-pipeline (it depends on @eqlkit/rules).
    const script = `
      const tryImport = (s) => import(s, s.endsWith('.json') ? { with: { type: 'json' } } : undefined).then(() => 'ok', (e) => e.code);
      console.log(JSON.stringify(await Promise.all(['@eqlkit/rules', '@eqlkit/rules/node', '@eqlkit/rules/rule-schema.json', '@eqlkit/rules/dist/runner.js', '@eqlkit/rules/src/index.ts'].map(tryImport))));`;
    const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd: join(repoRoot, 'examples/node-pipeline'), encoding: 'utf8' });
    expect(run.stderr.replace(/.*ExperimentalWarning.*\n|.*--trace-warnings.*\n/g, '')).toBe('');
    expect(JSON.parse(run.stdout)).toEqual(['ok', 'ok', 'ok', 'ERR_PACKAGE_PATH_NOT_EXPORTED', 'ERR_PACKAGE_PATH_NOT_EXPORTED']);
  });

  it('the root README links each API page', () => {
    const readme = readFileSync(join(repoRoot, 'README.md'), 'utf8');
    for (const name of packages) expect(readme).toContain(`](docs/api/${name}.md)`);
  });
});
