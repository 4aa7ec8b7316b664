import { describe, expect, it } from 'vitest';
import type { Expression } from './ast.js';
import { parseExpression } from './parse.js';
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
});
