// Parse (and check) the whole detection-rules corpus several times; prints ms per full pass.
// Run: npx tsx bench/parse.bench.ts [passes]
//
// Measures the compiled package (packages/parser/dist) when `tsc -b` has built it after the last
// source change, as users run it; otherwise the TypeScript sources through tsx, whose transpiled
// output (keepNames wrappers around chevrotain's rule closures) runs about twice as slow.
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { sharedPath } from '../test/support/shared.js';

type Parser = typeof import('../packages/parser/src/index.js');

const srcDir = new URL('../packages/parser/src/', import.meta.url);
const distEntry = new URL('../packages/parser/dist/index.js', import.meta.url);
const buildInfo = new URL('../packages/parser/tsconfig.tsbuildinfo', import.meta.url);

function distIsFresh(): boolean {
  if (!existsSync(distEntry) || !existsSync(buildInfo)) return false;
  const built = statSync(buildInfo).mtimeMs;
  return readdirSync(srcDir)
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))
    .every((f) => statSync(new URL(f, srcDir)).mtimeMs <= built);
}

const fromDist = distIsFresh();
const { parse } = (await import(fromDist ? distEntry.href : new URL('index.ts', srcDir).href)) as Parser;

const queries = readFileSync(sharedPath('corpus', 'detection-rules', 'queries.ndjson'), 'utf8')
  .split('\n')
  .filter((line) => line.trim() !== '')
  .map((line) => (JSON.parse(line) as { query: string }).query);
const chars = queries.reduce((n, q) => n + q.length, 0);
const passes = Number(process.argv[2] ?? 10);

function pass(): number {
  let diagnostics = 0;
  for (const query of queries) diagnostics += parse(query).diagnostics.length;
  return diagnostics;
}

// The first pass includes JIT compilation and chevrotain's lookahead caches.
let start = performance.now();
const diagnostics = pass();
const firstMs = performance.now() - start;
if (diagnostics !== 0) throw new Error(`corpus produced ${diagnostics} diagnostics`);

const times: number[] = [];
for (let i = 0; i < passes; i++) {
  start = performance.now();
  pass();
  times.push(performance.now() - start);
}
times.sort((a, b) => a - b);
const median = times[Math.floor(times.length / 2)] ?? 0;
const best = times[0] ?? 0;
console.log(`parse + check (${fromDist ? 'compiled dist' : 'sources via tsx; run `npx tsc -b` first to measure the build'})`);
console.log(`corpus: ${queries.length} queries, ${(chars / 1024).toFixed(0)} KiB`);
console.log(`first pass (cold): ${firstMs.toFixed(1)} ms`);
console.log(`per full corpus pass, ${passes} passes: median ${median.toFixed(1)} ms, best ${best.toFixed(1)} ms`);
console.log(`throughput: ${(chars / 1024 / 1024 / (median / 1000)).toFixed(2)} MiB/s, ${((median * 1000) / queries.length).toFixed(1)} µs/query`);
