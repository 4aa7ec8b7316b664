import { describe, expect, it } from 'vitest';
import { FUNCTIONS, isConstantArgument, lookupFunction } from './functions.js';

describe('function catalogue', () => {
  it('lists the 16 Elasticsearch EQL functions', () => {
    expect(FUNCTIONS.map((f) => f.name)).toEqual([
      'add', 'between', 'cidrMatch', 'concat', 'divide', 'endsWith', 'indexOf', 'length', 'modulo', 'multiply',
      'number', 'startsWith', 'string', 'stringContains', 'substring', 'subtract',
    ]);
  });

  it('finds functions case-insensitively', () => {
    expect(lookupFunction('CIDRMATCH')?.name).toBe('cidrMatch');
    expect(lookupFunction('arrayContains')).toBeUndefined();
  });

  it('allows ~ only on the case-aware string functions', () => {
    expect(FUNCTIONS.filter((f) => f.caseInsensitive).map((f) => f.name)).toEqual([
      'between', 'endsWith', 'indexOf', 'startsWith', 'stringContains',
    ]);
  });

  it('marks constant-only arguments', () => {
    const between = lookupFunction('between')!;
    const cidr = lookupFunction('cidrMatch')!;
    expect([0, 1, 2, 3].map((i) => isConstantArgument(between, i))).toEqual([false, false, false, true]);
    expect([0, 1, 2, 5].map((i) => isConstantArgument(cidr, i))).toEqual([false, true, true, true]);
  });
});
