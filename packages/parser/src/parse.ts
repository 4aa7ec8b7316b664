import type { CstNode, IToken } from 'chevrotain';
import type { Expression, Statement } from './ast.js';
import { ExpressionBuilder } from './build-expression.js';
import { StatementBuilder } from './build-statement.js';
import { checkExpression, checkStatement } from './check.js';
import { DiagnosticCode } from './codes.js';
import { tokenRange } from './cst.js';
import { reportSyntaxErrors } from './syntax-errors.js';
import type { Diagnostic } from './diagnostic.js';
import { DiagnosticSink } from './diagnostic-sink.js';
import { eqlParser, parseTokens } from './grammar.js';
import { eqlLexer } from './lexer.js';
import { decodeEscapes, type LiteralProblem } from './literals.js';
import { maxDepth as treeDepth } from './tree.js';

/** Limits that keep hostile input cheap. */
export interface ParseOptions {
  /** Longest accepted query, in UTF-16 units. Default 1 MiB. */
  maxLength?: number;
  /**
   * Deepest accepted bracket nesting (`(`, `[`, `![`). Default 200. The grammar recurses once per
   * bracket, so values above 256 are lowered to 256 to keep the stack safe.
   */
  maxDepth?: number;
  /**
   * Deepest accepted syntax tree. Default 1000. A chain of `n` `or`s is `n` levels deep (the tree
   * is left-nested), so this bounds long chains and runs of `not` for code that walks the tree
   * recursively.
   */
  maxTreeDepth?: number;
  /**
   * Most members of one bracketed list (`in (...)`, function arguments). Default 65,536, as
   * Elasticsearch's `index.max_terms_count`. Checked on the tokens, before the grammar runs, so
   * a huge list costs a scan rather than a parse.
   */
  maxListSize?: number;
}

/** `ast` is set whenever the text is syntactically valid, even when semantic checks report errors. */
export interface ParseResult<T> {
  ast: T | undefined;
  diagnostics: Diagnostic[];
}

const DEFAULT_MAX_LENGTH = 1 << 20;
const DEFAULT_MAX_DEPTH = 200;
/** Bracket nesting the grammar survives with room to spare (it overflows near 400 under tsx). */
const BRACKET_HARD_LIMIT = 256;
const DEFAULT_MAX_TREE_DEPTH = 1000;
const DEFAULT_MAX_LIST_SIZE = 65_536;

/** Parses and checks a whole EQL statement. Never throws. */
export function parse(text: string, options: ParseOptions = {}): ParseResult<Statement> {
  return guarded(text, options, 'statement');
}

/** Parses and checks a bare expression (no `category where`), e.g. for constant folding. */
export function parseExpression(text: string, options: ParseOptions = {}): ParseResult<Expression> {
  return guarded(text, options, 'expression');
}

/** True when any diagnostic is an error (not a warning). */
export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === 'error');
}

/** Codes that mean "not valid syntax": the tree is then withheld. */
function isSyntaxCode(code: string): boolean {
  return code.startsWith('EQL1') || code.startsWith('EQL3') || code.startsWith('EQL9');
}

function guarded<E extends 'statement' | 'expression'>(
  text: string,
  options: ParseOptions,
  entry: E,
): ParseResult<E extends 'statement' ? Statement : Expression> {
  // Untyped callers (JavaScript, JSON input) can pass anything; that is a diagnostic too.
  if (typeof text !== 'string') {
    const sink = new DiagnosticSink('');
    sink.report(DiagnosticCode.SyntaxError, `expected the query as a string, got ${text === null ? 'null' : typeof text}`, [0, 0]);
    return { ast: undefined, diagnostics: sink.diagnostics };
  }
  const sink = new DiagnosticSink(text);
  try {
    const ast = run(text, options ?? {}, entry, sink);
    const diagnostics = sink.diagnostics.sort((a, b) => a.range[0] - b.range[0] || a.range[1] - b.range[1]);
    const valid = !diagnostics.some((d) => isSyntaxCode(d.code));
    return { ast: valid ? (ast as E extends 'statement' ? Statement : Expression) : undefined, diagnostics };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    sink.report(DiagnosticCode.InternalError, `internal parser error: ${message}`, [0, 0]);
    return { ast: undefined, diagnostics: sink.diagnostics };
  }
}

function run(
  text: string,
  options: ParseOptions,
  entry: 'statement' | 'expression',
  sink: DiagnosticSink,
): Statement | Expression | undefined {
  const maxLength = options.maxLength ?? DEFAULT_MAX_LENGTH;
  const maxDepth = Math.min(options.maxDepth ?? DEFAULT_MAX_DEPTH, BRACKET_HARD_LIMIT);
  const maxTreeDepth = options.maxTreeDepth ?? DEFAULT_MAX_TREE_DEPTH;
  const maxListSize = options.maxListSize ?? DEFAULT_MAX_LIST_SIZE;
  if (text.length > maxLength) {
    sink.report(DiagnosticCode.QueryTooLong, `query is ${text.length} characters long; the limit is ${maxLength}`, [0, 0]);
    return undefined;
  }
  const lexed = eqlLexer.tokenize(text);
  for (const error of lexed.errors) {
    // A backquote the lexer could not pair is a field name left open.
    const open = text.charCodeAt(error.offset) === 0x60;
    sink.report(
      DiagnosticCode.UnexpectedCharacter,
      open ? 'unterminated field name: missing closing backquote' : `unexpected character ${describeCharacter(text, error.offset)}`,
      [error.offset, error.offset + Math.max(1, error.length)],
      open ? 'close it with a backquote; a backquote inside a field name is written twice' : undefined,
    );
  }
  // The lexer tracks start offsets only (cheaper than line tracking); CST node locations need ends.
  for (const t of lexed.tokens) t.endOffset = t.startOffset + t.image.length - 1;
  checkTokens(lexed.tokens, sink);
  for (const comment of lexed.groups.comments ?? []) {
    if (!isClosedComment(comment.image)) {
      sink.report(DiagnosticCode.UnterminatedComment, 'unterminated comment: missing `*/`', [comment.startOffset, comment.startOffset + 2]);
    }
  }
  if (!checkNesting(lexed.tokens, maxDepth, maxListSize, sink)) return undefined;

  const cst = parseTokens(lexed.tokens, entry);
  if (eqlParser.errors.length > 0) {
    reportSyntaxErrors(eqlParser.errors, lexed.tokens, text.length, sink);
    return undefined;
  }
  const ast = build(cst, entry, sink, text.length);
  if (!ast) return undefined;
  if (treeDepth(ast, maxTreeDepth + 1) > maxTreeDepth) {
    sink.report(
      DiagnosticCode.NestingTooDeep,
      `query is more than ${maxTreeDepth} levels deep (long operator chains and runs of \`not\` count one level per operator)`,
      ast.range,
    );
    return undefined;
  }
  // After a lexical error the tree may hold stand-ins; checking it would only add noise.
  if (sink.diagnostics.some((d) => d.code.startsWith('EQL10'))) return ast;
  if (ast.type === 'Statement') checkStatement(ast, sink);
  else checkExpression(ast, sink);
  return ast;
}

function build(cst: CstNode, entry: 'statement' | 'expression', sink: DiagnosticSink, length: number): Statement | Expression | undefined {
  if (entry === 'expression') return new ExpressionBuilder(sink).expression(cst);
  return new StatementBuilder(sink, length).statement(cst);
}

/** A character for a message: printable ones quoted, others as their code point. */
function describeCharacter(text: string, offset: number): string {
  const code = text.codePointAt(offset) ?? 0;
  const printable = code > 0x20 && code !== 0x7f && !(code >= 0x80 && code <= 0xa0) && code !== 0xfeff;
  const hex = `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
  return printable ? `\`${String.fromCodePoint(code)}\`` : hex;
}

/** Whether a nestable block comment closes every `/*` it opens. */
function isClosedComment(image: string): boolean {
  let depth = 0;
  for (let i = 0; i < image.length; i++) {
    if (image.startsWith('/*', i)) {
      depth++;
      i++;
    } else if (image.startsWith('*/', i)) {
      depth--;
      i++;
    }
  }
  return depth === 0;
}

/** Lexical problems of single tokens: legacy strings, bad escapes, unclosed strings, huge numbers. */
function checkTokens(list: readonly IToken[], sink: DiagnosticSink): void {
  for (const t of list) {
    switch (t.tokenType.name) {
      case 'DoubleString':
        reportAll(sink, decodeProblems(t.image.slice(1, -1), t.startOffset + 1));
        break;
      case 'UnterminatedString':
        sink.report(DiagnosticCode.UnterminatedString, 'unterminated string: missing closing `"` on this line', tokenRange(t));
        break;
      case 'SingleQuotedString':
        sink.report(
          DiagnosticCode.LegacySingleQuotedString,
          'single-quoted strings are not supported',
          tokenRange(t),
          'use double quotes "..." (or """...""" for a raw string)',
        );
        break;
      case 'LegacyRawString':
        sink.report(
          DiagnosticCode.LegacyRawString,
          `\`${t.image.slice(0, 2)}...\` raw strings are not supported`,
          tokenRange(t),
          'use a triple-quoted raw string """..."""',
        );
        break;
      case 'Decimal':
        if (!Number.isFinite(Number(t.image))) {
          sink.report(DiagnosticCode.NumberTooLarge, `Number [${t.image}] is too large`, tokenRange(t));
        }
        break;
      default:
        break;
    }
  }
}

function decodeProblems(body: string, start: number): LiteralProblem[] {
  const problems: LiteralProblem[] = [];
  decodeEscapes(body, start, problems);
  return problems;
}

function reportAll(sink: DiagnosticSink, problems: readonly LiteralProblem[]): void {
  for (const p of problems) sink.report(p.code, p.message, p.range, p.hint);
}

/**
 * The grammar recurses once per bracket level; refusing deep bracket nesting before parsing keeps
 * hostile input (10,000 `(`) from overflowing the stack. Commas are counted per open bracket, so
 * an over-long list is refused before the grammar spends seconds on it.
 */
function checkNesting(list: readonly IToken[], maxDepth: number, maxListSize: number, sink: DiagnosticSink): boolean {
  // Commas seen directly inside each open bracket; index 0 is the top level.
  const commas: number[] = [0];
  for (const t of list) {
    const name = t.tokenType.name;
    if (name === 'LParen' || name === 'LBracket' || name === 'MissingOpen') {
      commas.push(0);
      if (commas.length - 1 > maxDepth) {
        sink.report(DiagnosticCode.NestingTooDeep, `brackets nest more than ${maxDepth} levels deep`, tokenRange(t));
        return false;
      }
    } else if (name === 'RParen' || name === 'RBracket') {
      if (commas.length > 1) commas.pop();
    } else if (name === 'Comma') {
      const count = ++commas[commas.length - 1]!;
      if (count >= maxListSize && commas.length > 1) {
        sink.report(DiagnosticCode.ListTooLong, `list has more than ${maxListSize} members`, tokenRange(t), 'split the list, or match a pattern instead');
        return false;
      }
    }
  }
  return true;
}
