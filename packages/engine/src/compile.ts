/**
 * `compile`: a statement (text or AST) to a `CompiledQuery` whose `search` (batch) and `stream`
 * share one evaluation (see query.ts).
 */
import type { Category, EventFilter, Expression, FieldRef, Statement, Term } from '@eqlkit/parser';
import { parse } from '@eqlkit/parser';
import { compileCondition } from './compile-expression.js';
import { EqlError, locateDiagnostics } from './errors.js';
import { propagateJoinKeyConstraints } from './join-key-constraints.js';
import type { Toucher } from './fast-path.js';
import { categoryTest, compilePrefilter, compileToucher, fastFieldGetter, PlainReaders, withFastPath } from './fast-path.js';
import type { EqlEvent } from './event.js';
import { compileFieldGetter } from './field-access.js';
import type { KeyExtractor, KeyField, KeyTuple, KeyValue } from './join-keys.js';
import { compileKeyExtractor } from './join-keys.js';
import { ordinalReader } from './order.js';
import { limitsOf } from './pipes.js';
import type { EventTest, Hit, Prefilter, QueryPlan, TermPlan } from './query.js';
import { eventPlan, samplePlan, sequencePlan } from './query.js';
import type { FieldType, Schema } from './schema.js';
import { INTEGRAL_TYPES, FLOATING_TYPES, resolveMapping } from './schema.js';
import type { QueryStream, StreamOptions } from './stream.js';
import { PlanStream, searchPlan } from './stream.js';
import { parseTimestamp } from './time.js';

/** How events are read. Field names are dotted paths. */
export interface CompileOptions {
  /** Field holding the event time (default `@timestamp`): ISO-8601 strings or epoch millis. */
  readonly timestampField?: string;
  /** Field ordering events with equal timestamps (none by default). */
  readonly tiebreakerField?: string;
  /** Field tested by `category where` (default `event.category`). */
  readonly eventCategoryField?: string;
  /** Field types, as an Elasticsearch mapping would give them (aliases, dates, null_value...). */
  readonly schema?: Schema;
}

/** Options of one batch search. */
export interface SearchOptions {
  /** Most results returned (default: no limit). */
  readonly size?: number;
  /** Keep the first (`head`, default) or last (`tail`) `size` results. */
  readonly resultPosition?: 'head' | 'tail';
  /** Samples per join key (default 1). */
  readonly maxSamplesPerKey?: number;
}

/** A compiled statement. */
export interface CompiledQuery {
  readonly kind: 'event' | 'sequence' | 'sample';
  readonly statement: Statement;
  /** Elasticsearch's answer for this set of events, whatever their input order. */
  search(events: Iterable<EqlEvent>, options?: SearchOptions): Hit[];
  /** A stream fed one event at a time (see stream.ts for what it assumes about order). */
  stream(options?: StreamOptions): QueryStream;
}

function splitPath(field: string): string[] {
  return field.split('.');
}

/** Parses when given text; throws `EqlError` with the parser's errors. */
function toStatement(query: string | Statement): Statement {
  if (typeof query !== 'string') return query;
  const { ast, diagnostics } = parse(query);
  const errors = diagnostics.filter((d) => d.severity === 'error');
  if (errors.length > 0 || !ast) throw new EqlError(errors);
  return ast;
}

/** Normalizes key values of typed fields, so equal values meet (dates as instants). */
function keyNormalizer(type: FieldType | undefined): KeyField['normalize'] {
  if (type === 'date' || type === 'date_nanos') {
    return (v) => (typeof v === 'string' || typeof v === 'number' ? (parseTimestamp(v) ?? null) : null);
  }
  if (type !== undefined && (INTEGRAL_TYPES.has(type) || FLOATING_TYPES.has(type))) {
    return (v) => {
      const n = typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : Number.NaN;
      return Number.isNaN(n) ? null : n;
    };
  }
  if (type === 'boolean') {
    return (v): KeyValue => (v === true || v === 'true' ? true : v === false || v === 'false' ? false : null);
  }
  return undefined;
}

/**
 * Elasticsearch replaces an optional field (`?x`) that its mapping does not know with `null`
 * before anything else, which is how `?x == ?y` can compare two fields (a field-to-field
 * comparison is otherwise rejected): it becomes `null == null`, or an is-null test. Only such
 * comparisons are rewritten here: elsewhere an unmapped field may still be dynamically mapped
 * data, which a partial schema cannot tell.
 */
function nullUnknownOptionals(expr: Expression, schema: Schema): Expression {
  switch (expr.type) {
    case 'Logical': {
      const left = nullUnknownOptionals(expr.left, schema);
      const right = nullUnknownOptionals(expr.right, schema);
      return left === expr.left && right === expr.right ? expr : { ...expr, left, right };
    }
    case 'Not': {
      const operand = nullUnknownOptionals(expr.operand, schema);
      return operand === expr.operand ? expr : { ...expr, operand };
    }
    case 'Comparison': {
      if (expr.left.type !== 'Field' || expr.right.type !== 'Field') return expr;
      const unknown = (f: FieldRef): Expression =>
        f.optional && !resolveMapping(schema, f.name) ? { type: 'Null', range: f.range } : f;
      return { ...expr, left: unknown(expr.left), right: unknown(expr.right) };
    }
    default:
      return expr;
  }
}

class Compiler {
  private readonly schema: Schema | undefined;
  private readonly categoryField: string[];
  private readonly tests = new Map<string, EventTest>();
  private readonly extractors = new Map<string, KeyExtractor>();
  private readonly readers = new PlainReaders();
  /** Fields the plan reads of most events it is given (prefilter fields, join keys), by name. */
  private readonly warm = new Map<string, readonly string[]>();

  constructor(options: CompileOptions) {
    this.schema = options.schema;
    this.categoryField = splitPath(options.eventCategoryField ?? 'event.category');
  }

  /** The fields the plan reads of most events (see `compileToucher`). */
  warmPaths(): (readonly string[])[] {
    return [...this.warm.values()];
  }

  /** Drops what only compiling needs (the signature texts: megabytes over a rule corpus). */
  release(): void {
    this.tests.clear();
    this.extractors.clear();
  }

  test(category: Category, condition: Expression): EventTest {
    // Terms written alike (the seed rule repeats its first term) share one predicate, so a
    // plan can evaluate it once per event.
    const signature = JSON.stringify([category, condition], (k, v: unknown) => (k === 'range' ? undefined : v));
    let test = this.tests.get(signature);
    if (!test) {
      test = this.compileTest(category, condition);
      this.tests.set(signature, test);
    }
    return test;
  }

  private compileTest(category: Category, condition: Expression): EventTest {
    const rewritten = this.schema ? nullUnknownOptionals(condition, this.schema) : condition;
    const cond = withFastPath(rewritten, compileCondition(rewritten, { schema: this.schema, readers: this.readers }), this.readers, this.schema);
    if (category.any) return cond;
    const is = categoryTest(this.categoryField, category.name ?? '', compileFieldGetter(this.categoryField, this.schema), this.readers, this.schema);
    return (event) => is(event) && cond(event);
  }

  type(ref: FieldRef): FieldType | undefined {
    return resolveMapping(this.schema, ref.name)?.mapping.type;
  }

  key(ref: FieldRef): KeyField {
    const type = this.type(ref);
    const normalize = keyNormalizer(type);
    this.warm.set(ref.name, ref.path);
    const get = fastFieldGetter(ref.path, compileFieldGetter(ref.path, this.schema), this.readers, this.schema);
    return normalize ? { get, optional: ref.optional, normalize } : { get, optional: ref.optional };
  }

  /**
   * The key extractor of these key fields, one per distinct list: terms joined alike (every term
   * of `sequence by x` without its own `by`) share it, so a plan reads an event's keys once for
   * all the terms it matches.
   */
  keys(refs: readonly FieldRef[]): KeyExtractor {
    const signature = JSON.stringify(refs.map((r) => [r.name, r.optional]));
    let keys = this.extractors.get(signature);
    if (!keys) {
      keys = compileKeyExtractor(refs.map((k) => this.key(k)));
      this.extractors.set(signature, keys);
    }
    return keys;
  }

  term(term: Term, shared: readonly FieldRef[], condition: Expression = term.filter.condition): TermPlan {
    return {
      test: this.test(term.filter.category, condition),
      keys: this.keys([...shared, ...term.by]),
      missing: term.missing,
      runs: term.runs ?? 1,
    };
  }

  /** The prefilter of a statement's terms (until included), when every term allows one. */
  prefilter(filters: readonly EventFilter[]): Prefilter | undefined {
    const prefilter = compilePrefilter(
      filters.map((f) => {
        const condition = this.schema ? nullUnknownOptionals(f.condition, this.schema) : f.condition;
        return f.category.any ? { condition } : { condition, category: { path: this.categoryField, name: f.category.name ?? '' } };
      }),
      this.readers,
      this.schema,
    );
    for (const path of prefilter?.paths ?? []) this.warm.set(path.join('.'), path);
    return prefilter;
  }

  plan(statement: Statement): QueryPlan<unknown> {
    const readers = this.readers;
    const nextEvent = () => readers.next();
    const query = statement.query;
    switch (query.type) {
      case 'EventQuery':
        return eventPlan(this.test(query.filter.category, query.filter.condition), this.prefilter([query.filter]), nextEvent) as QueryPlan<unknown>;
      case 'SequenceQuery': {
        const until = query.until ? this.term(query.until, query.by) : undefined;
        const first = query.terms.find((t) => !t.missing) ?? query.terms[0];
        const dates = [...query.by, ...(first?.by ?? [])].map((k) => {
          const type = this.type(k);
          return type === 'date' || type === 'date_nanos';
        });
        const conditions = propagateJoinKeyConstraints(query.terms, query.by);
        const prefilter = this.prefilter([
          ...query.terms.map((t, i) => ({ ...t.filter, condition: conditions[i]! })),
          ...(query.until ? [query.until.filter] : []),
        ]);
        const termRefs = [...query.terms, ...(query.until ? [query.until] : [])].map((t) => [...query.by, ...t.by]);
        const textualKeys = (termRefs[0] ?? []).map((_, i) =>
          termRefs.every((refs) => {
            const ref = refs[i];
            return ref !== undefined && keyNormalizer(this.type(ref)) === undefined;
          }),
        );
        return sequencePlan({
          ...(prefilter ? { prefilter } : {}),
          nextEvent,
          textualKeys,
          terms: query.terms.map((t, i) => this.term(t, query.by, conditions[i])),
          until: until && { test: until.test, keys: until.keys },
          maxspanMs: query.maxspan?.millis ?? Number.POSITIVE_INFINITY,
          // Elasticsearch reports date keys of sequences formatted (samples give epoch millis).
          ...(dates.some(Boolean) ? { formatKeys: (key: KeyTuple) => key.map((v, i) => (dates[i] && typeof v === 'number' ? new Date(v).toISOString() : v)) } : {}),
        }) as QueryPlan<unknown>;
      }
      case 'SampleQuery':
        return samplePlan(
          query.terms.map((t) => this.term(t, query.by)),
          this.prefilter(query.terms.map((t) => t.filter)),
          nextEvent,
        ) as QueryPlan<unknown>;
    }
  }
}

/**
 * Compiles an EQL statement. Throws `EqlError` (with diagnostics) when the query does not parse or
 * does not compile.
 */
export function compile(query: string | Statement, options: CompileOptions = {}): CompiledQuery {
  const statement = toStatement(query);
  let plan: QueryPlan<unknown>;
  const compiler = new Compiler(options);
  const timestampPath = splitPath(options.timestampField ?? '@timestamp');
  const tiebreakerPath = options.tiebreakerField === undefined ? undefined : splitPath(options.tiebreakerField);
  let warmPaths: (readonly string[])[] = [];
  try {
    plan = compiler.plan(statement);
    warmPaths = [...compiler.warmPaths(), timestampPath, ...(tiebreakerPath ? [tiebreakerPath] : [])];
  } catch (error) {
    if (error instanceof EqlError && typeof query === 'string') throw new EqlError(locateDiagnostics(error.diagnostics, query));
    throw error;
  } finally {
    // The plan's closures keep the compiler alive; its memo of signatures is no longer needed.
    compiler.release();
  }
  const schema = options.schema;
  const ordinalOf = ordinalReader(
    compileFieldGetter(timestampPath, schema),
    tiebreakerPath === undefined ? undefined : compileFieldGetter(tiebreakerPath, schema),
  );
  // Made on the first pushBatch: a rule set compiles a thousand queries that may never batch.
  let touch: Toucher | undefined | null = null;
  const toucher = (): Toucher | undefined => (touch === null ? (touch = compileToucher(warmPaths)) : touch);
  const pipes = statement.pipes;
  const direction = (position: 'head' | 'tail' | undefined) => (plan.kind === 'sample' ? 'head' : (position ?? 'head'));

  return {
    kind: plan.kind,
    statement,
    search(events, searchOptions = {}) {
      const limits = limitsOf(pipes, searchOptions.size, direction(searchOptions.resultPosition));
      return searchPlan(plan, ordinalOf, events, limits, { maxSamplesPerKey: searchOptions.maxSamplesPerKey });
    },
    stream(streamOptions = {}) {
      const limits = limitsOf(pipes, streamOptions.size, direction(streamOptions.resultPosition));
      return new PlanStream(plan, ordinalOf, limits, streamOptions, toucher);
    },
  };
}
