import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const src = (file: string) => fileURLToPath(new URL(`./packages/${file}`, import.meta.url));

// Tests import the workspace packages from source, so a change is tested without a rebuild.
export default defineConfig({
  resolve: {
    alias: [
      { find: /^@eqlkit\/parser$/, replacement: src('parser/src/index.ts') },
      { find: /^@eqlkit\/engine$/, replacement: src('engine/src/index.ts') },
      { find: /^@eqlkit\/engine\/raw-lines$/, replacement: src('engine/src/raw-lines.ts') },
      { find: /^@eqlkit\/rules$/, replacement: src('rules/src/index.ts') },
      { find: /^@eqlkit\/rules\/node$/, replacement: src('rules/src/node/index.ts') },
    ],
  },
  test: {
    include: ['packages/*/src/**/*.test.ts', 'test/**/*.test.ts'],
    setupFiles: ['test/support/fast-check-seed.ts'],
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 60_000,
    reporters: ['default', ['json', { outputFile: '.vitest-results.json' }]],
  },
});
