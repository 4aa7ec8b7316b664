import type { Expression, Node } from './ast.js';

/** The direct child nodes of any AST node, in source order. */
export function childNodes(node: Node): Node[] {
  switch (node.type) {
    case 'String':
    case 'Number':
    case 'Boolean':
    case 'Null':
    case 'Field':
    case 'Category':
    case 'TimeSpan':
    case 'Pipe':
      return [];
    case 'Call':
      return [...node.args];
    case 'Unary':
    case 'Not':
      return [node.operand];
    case 'Arithmetic':
    case 'Comparison':
    case 'Logical':
      return [node.left, node.right];
    case 'In':
      return [node.value, ...node.list];
    case 'Match':
      return [node.value, ...node.patterns];
    case 'EventFilter':
      return [node.category, node.condition];
    case 'EventQuery':
      return [node.filter];
    case 'Term':
      return [node.filter, ...node.by];
    case 'SequenceQuery':
      return [...node.by, ...(node.maxspan ? [node.maxspan] : []), ...node.terms, ...(node.until ? [node.until] : [])];
    case 'SampleQuery':
      return [...node.by, ...node.terms];
    case 'Statement':
      return [node.query, ...node.pipes];
  }
}

/** Depth of the tree (a leaf is 1), computed without recursion; stops counting at `cap`. */
export function maxDepth(root: Node, cap = Infinity): number {
  let deepest = 0;
  const stack: [Node, number][] = [[root, 1]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop() as [Node, number];
    if (depth > deepest) {
      deepest = depth;
      if (deepest >= cap) return deepest;
    }
    for (const child of childNodes(node)) stack.push([child, depth + 1]);
  }
  return deepest;
}

/**
 * The first field reference in `expr` (iterative), or undefined. Optional fields (`?x`) are
 * skipped when `skipOptional` is set: an unmapped optional field is a null constant to
 * Elasticsearch, so `?x == ?y` passes its verifier.
 */
export function firstField(expr: Expression, skipOptional = false): Expression | undefined {
  // Most operands are leaves (list members, literals): answer those without allocating.
  switch (expr.type) {
    case 'String':
    case 'Number':
    case 'Boolean':
    case 'Null':
      return undefined;
    case 'Field':
      return skipOptional && expr.optional ? undefined : expr;
    default:
      break;
  }
  const stack: Node[] = [expr];
  while (stack.length > 0) {
    const node = stack.pop() as Node;
    if (node.type === 'Field' && !(skipOptional && node.optional)) return node;
    for (const child of childNodes(node)) stack.push(child);
  }
  return undefined;
}
