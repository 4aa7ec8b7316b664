import { Lexer, createToken, type CustomPatternMatcherReturn, type TokenType } from 'chevrotain';

/**
 * EQL tokens. Keywords are lowercase only (`AND` is a field name) and declared with `longer_alt`
 * so `index` is an identifier, not `in` + `dex`. Legacy tokens (`'single'`, `?"raw"`, `!:`, `=`)
 * are lexed on purpose so the parser can reject them with a message saying what to write instead.
 */

export const WhiteSpace = createToken({ name: 'WhiteSpace', pattern: /[ \t\r\n]+/, group: Lexer.SKIPPED });
export const LineComment = createToken({ name: 'LineComment', pattern: /\/\/[^\r\n]*/, group: Lexer.SKIPPED });

/** `/* ... *\/`, nestable as in Elasticsearch; an unclosed comment runs to the end. */
function matchBlockComment(text: string, offset: number): CustomPatternMatcherReturn | null {
  if (text.charCodeAt(offset) !== 0x2f || text.charCodeAt(offset + 1) !== 0x2a) return null;
  let depth = 1;
  let i = offset + 2;
  while (i < text.length && depth > 0) {
    if (text.startsWith('/*', i)) {
      depth++;
      i += 2;
    } else if (text.startsWith('*/', i)) {
      depth--;
      i += 2;
    } else {
      i++;
    }
  }
  return [text.slice(offset, i)];
}
export const BlockComment = createToken({
  name: 'BlockComment',
  pattern: matchBlockComment,
  start_chars_hint: ['/'],
  line_breaks: true,
  // Kept in a group (not skipped) so an unclosed comment can be reported.
  group: 'comments',
});

/** Token category of the literal tokens (strings, numbers, `true`, `false`, `null`). */
export const LiteralToken = createToken({ name: 'LiteralToken', pattern: Lexer.NA, label: 'literal' });
/** Token category of a field path segment: a plain or a back-quoted name. */
export const FieldName = createToken({ name: 'FieldName', pattern: Lexer.NA, label: 'field name' });

export const Identifier = createToken({ name: 'Identifier', pattern: /[A-Za-z_@][A-Za-z0-9_]*/, categories: [FieldName], label: 'identifier' });
/** `startsWith~`: a function name with the case-insensitive marker glued on. */
export const TildeName = createToken({ name: 'TildeName', pattern: /[A-Za-z][A-Za-z0-9_]*~/, label: 'function name' });
export const QuotedIdentifier = createToken({
  name: 'QuotedIdentifier',
  pattern: /`(?:[^`]|``)*`/,
  line_breaks: true,
  categories: [FieldName],
  label: 'quoted field name',
});

/** Token category of every literal string form, so the grammar can consume any of them. */
export const StringToken = createToken({ name: 'StringToken', pattern: Lexer.NA, categories: [LiteralToken], label: 'string' });
export const RawString = createToken({ name: 'RawString', pattern: /"""[^\r\n]*?""""?"?/, categories: [StringToken], label: 'raw string' });
export const DoubleString = createToken({ name: 'DoubleString', pattern: /"(?:[^"\\\r\n]|\\[^\r\n])*"/, categories: [StringToken], label: 'string' });
/** A `"` that is not closed on its line: reported by the lexer pass, parsed as a string. */
export const UnterminatedString = createToken({ name: 'UnterminatedString', pattern: /"(?:[^"\\\r\n]|\\[^\r\n])*\\?/, categories: [StringToken], label: 'string' });
export const LegacyRawString = createToken({
  name: 'LegacyRawString',
  pattern: /\?"(?:\\"|[^"\r\n])*"|\?'(?:\\'|[^'\r\n])*'/,
  categories: [StringToken],
  label: 'string',
});
export const SingleQuotedString = createToken({ name: 'SingleQuotedString', pattern: /'(?:[^'\\\r\n]|\\[^\r\n])*'/, categories: [StringToken], label: 'string' });

export const NumberToken = createToken({ name: 'NumberToken', pattern: Lexer.NA, categories: [LiteralToken], label: 'number' });
export const Decimal = createToken({
  name: 'Decimal',
  pattern: /(?:\d+\.\d*|\.\d+)(?:[eE][+-]?\d+)?|\d+[eE][+-]?\d+/,
  categories: [NumberToken],
  label: 'number',
});
export const Integer = createToken({ name: 'Integer', pattern: /\d+/, categories: [NumberToken], label: 'integer' });

/** Every infix operator (`or`, `and`, comparisons, arithmetic): the grammar reads a flat chain. */
export const BinaryOp = createToken({ name: 'BinaryOp', pattern: Lexer.NA, label: 'operator' });
/** Every prefix operator (`not`, unary `-` and `+`). */
export const PrefixOp = createToken({ name: 'PrefixOp', pattern: Lexer.NA, label: '`not`, `-` or `+`' });

function keyword(word: string, longerAlt: TokenType | TokenType[] = [TildeName, Identifier], categories: TokenType[] = []): TokenType {
  const name = word.replace('~', 'Tilde').replace(/^./, (c) => c.toUpperCase());
  return createToken({ name, pattern: word, longer_alt: longerAlt, categories, label: `\`${word}\`` });
}

export const InTilde = keyword('in~', TildeName);
export const LikeTilde = keyword('like~', TildeName);
export const RegexTilde = keyword('regex~', TildeName);
export const And = keyword('and', undefined, [BinaryOp]);
export const Or = keyword('or', undefined, [BinaryOp]);
export const Not = keyword('not', undefined, [PrefixOp]);
export const In = keyword('in');
export const Like = keyword('like');
export const Regex = keyword('regex');
export const Sequence = keyword('sequence');
export const Sample = keyword('sample');
export const Join = keyword('join');
export const By = keyword('by');
export const With = keyword('with');
export const Until = keyword('until');
export const Where = keyword('where');
export const Any = keyword('any');
export const True = keyword('true', undefined, [LiteralToken]);
export const False = keyword('false', undefined, [LiteralToken]);
export const Null = keyword('null', undefined, [LiteralToken]);
export const Of = keyword('of');

export const CompareOp = createToken({ name: 'CompareOp', pattern: Lexer.NA, categories: [BinaryOp], label: 'comparison operator' });
export const Eq = createToken({ name: 'Eq', pattern: '==', categories: [CompareOp], label: '`==`' });
export const Neq = createToken({ name: 'Neq', pattern: '!=', categories: [CompareOp], label: '`!=`' });
export const Lte = createToken({ name: 'Lte', pattern: '<=', categories: [CompareOp], label: '`<=`' });
export const Gte = createToken({ name: 'Gte', pattern: '>=', categories: [CompareOp], label: '`>=`' });
export const Lt = createToken({ name: 'Lt', pattern: '<', categories: [CompareOp], label: '`<`' });
export const Gt = createToken({ name: 'Gt', pattern: '>', categories: [CompareOp], label: '`>`' });
/** `=`: only valid in `maxspan=`/`runs=`; as a comparison it is legacy syntax. */
export const Assign = createToken({ name: 'Assign', pattern: '=', categories: [CompareOp], label: '`=`' });

export const LegacyNotColon = createToken({ name: 'LegacyNotColon', pattern: '!:', label: '`!:`' });
export const MissingOpen = createToken({ name: 'MissingOpen', pattern: '![', label: '`![`' });
export const Colon = createToken({ name: 'Colon', pattern: ':', label: '`:`' });
export const LParen = createToken({ name: 'LParen', pattern: '(', label: '`(`' });
export const RParen = createToken({ name: 'RParen', pattern: ')', label: '`)`' });
export const LBracket = createToken({ name: 'LBracket', pattern: '[', label: '`[`' });
export const RBracket = createToken({ name: 'RBracket', pattern: ']', label: '`]`' });
export const Comma = createToken({ name: 'Comma', pattern: ',', label: '`,`' });
export const Dot = createToken({ name: 'Dot', pattern: '.', label: '`.`' });
export const PipeBar = createToken({ name: 'PipeBar', pattern: '|', label: '`|`' });
export const Question = createToken({ name: 'Question', pattern: '?', label: '`?`' });

export const AdditiveOp = createToken({ name: 'AdditiveOp', pattern: Lexer.NA, categories: [BinaryOp, PrefixOp], label: '`+` or `-`' });
export const Plus = createToken({ name: 'Plus', pattern: '+', categories: [AdditiveOp], label: '`+`' });
export const Minus = createToken({ name: 'Minus', pattern: '-', categories: [AdditiveOp], label: '`-`' });
export const MultiplicativeOp = createToken({ name: 'MultiplicativeOp', pattern: Lexer.NA, categories: [BinaryOp], label: '`*`, `/` or `%`' });
export const Star = createToken({ name: 'Star', pattern: '*', categories: [MultiplicativeOp], label: '`*`' });
export const Slash = createToken({ name: 'Slash', pattern: '/', categories: [MultiplicativeOp], label: '`/`' });
export const Percent = createToken({ name: 'Percent', pattern: '%', categories: [MultiplicativeOp], label: '`%`' });

/** Lexer order matters: longer/more specific patterns first. */
export const allTokens: TokenType[] = [
  WhiteSpace,
  LineComment,
  BlockComment,
  RawString,
  DoubleString,
  UnterminatedString,
  LegacyRawString,
  SingleQuotedString,
  Decimal,
  Integer,
  InTilde,
  LikeTilde,
  RegexTilde,
  TildeName,
  And,
  Or,
  Not,
  In,
  Like,
  Regex,
  Sequence,
  Sample,
  Join,
  By,
  With,
  Until,
  Where,
  Any,
  True,
  False,
  Null,
  Of,
  Identifier,
  QuotedIdentifier,
  Eq,
  Neq,
  Lte,
  Gte,
  Lt,
  Gt,
  Assign,
  LegacyNotColon,
  MissingOpen,
  Colon,
  LParen,
  RParen,
  LBracket,
  RBracket,
  Comma,
  Dot,
  PipeBar,
  Question,
  Plus,
  Minus,
  Star,
  Slash,
  Percent,
  StringToken,
  NumberToken,
  LiteralToken,
  FieldName,
  CompareOp,
  AdditiveOp,
  MultiplicativeOp,
  BinaryOp,
  PrefixOp,
];

/** The one shared lexer instance. */
export const eqlLexer = new Lexer(allTokens, {
  ensureOptimizations: true,
  positionTracking: 'onlyOffset',
});

/**
 * Every keyword spelling: the printer back-quotes field segments with these names. `maxspan` is a
 * keyword to Elasticsearch; eqlkit reads it as an identifier after `with`, but prints it quoted
 * so the output stays valid for Elasticsearch too.
 */
export const KEYWORDS: ReadonlySet<string> = new Set([
  'and', 'or', 'not', 'in', 'like', 'regex', 'sequence', 'sample', 'join', 'by', 'with', 'until',
  'where', 'any', 'true', 'false', 'null', 'of', 'maxspan',
]);
