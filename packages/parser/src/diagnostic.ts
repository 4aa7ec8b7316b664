import type { Range } from './ast.js';

export type Severity = 'error' | 'warning';

/**
 * Every error a user can cause (lexer, parser, semantic check, and — in the other packages —
 * rule schema and event input) is one of these. `code` is stable and greppable (see codes.ts);
 * `range` is [start, end) in UTF-16 offsets of the text that was parsed; `line` and `column`
 * are 1-based and derived from `range[0]`.
 */
export interface Diagnostic {
  readonly code: string;
  readonly severity: Severity;
  readonly message: string;
  readonly range: Range;
  readonly line: number;
  readonly column: number;
  /** What to write instead, when there is a known fix (legacy syntax, did-you-mean). */
  readonly hint?: string;
}
