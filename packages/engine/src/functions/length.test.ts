import { parseExpression } from '@eqlkit/parser';
import { describe, expect, it } from 'vitest';
import { foldConstant } from '../constant-fold.js';

const fold = (text: string) => foldConstant(parseExpression(text).ast ?? { type: 'Null', range: [0, 0] });

describe('length', () => {
  it('counts UTF-16 units', () => {
    expect(fold('length("\u{1F600}")')).toBe(2);
    expect(fold('length("")')).toBe(0);
    expect(fold('length(null)')).toBeNull();
  });
});
