import base from './vitest.config.js';

// Stryker's vitest config: the parser and engine tests (unit, test/parser, test/engine and the
// conformance suite), no JSON report file. Spread
// rather than mergeConfig, which would concatenate the include and reporter lists.
export default {
  ...base,
  test: {
    ...base.test,
    include: [
      'packages/parser/src/**/*.test.ts',
      'packages/engine/src/**/*.test.ts',
      'test/parser/**/*.test.ts',
      'test/engine/**/*.test.ts',
      'test/conformance/**/*.test.ts',
    ],
    reporters: ['default'],
  },
};
