import { parseExpression } from '@eqlkit/parser';
import { describe, expect, it } from 'vitest';
import { foldConstant } from '../constant-fold.js';

const fold = (text: string) => foldConstant(parseExpression(text).ast ?? { type: 'Null', range: [0, 0] });

describe('indexOf', () => {
  it('follows Java String.indexOf with null/negative/large starts', () => {
    expect(fold('indexOf("foobarbaz", "o", null)')).toBe(1);
    expect(fold('indexOf("foobarbaz", "o", -5)')).toBe(1);
    expect(fold('indexOf("abc", "b", 5)')).toBeNull();
    expect(fold('indexOf("abc", "", 5)')).toBe(3);
    expect(fold('indexOf("abc", "", 1)')).toBe(1);
    expect(fold('indexOf~("ABC", "c")')).toBe(2);
    expect(fold('indexOf("abc", "z")')).toBeNull();
  });
});
