import { describe, expect, it } from 'vitest';
import type { Expression, Node } from './ast.js';
import { parse, parseExpression } from './parse.js';
import { childNodes, firstField, maxDepth } from './tree.js';

const expr = (text: string) => parseExpression(text).ast as Expression;

describe('tree helpers', () => {
  it('list children in source order', () => {
    expect(childNodes(expr('f(a, 1, "x")')).map((c) => c.type)).toEqual(['Field', 'Number', 'String']);
  });

  it('measure depth without recursion, even for very deep trees', () => {
    expect(maxDepth(expr('a'))).toBe(1);
    expect(maxDepth(expr('not not a'))).toBe(3);
    let deep: Expression = { type: 'Null', range: [0, 0] };
    for (let i = 0; i < 100_000; i++) deep = { type: 'Not', operand: deep, range: [0, 0] };
    expect(maxDepth(deep, 500)).toBe(500);
  });

  it('find the first field, optionally skipping ?optional ones', () => {
    expect(firstField(expr('1 + length(x)'))).toMatchObject({ type: 'Field', name: 'x' });
    expect(firstField(expr('concat(?y, "a")'), true)).toBeUndefined();
    expect(firstField(expr('concat(?y, "a")'))).toMatchObject({ name: 'y', optional: true });
  });

  it('reach every node of every kind, children inside their parent and in source order', () => {
    const queries = [
      'sequence by user with maxspan=5m [process where a in ("x", 1) and not b : ("p*", "q")] by pid with runs=2 ![file where -n + 2 * 3 > length(c)] [network where ?d == null] until [process where e like~ "z"] | head 3 | tail 1',
      'sample by host [any where true] [any where f != 1.5]',
      'process where x regex "a.*" or y == false',
    ];
    const seen = new Set<string>();
    const depthOf = (n: Node): number => 1 + Math.max(0, ...childNodes(n).map(depthOf));
    for (const q of queries) {
      const ast = parse(q).ast as Node;
      expect(ast, q).toBeDefined();
      const visit = (node: Node) => {
        seen.add(node.type);
        let previous = node.range[0];
        for (const child of childNodes(node)) {
          expect(child.range[0], `${child.type} in ${node.type}`).toBeGreaterThanOrEqual(previous);
          expect(child.range[1], `${child.type} in ${node.type}`).toBeLessThanOrEqual(node.range[1]);
          previous = child.range[0];
          visit(child);
        }
      };
      visit(ast);
      expect(maxDepth(ast), q).toBe(depthOf(ast));
      expect(maxDepth(ast, 3), q).toBe(3);
    }
    expect([...seen].sort()).toEqual(
      ['Arithmetic', 'Boolean', 'Call', 'Category', 'Comparison', 'EventFilter', 'EventQuery', 'Field', 'In', 'Logical', 'Match', 'Not', 'Null', 'Number', 'Pipe', 'SampleQuery', 'SequenceQuery', 'Statement', 'String', 'Term', 'TimeSpan', 'Unary'].sort(),
    );
  });
});
