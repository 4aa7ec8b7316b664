import { parseExpression } from '@eqlkit/parser';
import { describe, expect, it } from 'vitest';
import { foldConstant } from '../constant-fold.js';

const fold = (text: string) => foldConstant(parseExpression(text).ast ?? { type: 'Null', range: [0, 0] });

describe('string', () => {
  it('string() prints as Java', () => {
    expect(fold('string(1)')).toBe('1');
    expect(fold('string(2.0)')).toBe('2.0');
    expect(fold('string(1e20)')).toBe('1.0E20');
    expect(fold('string(false)')).toBe('false');
  });
});
