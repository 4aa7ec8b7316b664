import type { Category, EventFilter, Expression, FieldRef, Node, NumberLiteral, Query, Term } from './ast.js';
import { KEYWORDS } from './lexer.js';
import { Level } from './precedence.js';


function level(expr: Expression): Level {
  switch (expr.type) {
    case 'Logical':
      return expr.op === 'or' ? Level.Or : Level.And;
    case 'Not':
      return Level.Not;
    case 'Comparison':
      return Level.Comparison;
    case 'Arithmetic':
      return expr.op === '+' || expr.op === '-' ? Level.Additive : Level.Multiplicative;
    case 'Unary':
      return Level.Unary;
    case 'In':
    case 'Match':
      return Level.Predicate;
    default:
      return Level.Primary;
  }
}

/**
 * Canonical EQL for any node: minimal parentheses, strings re-escaped, raw strings kept raw when
 * they can be. `parse(print(ast))` gives the same tree (without ranges) for every parsed tree.
 */
export function print(node: Node): string {
  switch (node.type) {
    case 'Statement':
      return [printQuery(node.query), ...node.pipes.map((p) => `| ${p.name} ${p.count}`)].join('\n');
    case 'EventQuery':
    case 'SequenceQuery':
    case 'SampleQuery':
      return printQuery(node);
    case 'Term':
      return printTerm(node);
    case 'EventFilter':
      return printFilter(node);
    case 'Category':
      return printCategory(node);
    case 'TimeSpan':
      return `${node.value}${node.unit}`;
    case 'Pipe':
      return `| ${node.name} ${node.count}`;
    default:
      return printExpression(node);
  }
}

function printQuery(query: Query): string {
  if (query.type === 'EventQuery') return printFilter(query.filter);
  let head = query.type === 'SequenceQuery' ? 'sequence' : 'sample';
  if (query.by.length > 0) head += ` by ${printKeys(query.by)}`;
  if (query.type === 'SequenceQuery' && query.maxspan) head += ` with maxspan=${query.maxspan.value}${query.maxspan.unit}`;
  const lines = [head, ...query.terms.map((t) => `  ${printTerm(t)}`)];
  if (query.type === 'SequenceQuery' && query.until) lines.push(`until ${printTerm(query.until)}`);
  return lines.join('\n');
}

function printTerm(term: Term): string {
  let text = `${term.missing ? '![' : '['}${printFilter(term.filter)}]`;
  if (term.by.length > 0) text += ` by ${printKeys(term.by)}`;
  if (term.runs !== undefined) text += ` with runs=${term.runs}`;
  return text;
}

function printKeys(keys: readonly FieldRef[]): string {
  return keys.map(printField).join(', ');
}

function printFilter(filter: EventFilter): string {
  return `${printCategory(filter.category)} where ${printExpression(filter.condition)}`;
}

function printCategory(category: Category): string {
  if (category.any) return 'any';
  const name = category.name ?? '';
  if (category.quoted === 'raw' && canPrintRaw(name)) return `"""${name}"""`;
  if (category.quoted === 'none' && isPlainIdentifier(name)) return name;
  return quoteString(name);
}

/** Prints `expr`, parenthesised when its level is below `min`. */
function operand(expr: Expression, min: Level): string {
  const text = printExpression(expr);
  return level(expr) < min ? `(${text})` : text;
}

function printExpression(expr: Expression): string {
  switch (expr.type) {
    case 'String':
      return expr.raw && canPrintRaw(expr.value) ? `"""${expr.value}"""` : quoteString(expr.value);
    case 'Number':
      return printNumber(expr);
    case 'Boolean':
      return expr.value ? 'true' : 'false';
    case 'Null':
      return 'null';
    case 'Field':
      return printField(expr);
    case 'Call':
      return `${expr.name}${expr.caseInsensitive ? '~' : ''}(${expr.args.map(printExpression).join(', ')})`;
    case 'Unary':
      return `${expr.op}${spaceIfSign(operand(expr.operand, Level.Unary))}`;
    case 'Arithmetic': {
      const min = level(expr);
      return `${operand(expr.left, min)} ${expr.op} ${operand(expr.right, min + 1)}`;
    }
    case 'Comparison':
      return `${operand(expr.left, Level.Additive)} ${expr.op} ${operand(expr.right, Level.Additive)}`;
    case 'Logical': {
      const min = level(expr);
      return `${operand(expr.left, min)} ${expr.op} ${operand(expr.right, min + 1)}`;
    }
    case 'Not':
      return `not ${operand(expr.operand, Level.Not)}`;
    case 'In': {
      const op = `${expr.negated ? 'not ' : ''}${expr.caseInsensitive ? 'in~' : 'in'}`;
      return `${operand(expr.value, Level.Primary)} ${op} (${expr.list.map(printExpression).join(', ')})`;
    }
    case 'Match': {
      const value = operand(expr.value, Level.Primary);
      const only = expr.patterns[0];
      const patterns =
        !expr.list && expr.patterns.length === 1 && only && isPatternValue(only)
          ? printExpression(only)
          : `(${expr.patterns.map(printExpression).join(', ')})`;
      return `${value} ${expr.op} ${patterns}`;
    }
  }
}

/** `- -x` and `- +x`: a space keeps two signs from reading as one token sequence a human trips on. */
function spaceIfSign(text: string): string {
  return text.startsWith('-') || text.startsWith('+') ? ` ${text}` : text;
}

/** What the grammar accepts as a single pattern without parentheses. */
function isPatternValue(expr: Expression): boolean {
  return expr.type === 'String' || expr.type === 'Number' || expr.type === 'Boolean' || expr.type === 'Null' || expr.type === 'Field' || expr.type === 'Call';
}

function printNumber(n: NumberLiteral): string {
  if (n.integer && Number.isInteger(n.value)) return BigInt(n.value).toString();
  const text = String(n.value);
  return /[.eE]/.test(text) || !/^\d+$/.test(text) ? text : `${text}.0`;
}

const IDENTIFIER = /^[A-Za-z_@][A-Za-z0-9_]*$/;

function isPlainIdentifier(name: string): boolean {
  return IDENTIFIER.test(name) && !KEYWORDS.has(name);
}

function printField(field: FieldRef): string {
  const path = field.path.map((segment) => (isPlainIdentifier(segment) ? segment : `\`${segment.replace(/`/g, '``')}\``));
  return `${field.optional ? '?' : ''}${path.join('.')}`;
}

/** A raw string ends at the first `"""` and holds no line break. */
function canPrintRaw(value: string): boolean {
  return !value.includes('"""') && !/[\r\n]/.test(value);
}

const ESCAPES: Readonly<Record<string, string>> = { '\n': '\\n', '\r': '\\r', '\t': '\\t', '\\': '\\\\', '"': '\\"' };

/** A double-quoted EQL string; control characters become `\u{XX}` escapes. */
export function quoteString(value: string): string {
  let out = '"';
  for (const ch of value) {
    const escape = ESCAPES[ch];
    if (escape !== undefined) out += escape;
    else if (ch < ' ' || ch === '\u007f') out += `\\u{${(ch.codePointAt(0) ?? 0).toString(16).padStart(2, '0')}}`;
    else out += ch;
  }
  return `${out}"`;
}
