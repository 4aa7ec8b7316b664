import type { ComparisonOp, Expression, Range } from '@eqlkit/parser';
import { RE2JS } from 're2js';
import { javaEqualsIgnoreCase } from './case-fold.js';
import { EngineCodes, fail } from './errors.js';
import type { FieldGetter } from './field-access.js';
import { compileFieldGetter } from './field-access.js';
import { arithmeticImpl, arithmeticType } from './functions/arithmetic.js';
import type { ArgInfo, FunctionImpl, StaticType } from './functions/function-spec.js';
import { lookupFunction } from './functions/registry.js';
import { compileJavaRegex } from './java-regex.js';
import { FLOATING_TYPES, INTEGRAL_TYPES, resolveMapping, STRING_TYPES, type FieldMapping, type Schema } from './schema.js';
import { comparisonResultTest, javaString, scriptCompare, toBoolean, toNumber } from './values.js';
import { hasWildcard, wildcardToJavaRegex } from './wildcard.js';

/**
 * The script path (EQL-SEMANTICS 3.6): an expression evaluated the way Elasticsearch's Java
 * processors do, over one value per field (the caller loops over multi-value combinations).
 * Booleans are three-valued here (`null` = unknown), which is also how constants fold.
 */

/** One value per field slot, in slot order. */
export type Env = readonly unknown[];

export interface ScriptNode {
  readonly evaluate: (env: Env) => unknown;
  readonly type: StaticType;
  /** No field below: `evaluate` ignores the env and always gives the same value. */
  readonly constant: boolean;
}

/** A field read by a script, with the coercion its mapping applies to source values. */
export interface ScriptField {
  readonly name: string;
  readonly getter: FieldGetter;
  readonly coerce: ((v: unknown) => unknown) | undefined;
}

/** The static type a mapping gives a field's values. */
export function staticTypeOf(mapping: FieldMapping | undefined): StaticType {
  if (!mapping) return 'any';
  if (STRING_TYPES.has(mapping.type) || mapping.type === 'ip' || mapping.type === 'version') return 'string';
  if (INTEGRAL_TYPES.has(mapping.type)) return 'int';
  if (FLOATING_TYPES.has(mapping.type)) return 'double';
  if (mapping.type === 'boolean') return 'boolean';
  return 'any';
}

/** What doc values hold for a source value of a typed field (keyword of 5 is "5", long of "5" is 5). */
function coercion(type: StaticType): ((v: unknown) => unknown) | undefined {
  switch (type) {
    case 'string':
      return (v) => (typeof v === 'number' || typeof v === 'boolean' ? javaString(v) : v);
    case 'int':
      return (v) => {
        const n = toNumber(v);
        return n === undefined ? v : Math.trunc(n);
      };
    case 'double':
      return (v) => toNumber(v) ?? v;
    case 'boolean':
      return (v) => toBoolean(v) ?? v;
    default:
      return undefined;
  }
}

function literalType(expr: Expression): StaticType {
  switch (expr.type) {
    case 'String':
      return 'string';
    case 'Number':
      return expr.integer ? 'int' : 'double';
    case 'Boolean':
      return 'boolean';
    default:
      return 'null';
  }
}

function constant(value: unknown, type: StaticType): ScriptNode {
  return { evaluate: () => value, type, constant: true };
}

/** Kleene logic over true/false/null. */
function and3(a: unknown, b: unknown): boolean | null {
  if (a === false || b === false) return false;
  if (a === true && b === true) return true;
  return null;
}
function or3(a: unknown, b: unknown): boolean | null {
  if (a === true || b === true) return true;
  if (a === false && b === false) return false;
  return null;
}
function not3(a: unknown): boolean | null {
  return a === true ? false : a === false ? true : null;
}

/** Read a constant string pattern list (`:`, like, regex accept string constants only). */
function patternStrings(nodes: readonly ScriptNode[], exprs: readonly Expression[], op: string): Array<string | null> {
  return nodes.map((n, i) => {
    const range = exprs[i]?.range ?? [0, 0];
    if (!n.constant) fail(EngineCodes.InvalidArgument, `the patterns of [${op}] must be string constants`, range);
    const v = n.evaluate([]);
    if (v !== null && typeof v !== 'string') fail(EngineCodes.InvalidArgument, `the patterns of [${op}] must be strings`, range);
    return v;
  });
}

/** A Java regex for the script path, or an `EqlError` at the pattern's range. */
function compileRegex(pattern: string, ci: boolean, range: Range): (s: string) => boolean {
  try {
    return compileJavaRegex(pattern, ci);
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    // Backreferences and lookaround are valid Java but have no linear-time form.
    const unsupported = /unsupported/.test(message) || /\\[1-9]|\\k<|\(\?<?[=!]/.test(pattern);
    fail(unsupported ? EngineCodes.UnsupportedRegex : EngineCodes.InvalidRegex, `cannot compile regex [${pattern}]: ${message}`, range);
  }
}

/** Compiles expressions to script evaluators, assigning one env slot per distinct field. */
export class ScriptCompiler {
  readonly fields: ScriptField[] = [];
  private readonly slots = new Map<string, number>();

  constructor(private readonly schema?: Schema) {}

  compile(expr: Expression): ScriptNode {
    const node = this.compileNode(expr);
    // Fold any constant sub-tree once, here, instead of per event.
    if (node.constant && expr.type !== 'String' && expr.type !== 'Number' && expr.type !== 'Boolean' && expr.type !== 'Null') {
      return constant(node.evaluate([]), node.type);
    }
    return node;
  }

  private slot(path: readonly string[]): { index: number; type: StaticType } {
    const name = path.join('.');
    const type = staticTypeOf(resolveMapping(this.schema, name)?.mapping);
    let index = this.slots.get(name);
    if (index === undefined) {
      index = this.fields.length;
      this.slots.set(name, index);
      this.fields.push({ name, getter: compileFieldGetter(path, this.schema), coerce: this.schema ? coercion(type) : undefined });
    }
    return { index, type };
  }

  private compileNode(expr: Expression): ScriptNode {
    switch (expr.type) {
      case 'String':
      case 'Number':
      case 'Boolean':
        return constant(expr.value, literalType(expr));
      case 'Null':
        return constant(null, 'null');
      case 'Field': {
        const { index, type } = this.slot(expr.path);
        return { evaluate: (env) => env[index] ?? null, type, constant: false };
      }
      case 'Unary': {
        const operand = this.compile(expr.operand);
        if (expr.op === '+') return operand;
        const f = operand.evaluate;
        return { evaluate: (env) => { const v = f(env); return typeof v === 'number' ? -v : null; }, type: operand.type, constant: operand.constant };
      }
      case 'Arithmetic': {
        const left = this.compile(expr.left);
        const right = this.compile(expr.right);
        const impl = arithmeticImpl(expr.op, left.type, right.type);
        const l = left.evaluate;
        const r = right.evaluate;
        return { evaluate: (env) => impl(l(env), r(env)), type: arithmeticType(left.type, right.type), constant: left.constant && right.constant };
      }
      case 'Not': {
        const operand = this.compile(expr.operand);
        const f = operand.evaluate;
        return { evaluate: (env) => not3(f(env)), type: 'boolean', constant: operand.constant };
      }
      case 'Logical': {
        const left = this.compile(expr.left);
        const right = this.compile(expr.right);
        const l = left.evaluate;
        const r = right.evaluate;
        const combine = expr.op === 'and' ? and3 : or3;
        return { evaluate: (env) => combine(l(env), r(env)), type: 'boolean', constant: left.constant && right.constant };
      }
      case 'Comparison':
        return this.comparison(expr.op, expr.left, expr.right);
      case 'In':
        return this.membership(expr);
      case 'Match':
        return this.match(expr);
      case 'Call':
        return this.call(expr);
    }
  }

  private comparison(op: ComparisonOp, leftExpr: Expression, rightExpr: Expression): ScriptNode {
    const left = this.compile(leftExpr);
    const right = this.compile(rightExpr);
    const constantBoth = left.constant && right.constant;
    const l = left.evaluate;
    const r = right.evaluate;
    // `x == null` / `x != null` are null checks (Optimizer.ReplaceNullChecks), not comparisons.
    if (op === '==' || op === '!=') {
      const nullSide = rightExpr.type === 'Null' ? l : leftExpr.type === 'Null' ? r : undefined;
      if (nullSide) {
        const want = op === '==';
        return { evaluate: (env) => (nullSide(env) === null) === want, type: 'boolean', constant: constantBoth };
      }
    }
    const test = comparisonResultTest(op);
    return {
      evaluate: (env) => {
        const c = scriptCompare(l(env), r(env));
        return c === undefined ? null : test(c);
      },
      type: 'boolean',
      constant: constantBoth,
    };
  }

  private membership(expr: Extract<Expression, { type: 'In' }>): ScriptNode {
    const value = this.compile(expr.value);
    const items = expr.list.map((e) => this.compile(e));
    const v = value.evaluate;
    const evals = items.map((i) => i.evaluate);
    const ci = expr.caseInsensitive;
    const equal = ci
      ? (a: unknown, b: unknown) => typeof a === 'string' && typeof b === 'string' && javaEqualsIgnoreCase(a, b)
      : (a: unknown, b: unknown) => scriptCompare(a, b) === 0;
    const evaluate = (env: Env): boolean | null => {
      const x = v(env);
      if (x === null) return null;
      for (const e of evals) if (equal(x, e(env))) return true;
      return false;
    };
    const constantAll = value.constant && items.every((i) => i.constant);
    return { evaluate: expr.negated ? (env) => not3(evaluate(env)) : evaluate, type: 'boolean', constant: constantAll };
  }

  private match(expr: Extract<Expression, { type: 'Match' }>): ScriptNode {
    const value = this.compile(expr.value);
    const patterns = patternStrings(expr.patterns.map((p) => this.compile(p)), expr.patterns, expr.op);
    const tests = this.scriptMatchers(expr.op, patterns, expr.patterns);
    const v = value.evaluate;
    return {
      evaluate: (env) => {
        const x = v(env);
        if (typeof x !== 'string') return null;
        for (const t of tests) if (t(x)) return true;
        return false;
      },
      type: 'boolean',
      constant: value.constant,
    };
  }

  /** Matchers as a script runs `:`, `like[~]`, `regex[~]` on a computed value. */
  private scriptMatchers(op: string, patterns: ReadonlyArray<string | null>, exprs: readonly Expression[]): Array<(s: string) => boolean> {
    const present = patterns.filter((p): p is string => p !== null);
    const range: Range = [exprs[0]?.range[0] ?? 0, exprs[exprs.length - 1]?.range[1] ?? 0];
    if (op === 'regex' || op === 'regex~') {
      if (present.length === 0) return [];
      return [compileRegex(present.join('|'), op === 'regex~', range)];
    }
    return present.map((p) => {
      if (op === ':' && !hasWildcard(p)) return (s: string) => javaEqualsIgnoreCase(s, p);
      const re = RE2JS.compile(wildcardToJavaRegex(p, op !== 'like'));
      return (s: string) => re.testExact(s);
    });
  }

  private call(expr: Extract<Expression, { type: 'Call' }>): ScriptNode {
    const spec = lookupFunction(expr.name);
    if (!spec) fail(EngineCodes.UnknownFunction, `Unknown function [${expr.name}]`, expr.range);
    if (expr.caseInsensitive && !spec.caseAware) {
      fail(EngineCodes.NotCaseAware, `function [${spec.name}] has no case-insensitive (~) form`, expr.range);
    }
    const n = expr.args.length;
    if (n < spec.minArgs || n > spec.maxArgs) {
      const expected = spec.maxArgs === Infinity ? `at least ${spec.minArgs}` : spec.minArgs === spec.maxArgs ? `${spec.minArgs}` : `${spec.minArgs} to ${spec.maxArgs}`;
      fail(EngineCodes.FunctionArity, `error building [${spec.name}]: expects ${expected} argument(s), found ${n}`, expr.range);
    }
    const args = expr.args.map((a) => this.compile(a));
    const infos: ArgInfo[] = args.map((a, i) => ({
      type: a.type,
      constant: a.constant,
      ...(a.constant ? { value: a.evaluate([]) } : {}),
      range: expr.args[i]?.range ?? expr.range,
    }));
    const site = { name: spec.name, caseInsensitive: expr.caseInsensitive, args: infos, range: expr.range };
    const impl: FunctionImpl = spec.build(site);
    const evals = args.map((a) => a.evaluate);
    const evaluate = evals.length === 1
      ? (env: Env) => impl([evals[0]?.(env)])
      : evals.length === 2
        ? (env: Env) => impl([evals[0]?.(env), evals[1]?.(env)])
        : (env: Env) => impl(evals.map((e) => e(env)));
    return { evaluate, type: spec.returns(site), constant: args.every((a) => a.constant) };
  }
}
