import type { Expression, Literal, Node, Query } from './ast.js';

/** Narrows a node by its `type` tag: `isNode(n, 'Call')` gives a `FunctionCall`. */
export function isNode<T extends Node['type']>(node: Node | undefined, type: T): node is Extract<Node, { type: T }> {
  return node?.type === type;
}

const LITERAL_TYPES: ReadonlySet<string> = new Set(['String', 'Number', 'Boolean', 'Null']);
const EXPRESSION_TYPES: ReadonlySet<string> = new Set([
  ...LITERAL_TYPES,
  'Field',
  'Call',
  'Unary',
  'Arithmetic',
  'Comparison',
  'In',
  'Match',
  'Not',
  'Logical',
]);
const QUERY_TYPES: ReadonlySet<string> = new Set(['EventQuery', 'SequenceQuery', 'SampleQuery']);

/** A string, number, boolean or null literal. */
export function isLiteral(node: Node | undefined): node is Literal {
  return node !== undefined && LITERAL_TYPES.has(node.type);
}

/** Any expression node. */
export function isExpression(node: Node | undefined): node is Expression {
  return node !== undefined && EXPRESSION_TYPES.has(node.type);
}

/** An event, sequence or sample query. */
export function isQuery(node: Node | undefined): node is Query {
  return node !== undefined && QUERY_TYPES.has(node.type);
}
