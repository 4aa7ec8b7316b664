// Bundles the built CLI (`packages/cli/dist/bin.js`, after `tsc -b`) into one file,
// `packages/cli/dist/bundle/eql.js`, with its line worker beside it (`line-worker.js`, where the
// bundled reader looks for it: `new URL('./line-worker.js', import.meta.url)`). Node resolves and
// links each ES module apart: the CLI's 700-odd modules (lodash-es alone is 640, through
// chevrotain) took 0.3 s of every start, `eql --version` 0.47 s against 0.16 s bundled.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const cli = join(dirname(fileURLToPath(import.meta.url)), '../packages/cli');
const outdir = join(cli, 'dist/bundle');
await build({
  entryPoints: { eql: join(cli, 'dist/bin.js'), 'line-worker': join(cli, 'dist/input/line-worker.js') },
  outdir,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  // CommonJS dependencies (ajv) bundled into an ES module still call `require` for Node's own modules.
  banner: { js: "import { createRequire as __eqlkitRequire } from 'node:module'; const require = __eqlkitRequire(import.meta.url);" },
  logLevel: 'warning',
});
// The reader finds its worker by this URL: a bundle without it would read on one thread, silently.
const bundled = readFileSync(join(outdir, 'eql.js'), 'utf8');
if (!bundled.includes('new URL("./line-worker.js", import.meta.url)') || !existsSync(join(outdir, 'line-worker.js'))) {
  throw new Error('bundle-cli: the bundled reader would not find its line worker');
}
