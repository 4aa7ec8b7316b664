import base from './vitest.config.js';

// Stryker's vitest config: the parser and engine unit tests only, no JSON report file. Spread
// rather than mergeConfig, which would concatenate the include and reporter lists.
export default {
  ...base,
  test: {
    ...base.test,
    include: ['packages/parser/src/**/*.test.ts', 'packages/engine/src/**/*.test.ts'],
    reporters: ['default'],
  },
};
