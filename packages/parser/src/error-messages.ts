import type { IParserErrorMessageProvider, IToken, TokenType } from 'chevrotain';

/** What a grammar rule stands for, in words a query author knows. */
const RULE_WORDS: Readonly<Record<string, string>> = {
  statement: 'a query',
  query: 'a query (`category where ...`, `sequence` or `sample`)',
  sequence: 'a stage `[category where ...]`',
  clause: '`by` or `with`',
  byClause: 'a join key',
  withClause: '`with maxspan=...` or `with runs=...`',
  term: 'a stage `[category where ...]`',
  eventFilter: '`category where condition`',
  category: 'an event category',
  pipe: 'a pipe',
  expression: 'an expression',
  operand: 'an expression',
  predicate: 'a literal pattern or a parenthesised list of them',
  list: 'a parenthesised list',
  primary: 'a value, field, function call or `(`',
  patternValue: 'a pattern string or a parenthesised list',
  call: 'a function call',
  lineage: 'an expression',
  field: 'a field name',
};

function tokenWords(type: TokenType): string {
  return typeof type.LABEL === 'string' ? type.LABEL : type.name;
}

/** How a found token is quoted in a message: its text, or "end of query". */
export function describeToken(token: IToken): string {
  if (token.tokenType.name === 'EOF' || token.image === '') return 'end of query';
  const text = token.image.length > 30 ? `${token.image.slice(0, 30)}...` : token.image;
  return `\`${text}\``;
}

function ruleWords(ruleName: string): string {
  return RULE_WORDS[ruleName] ?? 'an expression';
}

/** Chevrotain error messages rewritten to speak EQL rather than token-type names. */
export const eqlErrorMessages: IParserErrorMessageProvider = {
  buildMismatchTokenMessage({ expected, actual, ruleName }) {
    if (expected.name === 'EOF') return `unexpected ${describeToken(actual)} after the end of the query`;
    if (ruleName === 'pipe' && expected.name === 'Identifier') {
      return `expected a pipe name (\`head\` or \`tail\`) but found ${describeToken(actual)}`;
    }
    if ((ruleName === 'list' || ruleName === 'call') && expected.name === 'RParen') {
      return `expected \`,\` or \`)\` but found ${describeToken(actual)}`;
    }
    const what = tokenWords(expected);
    const why =
      expected.name === 'RBracket'
        ? ' to close the stage'
        : expected.name === 'LParen' && ruleName === 'list'
          ? ' to start the list, e.g. `in ("a", "b")`'
        : expected.name === 'RParen'
          ? ' to close the parenthesis'
          : expected.name === 'Where'
            ? ' after the event category'
            : ruleName === 'withClause' && expected.name === 'Assign'
              ? ' (`with maxspan=30s`)'
              : '';
    return `expected ${what}${why} but found ${describeToken(actual)}`;
  },
  buildNotAllInputParsedMessage({ firstRedundant }) {
    return `unexpected ${describeToken(firstRedundant)} after the end of the query`;
  },
  buildNoViableAltMessage({ actual, ruleName }) {
    const found = actual[0];
    return `expected ${ruleWords(ruleName)} but found ${found ? describeToken(found) : 'end of query'}`;
  },
  buildEarlyExitMessage({ actual, ruleName }) {
    const found = actual[0];
    return `expected ${ruleWords(ruleName)} but found ${found ? describeToken(found) : 'end of query'}`;
  },
};
