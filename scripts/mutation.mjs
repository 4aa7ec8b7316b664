#!/usr/bin/env node
// Mutation testing of a package in resumable slices (`pnpm mutation parser|engine [--jobs N]`).
//
// A whole Stryker run of the engine is hours here (about 7,400 mutants, each a fresh vitest
// worker plus the tests that cover it), longer than one sitting. So the package's source files
// are cut into slices of about the same size, each slice is one Stryker run with its own report
// and incremental file under reports/mutation/<package>/, and a slice whose run started after the
// last change to its files and to every test file is not run again. Interrupted work costs one slice at most.
// At the end the slices' reports are read together: the score per file and for the package.
//
//   pnpm mutation engine              run the slices not yet done (one at a time)
//   pnpm mutation engine --jobs 2     two slices at once (one Stryker worker each)
//   pnpm mutation engine --report     only print the score of the reports there are
//   pnpm mutation engine --markdown   the same as a table for docs/quality.md
//   pnpm mutation engine --reverse    last slices first (beside a driver already running)
//   pnpm mutation engine --only 1,3   just these slices
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const args = process.argv.slice(2);
const pkg = args.find((a) => !a.startsWith('--'));
if (pkg !== 'parser' && pkg !== 'engine') {
  console.error('usage: pnpm mutation parser|engine [--jobs N] [--report]');
  process.exit(2);
}
const jobsAt = args.indexOf('--jobs');
const jobs = jobsAt >= 0 ? Math.max(1, Number(args[jobsAt + 1]) || 1) : 1;
const markdown = args.includes('--markdown');
const reportOnly = args.includes('--report') || markdown;
/** Take the slices last first (a second driver beside one already running). */
const reverse = args.includes('--reverse');
/** `--only 1,3`: these slices (1-based) and no others. */
const onlyAt = args.indexOf('--only');
const only = onlyAt >= 0 ? new Set(String(args[onlyAt + 1] ?? '').split(',').map((n) => Number(n) - 1)) : undefined;
/** Source bytes per slice: about 500 mutants, 15 to 25 minutes for one worker here. */
const SLICE_BYTES = 25_000;

function walk(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)]));
}

// What Stryker mutates (as stryker.config.mjs says): sources, not tests, type-only modules or barrels.
const skipped = new Set(['packages/parser/src/ast.ts', 'packages/parser/src/diagnostic.ts', `packages/${pkg}/src/index.ts`]);
const sources = walk(join(root, 'packages', pkg, 'src'))
  .map((f) => relative(root, f))
  .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts') && !skipped.has(f))
  .sort();

const outDir = join(root, 'reports', 'mutation', pkg);
mkdirSync(outDir, { recursive: true });
const size = (file) => statSync(join(root, file)).size;

// Slices in path order, cut by size, the first time; then kept in slices.json beside the reports,
// since each report covers exactly its slice's files: cutting again by the sizes of the day would
// move a file to a slice whose report does not hold it (files grow). A new file joins the
// smallest slice; a removed one leaves its slice.
const slicesPath = join(outDir, 'slices.json');
let slices = existsSync(slicesPath) ? JSON.parse(readFileSync(slicesPath, 'utf8')) : undefined;
if (slices) {
  const present = new Set(sources);
  slices = slices.map((files) => files.filter((f) => present.has(f))).filter((files) => files.length > 0);
  const placed = new Set(slices.flat());
  for (const file of sources.filter((f) => !placed.has(f))) {
    const bytes = slices.map((files) => files.reduce((n, f) => n + size(f), 0));
    slices[bytes.indexOf(Math.min(...bytes))].push(file);
  }
} else {
  slices = [];
  let current = [];
  let bytes = 0;
  for (const file of sources) {
    current.push(file);
    bytes += size(file);
    if (bytes >= SLICE_BYTES) {
      slices.push(current);
      current = [];
      bytes = 0;
    }
  }
  if (current.length > 0) slices.push(current);
}
writeFileSync(slicesPath, `${JSON.stringify(slices, null, 1)}\n`);

const reportOf = (i) => join(outDir, `slice-${i + 1}.json`);
const testFiles = walk(join(root, 'packages'))
  .concat(walk(join(root, 'test')))
  .filter((f) => f.endsWith('.test.ts'));
const newestTest = Math.max(...testFiles.map((f) => statSync(f).mtimeMs), statSync(join(root, 'stryker.config.mjs')).mtimeMs);
// When a slice's last run started (`.started`) and when the last run that finished had started
// (`.done`; Stryker copies the files at the start): a finished run's report holds for files and
// tests not changed since it started.
const startedOf = (i) => join(outDir, `slice-${i + 1}.started`);
const doneOf = (i) => join(outDir, `slice-${i + 1}.done`);
const stamp = (file) => (existsSync(file) ? Number(readFileSync(file, 'utf8')) : 0);
const isDone = (i) => {
  const at = stamp(doneOf(i));
  return existsSync(reportOf(i)) && at > newestTest && slices[i].every((f) => statSync(join(root, f)).mtimeMs < at);
};

/** Another driver started this slice lately and has not finished it (its marker is newer than its report). */
const takenElsewhere = (i) => {
  const at = stamp(startedOf(i));
  return at > stamp(doneOf(i)) && Date.now() - at < 2 * 3600_000;
};

function runSlice(i) {
  if (takenElsewhere(i)) return Promise.resolve(0);
  return new Promise((resolve) => {
    const started = Date.now();
    writeFileSync(startedOf(i), String(started));
    console.log(`[${pkg} ${i + 1}/${slices.length}] ${slices[i].length} files: ${slices[i].map((f) => f.split('/').pop()).join(', ')}`);
    const child = spawn('npx', ['stryker', 'run', 'stryker.config.mjs'], {
      cwd: root,
      stdio: ['ignore', 'inherit', 'inherit'],
      env: {
        ...process.env,
        STRYKER_PACKAGE: pkg,
        STRYKER_SLICE: String(i + 1),
        STRYKER_MUTATE: slices[i].join(','),
        STRYKER_CONCURRENCY: '1',
      },
    });
    child.on('close', (code) => {
      // A failed run (a test failing in the dry run, say) must not look taken to the next driver.
      if (code === 0) writeFileSync(doneOf(i), String(started));
      else rmSync(startedOf(i), { force: true });
      console.log(`[${pkg} ${i + 1}/${slices.length}] ${code === 0 ? 'done' : `failed (exit ${code})`} in ${Math.round((Date.now() - started) / 60_000)} min`);
      resolve(code);
    });
  });
}

if (!reportOnly) {
  const todo = slices.map((_, i) => i).filter((i) => !isDone(i) && (only === undefined || only.has(i)));
  const upToDate = slices.filter((_, i) => isDone(i)).length;
  console.log(`${pkg}: ${slices.length} slices, ${upToDate} up to date, ${todo.length} to run (${jobs} at a time)`);
  const queue = reverse ? [...todo].reverse() : [...todo];
  await Promise.all(
    Array.from({ length: Math.min(jobs, queue.length) }, async () => {
      for (let i = queue.shift(); i !== undefined; i = queue.shift()) await runSlice(i);
    }),
  );
}

// The score: killed and timed-out mutants over those plus survivors and uncovered ones, the
// definition Stryker prints (ignored mutants, and those that did not compile, do not count).
const files = new Map();
for (let i = 0; i < slices.length; i++) {
  if (!existsSync(reportOf(i))) continue;
  const report = JSON.parse(readFileSync(reportOf(i), 'utf8'));
  for (const [file, result] of Object.entries(report.files)) files.set(file, result.mutants);
}
const count = (mutants) => {
  const c = { detected: 0, undetected: 0 };
  for (const m of mutants) {
    if (m.status === 'Killed' || m.status === 'Timeout') c.detected++;
    else if (m.status === 'Survived' || m.status === 'NoCoverage') c.undetected++;
  }
  return c;
};
const rows = [...files].map(([file, mutants]) => ({ file, ...count(mutants) })).sort((a, b) => a.file.localeCompare(b.file));
let detected = 0;
let undetected = 0;
const pct = (d, total) => (total === 0 ? '-' : `${((100 * d) / total).toFixed(1)}%`);
if (markdown) console.log('| file | mutants | detected | undetected | score |\n|---|---:|---:|---:|---:|');
for (const r of rows) {
  detected += r.detected;
  undetected += r.undetected;
  const total = r.detected + r.undetected;
  if (markdown) console.log(`| ${r.file.replace(`packages/${pkg}/src/`, '')} | ${total} | ${r.detected} | ${r.undetected} | ${pct(r.detected, total)} |`);
  else console.log(`${pct(r.detected, total).padStart(6)}  ${String(r.undetected).padStart(4)} of ${String(total).padStart(4)} undetected  ${r.file}`);
}
const missing = slices.flatMap((slice, i) => (existsSync(reportOf(i)) ? [] : slice));
const total = detected + undetected;
console.log(
  `${pkg}: mutation score ${total === 0 ? '-' : ((100 * detected) / total).toFixed(2)}% (${detected} detected of ${total}) over ${rows.length} of ${sources.length} files` +
    (missing.length > 0 ? `; not yet run: ${missing.map((f) => f.split('/').pop()).join(', ')}` : ''),
);
