export type * from './ast.js';
export type { Diagnostic, Severity } from './diagnostic.js';
