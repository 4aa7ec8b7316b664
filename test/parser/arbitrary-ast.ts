import fc from 'fast-check';
import {
  FUNCTIONS,
  type Category,
  type EventFilter,
  type Expression,
  type FieldRef,
  type Pipe,
  type Query,
  type Range,
  type Statement,
  type Term,
  type TimeSpan,
} from '@eqlkit/parser';

/**
 * fast-check arbitraries for ASTs the parser can produce: every generated tree prints to EQL that
 * parses back to the same tree. (Number literals are non-negative: `-1` is a unary minus.)
 */
const R: Range = [0, 0];

const KEYWORDS = ['and', 'or', 'not', 'in', 'like', 'regex', 'sequence', 'sample', 'join', 'by', 'with', 'until', 'where', 'any', 'true', 'false', 'null', 'of'];

const identifier = fc.stringMatching(/^[A-Za-z_@][A-Za-z0-9_]{0,8}$/);
const segment = fc.oneof(
  { weight: 4, arbitrary: identifier },
  { weight: 1, arbitrary: fc.string({ maxLength: 6 }) },
  { weight: 1, arbitrary: fc.constantFrom(...KEYWORDS) },
);

export const fieldArb: fc.Arbitrary<FieldRef> = fc
  .record({ path: fc.array(segment, { minLength: 1, maxLength: 3 }), optional: fc.boolean() })
  .map(({ path, optional }) => ({ type: 'Field', path, name: path.join('.'), optional, range: R }));

const stringArb = fc
  .record({ value: fc.oneof(fc.string({ maxLength: 12 }), fc.string({ unit: 'binary', maxLength: 6 })), raw: fc.boolean() })
  .map(({ value, raw }) => ({ type: 'String' as const, value, raw: raw && !value.includes('"""') && !/[\r\n]/.test(value), range: R }));

const numberArb: fc.Arbitrary<Expression> = fc.oneof(
  fc.maxSafeInteger().map((n) => ({ type: 'Number' as const, value: Math.abs(n), integer: true, range: R })),
  fc
    .double({ min: 0, noNaN: true, noDefaultInfinity: true })
    .map((v) => ({ type: 'Number' as const, value: v === 0 ? 0 : v, integer: false, range: R })),
);

const literalArb: fc.Arbitrary<Expression> = fc.oneof(
  stringArb,
  numberArb,
  fc.boolean().map((value) => ({ type: 'Boolean' as const, value, range: R })),
  fc.constant({ type: 'Null' as const, range: R }),
);

const functionName = fc.oneof(
  fc.constantFrom(...FUNCTIONS.map((f) => f.name)),
  fc.stringMatching(/^[a-z][a-zA-Z0-9]{0,6}$/).filter((n) => !KEYWORDS.includes(n) && !FUNCTIONS.some((f) => f.name.toLowerCase() === n.toLowerCase())),
);

/** Arbitrary expressions up to `depth` levels. */
export function expressionArb(depth = 4): fc.Arbitrary<Expression> {
  const { expr } = fc.letrec<{ expr: Expression; leaf: Expression; pattern: Expression }>((tie) => ({
    leaf: fc.oneof(literalArb, fieldArb),
    pattern: fc.oneof(literalArb, fieldArb, tie('leaf')),
    expr: fc.oneof(
      { depthSize: depth, withCrossShrink: true },
      tie('leaf'),
      fc.record({ name: functionName, caseInsensitive: fc.boolean(), args: fc.array(tie('expr'), { maxLength: 3 }) }).map(
        (c) => ({ type: 'Call' as const, ...c, range: R }),
      ),
      fc.record({ op: fc.constantFrom('-' as const, '+' as const), operand: tie('expr') }).map((u) => ({ type: 'Unary' as const, ...u, range: R })),
      fc.record({ op: fc.constantFrom('+' as const, '-' as const, '*' as const, '/' as const, '%' as const), left: tie('expr'), right: tie('expr') }).map(
        (a) => ({ type: 'Arithmetic' as const, ...a, range: R }),
      ),
      fc.record({ op: fc.constantFrom('==' as const, '!=' as const, '<' as const, '<=' as const, '>' as const, '>=' as const), left: tie('expr'), right: tie('expr') }).map(
        (c) => ({ type: 'Comparison' as const, ...c, range: R }),
      ),
      fc.record({ value: tie('expr'), list: fc.array(tie('expr'), { minLength: 1, maxLength: 3 }), caseInsensitive: fc.boolean(), negated: fc.boolean() }).map(
        (i) => ({ type: 'In' as const, ...i, range: R }),
      ),
      fc.record({
        op: fc.constantFrom(':' as const, 'like' as const, 'like~' as const, 'regex' as const, 'regex~' as const),
        value: tie('expr'),
        list: fc.boolean(),
        patterns: fc.array(tie('pattern'), { minLength: 1, maxLength: 3 }),
      }).map((m) => ({ type: 'Match' as const, ...m, patterns: m.list ? m.patterns : m.patterns.slice(0, 1), range: R })),
      tie('expr').map((operand) => ({ type: 'Not' as const, operand, range: R })),
      fc.record({ op: fc.constantFrom('and' as const, 'or' as const), left: tie('expr'), right: tie('expr') }).map(
        (l) => ({ type: 'Logical' as const, ...l, range: R }),
      ),
    ),
  }));
  return expr;
}

const categoryArb: fc.Arbitrary<Category> = fc.oneof(
  fc.constant({ type: 'Category' as const, any: true, quoted: 'none' as const, range: R }),
  identifier.filter((n) => !KEYWORDS.includes(n)).map((name) => ({ type: 'Category' as const, any: false, name, quoted: 'none' as const, range: R })),
  fc.string({ maxLength: 8 }).map((name) => ({ type: 'Category' as const, any: false, name, quoted: 'string' as const, range: R })),
  fc
    .string({ maxLength: 8 })
    .filter((n) => !n.includes('"""'))
    .map((name) => ({ type: 'Category' as const, any: false, name, quoted: 'raw' as const, range: R })),
);

const filterArb: fc.Arbitrary<EventFilter> = fc
  .record({ category: categoryArb, condition: expressionArb(3) })
  .map((f) => ({ type: 'EventFilter' as const, ...f, range: R }));

const termArb = (allowMissing: boolean): fc.Arbitrary<Term> =>
  fc
    .record({
      filter: filterArb,
      by: fc.array(fieldArb, { maxLength: 2 }),
      missing: allowMissing ? fc.boolean() : fc.constant(false),
      runs: fc.option(fc.integer({ min: 1, max: 100 }), { nil: undefined }),
    })
    .map(({ runs, ...t }) => ({ type: 'Term' as const, ...t, ...(runs !== undefined ? { runs } : {}), range: R }));

const timeSpanArb: fc.Arbitrary<TimeSpan> = fc
  .record({ value: fc.integer({ min: 1, max: 10_000 }), unit: fc.constantFrom('ms' as const, 's' as const, 'm' as const, 'h' as const, 'd' as const) })
  .map(({ value, unit }) => ({ type: 'TimeSpan' as const, value, unit, millis: value * { ms: 1, s: 1e3, m: 6e4, h: 3.6e6, d: 8.64e7 }[unit], range: R }));

const queryArb: fc.Arbitrary<Query> = fc.oneof(
  filterArb.map((filter) => ({ type: 'EventQuery' as const, filter, range: R })),
  fc
    .record({
      by: fc.array(fieldArb, { maxLength: 2 }),
      maxspan: fc.option(timeSpanArb, { nil: undefined }),
      terms: fc.array(termArb(true), { minLength: 1, maxLength: 3 }),
      until: fc.option(termArb(false), { nil: undefined }),
    })
    .map(({ maxspan, until, ...q }) => ({
      type: 'SequenceQuery' as const,
      ...q,
      ...(maxspan ? { maxspan } : {}),
      ...(until ? { until: { ...until, runs: undefined } } : {}),
      range: R,
    }))
    .map((q) => (q.until ? { ...q, until: stripUndefined(q.until) } : q)),
  fc
    .record({ by: fc.array(fieldArb, { maxLength: 2 }), terms: fc.array(termArb(false), { minLength: 1, maxLength: 3 }) })
    .map((q) => ({ type: 'SampleQuery' as const, ...q, range: R })),
);

function stripUndefined(term: Term): Term {
  const { runs, ...rest } = term;
  return runs === undefined ? rest : term;
}

const pipeArb: fc.Arbitrary<Pipe> = fc
  .record({ name: fc.constantFrom('head' as const, 'tail' as const), count: fc.integer({ min: 0, max: 1_000_000 }) })
  .map((p) => ({ type: 'Pipe' as const, ...p, range: R }));

/** Arbitrary whole statements. */
export const statementArb: fc.Arbitrary<Statement> = fc
  .record({ query: queryArb, pipes: fc.array(pipeArb, { maxLength: 2 }) })
  .map((s) => ({ type: 'Statement' as const, ...s, range: R }));
