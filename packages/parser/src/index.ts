/**
 * `@eqlkit/parser`: the Elasticsearch EQL language — lexer, grammar, typed AST, semantic checks,
 * diagnostics and a canonical printer. Browser-safe (no `node:` imports).
 */
export type * from './ast.js';
export type { Diagnostic, Severity } from './diagnostic.js';
export { DiagnosticCode } from './codes.js';
export { parse, parseExpression, hasErrors, type ParseOptions, type ParseResult } from './parse.js';
export { FUNCTIONS, lookupFunction, isConstantArgument, type FunctionSpec } from './functions.js';
export { LineIndex, lineIndex, positionAt, type Position } from './line-index.js';
export { childNodes } from './tree.js';
export { print, quoteString } from './print.js';
export { stripRanges } from './strip-ranges.js';
export { formatDiagnostic, type FormatOptions } from './format-diagnostic.js';
export { isNode, isExpression, isLiteral, isQuery } from './guards.js';
