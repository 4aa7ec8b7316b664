#!/usr/bin/env node
// Bundles the page with esbuild into dist/ (index.html + main.js, minified, for browsers) and
// prints the bundle's size, minified and gzipped. Needs the packages built (pnpm build).
import { copyFileSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

const here = (path) => new URL(path, import.meta.url).pathname;
rmSync(here('dist'), { recursive: true, force: true });
mkdirSync(here('dist'));
await build({
  entryPoints: [here('main.ts')],
  outfile: here('dist/main.js'),
  bundle: true,
  minify: true,
  format: 'esm',
  platform: 'browser',
  target: ['es2022'],
  sourcemap: true,
  legalComments: 'none',
  logLevel: 'warning',
});
copyFileSync(here('index.html'), here('dist/index.html'));
const bundle = readFileSync(here('dist/main.js'));
const gzipped = gzipSync(bundle, { level: 9 }).length;
console.log(JSON.stringify({ file: 'dist/main.js', minifiedBytes: bundle.length, gzippedBytes: gzipped }));
