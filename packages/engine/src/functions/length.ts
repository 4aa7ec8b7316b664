import type { FunctionSpec } from './function-spec.js';

/** `length(s)`: UTF-16 code units, as Java's `String.length()`; null (or a non-string) → null. */
export const lengthFunction: FunctionSpec = {
  name: 'length',
  minArgs: 1,
  maxArgs: 1,
  caseAware: false,
  returns: () => 'int',
  build: () => ([s]) => (typeof s === 'string' ? s.length : null),
};
