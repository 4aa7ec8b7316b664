import { describe, expect, it } from 'vitest';
import type { Node } from './ast.js';
import { isExpression, isLiteral, isNode, isQuery } from './guards.js';
import { parse } from './parse.js';

describe('node guards', () => {
  const statement = parse('process where length(x) > 1 | head 1').ast as Node;
  const query = statement.type === 'Statement' ? statement.query : undefined;
  const condition = query?.type === 'EventQuery' ? query.filter.condition : undefined;

  it('narrow by tag', () => {
    expect(isNode(statement, 'Statement')).toBe(true);
    expect(isNode(condition, 'Comparison')).toBe(true);
    expect(isNode(condition, 'Call')).toBe(false);
  });

  it('recognise the abstract kinds', () => {
    expect(isQuery(query)).toBe(true);
    expect(isExpression(condition)).toBe(true);
    expect(isExpression(query)).toBe(false);
    expect(isLiteral(condition?.type === 'Comparison' ? condition.right : undefined)).toBe(true);
    expect(isLiteral(undefined)).toBe(false);
  });

  it('say no to undefined and to nodes of other kinds', () => {
    expect(isNode(undefined, 'Call')).toBe(false);
    expect(isExpression(undefined)).toBe(false);
    expect(isQuery(undefined)).toBe(false);
    expect(isQuery(statement)).toBe(false);
    expect(isQuery(condition)).toBe(false);
    expect(isExpression(statement)).toBe(false);
    expect(isLiteral(condition)).toBe(false);
  });
});
