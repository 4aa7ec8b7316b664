/**
 * The typed EQL syntax tree: one interface per node with a literal `type`, unions for the
 * abstract kinds. Every node carries `range`, the [start, end) UTF-16 offsets of its source text
 * (JS string offsets); line and column are derived only when a diagnostic is rendered.
 *
 * Two trees are "the same" when they are equal after removing every `range` (see `stripRanges`):
 * that is the round-trip contract of the printer.
 */

/** [start, end) UTF-16 offsets into the query text. */
export type Range = readonly [start: number, end: number];

interface NodeBase {
  readonly range: Range;
}

// ---------------------------------------------------------------------------------------------
// Expressions

/** `"..."` (escapes processed) or `"""..."""` (raw). `value` is the decoded string. */
export interface StringLiteral extends NodeBase {
  readonly type: 'String';
  readonly value: string;
  /** Written as a triple-quoted raw string. Kept so the printer can prefer the same form. */
  readonly raw: boolean;
}

/**
 * A numeric literal. `integer` is true for literals without `.`/exponent that fit an integral
 * type (Elasticsearch int/long); integer arithmetic truncates (`5 / 2 == 2`). An integer literal
 * too large for a long is re-read as a double, as Elasticsearch does.
 */
export interface NumberLiteral extends NodeBase {
  readonly type: 'Number';
  readonly value: number;
  readonly integer: boolean;
}

export interface BooleanLiteral extends NodeBase {
  readonly type: 'Boolean';
  readonly value: boolean;
}

export interface NullLiteral extends NodeBase {
  readonly type: 'Null';
}

export type Literal = StringLiteral | NumberLiteral | BooleanLiteral | NullLiteral;

/**
 * A field reference: `process.name`, `@timestamp`, `` `my-field`.x ``, `?user.id`.
 * `path` holds the unquoted segments (`["process", "name"]`); `name` is their dotted join.
 */
export interface FieldRef extends NodeBase {
  readonly type: 'Field';
  readonly path: readonly string[];
  readonly name: string;
  /** `?field`: an unknown field reads as null instead of being an error; a null join key joins. */
  readonly optional: boolean;
}

/** `name(args)` or `name~(args)`. `name` is the canonical registry spelling (e.g. `startsWith`). */
export interface FunctionCall extends NodeBase {
  readonly type: 'Call';
  readonly name: string;
  readonly caseInsensitive: boolean;
  readonly args: readonly Expression[];
}

/** Unary `-x` / `+x`. */
export interface UnaryExpression extends NodeBase {
  readonly type: 'Unary';
  readonly op: '-' | '+';
  readonly operand: Expression;
}

export type ArithmeticOp = '+' | '-' | '*' | '/' | '%';

export interface ArithmeticExpression extends NodeBase {
  readonly type: 'Arithmetic';
  readonly op: ArithmeticOp;
  readonly left: Expression;
  readonly right: Expression;
}

export type ComparisonOp = '==' | '!=' | '<' | '<=' | '>' | '>=';

/** Non-associative: `a < b < c` is a diagnostic, never a node. */
export interface ComparisonExpression extends NodeBase {
  readonly type: 'Comparison';
  readonly op: ComparisonOp;
  readonly left: Expression;
  readonly right: Expression;
}

/** `value in (a, b)`, `value in~ (...)`, `value not in (...)`, `value not in~ (...)`. */
export interface InExpression extends NodeBase {
  readonly type: 'In';
  readonly value: Expression;
  readonly list: readonly Expression[];
  readonly caseInsensitive: boolean;
  readonly negated: boolean;
}

export type MatchOp = ':' | 'like' | 'like~' | 'regex' | 'regex~';

/**
 * `value : "pat"`, `value like~ ("a*", "b?")`, `value regex "..."`. `:` is always
 * case-insensitive; `like`/`regex` are case-sensitive unless written with `~`.
 * `list` records whether the patterns were written as a parenthesised list.
 */
export interface MatchExpression extends NodeBase {
  readonly type: 'Match';
  readonly op: MatchOp;
  readonly value: Expression;
  readonly patterns: readonly Expression[];
  readonly list: boolean;
}

export interface NotExpression extends NodeBase {
  readonly type: 'Not';
  readonly operand: Expression;
}

export interface LogicalExpression extends NodeBase {
  readonly type: 'Logical';
  readonly op: 'and' | 'or';
  readonly left: Expression;
  readonly right: Expression;
}

export type Expression =
  | Literal
  | FieldRef
  | FunctionCall
  | UnaryExpression
  | ArithmeticExpression
  | ComparisonExpression
  | InExpression
  | MatchExpression
  | NotExpression
  | LogicalExpression;

// ---------------------------------------------------------------------------------------------
// Queries

/**
 * The event category before `where`: `any`, an identifier (`process`), or a quoted string
 * (`"my-cat"`, `"""x"""`). `name` is undefined for `any`.
 */
export interface Category extends NodeBase {
  readonly type: 'Category';
  readonly any: boolean;
  readonly name?: string;
  readonly quoted: 'none' | 'string' | 'raw';
}

/** `category where condition`. */
export interface EventFilter extends NodeBase {
  readonly type: 'EventFilter';
  readonly category: Category;
  readonly condition: Expression;
}

export interface EventQuery extends NodeBase {
  readonly type: 'EventQuery';
  readonly filter: EventFilter;
}

/**
 * One stage of a sequence or sample: `[filter] by k1, k2 with runs=N`, or `![filter]` (missing).
 * `runs` is kept as written; evaluation expands it into `runs` copies.
 */
export interface Term extends NodeBase {
  readonly type: 'Term';
  readonly filter: EventFilter;
  readonly by: readonly FieldRef[];
  readonly missing: boolean;
  readonly runs?: number;
}

export type TimeUnit = 'ms' | 's' | 'm' | 'h' | 'd';

/** `maxspan=30s`: `value` and `unit` as written, `millis` the span in milliseconds. */
export interface TimeSpan extends NodeBase {
  readonly type: 'TimeSpan';
  readonly value: number;
  readonly unit: TimeUnit;
  readonly millis: number;
}

export interface SequenceQuery extends NodeBase {
  readonly type: 'SequenceQuery';
  readonly by: readonly FieldRef[];
  readonly maxspan?: TimeSpan;
  readonly terms: readonly Term[];
  readonly until?: Term;
}

export interface SampleQuery extends NodeBase {
  readonly type: 'SampleQuery';
  readonly by: readonly FieldRef[];
  readonly terms: readonly Term[];
}

export type Query = EventQuery | SequenceQuery | SampleQuery;

/** `| head N` / `| tail N`: the only pipes Elasticsearch executes. */
export interface Pipe extends NodeBase {
  readonly type: 'Pipe';
  readonly name: 'head' | 'tail';
  readonly count: number;
}

/** A whole EQL statement: one query and its pipes. */
export interface Statement extends NodeBase {
  readonly type: 'Statement';
  readonly query: Query;
  readonly pipes: readonly Pipe[];
}

export type Node = Expression | Category | EventFilter | Term | TimeSpan | Query | Pipe | Statement;
