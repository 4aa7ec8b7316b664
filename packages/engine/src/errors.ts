import type { Diagnostic, Range } from '@eqlkit/parser';

/**
 * Stable codes of the diagnostics the engine raises while compiling an expression. Parser codes
 * live in the EQL1xxx-3xxx space; the engine uses EQL4xxx.
 */
export const EngineCodes = {
  /** A `regex` pattern that is not valid (Lucene syntax on fields, Java syntax in scripts). */
  InvalidRegex: 'EQL4001',
  /** A regex feature that has no linear-time equivalent here (Lucene `&`/`~`/`<>`, lookaround, backreferences). */
  UnsupportedRegex: 'EQL4002',
  /** A function name that Elasticsearch does not register. */
  UnknownFunction: 'EQL4003',
  /** A function called with a wrong number of arguments. */
  FunctionArity: 'EQL4004',
  /** A function argument that must be a constant (or of a given constant type) but is not. */
  InvalidArgument: 'EQL4005',
  /** A `~` suffix on a function that has no case-insensitive form. */
  NotCaseAware: 'EQL4006',
  /** A CIDR block that does not parse. */
  InvalidCidr: 'EQL4007',
} as const;

export type EngineCode = (typeof EngineCodes)[keyof typeof EngineCodes];

/**
 * An error the user caused, found while compiling: carries one diagnostic per problem, each with
 * the range of the offending node. Line/column are filled in as 0 when the source text is not
 * known here; `withSource` derives them from the query text.
 */
export class EqlError extends Error {
  readonly diagnostics: Diagnostic[];

  constructor(diagnostics: Diagnostic[]) {
    super(diagnostics.map((d) => `${d.code}: ${d.message}`).join('\n'));
    this.name = 'EqlError';
    this.diagnostics = diagnostics;
  }
}

/** Build an engine error diagnostic for a node range (line/column derived later from the text). */
export function engineDiagnostic(code: EngineCode, message: string, range: Range, hint?: string): Diagnostic {
  return hint === undefined
    ? { code, severity: 'error', message, range, line: 0, column: 0 }
    : { code, severity: 'error', message, range, line: 0, column: 0, hint };
}

/** Throw an `EqlError` with a single diagnostic. */
export function fail(code: EngineCode, message: string, range: Range, hint?: string): never {
  throw new EqlError([engineDiagnostic(code, message, range, hint)]);
}

/**
 * Fill `line`/`column` (1-based) of diagnostics from the query text they refer to: the engine
 * compiles AST nodes and only knows ranges.
 */
export function locateDiagnostics(diagnostics: readonly Diagnostic[], text: string): Diagnostic[] {
  return diagnostics.map((d) => {
    const before = text.slice(0, d.range[0]);
    const lastBreak = before.lastIndexOf('\n');
    const line = before.split('\n').length;
    return { ...d, line, column: d.range[0] - lastBreak };
  });
}
