import { parseExpression } from '@eqlkit/parser';
import { describe, expect, it } from 'vitest';
import { foldConstant } from '../constant-fold.js';

const fold = (text: string) => foldConstant(parseExpression(text).ast ?? { type: 'Null', range: [0, 0] });

describe('concat', () => {
  it('concatenates Java string forms; any null gives null', () => {
    expect(fold('concat(5, "::", 3)')).toBe('5::3');
    expect(fold('concat("a", 1.0, false)')).toBe('a1.0false');
    expect(fold('concat("x", null)')).toBeNull();
  });
});
