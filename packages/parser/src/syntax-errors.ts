import type { IRecognitionException, IToken } from 'chevrotain';
import type { Range } from './ast.js';
import { DiagnosticCode } from './codes.js';
import { tokenRange } from './cst.js';
import type { DiagnosticSink } from './diagnostic-sink.js';
import { describeToken } from './error-messages.js';

const CATEGORY_TOKENS = new Set(['Identifier', 'Any', 'DoubleString', 'RawString']);

/**
 * Reports chevrotain's recognition errors. Two cases get a message with more context than the
 * grammar position gives: input left over right after the first token (`process x == 1`, a
 * missing `where`) and input that starts with no query at all (`where x == 1`).
 */
export function reportSyntaxErrors(
  errors: readonly IRecognitionException[],
  tokens: readonly IToken[],
  length: number,
  sink: DiagnosticSink,
): void {
  for (const error of errors) {
    const token = error.token;
    let message = error.message;
    let range = errorRange(token, length);
    const first = tokens[0];
    const second = tokens[1];
    // `any x == 1`, `any`: the category keyword with something other than `where` after it.
    if (error.name === 'NoViableAltException' && token === first && first?.tokenType.name === 'Any' && second?.tokenType.name !== 'Where') {
      message = `expected \`where\` after the event category ${describeToken(first)} but found ${second ? describeToken(second) : 'end of query'}`;
      range = second ? errorRange(second, length) : [length, length];
    }
    // With recovery on, leftover input surfaces as a mismatch against end-of-input.
    if (error.name === 'NotAllInputParsedException' || error.name === 'MismatchedTokenException') {
      if (token === first) {
        message = `expected a query (\`category where ...\`, \`sequence\` or \`sample\`) but found ${describeToken(token)}`;
      } else if (token === second && first && CATEGORY_TOKENS.has(first.tokenType.name)) {
        message = `expected \`where\` after the event category ${describeToken(first)} but found ${describeToken(token)}`;
      }
    }
    sink.report(DiagnosticCode.SyntaxError, message, range);
  }
}

function errorRange(token: IToken, length: number): Range {
  if (token.tokenType.name === 'EOF' || !Number.isFinite(token.startOffset)) return [length, length];
  return tokenRange(token);
}
