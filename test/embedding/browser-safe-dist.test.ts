import { readdirSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join, relative } from 'node:path';
import { build, type Plugin } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../support/shared.js';
import { requireBuilt } from './built-packages.js';

const builtins = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));
/** `fs`, `node:fs`, `fs/promises`, `node:test` (which has no unprefixed form). */
const isBuiltin = (specifier: string) => specifier.startsWith('node:') || builtins.has(specifier) || builtins.has(specifier.split('/')[0]!);

/** The core's built files: parser, engine, and rules outside `dist/node/`. */
function coreFiles(): string[] {
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (path !== join(repoRoot, 'packages/rules/dist/node')) walk(path);
      } else if (entry.name.endsWith('.js')) files.push(path);
    }
  };
  for (const name of ['parser', 'engine', 'rules']) walk(join(repoRoot, 'packages', name, 'dist'));
  return files;
}

/** Every module specifier a built ES module imports or re-exports, statically or dynamically. */
function specifiers(source: string): string[] {
  const found: string[] = [];
  const patterns = [/\bfrom\s*['"]([^'"]+)['"]/g, /\bimport\s*['"]([^'"]+)['"]/g, /\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)/g, /\brequire\s*\(\s*['"]([^'"]+)['"]\s*\)/g];
  for (const pattern of patterns) for (const match of source.matchAll(pattern)) found.push(match[1]!);
  return found;
}

/** Fails the bundle on any Node built-in, naming the module that imported it. */
const rejectBuiltins = (seen: string[]): Plugin => ({
  name: 'reject-node-builtins',
  setup(b) {
    b.onResolve({ filter: /.*/ }, (args) => {
      if (!isBuiltin(args.path)) return undefined;
      seen.push(`${relative(repoRoot, args.importer)} imports ${args.path}`);
      return { errors: [{ text: `Node built-in ${args.path} imported by ${args.importer}` }] };
    });
  },
});

describe('the built core packages run in a browser', () => {
  it('the specifier check recognises Node built-ins in every form', () => {
    expect(['node:fs', 'fs', 'fs/promises', 'path', 'zlib', 'stream', 'crypto', 'node:test'].every(isBuiltin)).toBe(true);
    expect(['chevrotain', 're2js', 'ajv/dist/2020.js', '@eqlkit/engine', './fs.js'].some(isBuiltin)).toBe(false);
    expect(specifiers(`import { a } from "node:fs";\nexport * from './x.js';\nawait import('zlib');\nimport 'side';`)).toEqual(['node:fs', './x.js', 'side', 'zlib']);
  });

  it('no built file of parser, engine or rules (outside dist/node/) imports a Node built-in', () => {
    requireBuilt('parser', 'engine', 'rules');
    const files = coreFiles();
    expect(files.length).toBeGreaterThan(50);
    const offenders = files.flatMap((file) =>
      specifiers(readFileSync(file, 'utf8'))
        .filter(isBuiltin)
        .map((s) => `${relative(repoRoot, file)} imports ${s}`),
    );
    expect(offenders).toEqual([]);
  });

  it.each([
    ['browsers', ['browser']],
    ['any runtime (no export condition)', []],
  ])('bundled by esbuild (neutral platform, for %s) with their npm dependencies, nothing resolves to a Node built-in', async (_for, conditions) => {
    requireBuilt('parser', 'engine', 'rules');
    const seen: string[] = [];
    const result = await build({
      entryPoints: ['parser', 'engine', 'rules'].map((name) => join(repoRoot, 'packages', name, 'dist/index.js')),
      bundle: true,
      write: false,
      outdir: 'out',
      format: 'esm',
      platform: 'neutral',
      mainFields: ['module', 'main'],
      conditions,
      logLevel: 'silent',
      plugins: [rejectBuiltins(seen)],
    }).catch((error: unknown) => error as Error);
    expect(seen).toEqual([]);
    expect(result).not.toBeInstanceOf(Error);
    // The rules bundle really holds its dependencies (ajv, smol-toml, yaml, chevrotain, re2js).
    const rules = result instanceof Error ? '' : (result.outputFiles.find((f) => f.path.endsWith('rules/dist/index.js'))?.text ?? '');
    expect(rules.length).toBeGreaterThan(500_000);
  });
});
