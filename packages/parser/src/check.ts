import type { Expression, FunctionCall, MatchExpression, Node, Range, Statement } from './ast.js';
import { DiagnosticCode } from './codes.js';
import type { DiagnosticSink } from './diagnostic-sink.js';
import { didYouMean } from './did-you-mean.js';
import { FUNCTIONS, isConstantArgument, lookupFunction } from './functions.js';
import { childNodes, firstField } from './tree.js';

const FUNCTION_NAMES = FUNCTIONS.map((f) => f.name);

/** Python EQL functions Elasticsearch does not have, with what to write instead. */
const PYTHON_FUNCTION_HINTS: Readonly<Record<string, string>> = {
  wildcard: 'match wildcards with `field : "a*"` or `field like~ ("a*", "b?")`',
  match: 'match regular expressions with `field regex "..."` or `regex~`',
  matchlite: 'match regular expressions with `field regex "..."` or `regex~`',
  arraycontains: 'a comparison on a multi-valued field matches when any element matches: `field == "v"`, `field in ("a", "b")`',
  arraysearch: 'a condition on a multi-valued field matches when any element matches; there is no per-element variable',
  arraycount: 'counting array elements is not supported',
  safe: 'drop `safe(...)`: a function over a missing or wrong value gives null, which does not match',
};

/**
 * Semantic checks that need no data (Elasticsearch's verifier rules that hold whatever the
 * mapping): functions, field-to-field comparisons, constant patterns, literal conditions. Only run
 * on trees whose depth was bounded, so plain recursion is safe.
 */
export function checkStatement(statement: Statement, sink: DiagnosticSink): void {
  visit(statement, sink);
}

/** The same checks for a bare expression. */
export function checkExpression(expression: Expression, sink: DiagnosticSink): void {
  visit(expression, sink);
}

function visit(node: Node, sink: DiagnosticSink): void {
  switch (node.type) {
    case 'String':
    case 'Number':
    case 'Boolean':
    case 'Null':
    case 'Field':
      return;
    case 'Call':
      checkCall(node, sink);
      break;
    case 'Comparison': {
      if (firstField(node.left, true)) {
        const offender = firstField(node.right, true);
        if (offender) reportFieldComparison(offender, node.op, sink);
      }
      break;
    }
    case 'In':
      if (node.list.length === 0) {
        sink.report(DiagnosticCode.EmptyList, 'expected at least one value in the list', node.range, 'write at least one value: `x in ("a")`');
      }
      for (const item of node.list) {
        const offender = firstField(item, true);
        if (offender) reportFieldComparison(offender, node.negated ? 'not in' : 'in', sink);
      }
      if (node.caseInsensitive) checkStringOperands(node.value, node.list, 'in~', sink);
      break;
    case 'Match':
      if (node.patterns.length === 0) {
        sink.report(DiagnosticCode.EmptyList, 'expected at least one pattern in the list', node.range);
      }
      for (const pattern of node.patterns) {
        // A method call was reported whole; its arity would only repeat the same mistake.
        if (checkPattern(node, pattern, sink) === 'method') {
          visit(node.value, sink);
          return;
        }
      }
      checkStringOperands(node.value, node.patterns, node.op, sink);
      break;
    case 'EventFilter':
      if (node.condition.type === 'Number' || node.condition.type === 'String') {
        sink.report(
          DiagnosticCode.NonBooleanCondition,
          `Condition expression needs to be boolean, found [${node.condition.type === 'Number' ? 'number' : 'string'}]`,
          node.condition.range,
          'write a predicate, e.g. `any where true`',
        );
      }
      break;
    default:
      break;
  }
  for (const child of childNodes(node)) visit(child, sink);
}

/** Elasticsearch's grammar takes only literals after `:`, `like` and `regex`. */
function checkPattern(match: MatchExpression, pattern: Expression, sink: DiagnosticSink): 'ok' | 'method' | 'error' {
  if (isLiteral(pattern)) return 'ok';
  const fn = pattern.type === 'Call' ? lookupFunction(pattern.name) : undefined;
  if (!match.list && fn && pattern.type === 'Call' && match.op === ':' && pattern.args.length < fn.minArgs) {
    sink.report(
      DiagnosticCode.LegacyMethodCall,
      `method syntax \`value:${fn.name}()\` is not supported`,
      [match.value.range[0], pattern.range[1]],
      `call the function with the value as its first argument: \`${fn.name}(value, ...)\``,
    );
    return 'method';
  }
  sink.report(
    DiagnosticCode.NonConstantPattern,
    `the right side of [${match.op}] must be a constant string, found [${describe(pattern)}]`,
    pattern.range,
    firstField(pattern) ? 'compare a field against constants only' : 'write the pattern as a string literal',
  );
  return 'error';
}

function isLiteral(expr: Expression): boolean {
  return expr.type === 'String' || expr.type === 'Number' || expr.type === 'Boolean' || expr.type === 'Null';
}

function checkCall(call: FunctionCall, sink: DiagnosticSink): void {
  const nameRange: Range = [call.range[0], call.range[0] + call.name.length + (call.caseInsensitive ? 1 : 0)];
  const fn = lookupFunction(call.name);
  if (!fn) {
    const python = PYTHON_FUNCTION_HINTS[call.name.toLowerCase()];
    const suggestion = didYouMean(call.name, FUNCTION_NAMES);
    sink.report(
      DiagnosticCode.UnknownFunction,
      `Unknown function [${call.name}]`,
      nameRange,
      python ?? (suggestion ? `did you mean [${suggestion}]?` : `known functions: ${FUNCTION_NAMES.join(', ')}`),
    );
    return;
  }
  const count = call.args.length;
  if (count < fn.minArgs || count > fn.maxArgs) {
    const expects =
      fn.minArgs === fn.maxArgs
        ? `exactly ${fn.minArgs}`
        : fn.maxArgs === Infinity
          ? `at least ${fn.minArgs}`
          : `${fn.minArgs} to ${fn.maxArgs}`;
    sink.report(
      DiagnosticCode.WrongArity,
      `error building [${fn.name}]: expects ${expects} argument${fn.maxArgs === 1 ? '' : 's'}, found ${count}`,
      call.range,
    );
  }
  if (call.caseInsensitive && !fn.caseInsensitive) {
    sink.report(
      DiagnosticCode.CaseInsensitiveNotAllowed,
      `function [${fn.name}] does not have a case-insensitive form \`${fn.name}~\``,
      nameRange,
      'only between, endsWith, indexOf, startsWith and stringContains take `~`',
    );
  }
  call.args.forEach((arg, index) => {
    if (isConstantArgument(fn, index) && firstField(arg)) {
      sink.report(
        DiagnosticCode.ConstantArgumentRequired,
        `argument ${index + 1} of [${fn.name}] must be a constant, found [${describe(arg)}]`,
        arg.range,
      );
    }
  });
}

/** `:`, `in~`, `like`, `regex` work on strings: a number or boolean literal on either side is an error. */
function checkStringOperands(value: Expression, patterns: readonly Expression[], op: string, sink: DiagnosticSink): void {
  for (const operand of [value, ...patterns]) {
    if (operand.type === 'Number' || operand.type === 'Boolean') {
      sink.report(
        DiagnosticCode.StringOperandRequired,
        `[${op}] needs string operands, found [${describe(operand)}]`,
        operand.range,
        op === ':' || op === 'in~' ? 'consider using [==] or [in] instead' : undefined,
      );
    }
  }
}

function reportFieldComparison(offender: Expression, op: string, sink: DiagnosticSink): void {
  sink.report(
    DiagnosticCode.FieldComparedWithField,
    `Comparisons against fields are not (currently) supported; offender [${describe(offender)}] in [${op}]`,
    offender.range,
    'compare each field against constants',
  );
}

function describe(expr: Expression): string {
  switch (expr.type) {
    case 'Field':
      return expr.name;
    case 'Number':
    case 'Boolean':
      return String(expr.value);
    case 'String':
      return JSON.stringify(expr.value);
    case 'Null':
      return 'null';
    case 'Call':
      return `${expr.name}(...)`;
    default:
      return 'expression';
  }
}
