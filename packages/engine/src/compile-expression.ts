/**
 * `where` conditions compiled once into closures (EQL-SEMANTICS 3, 4, 8). Choices where an
 * in-memory engine cannot be Elasticsearch, documented here and in the modules they live in:
 * - Without a schema a field is typed by its JSON value, as dynamic mapping would type it: a
 *   number field reads a string constant as a number (`pid == "5"` matches 5), a string field
 *   reads a number constant as text (`code == 5` matches "5"), an ISO date string compares as an
 *   instant. A constant the type cannot read (`pid == "abc"`) does not match, where Elasticsearch
 *   would fail the query. With a schema (`schemaFromMapping`) the mapping type decides.
 * - Division or remainder by zero gives null (no match), where Elasticsearch fails for integers.
 *   Integers are JS numbers: exact up to 2^53, not 64-bit longs.
 * - A script predicate tries at most MAX_VALUE_COMBINATIONS combinations of multi-values.
 * - Lucene regex intersection (`&`), complement (`~`) and intervals (`<1-5>`), and Java
 *   backreferences/lookaround, are rejected with EQL4002: they have no linear-time RE2 form.
 * - Runtime type mismatches a verifier would reject (`length(pid)` on a number) give null.
 */
import type { Expression, FieldRef } from '@eqlkit/parser';
import { ScriptCompiler, type ScriptField, type ScriptNode } from './compile-script.js';
import { conjuncts, testingOrder } from './conjunct-order.js';
import { isConstantExpression } from './constant-fold.js';
import { EngineCodes, fail } from './errors.js';
import type { EqlEvent } from './event.js';
import { compileFieldGetter } from './field-access.js';
import { fastFieldGetter, type PlainReaders } from './fast-path.js';
import {
  comparisonTest,
  inTest,
  insensitiveInTest,
  matchTest,
  stringQueryTest,
  type Constant,
  type RangeOp,
  type StringQuery,
  type ValueTest,
} from './field-predicates.js';
import { cidrArguments, cidrMatch } from './functions/cidr-match.js';
import { lookupFunction } from './functions/registry.js';
import { resolveMapping, type FieldMapping, type Schema } from './schema.js';
import { anyValue, fieldValues, isPresent } from './values.js';

/** Compilation options for expressions. */
export interface ExpressionOptions {
  /** Field types (from an Elasticsearch mapping); without one, values are untyped JSON. */
  schema?: Schema;
  /**
   * Memoizing readers of plain layouts, shared with the statement's other predicates: a field
   * that several leaves (or terms) test is read once per event.
   */
  readers?: PlainReaders;
}

/** A compiled `where` condition: true when the event matches. */
export type EventPredicate = (event: EqlEvent) => boolean;

/**
 * Script predicates try every combination of the values of the fields they read; beyond this many
 * combinations the rest are not tried (a guard against events with huge arrays in several fields).
 */
export const MAX_VALUE_COMBINATIONS = 10_000;

/**
 * A compiled condition. Leaves are two-valued (Elasticsearch turns each into a query, so a
 * missing value is "no match"); only a constant sub-expression can be `null` (SQL unknown), and
 * `and`/`or`/`not` combine with Kleene logic so `not (x and null)` behaves as the fold spec says.
 */
type Cond =
  | { readonly kind: 'const'; readonly value: boolean | null }
  | { readonly kind: 'test'; readonly test: (event: EqlEvent) => boolean }
  | { readonly kind: 'tri'; readonly test: (event: EqlEvent) => boolean | null };

const TRUE: Cond = { kind: 'const', value: true };
const FALSE: Cond = { kind: 'const', value: false };
const NULL: Cond = { kind: 'const', value: null };

function constCond(value: unknown): Cond {
  return value === true ? TRUE : value === false ? FALSE : NULL;
}

/** The three-valued view of a condition. */
function tri(c: Exclude<Cond, { kind: 'const' }>): (event: EqlEvent) => boolean | null {
  return c.test;
}

/** `not P`: the complement (set semantics of `must_not`); unknown stays unknown. */
function not(c: Cond): Cond {
  switch (c.kind) {
    case 'const':
      return constCond(c.value === null ? null : !c.value);
    case 'test': {
      const t = c.test;
      return { kind: 'test', test: (e) => !t(e) };
    }
    case 'tri': {
      const t = c.test;
      return { kind: 'tri', test: (e) => { const v = t(e); return v === null ? null : !v; } };
    }
  }
}

function and(a: Cond, b: Cond): Cond {
  if (a.kind === 'const' && b.kind === 'const') return constCond(a.value === false || b.value === false ? false : a.value === true && b.value === true ? true : null);
  if (a.kind === 'const') return a.value === false ? FALSE : a.value === true ? b : and(b, a);
  if (b.kind === 'const') {
    if (b.value === false) return FALSE;
    if (b.value === true) return a;
    const t = tri(a);
    return { kind: 'tri', test: (e) => (t(e) === false ? false : null) };
  }
  if (a.kind === 'test' && b.kind === 'test') {
    const l = a.test;
    const r = b.test;
    return { kind: 'test', test: (e) => l(e) && r(e) };
  }
  const l = tri(a);
  const r = tri(b);
  return {
    kind: 'tri',
    test: (e) => {
      const x = l(e);
      if (x === false) return false;
      const y = r(e);
      return y === false ? false : x === true && y === true ? true : null;
    },
  };
}

function or(a: Cond, b: Cond): Cond {
  if (a.kind === 'const' && b.kind === 'const') return constCond(a.value === true || b.value === true ? true : a.value === false && b.value === false ? false : null);
  if (a.kind === 'const') return a.value === true ? TRUE : a.value === false ? b : or(b, a);
  if (b.kind === 'const') {
    if (b.value === true) return TRUE;
    if (b.value === false) return a;
    const t = tri(a);
    return { kind: 'tri', test: (e) => (t(e) === true ? true : null) };
  }
  if (a.kind === 'test' && b.kind === 'test') {
    const l = a.test;
    const r = b.test;
    return { kind: 'test', test: (e) => l(e) || r(e) };
  }
  const l = tri(a);
  const r = tri(b);
  return {
    kind: 'tri',
    test: (e) => {
      const x = l(e);
      if (x === true) return true;
      const y = r(e);
      return y === true ? true : x === false && y === false ? false : null;
    },
  };
}

const FLIP: Record<RangeOp, RangeOp> = { '==': '==', '<': '>', '<=': '>=', '>': '<', '>=': '<=' };

/** Boolean functions that `f(...) == true/false` rewrites to `f` / `not f`. */
const BOOLEAN_FUNCTIONS = new Set(['startswith', 'endswith', 'stringcontains', 'cidrmatch']);

class ConditionCompiler {
  constructor(
    private readonly schema: Schema | undefined,
    private readonly readers?: PlainReaders,
  ) {}

  /** The reader of a field for query-path leaves (which treat absent and null alike). */
  private getter(field: FieldRef): (event: EqlEvent) => unknown {
    const get = compileFieldGetter(field.path, this.schema);
    return this.readers ? fastFieldGetter(field.path, get, this.readers, this.schema) : get;
  }

  private mapping(field: FieldRef): FieldMapping | undefined {
    return resolveMapping(this.schema, field.name)?.mapping;
  }

  /** A leaf on the query path: a test of each value of a field, "any value matches". */
  private fieldLeaf(field: FieldRef, test: ValueTest): Cond {
    const get = this.getter(field);
    const some = anyValue(test);
    return {
      kind: 'test',
      test: (e) => {
        const v = get(e);
        // Single scalar values (the common case) skip the multi-value loop.
        return v === undefined || v === null ? false : typeof v !== 'object' ? test(v) : some(v);
      },
    };
  }

  /** `field == null`: no value (absent, null, or only nulls). */
  private isNull(field: FieldRef): Cond {
    const get = this.getter(field);
    return { kind: 'test', test: (e) => !isPresent(get(e)) };
  }

  private constant(expr: Expression): Constant {
    const node = new ScriptCompiler(this.schema).compile(expr);
    return { value: node.evaluate([]), integral: node.type === 'int' };
  }

  /**
   * `a and b and ...`, the cheap conjuncts likely to be false tested first (see
   * conjunct-order.ts). Compiled in the written order, so the first error reported is the
   * leftmost.
   */
  private conjunction(expr: Expression): Cond {
    const list = conjuncts(expr);
    const compiled = list.map((c) => this.compile(c));
    const [first, ...rest] = testingOrder(list).map((i) => compiled[i] as Cond);
    return rest.reduce((acc, c) => and(acc, c), first as Cond);
  }

  compile(expr: Expression): Cond {
    if (isConstantExpression(expr)) return constCond(new ScriptCompiler(this.schema).compile(expr).evaluate([]));
    switch (expr.type) {
      case 'Not':
        return not(this.compile(expr.operand));
      case 'Logical':
        return expr.op === 'and' ? this.conjunction(expr) : this.disjunction(expr);
      case 'Field': {
        // A boolean mapping reads "true"/"false" as booleans, as `field == true` does.
        const mapping = this.mapping(expr);
        return this.fieldLeaf(expr, mapping?.type === 'boolean' ? comparisonTest('==', { value: true, integral: false }, mapping) : (v) => v === true);
      }
      case 'Comparison':
        return this.comparison(expr);
      case 'In':
        return this.membership(expr);
      case 'Match':
        return this.match(expr);
      case 'Call':
        return this.call(expr);
      default:
        return this.script(expr);
    }
  }

  /**
   * `a or b or ...`, with the equalities and `in` lists on one field merged into one set lookup
   * (as Elasticsearch's optimizer combines them into a terms query): detection rules often list
   * dozens of `process.name == "x"` alternatives.
   */
  private disjunction(expr: Extract<Expression, { type: 'Logical' }>): Cond {
    const disjuncts: Expression[] = [];
    const flatten = (e: Expression): void => {
      if (e.type === 'Logical' && e.op === 'or') {
        flatten(e.left);
        flatten(e.right);
      } else disjuncts.push(e);
    };
    flatten(expr);
    const groups = new Map<string, { field: FieldRef; constants: Constant[]; members: Expression[] }>();
    const rest: Expression[] = [];
    for (const d of disjuncts) {
      const term = this.equalityTerm(d);
      if (!term) {
        rest.push(d);
        continue;
      }
      const group = groups.get(term.field.name);
      if (group) {
        group.constants.push(...term.constants);
        group.members.push(d);
      } else groups.set(term.field.name, { field: term.field, constants: [...term.constants], members: [d] });
    }
    let cond: Cond = FALSE;
    for (const group of groups.values()) {
      const single = group.members.length === 1 ? group.members[0] : undefined;
      cond = or(cond, single ? this.compile(single) : this.fieldLeaf(group.field, inTest(group.constants, this.mapping(group.field))));
    }
    for (const d of rest) cond = or(cond, this.compile(d));
    return cond;
  }

  /** `field == const` (either order, const not null) or `field in (consts)`: its field and constants. */
  private equalityTerm(e: Expression): { field: FieldRef; constants: Constant[] } | undefined {
    if (e.type === 'Comparison' && e.op === '==') {
      const [field, value] = e.left.type === 'Field' ? [e.left, e.right] : [e.right, e.left];
      if (field.type !== 'Field' || !isConstantExpression(value)) return undefined;
      const constant = this.constant(value);
      return constant.value === null ? undefined : { field, constants: [constant] };
    }
    if (e.type === 'In' && !e.negated && !e.caseInsensitive && e.value.type === 'Field' && e.list.every(isConstantExpression)) {
      return { field: e.value, constants: e.list.map((c) => this.constant(c)) };
    }
    return undefined;
  }

  private comparison(expr: Extract<Expression, { type: 'Comparison' }>): Cond {
    if (expr.op === '!=') return not(this.comparison({ ...expr, op: '==' }));
    let op = expr.op as RangeOp;
    let left = expr.left;
    let right = expr.right;
    // Literals go to the right (Optimizer), so `5 < pid` is `pid > 5`.
    if (isConstantExpression(left) && !isConstantExpression(right)) {
      [left, right] = [right, left];
      op = FLIP[op];
    }
    if (!isConstantExpression(right)) return this.script(expr);
    const constant = this.constant(right);
    if (constant.value === null) {
      if (op !== '==') return NULL;
      return left.type === 'Field' ? this.isNull(left) : this.script(expr);
    }
    if (left.type === 'Field') return this.fieldLeaf(left, comparisonTest(op, constant, this.mapping(left)));
    if (left.type === 'Call' && op === '==' && typeof constant.value === 'boolean' && BOOLEAN_FUNCTIONS.has(left.name.toLowerCase())) {
      const f = this.call(left);
      return constant.value ? f : not(f);
    }
    return this.script(expr);
  }

  private membership(expr: Extract<Expression, { type: 'In' }>): Cond {
    if (expr.negated) return not(this.membership({ ...expr, negated: false }));
    const value = expr.value;
    if (value.type !== 'Field' || !expr.list.every(isConstantExpression)) return this.script(expr);
    const constants = expr.list.map((e) => this.constant(e));
    const mapping = this.mapping(value);
    if (!expr.caseInsensitive) return this.fieldLeaf(value, inTest(constants, mapping));
    const strings = constants.map((c) => c.value).filter((v): v is string => typeof v === 'string');
    return this.fieldLeaf(value, insensitiveInTest(strings, mapping));
  }

  private match(expr: Extract<Expression, { type: 'Match' }>): Cond {
    const value = expr.value;
    if (value.type !== 'Field') return this.script(expr);
    const patterns = expr.patterns.map((p) => {
      if (!isConstantExpression(p)) fail(EngineCodes.InvalidArgument, `the patterns of [${expr.op}] must be string constants`, p.range);
      const v = this.constant(p).value;
      if (v !== null && typeof v !== 'string') fail(EngineCodes.InvalidArgument, `the patterns of [${expr.op}] must be strings`, p.range);
      return v;
    });
    return this.fieldLeaf(value, matchTest(expr.op, patterns, expr.patterns.map((p) => p.range), this.mapping(value)));
  }

  private call(expr: Extract<Expression, { type: 'Call' }>): Cond {
    const name = expr.name.toLowerCase();
    const [first, second] = expr.args;
    const spec = lookupFunction(expr.name);
    const queryForm = spec && first?.type === 'Field' && expr.args.slice(1).every(isConstantExpression);
    if (!queryForm || (expr.caseInsensitive && !spec.caseAware)) return this.script(expr);
    if ((name === 'startswith' || name === 'endswith' || name === 'stringcontains') && expr.args.length === 2 && second) {
      const sub = this.constant(second).value;
      if (sub === null) return NULL;
      if (typeof sub !== 'string') return this.script(expr);
      return this.fieldLeaf(first, stringQueryTest(spec.name as StringQuery, sub, expr.caseInsensitive, this.mapping(first)));
    }
    if (name === 'cidrmatch' && expr.args.length >= 2) {
      const site = {
        name: spec.name,
        caseInsensitive: false,
        args: expr.args.map((a) => ({ type: 'any' as const, constant: a !== first, value: a === first ? undefined : this.constant(a).value, range: a.range })),
        range: expr.range,
      };
      const cidrs = cidrArguments(site);
      return this.fieldLeaf(first, (v) => cidrMatch(v, cidrs) === true);
    }
    return this.script(expr);
  }

  /** The script path: evaluate the expression per value combination; true only for `true`. */
  private script(expr: Expression): Cond {
    const compiler = new ScriptCompiler(this.schema);
    const node = compiler.compile(expr);
    if (node.constant) return constCond(node.evaluate([]));
    return { kind: 'test', test: scriptTest(node, compiler.fields) };
  }
}

function readSlot(field: ScriptField, event: EqlEvent): unknown[] {
  const raw = field.getter(event);
  const values = Array.isArray(raw) ? fieldValues(raw) : raw === undefined || raw === null ? [] : [raw];
  if (values.length === 0) return [null];
  return field.coerce ? values.map(field.coerce) : values;
}

/**
 * Run a script node over an event: once per combination of the values of the fields it reads
 * (a missing or empty field is tried once as null), matching when any combination gives `true`.
 */
function scriptTest(node: ScriptNode, fields: readonly ScriptField[]): (event: EqlEvent) => boolean {
  const f = node.evaluate;
  const only = fields.length === 1 ? fields[0] : undefined;
  if (only) {
    const { getter, coerce } = only;
    const env: unknown[] = [null];
    return (event) => {
      const raw = getter(event);
      if (!Array.isArray(raw)) {
        env[0] = raw === undefined || raw === null ? null : coerce ? coerce(raw) : raw;
        return f(env) === true;
      }
      for (const v of readSlot(only, event)) {
        env[0] = v;
        if (f(env) === true) return true;
      }
      return false;
    };
  }
  return (event) => {
    const lists = fields.map((field) => readSlot(field, event));
    const env = lists.map((l) => l[0]);
    if (lists.every((l) => l.length === 1)) return f(env) === true;
    const index = lists.map(() => 0);
    for (let tried = 0; tried < MAX_VALUE_COMBINATIONS; tried++) {
      if (f(env) === true) return true;
      let k = 0;
      for (; k < lists.length; k++) {
        const list = lists[k] ?? [];
        const next = (index[k] ?? 0) + 1;
        if (next < list.length) {
          index[k] = next;
          env[k] = list[next];
          break;
        }
        index[k] = 0;
        env[k] = list[0];
      }
      if (k === lists.length) return false;
    }
    return false;
  };
}

/**
 * Compile a `where` condition into a predicate, once: each leaf is decided at compile time to
 * run as Elasticsearch's query path (a plain field against constants: any value matches, ASCII
 * case folding, UTF-8 order, Lucene regex, prefix/wildcard forms of `startsWith`/`endsWith`/
 * `stringContains`) or its script path (Java semantics, every combination of multi-values).
 * A missing or null operand never matches; `not` is the complement; constants fold with
 * three-valued logic and a condition that folds to null matches nothing.
 * Throws `EqlError` for what the user wrote wrong (unknown function, arity, bad regex or CIDR).
 */
export function compileCondition(expr: Expression, options: ExpressionOptions = {}): EventPredicate {
  const cond = new ConditionCompiler(options.schema, options.readers).compile(expr);
  switch (cond.kind) {
    case 'const': {
      const value = cond.value === true;
      return () => value;
    }
    case 'test':
      return cond.test;
    case 'tri': {
      const t = cond.test;
      return (e) => t(e) === true;
    }
  }
}

/**
 * Compile a value expression (join keys, computed fields). A plain field returns its raw value
 * (arrays as they are, `undefined` when absent); a computed expression is evaluated with the
 * first value of each multi-valued field and gives `null` for a missing result.
 */
export function compileValue(expr: Expression, options: ExpressionOptions = {}): (event: EqlEvent) => unknown {
  if (expr.type === 'Field') return compileFieldGetter(expr.path, options.schema);
  const compiler = new ScriptCompiler(options.schema);
  const node = compiler.compile(expr);
  if (node.constant) {
    const value = node.evaluate([]);
    return () => value;
  }
  const fields = compiler.fields;
  const f = node.evaluate;
  return (event) => f(fields.map((field) => readSlot(field, event)[0]));
}
