import type { Expression } from '@eqlkit/parser';
import { ScriptCompiler } from './compile-script.js';

/** True when the expression reads no field, so it has one value for every event. */
export function isConstantExpression(expr: Expression): boolean {
  switch (expr.type) {
    case 'Field':
      return false;
    case 'String':
    case 'Number':
    case 'Boolean':
    case 'Null':
      return true;
    case 'Unary':
    case 'Not':
      return isConstantExpression(expr.operand);
    case 'Arithmetic':
    case 'Comparison':
    case 'Logical':
      return isConstantExpression(expr.left) && isConstantExpression(expr.right);
    case 'In':
      return isConstantExpression(expr.value) && expr.list.every(isConstantExpression);
    case 'Match':
      return isConstantExpression(expr.value) && expr.patterns.every(isConstantExpression);
    case 'Call':
      return expr.args.every(isConstantExpression);
  }
}

/**
 * The value of a literal-only expression, as Elasticsearch's optimizer folds it: the functions'
 * own semantics, integer arithmetic, three-valued `and`/`or`/`not`; `null` for SQL-null.
 * Throws `EqlError` for what is invalid at compile time (unknown function, bad regex) and a
 * plain `Error` when the expression reads a field.
 */
export function foldConstant(expr: Expression): unknown {
  if (!isConstantExpression(expr)) throw new Error('foldConstant: the expression reads a field');
  return new ScriptCompiler().compile(expr).evaluate([]);
}
