import type { ArithmeticOp } from '@eqlkit/parser';
import { isIntegral, type CallSite, type FunctionSpec, type StaticType } from './function-spec.js';

/**
 * `a op b` as Elasticsearch computes it: null (or a non-number) in, null out; two integers stay
 * integral (`/` truncates toward zero, `%` keeps the dividend's sign, as Java); otherwise IEEE
 * doubles. Division or remainder by zero gives null here (Elasticsearch fails the query for
 * integers and yields Infinity/NaN for doubles; an in-memory filter treats it as no value).
 */
export function arithmetic(op: ArithmeticOp, a: unknown, b: unknown, integral: boolean): number | null {
  if (typeof a !== 'number' || typeof b !== 'number') return null;
  switch (op) {
    case '+':
      return a + b;
    case '-':
      return a - b;
    case '*':
      return a * b;
    case '/':
      if (b === 0) return null;
      return integral ? Math.trunc(a / b) : a / b;
    case '%':
      if (b === 0) return null;
      return a % b;
  }
}

/** The static type of `a op b`. */
export function arithmeticType(left: StaticType, right: StaticType): StaticType {
  if (left === 'null' || right === 'null') return 'null';
  if (left === 'int' && right === 'int') return 'int';
  if (left === 'double' || right === 'double') return 'double';
  return 'any';
}

/** Build the evaluator for `a op b` given the operands' static types. */
export function arithmeticImpl(op: ArithmeticOp, left: StaticType, right: StaticType): (a: unknown, b: unknown) => number | null {
  const type = arithmeticType(left, right);
  if (type === 'int') return (a, b) => arithmetic(op, a, b, true);
  if (type === 'double') return (a, b) => arithmetic(op, a, b, false);
  return (a, b) =>
    typeof a === 'number' && typeof b === 'number' ? arithmetic(op, a, b, isIntegral(left, a) && isIntegral(right, b)) : null;
}

function spec(name: string, op: ArithmeticOp): FunctionSpec {
  const types = (site: CallSite): [StaticType, StaticType] => [site.args[0]?.type ?? 'any', site.args[1]?.type ?? 'any'];
  return {
    name,
    minArgs: 2,
    maxArgs: 2,
    caseAware: false,
    returns: (site) => arithmeticType(...types(site)),
    build: (site) => {
      const impl = arithmeticImpl(op, ...types(site));
      return (args) => impl(args[0], args[1]);
    },
  };
}

/** `add`, `subtract`, `multiply`, `divide`, `modulo`: the operators as functions. */
export const arithmeticFunctions: readonly FunctionSpec[] = [
  spec('add', '+'),
  spec('subtract', '-'),
  spec('multiply', '*'),
  spec('divide', '/'),
  spec('modulo', '%'),
];
