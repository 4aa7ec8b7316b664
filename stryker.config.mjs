// Mutation testing of the parser and the engine (`pnpm mutation`; not part of `pnpm test`).
// The machine is shared, so one or two workers; the vitest config runs only the two packages'
// unit tests plus the engine and conformance suites under test/ (the corpus and CLI suites are
// too slow to rerun per mutant).
import { fileURLToPath } from 'node:url';

// The sandbox sits two levels deeper than the repository, so point the tests at ../shared here.
process.env.EQLKIT_SHARED ??= fileURLToPath(new URL('../shared', import.meta.url));

// One package per run (`STRYKER_PACKAGE`), and within it a slice of its files (`STRYKER_MUTATE`,
// a comma list; `STRYKER_SLICE` names the slice): scripts/mutation.mjs cuts a package into slices
// so that a run that takes hours can be resumed. Each run has its own report, incremental file and
// sandbox.
const only = process.env.STRYKER_PACKAGE;
if (only !== undefined && only !== 'parser' && only !== 'engine') throw new Error(`STRYKER_PACKAGE must be parser or engine, not ${only}`);
const packages = only ? [only] : ['parser', 'engine'];
const slice = process.env.STRYKER_SLICE;
const name = only ? (slice ? `${only}/slice-${slice}` : only) : 'all';
const chosen = process.env.STRYKER_MUTATE?.split(',').filter((f) => f !== '');

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  packageManager: 'pnpm',
  testRunner: 'vitest',
  vitest: { configFile: 'stryker.config.vitest.ts', related: false },
  plugins: ['@stryker-mutator/vitest-runner'],
  coverageAnalysis: 'perTest',
  // The sandbox gets only what the two packages' unit tests need (an allow-list): others' work
  // in progress and transient files elsewhere in the tree stay out of it.
  ignorePatterns: [
    '/*',
    '!/package.json',
    '!/tsconfig*.json',
    '!/vitest.config.ts',
    '!/stryker.config.vitest.ts',
    '!/packages',
    '/packages/*',
    '!/packages/parser',
    '!/packages/engine',
    // The root tsconfig references every package; vite's transform reads those references.
    '!/packages/*/tsconfig.json',
    'dist',
    '*.tsbuildinfo',
    '!/test',
    '/test/*',
    '!/test/support',
    '!/test/parser',
    '!/test/engine',
    '!/test/conformance',
  ],
  disableTypeChecks: 'packages/{parser,engine}/src/**/*.ts',
  mutate: [
    ...(chosen ?? packages.map((p) => `packages/${p}/src/**/*.ts`)),
    '!packages/*/src/**/*.test.ts',
    // Type-only modules and barrels hold nothing to mutate.
    '!packages/parser/src/ast.ts',
    '!packages/parser/src/diagnostic.ts',
    '!packages/*/src/index.ts',
  ],
  // Results are reused for unchanged mutants and tests: a rerun tests only what changed.
  incremental: true,
  incrementalFile: `reports/mutation/${name}-incremental.json`,
  // Static mutants (module-level constants) rerun every test per mutant: too costly here.
  ignoreStatic: true,
  concurrency: Number(process.env.STRYKER_CONCURRENCY ?? 2),
  timeoutMS: 10_000,
  reporters: ['clear-text', 'progress-append-only', 'html', 'json'],
  htmlReporter: { fileName: `reports/mutation/${name}.html` },
  jsonReporter: { fileName: `reports/mutation/${name}.json` },
  tempDirName: `.stryker-tmp-${name.replace('/', '-')}`,
  cleanTempDir: 'always',
  thresholds: { high: 90, low: 80, break: null },
};
