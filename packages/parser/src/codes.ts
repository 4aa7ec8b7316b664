/**
 * The diagnostic code catalogue. Codes are stable: tools and CI configurations grep for them, so a
 * code is never renumbered or reused. Ranges: EQL1xxx lexical and syntax errors (the text is not
 * EQL), EQL2xxx semantic errors (valid syntax, rejected by Elasticsearch's verifier), EQL3xxx
 * legacy syntax (Python EQL accepted it, Elasticsearch does not), EQL9xxx internal.
 */
export const DiagnosticCode = {
  /** A character that starts no token. */
  UnexpectedCharacter: 'EQL1001',
  /** A `"` string not closed on its line. */
  UnterminatedString: 'EQL1002',
  /** A backslash sequence other than `\n \r \t \b \f \\ \" \'` and `\u{...}`. */
  InvalidEscape: 'EQL1003',
  /** `\u{...}` with the wrong digit count, above U+10FFFF, or a surrogate. */
  InvalidUnicodeEscape: 'EQL1004',
  /** A `/*` comment without its closing `*\/`. */
  UnterminatedComment: 'EQL1006',
  /** A decimal literal that overflows a double (`1e400`). */
  NumberTooLarge: 'EQL1005',
  /** The grammar did not accept the tokens (message says what was expected). */
  SyntaxError: 'EQL1010',
  /** `a < b < c`: comparisons do not chain. */
  ChainedComparison: 'EQL1011',
  /** The query is longer than `maxLength`. */
  QueryTooLong: 'EQL1020',
  /** Brackets nest deeper than `maxDepth`, or the tree is deeper than `maxTreeDepth`. */
  NestingTooDeep: 'EQL1021',
  /** A bracketed list (`in (...)` members, function arguments) longer than `maxListSize`. */
  ListTooLong: 'EQL1022',

  /** A function name that is not in the catalogue. */
  UnknownFunction: 'EQL2001',
  /** Too few or too many arguments. */
  WrongArity: 'EQL2002',
  /** `name~(...)` on a function without a case-insensitive form. */
  CaseInsensitiveNotAllowed: 'EQL2003',
  /** An argument that must be a constant is not (`between` greedy, `number` base, `cidrMatch` CIDRs). */
  ConstantArgumentRequired: 'EQL2004',
  /** `maxspan=30`: no time unit. */
  MaxspanUnitMissing: 'EQL2010',
  /** `maxspan=1.5s`. */
  MaxspanDecimal: 'EQL2011',
  /** `maxspan=0s` or negative. */
  MaxspanNotPositive: 'EQL2012',
  /** `maxspan=30x`. */
  MaxspanUnknownUnit: 'EQL2013',
  /** `runs` outside 1..100 or not an integer. */
  RunsOutOfRange: 'EQL2014',
  /** Stages (after adding the sequence keys) have different join key counts. */
  InconsistentJoinKeys: 'EQL2015',
  /** A `![...]` stage in a sequence without `maxspan`. */
  MissingStageWithoutMaxspan: 'EQL2016',
  /** Fewer than two stages after `runs` expansion, or no positive stage. */
  NotEnoughStages: 'EQL2017',
  /** `sequence with maxspan=... by ...`: `by` must come first. */
  ByAfterWith: 'EQL2018',
  /** A join key that is not a field reference (`by pid * 2`). */
  JoinKeyNotField: 'EQL2019',
  /** A field compared with a field (also in `in` lists and through functions). */
  FieldComparedWithField: 'EQL2020',
  /** The right side of `:`/`like`/`regex` is not a literal, or an `in` list holds a non-constant. */
  NonConstantPattern: 'EQL2021',
  /** `in ()`. */
  EmptyList: 'EQL2022',
  /** `:`, `in~`, `like`, `regex` with a non-string literal. */
  StringOperandRequired: 'EQL2023',
  /** `head`/`tail` need exactly one non-negative integer. */
  InvalidPipeArgument: 'EQL2024',
  /** A construct a `sample` does not allow (pipes, maxspan, until, runs, `![`). */
  InvalidSample: 'EQL2025',
  /** A `sample` without any join key. */
  SampleWithoutJoinKey: 'EQL2026',
  /** A `with` option that is not `maxspan` (sequence) or `runs` (stage), or is repeated. */
  InvalidWithOption: 'EQL2027',
  /** The condition is a literal that is not a boolean (`any where 1`). */
  NonBooleanCondition: 'EQL2028',

  /** `=` as equality. */
  LegacyAssignEquality: 'EQL3001',
  /** `'single-quoted'` strings. */
  LegacySingleQuotedString: 'EQL3002',
  /** `?"raw"` / `?'raw'` strings. */
  LegacyRawString: 'EQL3003',
  /** `join`. */
  LegacyJoin: 'EQL3004',
  /** `unique`, `count`, `filter`, `sort`, `unique_count` pipes. */
  UnsupportedPipe: 'EQL3005',
  /** A pipe name that never existed. */
  UnknownPipe: 'EQL3006',
  /** `descendant of`, `child of`, `event of`. */
  LegacyLineage: 'EQL3007',
  /** `field[0]`. */
  LegacyArrayIndex: 'EQL3008',
  /** `!:`. */
  LegacyNotColon: 'EQL3009',
  /** A condition without `category where`. */
  LegacyBareExpression: 'EQL3010',
  /** A query that starts with `|`. */
  LegacyLeadingPipe: 'EQL3011',
  /** `` `category` where ``: backticks are for field names. */
  LegacyQuotedCategory: 'EQL3012',
  /** Python EQL method syntax `value:function()` (= `function(value)`). */
  LegacyMethodCall: 'EQL3013',

  /** A bug in eqlkit: `parse` caught an internal exception. */
  InternalError: 'EQL9001',
} as const;

export type DiagnosticCode = (typeof DiagnosticCode)[keyof typeof DiagnosticCode];
