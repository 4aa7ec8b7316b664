import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as rawLines from './raw-lines.js';

/** The runtime imports of a source file (`import type` and `export type` left out). */
function runtimeImports(file: URL): string[] {
  const text = readFileSync(file, 'utf8');
  const specifiers: string[] = [];
  for (const m of text.matchAll(/^(?:import|export)\s+(type\s+)?[^'";]*?from\s+'([^']+)'/gm)) {
    if (m[1] === undefined) specifiers.push(m[2] as string);
  }
  return specifiers;
}

describe('@eqlkit/engine/raw-lines', () => {
  it('loads none of the parser: its module graph holds only the engine own files and re2js', () => {
    const seen = new Set<string>();
    const bare: string[] = [];
    const walk = (file: URL) => {
      if (seen.has(file.href)) return;
      seen.add(file.href);
      for (const spec of runtimeImports(file)) {
        if (spec.startsWith('./')) walk(new URL(spec.replace(/\.js$/, '.ts'), file));
        else bare.push(spec);
      }
    };
    walk(new URL('./raw-lines.ts', import.meta.url));
    // re2js: the linear-time expressions a regex needle runs on a field's values.
    expect(bare).toEqual(['re2js']);
    // It reaches what the router needs (a walk that stopped early would pass the check above).
    expect([...seen].map((f) => f.split('/').pop())).toEqual(expect.arrayContaining(['raw-line-filter.ts', 'raw-prefilter.ts', 'regex-literals.ts', 'lucene-regex.ts']));
  });

  it('gives what the line worker uses', () => {
    expect(typeof rawLines.compileRawRouter).toBe('function');
    expect(typeof rawLines.compileRawPrefilter).toBe('function');
    expect(typeof rawLines.textual).toBe('function');
    expect(typeof rawLines.hasHidingEscape).toBe('function');
  });
});
